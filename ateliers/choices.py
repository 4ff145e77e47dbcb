"""Every kind and status of the ateliers app, with its French label, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopKind(models.TextChoices):
    ATELIER = "atelier", _("Atelier")
    LABO = "labo", _("Labo (3 jours)")
    FORUM = "forum", _("Forum")
    TEMPS_FORT = "temps_fort", _("Temps fort")
    HACKATHON = "hackathon", _("Hackathon")
    INTERSESSION = "intersession", _("Intersession (à distance)")
    IMMERSION = "immersion", _("Visite d'immersion")
    KICKOFF = "kickoff", _("Kick-off")
    SUIVI = "suivi", _("Réunion de suivi")


class PublicEventKind(models.TextChoices):
    """What a workshop open to the public is, on the agenda (blank: not on the agenda)."""

    NONE = "", _("Non public")
    TEMPS_FORT = "temps_fort", _("Temps fort")
    FORUM = "forum", _("Forum")
    HACKATHON = "hackathon", _("Hackathon")
    OPEN_WORKSHOP = "atelier_ouvert", _("Atelier ouvert")


class WorkshopFormat(models.TextChoices):
    ONSITE = "presentiel", _("Présentiel")
    REMOTE = "distanciel", _("Distanciel")
    HYBRID = "hybride", _("Hybride")


class HalfDay(models.TextChoices):
    MORNING = "am", _("Matin")
    AFTERNOON = "pm", _("Après-midi")


class SubGroupKind(models.TextChoices):
    SUBGROUP = "sous_groupe", _("Sous-groupe thématique")
    TEAM = "equipe", _("Équipe (hackathon)")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "inscrit", _("Inscrit·e")
    CONFIRMED = "confirme", _("Confirmé·e")
    EXCUSED = "excuse", _("Excusé·e")
    CANCELLED = "annule", _("Annulé·e")
    WAITING = "attente", _("Liste d'attente")


class RegistrationSource(models.TextChoices):
    STAFF = "equipe", _("Saisie par l'équipe")
    PUBLIC = "en_ligne", _("Inscription en ligne")


#: Registrations that hold a seat and appear on the attendance sheet.
ACTIVE_REGISTRATION_STATUSES = (RegistrationStatus.REGISTERED, RegistrationStatus.CONFIRMED)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Présent·e")
    ABSENT = "absent", _("Absent·e")
    EXCUSED = "excuse", _("Excusé·e")


class AttendanceSource(models.TextChoices):
    GRID = "grille", _("Grille à l'écran")
    REMOTE_LIST = "connexions", _("Liste de connexions")
    IMPORT = "import", _("Saisie groupée")


class BatchStatus(models.TextChoices):
    PENDING = "attente", _("En attente")
    RUNNING = "en_cours", _("En cours")
    DONE = "termine", _("Terminé")
    FAILED = "echec", _("Échec")


class BatchKind(models.TextChoices):
    """What a certificate batch holds."""

    ALL = "tous", _("Tous les certificats (personnes et structures)")
    STRUCTURES = "structures", _("Un certificat par structure")


class QuestionnaireKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("Satisfaction")
    SELF_EVALUATION = "autoevaluation", _("Auto-évaluation")
    QUIZ = "quiz", _("Quiz d'intersession")
