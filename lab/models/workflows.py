"""The approval step of a programme's validation workflow."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

#: Shown to a reviewer who submitted the page themselves (the edit view and the dashboard).
OWN_SUBMISSION_MESSAGE = _(
    "Vous avez soumis cette page à validation : une autre personne doit approuver cette étape "
    "(personne ne valide sa propre soumission)."
)


class ProgrammeApprovalTask(AbstractGroupApprovalTask):
    """A step approved by the members of its groups (a programme's coordination or funders), except
    the person who submitted the page: nobody approves a step of their own submission."""

    class Meta:
        verbose_name = _("validation par un groupe (hors auteur de la soumission)")
        verbose_name_plural = _("validations par un groupe (hors auteur de la soumission)")

    @staticmethod
    def submitted_by(obj, user):
        """Whether ``user`` submitted ``obj``'s current workflow."""
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    def get_actions(self, obj, user):
        if self.submitted_by(obj, user):
            return []
        return super().get_actions(obj, user)

    def user_can_lock(self, obj, user):
        return super().user_can_lock(obj, user) and not self.submitted_by(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if task_state.workflow_state.requested_by_id == user.pk and action_name in ("approve", "reject"):
            raise PermissionDenied(OWN_SUBMISSION_MESSAGE)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Les membres des groupes choisis valident cette étape, sauf la personne qui a soumis la page.")
