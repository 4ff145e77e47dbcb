"""Social structures (CCAS, centres sociaux…) and the people who belong to them."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from lab.choices import Gender, PersonRole, StructureKind
from lab.infra.phones import PhoneNumberField, format_phone


class Structure(index.Indexed, models.Model):
    """A structure taking part in programmes: CCAS, centre social, association, fédération…"""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=200, unique=True, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=StructureKind.choices)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    phone = PhoneNumberField(_("téléphone"), blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    territory = models.ForeignKey(
        "lab.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="structures",
    )
    programmes = models.ManyToManyField(
        "lab.ProgrammePage",
        verbose_name=_("programmes"),
        blank=True,
        related_name="structures",
        help_text=_("Les programmes auxquels la structure participe."),
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("id"),  # lab.scope narrows searched lists with pk__in
    ]

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                Lower("city"),
                name="unique_structure_name_city",
                violation_error_message=_("Une structure de ce nom existe déjà dans cette ville."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.name)[:190] or "structure"
            slug, n = base, 2
            while Structure.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, n = f"{base}-{n}", n + 1
            self.slug = slug
        super().save(*args, **kwargs)

    @property
    def phone_display(self):
        return format_phone(self.phone)

    @property
    def full_address(self):
        return ", ".join(part for part in [self.address, f"{self.postcode} {self.city}".strip()] if part)

    def get_absolute_url(self):
        return reverse("structure_detail", kwargs={"slug": self.slug})


class Person(index.Indexed, models.Model):
    """A participant: agent, élu, bénévole, habitant… of a structure."""

    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("courriel"), blank=True)
    phone = PhoneNumberField(_("téléphone"), blank=True)
    structure = models.ForeignKey(
        Structure, verbose_name=_("structure"), on_delete=models.PROTECT, related_name="people"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=PersonRole.choices)
    gender = models.CharField(
        _("genre"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        default=Gender.UNKNOWN,
        help_text=_("Facultatif, pour les indicateurs demandés par les financeurs."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte utilisateur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    search_fields = [
        index.SearchField("last_name"),
        index.SearchField("first_name"),
        index.AutocompleteField("last_name"),
        index.FilterField("structure"),
        index.FilterField("id"),  # lab.scope narrows searched lists with pk__in
    ]

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self):
        return str(self)
