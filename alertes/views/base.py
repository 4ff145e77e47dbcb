"""Shared by the module's views: the current structure, ``module_view``, the structure picker and the home page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alertes import services
from alertes.choices import CampaignStatus
from alertes.forms import StructureChoiceForm
from alertes.models import Campaign, Group, Member, Reminder
from lab.scope import scope_for

SESSION_KEY = "alertes_structure"


PAGE_SIZE = 50


def current_structure(request):
    """The structure the user works on: chosen in the session, or their only one."""
    structures = services.module_structures(request.user)
    chosen = request.session.get(SESSION_KEY)
    if chosen:
        structure = structures.filter(pk=chosen).first()
        if structure is not None:
            return structure
    if not request.user.is_superuser:
        mine = list(structures[:2])
        if len(mine) == 1:
            return mine[0]
    return None


def module_view(view=None, *, admin_only=False):
    """Login, current structure (else the structure picker), and 403 for users without a structure."""

    def decorator(function):
        @login_required
        @wraps(function)
        def wrapper(request, *args, **kwargs):
            structure = current_structure(request)
            if structure is None:
                if not services.module_structures(request.user).exists():
                    raise PermissionDenied
                return redirect(f"{reverse('alertes:choose_structure')}?next={request.path}")
            if admin_only and not services.is_structure_admin(request.user, structure):
                raise PermissionDenied
            request.alertes_structure = structure
            request.alertes_is_admin = services.is_structure_admin(request.user, structure)
            request.alertes_can_switch = request.user.is_superuser or (
                len(scope_for(request.user).structure_ids(services.MODULE_ROLES)) > 1
            )
            return function(request, structure, *args, **kwargs)

        return wrapper

    return decorator(view) if view else decorator


def scoped(request, model, structure):
    """``model``'s rows of the current structure, also narrowed by the user's scope."""
    return services.visible(request.user, model.objects.filter(structure=structure))


@login_required
def choose_structure(request):
    structures = services.module_structures(request.user)
    if not structures.exists():
        raise PermissionDenied
    form = StructureChoiceForm(request.POST or None, structures=structures)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["structure"].pk
        target = request.GET.get("next", "")
        if not target.startswith("/alertes/") or target.startswith("//"):
            target = reverse("alertes:home")
        return redirect(target)
    return render(request, "alertes/choose_structure.html", {"form": form})


@module_view
def home(request, structure):
    members = Member.objects.filter(structure=structure)
    context = {
        "structure": structure,
        "member_count": members.count(),
        "consenting": members.filter(consent=True).count(),
        "group_count": Group.objects.filter(structure=structure).count(),
        "scheduled": Campaign.objects.filter(structure=structure, status=CampaignStatus.SCHEDULED).order_by(
            "scheduled_at"
        )[:5],
        "recent": Campaign.objects.filter(structure=structure).exclude(status=CampaignStatus.SCHEDULED)[:5],
        "reminders": Reminder.objects.filter(structure=structure, active=True, date__gte=timezone.localdate())
        .select_related("member")
        .order_by("date")[:5],
    }
    return render(request, "alertes/home.html", context)
