"""Kinds and statuses of deliverables and expenses, with their French labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliverableKind(models.TextChoices):
    REPORT = "compte_rendu", _("Compte-rendu")
    STORYTELLING = "storytelling", _("Storytelling")
    REPLICATION_GUIDE = "guide_essaimage", _("Guide d'essaimage")
    SPECIFICATION = "cahier_des_charges", _("Cahier des charges")
    ECONOMIC_MODEL = "note_modele_economique", _("Note de modèle économique")
    REVIEW = "bilan", _("Bilan")
    BOOKLET = "livret", _("Livret")
    CERTIFICATES = "certificats", _("Certificats d'assiduité")
    ATTENDANCE_SHEETS = "feuilles_presence", _("Feuilles de présence")
    PLANNING = "planning", _("Planning")
    PROJECT_SHEET = "fiche_projet", _("Fiche projet")
    TOOL = "outil_methodologique", _("Outil méthodologique")
    OTHER = "autre", _("Autre")


class DeliverableStatus(models.TextChoices):
    TO_DO = "a_produire", _("À produire")
    IN_PROGRESS = "en_cours", _("En cours")
    SUBMITTED = "soumis", _("Soumis")
    VALIDATED = "valide", _("Validé")
    SENT_BACK = "a_reprendre", _("À reprendre")


class DeliverableAction(models.TextChoices):
    CREATED = "created", _("Créé")
    STARTED = "started", _("Mis en production")
    SUBMITTED = "submitted", _("Soumis pour validation")
    VALIDATED = "validated", _("Validé")
    SENT_BACK = "sent_back", _("Renvoyé pour reprise")
    COMMENTED = "commented", _("Commentaire")


class ExpenseCategory(models.TextChoices):
    TRAVEL = "deplacement", _("Déplacement")
    LODGING = "hebergement", _("Hébergement")
    MEALS = "restauration", _("Restauration")
    SERVICE = "prestation", _("Prestation")
    EQUIPMENT = "materiel", _("Matériel")
    OTHER = "autre", _("Autre")
