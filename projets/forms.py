"""Forms of the projets app: admin forms with the business checks, and the public replication form."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from lab.forms import mend_posted_editors
from lab.infra import antispam
from lab.models import ProgrammePage, Structure
from lab.scope import CHANGE, STRUCTURE_EDITORS, ScopedAdminForm, scope_for
from projets.services import stage_change_error, team_errors

# The public form's knobs (minimum and maximum filling time, requests per IP address and hour) are
# settings: PROJETS_REPLICATION_MIN_FILL_SECONDS, PROJETS_REPLICATION_MAX_FILL_SECONDS and
# PROJETS_REPLICATION_RATE_PER_HOUR (lab/settings/base.py).
TOKEN_SALT = "projets.replication-form"  # noqa: S105 (a signing namespace, not a secret)


class PrototypePageForm(WagtailAdminPageForm):
    """The prototype fiche's admin form: a change to an earlier stage must say why."""

    stage_reason = forms.CharField(
        label=_("Raison du changement de stade"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire pour revenir à un stade antérieur ; consignée dans l'historique des stades."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_stage = self.instance.stage if self.instance.pk else None
        if "project" in self.fields and self.for_user is not None:
            # Only the projects this person may change: no other structure's project title leaks.
            self.fields["project"].queryset = scope_for(self.for_user).filter(
                self.fields["project"].queryset.select_related("structure"), CHANGE
            )

    def clean(self):
        cleaned_data = super().clean()
        error = stage_change_error(self.initial_stage, cleaned_data.get("stage"), cleaned_data.get("stage_reason"))
        if error:
            self.add_error("stage_reason", error)
        return cleaned_data


class ProjectForm(ScopedAdminForm):
    """The project's admin form: checks the team (1 to 3 people of the structure, an agent as referent)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "programme" in self.fields:
            scope = scope_for(self.for_user)
            if not scope.is_admin:
                # A structure's team keeps its project's programme: one of its structures' programmes.
                editable = scope.filter(ProgrammePage.objects.all(), CHANGE).values("pk")
                self.fields["programme"].queryset = ProgrammePage.objects.filter(
                    Q(pk__in=editable) | Q(structures__in=scope.structure_ids(STRUCTURE_EDITORS))
                ).distinct()

    def clean(self):
        cleaned_data = super().clean()
        structure = cleaned_data.get("structure")
        if structure is None and self.instance.structure_id:
            structure = self.instance.structure
        if structure is not None and "team" in self.fields:
            for field, message in team_errors(structure, cleaned_data.get("team") or [], cleaned_data.get("referent")):
                self.add_error(field, message)
        return cleaned_data


class ActionForm(ScopedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "axis" in self.fields:
            self.fields["axis"].queryset = self.fields["axis"].queryset.select_related("roadmap__project__structure")
            self.fields["axis"].label_from_instance = lambda axis: f"{axis.roadmap.project.structure} · {axis.title}"
        if "owner" in self.fields:
            self.fields["owner"].queryset = self.fields["owner"].queryset.select_related("structure")
            self.fields["owner"].label_from_instance = lambda person: f"{person} ({person.structure})"


class ReplicationAdminForm(ScopedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "structure" in self.fields:
            # The replicating structure is another one: any structure of the public directory.
            self.fields["structure"].queryset = Structure.objects.all()


def make_form_token(now=None):
    """A signed timestamp put in the public form, to measure how long it took to fill."""
    return antispam.make_form_token(TOKEN_SALT, now)


class SpamProtectedForm(antispam.SpamProtectedForm):
    """A public form of a prototype fiche (« essaimer », « contacter »), protected from spam as every public
    form is (``lab.infra.antispam``); the view checks the rate per address (``services.replication_rate_limited``)."""

    token_salt = TOKEN_SALT
    min_seconds_setting = "PROJETS_REPLICATION_MIN_FILL_SECONDS"
    max_seconds_setting = "PROJETS_REPLICATION_MAX_FILL_SECONDS"
    expired_message = _(
        "Le formulaire a expiré ou a été envoyé trop vite. Relisez votre demande puis envoyez-la à nouveau."
    )

    def __init__(self, *args, prototype=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.prototype = prototype


class ContactForm(SpamProtectedForm):
    """« Contacter l'équipe »: a message to the fiche's named contact, whose address is never shown."""

    name = forms.CharField(label=_("Votre nom"), max_length=150)
    structure_name = forms.CharField(label=_("Votre structure"), max_length=200, required=False)
    email = forms.EmailField(label=_("Votre courriel"), help_text=_("Pour que l'équipe puisse vous répondre."))
    message = forms.CharField(label=_("Votre message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 6}))


class ReplicationRequestForm(SpamProtectedForm):
    """« Nous voulons essaimer ce prototype »: the public form, protected from spam."""

    structure_name = forms.CharField(label=_("Nom de votre structure"), max_length=200)
    city = forms.CharField(label=_("Ville"), max_length=120)
    contact_name = forms.CharField(label=_("Votre nom"), max_length=150)
    email = forms.EmailField(label=_("Votre courriel"))
    message = forms.CharField(
        label=_("Votre message"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Où en êtes-vous, de quoi auriez-vous besoin ?"),
    )

    def clean(self):
        cleaned_data = super().clean()
        origin = self.prototype.structure if self.prototype else None
        name = (cleaned_data.get("structure_name") or "").strip()
        if origin and name and name.casefold() == origin.name.casefold():
            self.add_error(
                "structure_name",
                _(
                    "« %(structure)s » est la structure d'origine de ce prototype : elle ne peut pas l'essaimer chez elle."
                )
                % {"structure": origin.name},
            )
        return cleaned_data


class EconomicNoteForm(ScopedAdminForm):
    """The economic-model note's form: its rich text survives a forged or truncated POST."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mend_posted_editors(self)
