"""The Alertes SMS module: a structure's members (adhérents), groups, campaigns, reminders, messages.

Everything belongs to one structure and is scoped by it (see ``AlertesConfig.ready``): no programme
role ever reaches these rows, and no structure sees another's. A campaign's confirmed list lives in
``alertes.models.recipients``.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alertes.choices import (
    CampaignCategory,
    CampaignStatus,
    Channel,
    ConsentSource,
    HoldReason,
    ImportStatus,
    MessageStatus,
    Recurrence,
    ReminderKind,
)
from alertes.models.inbox import InboundReply  # noqa: F401 — models live in alertes.models
from alertes.models.recipients import CampaignRecipient as CampaignRecipient  # re-exported
from alertes.models.sending_rules import StructureSettings as StructureSettings  # re-exported
from alertes.names import name_key, sort_key  # noqa: F401 (re-exported: the importer uses them)
from lab.infra.collation import french
from lab.infra.phones import PhoneNumberField, format_phone
from lab.infra.storage import private_storage

#: The consent sentence of the member form (seed 002, phase 1), word for word.
CONSENT_SENTENCE = _(
    "j'accepte que le centre social m'envoie des SMS et des newsletters pour m'informer de l'actualité de la structure"
)


def age_on(birth_date, today=None):
    """Age in whole years on ``today``."""
    if not birth_date:
        return None
    today = today or timezone.localdate()
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


class Group(models.Model):
    """A sending group of one structure: petite-enfance, jeunesse, RSA, culture…"""

    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_groups"
    )
    name = models.CharField(_("nom"), max_length=80)
    description = models.CharField(_("description"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("groupe")
        verbose_name_plural = _("groupes")
        ordering = [french("name")]
        constraints = [
            models.UniqueConstraint(
                F("structure"),
                Lower("name"),
                name="alertes_unique_group_name",
                violation_error_message=_("Un groupe de ce nom existe déjà dans la structure."),
            )
        ]

    def __str__(self):
        return self.name


class Member(models.Model):
    """An adhérent of a structure, who may receive its SMS and newsletters if they consented."""

    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_members"
    )
    last_name = models.CharField(_("nom"), max_length=100)
    first_name = models.CharField(_("prénom"), max_length=100)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = PhoneNumberField(_("téléphone mobile"))
    birth_date = models.DateField(_("date de naissance"))
    groups = models.ManyToManyField(Group, verbose_name=_("groupes"), blank=True, related_name="members")
    consent = models.BooleanField(CONSENT_SENTENCE, default=False)
    consent_at = models.DateTimeField(_("date du consentement"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    #: Set when the provider refused the number for good: nothing is sent to it any more.
    phone_invalid = models.BooleanField(_("numéro refusé par l'opérateur"), default=False)
    #: Folded « nom|prénom » used to refuse duplicates (same name and birth date).
    name_key = models.CharField(max_length=210, editable=False, db_index=True)
    sort_name = models.CharField(max_length=210, editable=False, db_index=True, default="")  # see sort_key
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("adhérent")
        verbose_name_plural = _("adhérents")
        ordering = ["sort_name", "pk"]
        #: The list's French order, paginated by the database without sorting the structure's members.
        indexes = [models.Index(fields=["structure", "sort_name", "id"], name="alertes_member_sorted")]
        constraints = [
            models.UniqueConstraint(
                fields=["structure", "phone"],
                name="alertes_unique_member_phone",
                violation_error_message=_("Un adhérent avec ce numéro existe déjà."),
            ),
            models.UniqueConstraint(
                fields=["structure", "name_key", "birth_date"],
                name="alertes_unique_member_identity",
                violation_error_message=_("Un adhérent avec ces nom, prénom et date de naissance existe déjà."),
            ),
        ]

    def __str__(self):
        return f"{self.last_name.upper()} {self.first_name}"

    def save(self, *args, **kwargs):
        self.name_key = name_key(self.last_name, self.first_name)
        self.sort_name = sort_key(self.last_name, self.first_name)
        super().save(*args, **kwargs)

    @property
    def age(self):
        return age_on(self.birth_date)

    @property
    def phone_display(self):
        return format_phone(self.phone)

    @property
    def can_receive_sms(self):
        return self.consent and not self.phone_invalid and bool(self.phone)


class ConsentEvent(models.Model):
    """One change of a member's consent: given or withdrawn, when, by whom, and how."""

    member = models.ForeignKey(Member, verbose_name=_("adhérent"), on_delete=models.CASCADE, related_name="consents")
    given = models.BooleanField(_("consentement donné"))
    source = models.CharField(_("origine"), max_length=10, choices=ConsentSource.choices)
    at = models.DateTimeField(_("date"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("historique des consentements")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.member} — {self.get_source_display()} — {self.given}"


class Erasure(models.Model):
    """The log of an RGPD erasure: no personal data is kept, only that it happened."""

    structure = models.ForeignKey("lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE)
    at = models.DateTimeField(_("date"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), null=True, blank=True, on_delete=models.SET_NULL
    )
    member_reference = models.CharField(_("référence de la fiche effacée"), max_length=40)
    messages_anonymised = models.PositiveIntegerField(_("messages anonymisés"), default=0)

    class Meta:
        verbose_name = _("effacement RGPD")
        verbose_name_plural = _("effacements RGPD")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.member_reference} — {self.at:%d/%m/%Y}"


class Campaign(models.Model):
    """A message sent at once or at a date to groups and chosen members: the « campagne »."""

    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_campaigns"
    )
    title = models.CharField(_("titre"), max_length=150)
    category = models.CharField(_("catégorie"), max_length=20, choices=CampaignCategory.choices)
    text = models.TextField(_("texte"))
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices, default=Channel.SMS)
    groups = models.ManyToManyField(Group, verbose_name=_("groupes"), blank=True, related_name="campaigns")
    members = models.ManyToManyField(
        Member, verbose_name=_("adhérents choisis"), blank=True, related_name="chosen_in_campaigns"
    )
    scheduled_at = models.DateTimeField(_("date et heure d'envoi"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, db_index=True
    )
    hold_reason = models.CharField(_("en attente parce que"), max_length=10, choices=HoldReason.choices, blank=True)
    #: Estimated at confirmation, counted against the monthly budget until the messages exist.
    segments_total = models.PositiveIntegerField(_("segments prévus"), default=0)
    recipients_count = models.PositiveIntegerField(_("destinataires"), default=0)
    reused_from = models.ForeignKey(
        "self", verbose_name=_("réutilise"), null=True, blank=True, on_delete=models.SET_NULL, related_name="reuses"
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créée par"), null=True, blank=True, on_delete=models.SET_NULL
    )
    dispatched_at = models.DateTimeField(_("envoi commencé le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("envoi terminé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def can_cancel(self):
        return self.status in {CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RECONFIRM}


class Reminder(models.Model):
    """An administrative date of one member, recalled by SMS a chosen number of days before."""

    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_reminders"
    )
    member = models.ForeignKey(Member, verbose_name=_("adhérent"), on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("type de rappel"), max_length=20, choices=ReminderKind.choices)
    text = models.CharField(
        _("texte"), max_length=300, help_text=_("{prenom} et {date} sont remplacés au moment de l'envoi.")
    )
    date = models.DateField(_("date"))
    recurrence = models.CharField(_("répétition"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE)
    lead_days = models.PositiveSmallIntegerField(_("prévenir combien de jours avant"), default=2)
    active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("créé par"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("rappel")
        verbose_name_plural = _("rappels")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.date:%d/%m/%Y}"

    def next_occurrence(self, today=None):
        """The next date to recall (today included), or None when a one-off date has passed."""
        today = today or timezone.localdate()
        if self.recurrence == Recurrence.ONCE:
            return self.date if self.date >= today else None
        occurrence = self.date
        while occurrence < today:
            occurrence = add_months(occurrence, 1, self.date.day)
        return occurrence


def add_months(date, months, day):
    """``date`` moved ``months`` ahead, on ``day`` or the month's last day (31 → 30 April)."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    for candidate in (day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(date)


class Message(models.Model):
    """One message to one recipient, created before anything is sent: the unit of « exactly once ».

    ``(campaign, member, channel)`` — or ``(reminder, occurrence, channel)`` — is unique, so creating
    the rows twice creates nothing; ``uuid`` is the idempotency key handed to the provider.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_messages"
    )
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campagne"), null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    reminder = models.ForeignKey(
        Reminder, verbose_name=_("rappel"), null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    occurrence = models.DateField(_("échéance rappelée"), null=True, blank=True)
    member = models.ForeignKey(
        Member, verbose_name=_("adhérent"), null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices, default=Channel.SMS)
    to = models.CharField(_("destinataire"), max_length=254)
    text = models.TextField(_("texte"))
    segments = models.PositiveSmallIntegerField(_("segments"), default=0)
    status = models.CharField(
        _("statut"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.PENDING, db_index=True
    )
    provider_id = models.CharField(_("identifiant chez l'opérateur"), max_length=100, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("mis en file le"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("pris en charge le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("distribué le"), null=True, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "member", "channel"],
                condition=Q(campaign__isnull=False, member__isnull=False),
                name="alertes_unique_campaign_message",
            ),
            models.UniqueConstraint(
                fields=["reminder", "occurrence", "channel"],
                condition=Q(reminder__isnull=False),
                name="alertes_unique_reminder_message",
            ),
        ]

    def __str__(self):
        return f"{self.get_channel_display()} → {self.to} ({self.get_status_display()})"


class MemberImport(models.Model):
    """An uploaded member file waiting between its preview and its confirmation."""

    structure = models.ForeignKey(
        "lab.Structure", verbose_name=_("structure"), on_delete=models.CASCADE, related_name="alert_imports"
    )
    file = models.FileField(_("fichier"), upload_to="alertes/imports/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    #: Column index (as a string) of each field: {"last_name": 0, "phone": 3, …}.
    mapping = models.JSONField(_("correspondance des colonnes"), default=dict, blank=True)
    encoding = models.CharField(_("encodage"), max_length=20, blank=True)
    delimiter = models.CharField(_("séparateur"), max_length=2, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    imported_count = models.PositiveIntegerField(_("adhérents importés"), default=0)
    error_count = models.PositiveIntegerField(_("lignes en erreur"), default=0)
    #: The error report as it was at the import: downloaded the same later (not recomputed).
    error_report = models.FileField(
        _("rapport d'erreurs"), upload_to="alertes/imports/%Y/%m/", storage=private_storage, blank=True
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("déposé par"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("import d'adhérents")
        verbose_name_plural = _("imports d'adhérents")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name
