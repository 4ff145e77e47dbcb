from django import forms
from django.utils.translation import gettext_lazy as _

from lab.infra.upload_forms import document_field


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
