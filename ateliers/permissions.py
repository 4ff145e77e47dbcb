"""Certificates and their batches are issued by the ateliers' services, never typed in a form."""

from lab.scope import ScopedPermissionPolicy

#: Actions refused in the admin forms: a certificate is frozen once issued.
REFUSED = frozenset({"add", "change", "copy"})


class IssuedOnlyPermissionPolicy(ScopedPermissionPolicy):
    """The scope's answers, except that nobody adds or edits these rows through the admin."""

    def user_has_permission(self, user, action):
        return action not in REFUSED and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in REFUSED and super().user_has_permission_for_instance(user, action, instance)
