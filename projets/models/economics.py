"""The economic-model note of a prototype: how the solution lives after the funded operation."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

SECTION_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class EconomicModelNote(models.Model):
    """The « note de présentation du modèle économique » of a prototype, section by section.

    Each section is written in the admin; the PDF prints them in order, with the programme's publicity
    block, and says which ones are still to write. The fiche prototype links to it.
    """

    #: (field name, heading) in the order of the note.
    SECTIONS = (
        ("offer", _("L'offre")),
        ("beneficiaries", _("Les bénéficiaires")),
        ("costs", _("Les coûts")),
        ("resources", _("Les ressources")),
        ("partners", _("Les partenaires")),
        ("sustainability", _("La pérennité")),
    )

    prototype = models.OneToOneField(
        "projets.PrototypePage",
        verbose_name=_("fiche prototype"),
        on_delete=models.CASCADE,
        related_name="economic_note",
    )
    title = models.CharField(_("titre"), max_length=255)
    summary = models.TextField(_("en quelques lignes"), blank=True, max_length=1200)
    offer = RichTextField(
        _("l'offre"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("Ce qui est proposé, à qui, sous quelle forme."),
    )
    beneficiaries = RichTextField(
        _("les bénéficiaires"), blank=True, features=SECTION_FEATURES, help_text=_("Qui en profite, combien.")
    )
    costs = RichTextField(
        _("les coûts"), blank=True, features=SECTION_FEATURES, help_text=_("Ce que coûte le service chaque année.")
    )
    resources = RichTextField(
        _("les ressources"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("Qui paie : recettes, subventions, mise à disposition, bénévolat valorisé."),
    )
    partners = RichTextField(_("les partenaires"), blank=True, features=SECTION_FEATURES)
    sustainability = RichTextField(
        _("la pérennité"),
        blank=True,
        features=SECTION_FEATURES,
        help_text=_("Comment le service continue après l'opération, et qui le porte."),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("note de modèle économique")
        verbose_name_plural = _("notes de modèle économique")

    def __str__(self):
        return self.title

    def sections(self):
        """(heading, rich text or "") of each section, in order."""
        return [(heading, getattr(self, name)) for name, heading in self.SECTIONS]

    def clean(self):
        super().clean()
        if not any(strip_tags(getattr(self, name) or "").strip() for name, _heading in self.SECTIONS):
            raise ValidationError(
                _("Écrivez au moins une section (l'offre, les bénéficiaires, les coûts…) : une note vide ne dit rien.")
            )
