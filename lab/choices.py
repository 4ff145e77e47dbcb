"""Every kind, status and role of the core domain, with its French label, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Fund(models.TextChoices):
    FEDER = "FEDER", _("FEDER")
    FSE = "FSE", _("FSE")
    FSE_PLUS = "FSE+", _("FSE+")
    OTHER = "OTHER", _("Autre")


class FunderKind(models.TextChoices):
    EU = "eu", _("Union européenne")
    STATE = "state", _("État")
    REGION = "region", _("Région")
    DEPARTMENT = "department", _("Département")
    EPCI = "epci", _("Intercommunalité")
    COMMUNE = "commune", _("Commune")
    CAF = "caf", _("CAF")
    FEDERATION = "federation", _("Fédération, réseau")
    OTHER = "other", _("Autre")


class TerritoryLevel(models.TextChoices):
    REGION = "region", _("Région")
    DEPARTEMENT = "departement", _("Département")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    COMMUNE = "commune", _("Commune")
    QUARTIER = "quartier", _("Quartier")


#: Rank of each level in the tree: a child must sit strictly below its parent.
TERRITORY_LEVEL_RANK = {
    TerritoryLevel.REGION: 0,
    TerritoryLevel.DEPARTEMENT: 1,
    TerritoryLevel.EPCI: 2,
    TerritoryLevel.COMMUNE: 3,
    TerritoryLevel.QUARTIER: 4,
}


class StructureKind(models.TextChoices):
    CCAS = "ccas", _("CCAS")
    CIAS = "cias", _("CIAS")
    UDCCAS = "udccas", _("UDCCAS")
    CENTRE_SOCIAL = "centre_social", _("Centre social")
    MAISON_QUARTIER = "maison_quartier", _("Maison de quartier")
    ASSOCIATION = "association", _("Association")
    FEDERATION = "federation", _("Fédération")
    COLLECTIVITE = "collectivite", _("Collectivité")
    OTHER = "other", _("Autre")


class PersonRole(models.TextChoices):
    AGENT = "agent", _("Agent")
    ELU = "elu", _("Élu·e")
    BENEVOLE = "benevole", _("Bénévole")
    HABITANT = "habitant", _("Habitant·e")
    SALARIE = "salarie", _("Salarié·e")
    PARTENAIRE = "partenaire", _("Partenaire")
    PRESTATAIRE = "prestataire", _("Prestataire")


class Gender(models.TextChoices):
    UNKNOWN = "", _("Non renseigné")
    FEMALE = "f", _("Femme")
    MALE = "m", _("Homme")
    OTHER = "x", _("Autre")


class ProgrammeRoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordination")
    FACILITATOR = "facilitator", _("Facilitation (équipe design)")
    FUNDER = "funder", _("Financeur, pilote (lecture et validation)")


class StructureRoleKind(models.TextChoices):
    ADMIN = "admin", _("Administrateur de la structure")
    TEAM = "team", _("Équipe projet")
    ANIMATEUR = "animateur", _("Animateur·rice")
    SOCIAL_WORKER = "social_worker", _("Travailleur·se social·e")
