"""What a user may see and change: the one module every admin list, view and form goes through.

Each model registers how it reaches a structure and/or a programme (``register``). A user then sees:

- everything, as a site administrator (superuser);
- the records of the programmes where they hold a role (coordinator, facilitator: see and change;
  funder reviewer: see only);
- the records of the structures they belong to (administrator and project team: see and change;
  animateurs and social workers: see);
- nothing else: another structure's object is a 404, never a leak.

Reference data (themes, funders, territories) is readable by every staff user and changed by
administrators. The public never goes through here: it only sees published pages.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.forms import ModelChoiceField
from django.http import Http404
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic.chooser import CreateViewMixin
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.chooser import SnippetChooserViewSet

from lab.choices import ProgrammeRoleKind, StructureRoleKind
from lab.infra.admin_french import FrenchViewSetMixin
from lab.infra.exports import safe_export_view
from lab.infra.lookups import followed, single_valued
from lab.infra.search import WordSearchViewMixin

VIEW = "view"
CHANGE = "change"
#: Wagtail actions that modify an object: all need CHANGE scope.
CHANGE_ACTIONS = frozenset({"add", "change", "delete", "publish", "unpublish", "lock", "unlock"})

ALL_PROGRAMME_ROLES = frozenset(ProgrammeRoleKind.values)
PROGRAMME_EDITORS = frozenset({ProgrammeRoleKind.COORDINATOR, ProgrammeRoleKind.FACILITATOR})
ALL_STRUCTURE_ROLES = frozenset(StructureRoleKind.values)
STRUCTURE_EDITORS = frozenset({StructureRoleKind.ADMIN, StructureRoleKind.TEAM})


@dataclass(frozen=True)
class Rule:
    """How a model's rows are reached: the lookups from a row to a Structure and a programme."""

    #: Lookup to the structure's pk (``"pk"`` for Structure itself), or None.
    structure: str | None = None
    #: Lookup to the ProgrammePage's pk (``"pk"`` for the programme itself), or None.
    programme: str | None = None
    #: Shared reference data: every staff user reads it, administrators change it.
    reference: bool = False
    programme_viewers: frozenset = ALL_PROGRAMME_ROLES
    programme_editors: frozenset = PROGRAMME_EDITORS
    structure_viewers: frozenset = ALL_STRUCTURE_ROLES
    structure_editors: frozenset = STRUCTURE_EDITORS
    #: Whether members of a structure may create new rows (False for Structure itself).
    structure_members_may_add: bool = True


_rules: dict[type, Rule] = {}


def register(model, **options):
    """Declare how ``model`` is scoped, and make Wagtail's admin use that scope for it.

    Pages keep Wagtail's own page permissions (granted per programme by ``lab.services``): their
    rule only narrows lists and form choices.
    """
    _rules[model] = Rule(**options)
    from wagtail.models import Page

    if not issubclass(model, Page):
        register_permission_policy(model, ScopedPermissionPolicy(model))


def rule_for(model):
    try:
        return _rules[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no scope rule: call lab.scope.register()") from None


def is_scoped(model):
    return model in _rules


class Scope:
    """The records one user may reach. Two queries at most, cached for the request."""

    def __init__(self, user):
        self.user = user
        self.is_admin = bool(user and user.is_active and user.is_superuser)
        self.is_authenticated = bool(user and user.is_authenticated and user.is_active)

    @cached_property
    def programme_roles(self):
        if not self.is_authenticated:
            return []
        return list(self.user.programme_roles.values_list("programme_id", "role"))

    @cached_property
    def structure_roles(self):
        if not self.is_authenticated:
            return []
        return list(self.user.memberships.values_list("structure_id", "role"))

    def programme_ids(self, roles=ALL_PROGRAMME_ROLES):
        return {pk for pk, role in self.programme_roles if role in roles}

    def structure_ids(self, roles=ALL_STRUCTURE_ROLES):
        return {pk for pk, role in self.structure_roles if role in roles}

    @property
    def is_staff_user(self):
        return self.is_admin or bool(self.programme_roles or self.structure_roles)

    def _q(self, model, action, in_sql=False):
        """Q object selecting the rows reachable for ``action``; None means every row. ``in_sql``: the
        user's roles as subqueries of that one query rather than read first (see ``filter``)."""
        if self.is_admin:
            return None
        rule = rule_for(model)
        change = action in CHANGE_ACTIONS
        if rule.reference:
            return Q(pk__in=[]) if change or not self.is_staff_user else None
        q = None  # (not « Q(pk__in=[]) | … »: the ORM compiles an empty IN by catching an exception)
        subqueries = in_sql and not self._roles_read()
        for lookup, roles, kind in (
            (rule.programme, rule.programme_editors if change else rule.programme_viewers, "programme"),
            (rule.structure, rule.structure_editors if change else rule.structure_viewers, "structure"),
        ):
            if not lookup:
                continue
            if subqueries:
                related = self.user.programme_roles if kind == "programme" else self.user.memberships
                reachable = related.filter(role__in=roles).values(f"{kind}_id") if roles else None
            else:
                reachable = (self.programme_ids(roles) if kind == "programme" else self.structure_ids(roles)) or None
            if reachable is not None:  # (never the truth of a subquery: that would run it)
                reach = Q(**{f"{lookup}__in": reachable})
                q = reach if q is None else q | reach
        return Q(pk__in=[]) if q is None else q

    def _roles_read(self):
        return not self.is_authenticated or "programme_roles" in self.__dict__ or "structure_roles" in self.__dict__

    def filter(self, queryset, action=VIEW, in_sql=False):
        """``queryset`` narrowed to what this user may reach for ``action``. With ``in_sql``, the user's
        roles not read yet are subqueries of the query itself: a view reading one object saves the two
        queries of the roles."""
        q = self._q(queryset.model, action, in_sql)
        if q is None:
            return queryset
        if single_valued(queryset.model, q):
            # Only foreign keys on the way (a structure, a programme): a plain WHERE, no row twice.
            return queryset.filter(q)
        # A row can match through several programmes: the subquery keeps one of each.
        return queryset.filter(pk__in=queryset.model._default_manager.filter(q).values("pk"))

    def narrow(self, queryset, action=VIEW, in_sql=False, **relations):
        """``queryset`` narrowed to the rows whose related objects this user may reach for ``action``:
        ``narrow(certificates, workshop=Workshop, person=Person)`` keeps a certificate only if both its
        workshop and its person are reachable, in the one query (a subquery per relation)."""
        if self.is_admin:
            return queryset
        for relation, model in relations.items():
            q = self._q(model, action, in_sql)
            if q is None:
                continue
            if queryset.model._meta.get_field(relation).many_to_one and single_valued(model, q):
                # A foreign key to a row scoped by foreign keys: the rule followed through the key
                # (« workshop__programme__in ») rather than a subquery of the related rows.
                queryset = queryset.filter(followed(q, relation))
            else:
                queryset = queryset.filter(
                    **{f"{relation}__in": self.filter(model._default_manager.all(), action, in_sql).values("pk")}
                )
        return queryset

    def can(self, action, obj):
        """Whether this user may ``action`` ("view", "change"…) this saved object."""
        q = self._q(type(obj), action)
        if q is None:
            return True
        return type(obj)._default_manager.filter(q, pk=obj.pk).exists()

    def may(self, action, model):
        """Model-level answer: could this user ``action`` any row of ``model`` at all?"""
        if self.is_admin:
            return True
        rule = rule_for(model)
        change = action in CHANGE_ACTIONS
        if rule.reference:
            return not change and self.is_staff_user
        allowed = False
        if rule.programme:
            allowed |= bool(self.programme_ids(rule.programme_editors if change else rule.programme_viewers))
        if rule.structure and (action != "add" or rule.structure_members_may_add):
            allowed |= bool(self.structure_ids(rule.structure_editors if change else rule.structure_viewers))
        return allowed


def clean_pk(model, value):
    """``value`` as a primary key of ``model``, or None when no row could have it (``"%00"``, a word,
    a number beyond the column's range: forged URLs and form values)."""
    field = model._meta.pk
    try:
        pk = field.to_python(value)
        field.run_validators(pk)
    except (ValidationError, TypeError, ValueError):
        return None
    return pk


def scope_for(user):
    """The user's ``Scope``, built once per user object (so once per request)."""
    scope = getattr(user, "_lab_scope", None)
    if scope is None:
        scope = Scope(user)
        if user is not None:
            try:
                user._lab_scope = scope
            except AttributeError:
                pass
    return scope


class ScopedPermissionPolicy(BasePermissionPolicy):
    """Wagtail permission policy answering from ``Scope`` instead of Django's model permissions."""

    def user_has_permission(self, user, action):
        return scope_for(user).may(action, self.model)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return scope_for(user).can(action, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        return scope_for(user).filter(self.model._default_manager.all(), action)

    def instances_user_has_any_permission_for(self, user, actions):
        action = VIEW if all(a not in CHANGE_ACTIONS for a in actions) else CHANGE
        return self.instances_user_has_permission_for(user, action)

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class ScopedAdminForm(WagtailAdminModelForm):
    """Admin form whose choices of scoped objects are limited to what the user may change.

    A forged id of another structure's object then fails as an invalid choice.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_for(self.for_user)
        for field in self.fields.values():
            if isinstance(field, ModelChoiceField):
                model = field.queryset.model
                if is_scoped(model) and not rule_for(model).reference:
                    field.queryset = scope.filter(field.queryset, CHANGE)

    def full_clean(self):
        super().full_clean()
        self._drop_rejected_choices()

    def _drop_rejected_choices(self):
        """A refused choice is shown again as empty, never as the object it named.

        The re-rendered chooser would look up the posted id: a word would raise, another structure's
        id would show that object's name. Ids still among the choices are kept.
        """
        if not self.is_bound or not hasattr(self.data, "getlist"):
            return
        data = None
        for name, field in self.fields.items():
            if name not in self.errors or not isinstance(field, ModelChoiceField):
                continue
            key = self.add_prefix(name)
            model = field.queryset.model
            posted = [pk for pk in (clean_pk(model, v) for v in self.data.getlist(key)) if pk is not None]
            kept = [str(pk) for pk in field.queryset.filter(pk__in=posted).values_list("pk", flat=True)]
            if data is None:
                data = self.data.copy()
            data.setlist(key, kept)
        if data is not None:
            self.data = data


class ScopedViewMixin:
    """Admin view mixin: lists show only reachable rows; other rows are 404, read-only ones 403."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if is_scoped(queryset.model):
            return scope_for(self.request.user).filter(queryset, VIEW)
        if isinstance(getattr(self, "object", None), self.model):
            # A list about one object (its history, its usage): reached through that object, which
            # get_object() has checked.
            return queryset
        raise LookupError(f"{type(self).__name__} lists {queryset.model.__name__}, which has no scope rule")

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is None or obj.pk is None:  # create views have no object yet
            return obj
        scope = scope_for(self.request.user)
        if not scope.can(VIEW, obj):
            raise Http404
        required = getattr(self, "permission_required", None)
        if required in CHANGE_ACTIONS and not scope.can(CHANGE, obj):
            raise PermissionDenied
        return obj


class ScopedChooserMixin:
    """The chooser's views (list, results, chosen, create) of a scoped model: only what the user may
    see is listed or returned; another object, or an id that cannot be one, is a 404."""

    def get_object_list(self):
        return scope_for(self.request.user).filter(super().get_object_list(), VIEW)

    def get_object(self, pk):
        pk = clean_pk(self.model_class, pk)
        if pk is None:
            raise Http404
        return scope_for(self.request.user).filter(self.model_class._default_manager.all(), VIEW).get(pk=pk)

    def get_objects(self, pks):
        pks = [pk for pk in (clean_pk(self.model_class, value) for value in pks) if pk is not None]
        return scope_for(self.request.user).filter(self.model_class._default_manager.filter(pk__in=pks), VIEW)

    def dispatch(self, request, *args, **kwargs):
        if isinstance(self, CreateViewMixin) and self.get_creation_form_class() is None:
            raise Http404  # this chooser has no creation form: nothing to post to
        return super().dispatch(request, *args, **kwargs)


class ScopedChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        scoped = type(f"Scoped{view_class.__name__}", (ScopedChooserMixin, view_class), {})
        return super().construct_view(scoped, **kwargs)


class ScopedViewSetMixin(FrenchViewSetMixin):
    """For Wagtail ``ModelViewSet`` / ``SnippetViewSet``: every view it builds is scoped (and speaks
    of its model in correct French: ``feminine = True`` for a feminine verbose name).

    Its lists search their ``search_fields`` in the database, word by word (``lab.infra.search``).
    """

    chooser_viewset_class = ScopedChooserViewSet
    search_backend_name = None

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        if handler is not None and handler.base_form_class is None:
            handler.base_form_class = ScopedAdminForm
        return handler

    def construct_view(self, view_class, **kwargs):
        # A list's ?export=csv / ?export=xlsx goes through the site's one writer (no formula cells); its
        # search looks in the database, word by word.
        scoped = type(
            f"Scoped{view_class.__name__}", (ScopedViewMixin, WordSearchViewMixin, safe_export_view(view_class)), {}
        )
        return super().construct_view(scoped, **kwargs)
