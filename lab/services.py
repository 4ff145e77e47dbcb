"""Service functions of the core domain."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
)

from lab.choices import ProgrammeRoleKind

#: The group every user with a role belongs to: it opens the Wagtail admin to them.
STAFF_GROUP_NAME = "Équipes Labo commun"
#: Prefix of the per-programme groups that carry page permissions on one programme's pages.
PROGRAMME_GROUP_PREFIX = "Programme n°"
#: What the programme's coordination and facilitation may do on its pages; publishing is given per
#: role, as the programme's ``direct_publishers`` says (`lab.validation.apply_validation_policy`).
PAGE_EDIT_PERMISSIONS = ("add_page", "change_page")
ROLE_GROUP_SUFFIXES = {ProgrammeRoleKind.COORDINATOR: "coordination", ProgrammeRoleKind.FACILITATOR: "facilitation"}


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


def programme_role_group(programme, role):
    """The group of the programme's coordinators or facilitators: it carries their right to publish
    directly (when the programme allows it) and, for coordinators, their validation step."""
    group, _created = Group.objects.get_or_create(
        name=f"{PROGRAMME_GROUP_PREFIX}{programme.pk} — {ROLE_GROUP_SUFFIXES[role]}"
    )
    return group


def programme_funder_group(programme):
    """The group of the programme's funder reviewers: the last step of its validation workflow."""
    group, _created = Group.objects.get_or_create(name=f"{PROGRAMME_GROUP_PREFIX}{programme.pk} — financeurs")
    return group


@transaction.atomic
def sync_user_access(user):
    """Put ``user`` in the groups their roles call for, and out of those they no longer do.

    Called whenever a programme role or a structure membership is saved or deleted, so that
    Wagtail's own page permissions follow the roles held in Labo commun.
    """
    from lab.models import ProgrammePage, ProgrammeRole

    has_role = user.programme_roles.exists() or user.memberships.exists()
    group = staff_group()
    if has_role:
        user.groups.add(group)
    else:
        user.groups.remove(group)

    editing_roles = ProgrammeRole.objects.filter(
        user=user, role__in=[ProgrammeRoleKind.COORDINATOR, ProgrammeRoleKind.FACILITATOR]
    ).select_related("programme")
    wanted = {programme_editor_group(role.programme) for role in editing_roles}
    wanted |= {programme_role_group(role.programme, role.role) for role in editing_roles}
    wanted |= {
        programme_funder_group(programme)
        for programme in ProgrammePage.objects.filter(roles__user=user, roles__role=ProgrammeRoleKind.FUNDER).distinct()
    }
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


_structure_sections = []


def register_structure_section(provider):
    """Add a section to a structure's page in the admin.

    ``provider(structure, user)`` returns ``{"template": ..., "context": {...}}``, or ``None`` when it
    has nothing to show this user. Apps (ateliers: attendance rates) register theirs in ``ready()``,
    so the core domain never imports them.
    """
    _structure_sections.append(provider)
    return provider


def structure_sections(structure, user):
    """The sections the registered apps show on ``structure``'s admin page, for ``user``."""
    return [section for provider in _structure_sections if (section := provider(structure, user))]
