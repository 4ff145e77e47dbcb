"""What happens when the last step of a validation workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail publishes the approved revision as the approver, and refuses if the approver lacks the right
to publish. In Labo commun, approving the last step of a programme's validation *is* that right: a
funder validates a FEDER programme's compte-rendu without being able to publish anything directly.
Imported by ``wagtail.models`` while the apps load: this module imports nothing at module level.
"""


def publish_approved(workflow_state, user=None):
    """Publish the object's latest revision, recorded as published by ``user``, the last approver."""
    workflow_state.content_object.get_latest_revision().publish(user=user, skip_permission_checks=True)
