from django import forms
from django.utils.translation import gettext_lazy as _


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire pour le financeur"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    file = forms.FileField(label=_("Fichier (facultatif si un fichier ou une page est déjà lié)"), required=False)


class ReviewForm(forms.Form):
    DECISIONS = [("validate", _("Valider")), ("send_back", _("Renvoyer pour reprise"))]
    decision = forms.ChoiceField(label=_("Décision"), choices=DECISIONS, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Commentaire (obligatoire pour renvoyer)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
