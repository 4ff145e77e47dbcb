"""Reference data shared by every programme: themes, funders and the territory tree."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from lab.choices import TERRITORY_LEVEL_RANK, FunderKind, TerritoryLevel


class Theme(index.Indexed, models.Model):
    """A thematic a structure works on (accueil, insertion, parentalité, e-administration…)."""

    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_theme_name",
                violation_error_message=_("Une thématique porte déjà ce nom."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class Funder(index.Indexed, models.Model):
    """A cofinanceur: the EU fund, the State, the Region, the CAF, a federation…"""

    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("sigle"), max_length=60, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=FunderKind.choices)
    website = models.URLField(_("site web"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [index.SearchField("name"), index.SearchField("short_name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("cofinanceur")
        verbose_name_plural = _("cofinanceurs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="unique_funder_name",
                violation_error_message=_("Un cofinanceur porte déjà ce nom."),
            )
        ]

    def __str__(self):
        return self.short_name or self.name


class TerritoryQuerySet(models.QuerySet):
    def with_descendants(self):
        """These territories and every territory below them (one query per level of the tree)."""
        ids = set(self.values_list("pk", flat=True))
        frontier = set(ids)
        model = self.model
        for _level in range(len(TERRITORY_LEVEL_RANK)):
            frontier = set(model.objects.filter(parent__in=frontier).values_list("pk", flat=True))
            frontier -= ids
            if not frontier:
                break
            ids |= frontier
        return model.objects.filter(pk__in=ids)


class Territory(index.Indexed, models.Model):
    """A node of the territory tree: région > département / EPCI > commune > quartier."""

    name = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant"), max_length=150, unique=True, blank=True)
    level = models.CharField(_("niveau"), max_length=20, choices=TerritoryLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("territoire parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    insee_code = models.CharField(
        _("code INSEE"),
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        error_messages={"unique": _("Un territoire porte déjà ce code INSEE.")},
    )
    is_qpv = models.BooleanField(
        _("quartier prioritaire (QPV)"),
        default=False,
        help_text=_("Quartier prioritaire de la politique de la ville."),
    )

    objects = TerritoryQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("level")]

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "parent",
                Lower("name"),
                name="unique_territory_name_in_parent",
                violation_error_message=_("Ce territoire existe déjà à cet endroit de l'arborescence."),
            )
        ]

    def __str__(self):
        return self.name

    def ancestors(self):
        """Parents from the nearest to the root; stops on a loop instead of spinning."""
        seen = {self.pk}
        node = self.parent
        result = []
        while node is not None and node.pk not in seen:
            result.append(node)
            seen.add(node.pk)
            node = node.parent
        return result

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.pk and (self.parent_id == self.pk or any(a.pk == self.pk for a in self.parent.ancestors())):
            raise ValidationError(
                {"parent": _("Un territoire ne peut pas être placé sous lui-même ni sous l'un de ses descendants.")}
            )
        if self.level and TERRITORY_LEVEL_RANK[self.parent.level] >= TERRITORY_LEVEL_RANK[self.level]:
            raise ValidationError(
                {
                    "parent": _(
                        "Un territoire de niveau « %(level)s » ne peut pas être placé sous « %(parent)s » (%(parent_level)s)."
                    )
                    % {
                        "level": self.get_level_display(),
                        "parent": self.parent.name,
                        "parent_level": self.parent.get_level_display(),
                    }
                }
            )

    def save(self, *args, **kwargs):
        self.insee_code = (self.insee_code or "").strip() or None
        if not self.slug:
            base = slugify(self.name)[:140] or "territoire"
            slug, n = base, 2
            while Territory.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)

    @property
    def path_label(self):
        """« Nord › Valenciennes Métropole › Denain »."""
        return " › ".join(t.name for t in [*reversed(self.ancestors()), self])
