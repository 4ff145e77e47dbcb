"""Kinds and statuses of the Alertes SMS module, with their French labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentSource(models.TextChoices):
    FORM = "form", _("Formulaire")
    IMPORT = "import", _("Import")
    STOP = "stop", _("Réponse STOP")
    REPLY = "reply", _("Réponse lue par l'équipe")


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Courriel")
    BOTH = "both", _("SMS et courriel")


class CampaignCategory(models.TextChoices):
    NEWS = "actualite", _("Actualité du centre")
    ACTIVITY = "activite", _("Activité, atelier, sortie")
    ADMIN = "administratif", _("Démarche administrative")
    CHILDHOOD = "enfance", _("Enfance, jeunesse, accueil de loisirs")
    REMINDER = "rappel", _("Rappel")
    OTHER = "autre", _("Autre")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SCHEDULED = "scheduled", _("Programmée")
    SENDING = "sending", _("Envoi en cours")
    SENT = "sent", _("Envoyée")
    CANCELLED = "cancelled", _("Annulée")
    #: Due, but held before sending anything: its recipients grew, or the budget would be exceeded.
    RECONFIRM = "reconfirm", _("À reconfirmer")


class HoldReason(models.TextChoices):
    """Why a due campaign sent nothing and waits for the référente to confirm it again."""

    GROWN = "grown", _("De nouveaux destinataires sont apparus depuis la confirmation : confirmez de nouveau.")
    BUDGET = "budget", _("Le budget mensuel de SMS serait dépassé : rien n'est parti. Confirmez de nouveau ou annulez.")


class RecipientOutcome(models.TextChoices):
    """What became of one confirmed recipient when the campaign was sent."""

    CONFIRMED = "confirmed", _("Confirmé")
    WITHDRAWN = "withdrawn", _("Accord retiré depuis la confirmation")
    ERASED = "erased", _("Fiche effacée depuis la confirmation")
    UNREACHABLE = "unreachable", _("Plus joignable (numéro refusé ou coordonnée retirée)")


class ReminderKind(models.TextChoices):
    FRANCE_TRAVAIL = "france_travail", _("Actualisation mensuelle France Travail")
    RIGHTS_APPOINTMENT = "rights", _("Rendez-vous pour des prestations de droits")
    DOCUMENT = "document", _("Document à renouveler")


class Recurrence(models.TextChoices):
    ONCE = "once", _("Une seule fois")
    MONTHLY = "monthly", _("Tous les mois")


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    SENDING = "sending", _("En cours d'envoi")
    SENT = "sent", _("Envoyé")
    DELIVERED = "delivered", _("Distribué")
    FAILED = "failed", _("Échec")
    CANCELLED = "cancelled", _("Annulé")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("En attente de confirmation")
    DONE = "done", _("Importé")
    CANCELLED = "cancelled", _("Abandonné")


#: Reminder texts proposed by default; {prenom} and {date} are filled in at sending time.
REMINDER_DEFAULT_TEXTS = {
    ReminderKind.FRANCE_TRAVAIL: "Bonjour {prenom}, pensez à votre actualisation France Travail avant le {date}.",
    ReminderKind.RIGHTS_APPOINTMENT: "Bonjour {prenom}, rappel : rendez-vous pour vos droits le {date}.",
    ReminderKind.DOCUMENT: "Bonjour {prenom}, pensez à renouveler votre document avant le {date}.",
}
