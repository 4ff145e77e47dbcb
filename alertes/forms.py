"""Forms of the Alertes SMS module; every choice of group or member is limited to the structure."""

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alertes import services
from alertes.choices import REMINDER_DEFAULT_TEXTS, CampaignCategory, Recurrence, ReminderKind
from alertes.gsm import MAX_SEGMENTS, sms_length
from alertes.imports import FIELDS
from alertes.models import CONSENT_SENTENCE, Campaign, Group, Member, Reminder, StructureSettings
from alertes.pickers import MemberPickerField, MembersPickerField, PickerFormMixin
from lab.choices import StructureRoleKind
from lab.infra.phones import check_mobile, normalize_phone
from lab.infra.uploads import validate_content

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MemberForm(forms.ModelForm):
    """The member fiche: a duplicate (same phone, or same name and birth date) is refused."""

    consent = forms.BooleanField(label=CONSENT_SENTENCE, required=False)

    class Meta:
        model = Member
        fields = ["last_name", "first_name", "phone", "email", "birth_date", "groups", "consent", "notes"]
        widgets = {
            "birth_date": DateInput(),
            "groups": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"phone": _("Un numéro de mobile (06, 07, ou d'outre-mer : 0639, 0692, 0693…).")}

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.duplicate = None
        self.fields["groups"].queryset = Group.objects.filter(structure=structure)
        self.fields["birth_date"].input_formats = DATE_INPUT_FORMATS
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        if self.instance.pk:
            self.fields["consent"].initial = self.instance.consent

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "")
        e164 = normalize_phone(raw)
        check_mobile(e164)
        return e164

    def clean_birth_date(self):
        birth_date = self.cleaned_data.get("birth_date")
        if birth_date and birth_date > timezone.localdate():
            raise ValidationError(_("La date de naissance ne peut pas être dans le futur."))
        if birth_date and birth_date.year < 1900:
            raise ValidationError(_("Vérifiez l'année de naissance."))
        return birth_date

    def clean(self):
        data = super().clean()
        self.duplicate = services.find_duplicate(
            self.structure,
            phone=data.get("phone", ""),
            last_name=data.get("last_name", ""),
            first_name=data.get("first_name", ""),
            birth_date=data.get("birth_date"),
            exclude_pk=self.instance.pk,
        )
        if self.duplicate is not None:
            raise ValidationError(
                _("Cette personne est déjà inscrite : %(name)s (même téléphone, ou mêmes nom et date de naissance)."),
                code="duplicate",
                params={"name": str(self.duplicate)},
            )
        return data

    def _post_clean(self):
        self.instance.structure = self.structure
        super()._post_clean()


class GroupForm(forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "description"]

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Group.objects.filter(structure=self.structure, name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("Le groupe « %(name)s » existe déjà."), params={"name": name})
        return name

    def _post_clean(self):
        self.instance.structure = self.structure
        super()._post_clean()


class CampaignForm(PickerFormMixin, forms.ModelForm):
    """A campaign: its text is checked for length now, its recipients on the confirmation screen."""

    picker_fields = ["members"]
    SEND_NOW, SEND_LATER = "now", "later"
    send_mode = forms.ChoiceField(
        label=_("Quand ?"),
        choices=[(SEND_NOW, _("Envoyer dès la confirmation")), (SEND_LATER, _("Programmer à une date et une heure"))],
        widget=forms.RadioSelect,
        initial=SEND_NOW,
    )

    class Meta:
        model = Campaign
        fields = ["title", "category", "text", "channel", "groups", "members", "send_mode", "scheduled_at"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "groups": forms.CheckboxSelectMultiple,
            "scheduled_at": DateTimeInput(),
        }
        field_classes = {"members": MembersPickerField}
        help_texts = {
            "text": _("Écrivez {prenom} pour le prénom de chaque adhérent."),
            "members": _(
                "Facultatif : des adhérents à ajouter en plus des groupes (seuls ceux qui ont donné leur accord)."
            ),
        }
        error_messages = {"text": {"required": _("Le texte du message est vide.")}}

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.fields["groups"].queryset = Group.objects.filter(structure=structure)
        self.fields["members"].queryset = Member.objects.filter(structure=structure, consent=True)
        self.fields["members"].required = False
        self.fields["members"].widget.consenting_only = True
        self.setup_pickers()
        self.fields["scheduled_at"].input_formats = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]
        self.fields["category"].choices = [c for c in CampaignCategory.choices if c[0] != CampaignCategory.REMINDER] + [
            (CampaignCategory.REMINDER, CampaignCategory.REMINDER.label)
        ]
        if self.instance.pk and self.instance.scheduled_at:
            self.fields["send_mode"].initial = self.SEND_LATER

    def clean_text(self):
        text = (self.cleaned_data.get("text") or "").strip()
        if not text:
            raise ValidationError(_("Le texte du message est vide."))
        length = sms_length(services.personalise(text, services.LONG_FIRST_NAME))
        if length.segments > MAX_SEGMENTS:
            raise ValidationError(
                _("Ce texte ferait %(n)s SMS (segments) par personne : %(max)s au plus. Raccourcissez-le."),
                params={"n": length.segments, "max": MAX_SEGMENTS},
            )
        return text

    def clean(self):
        data = super().clean()
        if data.get("send_mode") == self.SEND_LATER:
            when = data.get("scheduled_at")
            if not when:
                self.add_error("scheduled_at", _("Indiquez la date et l'heure d'envoi."))
            elif when < timezone.now():
                self.add_error("scheduled_at", _("Cette date est passée : choisissez une date et une heure à venir."))
        else:
            data["scheduled_at"] = None
        if not data.get("groups") and not data.get("members") and "groups" not in self.errors:
            self.add_error("groups", _("Choisissez au moins un groupe ou un adhérent."))
        return data

    def _post_clean(self):
        self.instance.structure = self.structure
        super()._post_clean()


class ReminderForm(PickerFormMixin, forms.ModelForm):
    picker_fields = ["member"]

    class Meta:
        model = Reminder
        fields = ["member", "kind", "text", "date", "recurrence", "lead_days", "active"]
        widgets = {"date": DateInput()}
        field_classes = {"member": MemberPickerField}

    def __init__(self, *args, structure, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.fields["member"].queryset = Member.objects.filter(structure=structure)
        self.setup_pickers()
        self.fields["date"].input_formats = DATE_INPUT_FORMATS
        self.fields["text"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("text") and data.get("kind"):
            data["text"] = REMINDER_DEFAULT_TEXTS[ReminderKind(data["kind"])]
        if data.get("date") and data.get("recurrence") == Recurrence.ONCE and data["date"] < timezone.localdate():
            self.add_error("date", _("Cette date est passée."))
        if data.get("text") and sms_length(data["text"]).segments > MAX_SEGMENTS:
            self.add_error("text", _("Texte trop long."))
        return data

    def _post_clean(self):
        self.instance.structure = self.structure
        if not self.instance.text and self.cleaned_data.get("text"):
            self.instance.text = self.cleaned_data["text"]
        super()._post_clean()


class SettingsForm(forms.ModelForm):
    """Sending rules; an end before the start (SMS at night) needs « envoyer aussi la nuit »
    (``StructureSettings.clean``, the same rule as the Wagtail admin's form)."""

    class Meta:
        model = StructureSettings
        fields = ["monthly_budget_segments", "send_from", "send_until", "send_at_night", "sender_name"]
        widgets = {
            "send_from": forms.TimeInput(attrs={"type": "time"}),
            "send_until": forms.TimeInput(attrs={"type": "time"}),
        }


ACCOUNT_ROLES = [
    (StructureRoleKind.SOCIAL_WORKER, StructureRoleKind.SOCIAL_WORKER.label),
    (StructureRoleKind.ANIMATEUR, StructureRoleKind.ANIMATEUR.label),
    (StructureRoleKind.ADMIN, StructureRoleKind.ADMIN.label),
]


class AccountForm(forms.Form):
    """A new account of the structure: référente, animateur·rice or structure administrator."""

    username = forms.CharField(label=_("Identifiant de connexion"), max_length=150)
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse e-mail"))
    role = forms.ChoiceField(label=_("Rôle"), choices=ACCOUNT_ROLES)
    password1 = forms.CharField(label=_("Mot de passe"), widget=forms.PasswordInput(render_value=False), strip=False)
    password2 = forms.CharField(label=_("Mot de passe (confirmation)"), widget=forms.PasswordInput, strip=False)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Cet identifiant est déjà pris."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        elif data.get("password1"):
            user = get_user_model()(username=data.get("username", ""), email=data.get("email", ""))
            try:
                validate_password(data["password1"], user)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV ou Excel (.xlsx)"),
        help_text=_("Une ligne d'en-tête (Nom, Prénom, Téléphone, Date de naissance…), puis un adhérent par ligne."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ALERTES_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("Ce fichier pèse %(size)s : %(limit)s au plus. Découpez-le en plusieurs fichiers."),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise ValidationError(_("Déposez un fichier .csv ou .xlsx."))
        validate_content(upload)
        return upload


class MappingForm(forms.Form):
    """Which column holds each field (guessed from the header, editable)."""

    def __init__(self, *args, header, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— aucune —"))] + [(str(i), name or f"Colonne {i + 1}") for i, name in enumerate(header)]
        for name, label, _aliases, required in FIELDS:
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=required)

    def mapping(self):
        return {name: int(value) for name, value in self.cleaned_data.items() if value not in ("", None)}


class StructureChoiceForm(forms.Form):
    structure = forms.ModelChoiceField(label=_("Structure"), queryset=None)

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures


def default_schedule():
    """Tomorrow 9:00, the suggestion of the reuse form."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(9, 0)))
