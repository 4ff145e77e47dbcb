"""The authentication backend: Django's model backend, reading at once what every admin request
needs to know of its user.

Wagtail's admin checks each request's ``wagtailadmin.access_admin`` permission and reads the user's
profile (language, time zone). With Django's own backend that is three queries on top of the user's:
its own permissions, its groups' permissions, its profile. Here the profile comes with the user (one
join) and both sets of permissions come from one query, so a tap on the attendance grid or a
certificate downloaded again pays for what it does rather than for the admin's bookkeeping.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class LabModelBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("wagtail_userprofile").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                rows = Permission.objects.values_list("content_type__app_label", "codename")
            else:
                fields = ("content_type__app_label", "codename")
                own = Permission.objects.filter(user=user_obj).values_list(*fields).order_by()
                from_groups = Permission.objects.filter(group__user=user_obj).values_list(*fields).order_by()
                rows = own.union(from_groups)
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
