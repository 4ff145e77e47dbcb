"""Every kind, status, stage and licence of the projets app, with its French label, in one place."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lab.choices import LICENCE_INFO, Licence  # noqa: F401  (licences are shared by every resource of the commons)


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


class ReplicationStatus(models.TextChoices):
    INTERESTED = "interested", _("Intéressée")
    TESTING = "testing", _("En test")
    RUNNING = "running", _("En fonctionnement")


class Priority(models.TextChoices):
    """MoSCoW priority of a function in a specification (cahier des charges)."""

    MUST = "must", _("Indispensable (doit)")
    SHOULD = "should", _("Important (devrait)")
    COULD = "could", _("Souhaitable (pourrait)")
    WONT = "wont", _("Pas cette fois (n'aura pas)")
