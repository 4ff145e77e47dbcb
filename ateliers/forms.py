"""Forms of the ateliers: the admin views' (walk-ins, connection lists, bulk registration, signed sheets) and the
public sign-up to an event of the agenda."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ateliers.choices import HalfDay, SubGroupKind
from ateliers.models import SignedSheet, SubGroup
from lab.choices import PersonRole
from lab.infra.antispam import SpamProtectedForm
from lab.infra.phones import normalize_phone
from lab.models import Person, Structure
from lab.scope import VIEW, ScopedAdminForm, scope_for


def _structures_for(workshop):
    invited = workshop.invited_structures.all()
    if invited.exists():
        return invited.order_by("name")
    return Structure.objects.filter(programmes=workshop.programme_id).order_by("name")


class WalkInForm(forms.Form):
    """Someone who came without registration: name and structure, marked present for a half-day.

    When the structure already has its maximum of people, the form asks for a confirmation and a
    reason (the attendance grid's script shows these fields as soon as such a structure is chosen).
    """

    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    structure = forms.ModelChoiceField(label=_("Structure"), queryset=Structure.objects.none())
    session = forms.ModelChoiceField(label=_("Présent·e à la demi-journée"), queryset=None)
    confirm_over_limit = forms.BooleanField(
        label=_("Je confirme l'ajout au-delà du maximum de la structure"), required=False
    )
    over_limit_reason = forms.CharField(
        label=_("Raison de l'ajout au-delà du maximum"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seulement si la structure a déjà son maximum d'inscrits. Affichée dans « À vérifier »."),
    )

    def __init__(self, *args, workshop, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = Structure.objects.filter(programmes=workshop.programme_id).order_by("name")
        sessions = list(workshop.sessions.all())
        self.fields["session"].queryset = workshop.sessions.all()
        self.fields["session"].initial = _current_session(sessions)

    def clean(self):
        data = super().clean()
        if data.get("confirm_over_limit") and not (data.get("over_limit_reason") or "").strip():
            self.add_error("over_limit_reason", _("Indiquez la raison de l'ajout au-delà du maximum."))
        return data

    @property
    def reason(self):
        """The reason, only when the confirmation box is ticked."""
        if not self.cleaned_data.get("confirm_over_limit"):
            return ""
        return self.cleaned_data.get("over_limit_reason", "")


def _current_session(sessions):
    """The half-day happening now (or today's, or the last one held): where a walk-in most likely came."""
    now = timezone.localtime()
    half = HalfDay.MORNING if now.hour < 13 else HalfDay.AFTERNOON
    today = [s for s in sessions if s.date == now.date()]
    for session in today:
        if session.half_day == half:
            return session.pk
    if today:
        return today[-1].pk
    held = [s for s in sessions if s.date <= now.date()]
    if held:
        return held[-1].pk
    return sessions[0].pk if sessions else None


class SignedSheetForm(forms.ModelForm):
    """The signed, scanned sheet of one half-day (PDF or photo, checked by its content)."""

    class Meta:
        model = SignedSheet
        fields = ["file"]


class ConnectionListForm(forms.Form):
    """A remote session's connection list, pasted as exported by the visio tool (one name a line)."""

    session = forms.ModelChoiceField(label=_("Demi-journée"), queryset=None)
    names = forms.CharField(
        label=_("Liste des connexions"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Un nom par ligne, « Prénom Nom » ou « Nom Prénom » ; le reste de la ligne est ignoré."),
        max_length=50_000,
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = workshop.sessions.all()


class BulkRegistrationForm(forms.Form):
    """A structure and the people of its team to register in one step."""

    structure = forms.ModelChoiceField(label=_("Structure"), queryset=Structure.objects.none())
    people = forms.ModelMultipleChoiceField(
        label=_("Personnes à inscrire"), queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, workshop, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(user)
        structures = scope.filter(_structures_for(workshop), VIEW)
        self.fields["structure"].queryset = structures
        self.fields["people"].queryset = (
            Person.objects.filter(structure__in=structures)
            .exclude(registrations__workshop=workshop)
            .order_by("structure__name", "last_name", "first_name")
        )

    def clean(self):
        cleaned = super().clean()
        structure, people = cleaned.get("structure"), cleaned.get("people")
        if structure and people:
            others = [str(p) for p in people if p.structure_id != structure.pk]
            if others:
                raise forms.ValidationError(
                    _("Ces personnes ne sont pas de %(structure)s : %(names)s")
                    % {"structure": structure.name, "names": ", ".join(others)}
                )
        return cleaned


class WorkshopAdminForm(ScopedAdminForm):
    """The workshop's admin form: its half-days must fall inside its dates and the programme's period."""

    def is_valid(self):
        valid = super().is_valid()
        if not valid or "sessions" not in self.formsets:
            return valid
        start, end = self.cleaned_data.get("start_date"), self.cleaned_data.get("end_date")
        programme = self.cleaned_data.get("programme")
        for form in self.formsets["sessions"].forms:
            day = form.cleaned_data.get("date") if hasattr(form, "cleaned_data") else None
            if not day or form.cleaned_data.get("DELETE"):
                continue
            if (start and day < start) or (end and day > end):
                form.add_error("date", _("Cette demi-journée est en dehors des dates de l'atelier."))
                valid = False
            elif programme and not programme.start_date <= day <= programme.end_date:
                form.add_error("date", _("Cette demi-journée est en dehors de la période du programme."))
                valid = False
        return valid


class RegistrationAdminForm(ScopedAdminForm):
    """Registration form: a structure's team may register its people to the workshops it is invited to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from ateliers.models import Workshop

        if "workshop" in self.fields:
            self.fields["workshop"].queryset = scope_for(self.for_user).filter(Workshop.objects.all(), VIEW)


class PublicSignupForm(SpamProtectedForm):
    """Sign-up of the public to an event of the agenda; protected from spam like the « essaimer » form."""

    token_salt = "ateliers.public-signup"  # noqa: S105 (a signing namespace, not a secret)
    min_seconds_setting = "ATELIERS_SIGNUP_MIN_FILL_SECONDS"
    max_seconds_setting = "ATELIERS_SIGNUP_MAX_FILL_SECONDS"

    first_name = forms.CharField(label=_("Prénom"), max_length=100)
    last_name = forms.CharField(label=_("Nom"), max_length=100)
    email = forms.EmailField(
        label=_("Courriel"), max_length=254, help_text=_("La confirmation et le lien d'annulation y sont envoyés.")
    )
    phone = forms.CharField(
        label=_("Téléphone (facultatif)"),
        max_length=32,
        required=False,
        help_text=_("Pour vous joindre en cas d'imprévu le jour même."),
    )
    structure = forms.CharField(
        label=_("Structure (facultatif)"),
        max_length=200,
        required=False,
        help_text=_("Association, centre social, collectivité… si vous venez pour une structure."),
    )
    role = forms.ChoiceField(label=_("Vous êtes"), choices=[("", _("— choisissez —")), *PersonRole.choices])
    team = forms.ModelChoiceField(
        label=_("Équipe ou prototype que vous souhaitez rejoindre (facultatif)"),
        queryset=SubGroup.objects.none(),
        required=False,
        empty_label=_("— je choisirai sur place —"),
    )

    field_order = ["first_name", "last_name", "email", "phone", "structure", "role", "team", "website", "token"]

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})
        self.fields["structure"].widget.attrs["autocomplete"] = "organization"
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-aide"
        if workshop.signup_asks_team:
            self.fields["team"].queryset = workshop.subgroups.filter(kind=SubGroupKind.TEAM).select_related(
                "prototype_page"
            )
            self.fields["team"].label_from_instance = lambda team: (
                f"{team.name} — {team.prototype_label}" if team.prototype_label else team.name
            )
        else:
            del self.fields["team"]

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data.get("phone", ""))
        except ValidationError as error:
            raise forms.ValidationError(error.messages[0]) from None
