"""Service functions of the core domain."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from lab.choices import ProgrammeRoleKind

#: The group every user with a role belongs to: it opens the Wagtail admin to them.
STAFF_GROUP_NAME = "Équipes Labo commun"
#: Prefix of the per-programme groups that carry page permissions on one programme's pages.
PROGRAMME_GROUP_PREFIX = "Programme n°"
PAGE_EDIT_PERMISSIONS = ("add_page", "change_page", "publish_page")


def staff_group():
    """The staff group, created with admin access and image/document upload rights if missing."""
    group, created = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        root = Collection.get_first_root_node()
        for codename in ("add_image", "choose_image", "add_document", "choose_document"):
            permission = Permission.objects.get(codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
    return group


def programme_editor_group(programme):
    """The group allowed to edit ``programme``'s page and the pages under it."""
    group, created = Group.objects.get_or_create(name=f"{PROGRAMME_GROUP_PREFIX}{programme.pk} — édition")
    if created:
        for codename in PAGE_EDIT_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=programme, permission=Permission.objects.get(codename=codename)
            )
    return group


@transaction.atomic
def sync_user_access(user):
    """Put ``user`` in the groups their roles call for, and out of those they no longer do.

    Called whenever a programme role or a structure membership is saved or deleted, so that
    Wagtail's own page permissions follow the roles held in Labo commun.
    """
    from lab.models import ProgrammePage

    has_role = user.programme_roles.exists() or user.memberships.exists()
    group = staff_group()
    if has_role:
        user.groups.add(group)
    else:
        user.groups.remove(group)

    editable = ProgrammePage.objects.filter(
        roles__user=user, roles__role__in=[ProgrammeRoleKind.COORDINATOR, ProgrammeRoleKind.FACILITATOR]
    ).distinct()
    wanted = {programme_editor_group(programme) for programme in editable}
    current = set(user.groups.filter(name__startswith=PROGRAMME_GROUP_PREFIX))
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
    user._lab_scope = None


def programme_for(obj):
    """The programme a page (or the programme itself) belongs to, or None.

    A report or a prototype published under a programme page inherits its publicity obligations.
    """
    from lab.models import ProgrammePage

    if obj is None:
        return None
    if isinstance(obj, ProgrammePage):
        return obj
    programme = getattr(obj, "programme", None)
    if isinstance(programme, ProgrammePage):
        return programme
    if hasattr(obj, "path") and hasattr(obj, "depth"):
        return ProgrammePage.objects.ancestor_of(obj, inclusive=True).first()
    return None
