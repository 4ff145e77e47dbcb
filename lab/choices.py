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


class DirectPublishers(models.TextChoices):
    """Which roles of a programme may publish its pages without going through its validation."""

    COORDINATION = "coordination", _("La coordination seulement (la facilitation soumet à validation)")
    COORDINATION_FACILITATION = "coordination_facilitation", _("La coordination et la facilitation")
    NOBODY = "nobody", _("Personne : chaque page passe par la validation")


class Validators(models.TextChoices):
    """Who approves the pages of a programme submitted for validation, step by step."""

    COORDINATION = "coordination", _("La coordination (pilote du programme)")
    FUNDERS = "funders", _("Les financeurs")
    COORDINATION_FUNDERS = "coordination_funders", _("La coordination, puis les financeurs")


class StructureRoleKind(models.TextChoices):
    ADMIN = "admin", _("Administrateur de la structure")
    TEAM = "team", _("Équipe projet")
    ANIMATEUR = "animateur", _("Animateur·rice")
    SOCIAL_WORKER = "social_worker", _("Travailleur·se social·e")


class Licence(models.TextChoices):
    """Creative Commons licences (4.0 international) a resource of the commons may carry."""

    CC_BY_SA = "cc-by-sa-4.0", _("Creative Commons Attribution – Partage dans les mêmes conditions 4.0 (CC BY-SA 4.0)")
    CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_NC = "cc-by-nc-4.0", _("Creative Commons Attribution – Pas d'utilisation commerciale 4.0 (CC BY-NC 4.0)")
    CC_BY_NC_SA = (
        "cc-by-nc-sa-4.0",
        _(
            "Creative Commons Attribution – Pas d'utilisation commerciale – Partage dans les mêmes conditions 4.0 "
            "(CC BY-NC-SA 4.0)"
        ),
    )
    CC_BY_ND = "cc-by-nd-4.0", _("Creative Commons Attribution – Pas de modification 4.0 (CC BY-ND 4.0)")
    CC_BY_NC_ND = (
        "cc-by-nc-nd-4.0",
        _("Creative Commons Attribution – Pas d'utilisation commerciale – Pas de modification 4.0 (CC BY-NC-ND 4.0)"),
    )
    CC0 = "cc0-1.0", _("CC0 1.0 : dévoué au domaine public")


#: Short name and deed address of each licence (the address is text, never fetched).
LICENCE_INFO = {
    Licence.CC_BY_SA: ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"),
    Licence.CC_BY: ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.fr"),
    Licence.CC_BY_NC: ("CC BY-NC 4.0", "https://creativecommons.org/licenses/by-nc/4.0/deed.fr"),
    Licence.CC_BY_NC_SA: ("CC BY-NC-SA 4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr"),
    Licence.CC_BY_ND: ("CC BY-ND 4.0", "https://creativecommons.org/licenses/by-nd/4.0/deed.fr"),
    Licence.CC_BY_NC_ND: ("CC BY-NC-ND 4.0", "https://creativecommons.org/licenses/by-nc-nd/4.0/deed.fr"),
    Licence.CC0: ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.fr"),
}


class LicenceMixin:
    """For a model with a ``licence`` field of ``Licence`` choices: its short name and deed address."""

    @property
    def licence_short_name(self):
        return LICENCE_INFO[Licence(self.licence)][0]

    @property
    def licence_url(self):
        return LICENCE_INFO[Licence(self.licence)][1]
