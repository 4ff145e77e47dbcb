"""Every kind, status, stage and licence of the projets app, with its French label, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PREPARATION = "preparation", _("En préparation")
    IN_PROGRESS = "in_progress", _("En cours")
    PAUSED = "paused", _("En pause")
    DONE = "done", _("Terminé")
    ABANDONED = "abandoned", _("Abandonné")


class ActionStatus(models.TextChoices):
    TODO = "todo", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Fait")
    DROPPED = "dropped", _("Abandonné")


class FollowUpKind(models.TextChoices):
    CONTACT = "contact", _("Contact")
    REMINDER = "reminder", _("Relance")
    QUESTION = "question", _("Question")
    ANSWER = "answer", _("Réponse")
    PARTICIPATION = "participation", _("Participation")
    PROBLEM = "problem", _("Problème")


class Stage(models.TextChoices):
    """The life of a prototype, in order: a change to an earlier stage needs a reason."""

    IDEA = "idea", _("Idée")
    MOCKUP = "mockup", _("Maquette")
    PROTOTYPE = "prototype", _("Prototype")
    EXPERIMENT = "experiment", _("Expérimentation")
    SUSTAINED = "sustained", _("Pérennisé")
    REPLICATED = "replicated", _("Essaimé")


#: Rank of each stage: going to a lower rank is going backwards.
STAGE_RANK = {stage: rank for rank, stage in enumerate(Stage.values)}


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


class ReplicationStatus(models.TextChoices):
    INTERESTED = "interested", _("Intéressée")
    TESTING = "testing", _("En test")
    RUNNING = "running", _("En fonctionnement")


class Priority(models.TextChoices):
    """MoSCoW priority of a function in a specification (cahier des charges)."""

    MUST = "must", _("Indispensable (must)")
    SHOULD = "should", _("Important (should)")
    COULD = "could", _("Souhaitable (could)")
    WONT = "wont", _("Pas cette fois (won't)")
