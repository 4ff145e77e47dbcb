from django import forms
from django.utils.translation import gettext_lazy as _

from lab.forms import mend_posted_editors
from lab.infra.upload_forms import document_field
from lab.scope import ScopedAdminForm


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire pour le financeur"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    # Stored as a Wagtail document: the same extensions and size limit as in Wagtail's own forms.
    file = document_field(label=_("Fichier (facultatif si un fichier ou une page est déjà lié)"), required=False)


class ReviewForm(forms.Form):
    DECISIONS = [("validate", _("Valider")), ("send_back", _("Renvoyer pour reprise"))]
    decision = forms.ChoiceField(label=_("Décision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Commentaire (obligatoire pour renvoyer)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class MendedAdminForm(ScopedAdminForm):
    """A scoped admin form whose rich text and StreamField inputs survive a forged or truncated POST."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mend_posted_editors(self)
        for formset in getattr(self, "formsets", {}).values():
            for form in formset.forms:
                mend_posted_editors(form)


class ReviewNarrativeForm(MendedAdminForm):
    """The bilan's narrative: each structure's paragraph must be about a structure of the programme, once."""

    def is_valid(self):
        valid = super().is_valid()  # the form, then the paragraphs' formset
        return self._check_paragraphs() and valid

    def _check_paragraphs(self):
        programme = getattr(self, "cleaned_data", {}).get("programme")
        formset = self.formsets.get("structure_paragraphs")
        if programme is None or formset is None:
            return True
        ok = True
        allowed = set(programme.structures.values_list("pk", flat=True))
        seen = set()
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            structure = data.get("structure")
            if structure is None or data.get("DELETE"):
                continue
            if structure.pk not in allowed:
                ok = False
                form.add_error(
                    "structure",
                    _("%(structure)s ne participe pas à ce programme : choisissez une de ses structures.")
                    % {"structure": structure.name},
                )
            elif structure.pk in seen:
                ok = False
                form.add_error("structure", _("Cette structure a déjà son paragraphe dans ce récit."))
            seen.add(structure.pk)
        return ok
