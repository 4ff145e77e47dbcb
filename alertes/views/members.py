"""Members (list, fiche, erasure, RGPD export, spreadsheet export) and groups."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from alertes import exports, privacy, services
from alertes.filters import MemberFilter
from alertes.forms import GroupForm, MemberForm
from alertes.models import ConsentEvent, Group, Member, Message, Reminder
from alertes.pickers import search_results
from alertes.views.base import PAGE_SIZE, module_view, scoped
from lab.infra.collation import french
from lab.infra.phones import unknown_range_warning


def _warn_unknown_range(request, member):
    """Saved, but say once that the number is outside the known ranges: the user checks it."""
    if warning := unknown_range_warning(member.phone):
        messages.warning(request, warning)


@module_view
def member_list(request, structure):
    groups = list(Group.objects.filter(structure=structure))
    filters = MemberFilter(request.GET, queryset=scoped(request, Member, structure))
    members = filters.qs
    chosen = filters.form.cleaned_data
    members = members.annotate(is_inactive=ExpressionWrapper(privacy.inactivity(), output_field=BooleanField()))
    members = members.prefetch_related(Prefetch("groups", queryset=Group.objects.order_by(french("name"))))
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "alertes/member_list.html",
        {
            "page": page,
            "groups": groups,
            "query": chosen.get("q") or "",
            "group_id": chosen.get("groupe") or "",
            "consent": chosen.get("consentement") or "",
            "inactive": chosen.get("inactif") or "",
            "retention_months": settings.ALERTES_RETENTION_MONTHS,
            "querystring": params.urlencode(),
        },
    )


@module_view
def member_create(request, structure):
    form = MemberForm(request.POST or None, structure=structure)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.save_member(
                form.save(commit=False),
                groups=form.cleaned_data["groups"],
                consent=form.cleaned_data["consent"],
                author=request.user,
            )
        except IntegrityError:
            form.add_error(None, _("Cette personne vient d'être inscrite par un collègue : rechargez la liste."))
        else:
            messages.success(request, _("%(name)s est inscrit·e.") % {"name": member})
            _warn_unknown_range(request, member)
            return redirect("alertes:home")
    if form.duplicate is not None:
        # Seed 002: registering someone already registered leads to their fiche; nothing is saved.
        messages.info(
            request,
            _(
                "%(name)s est déjà inscrit·e (même téléphone, ou mêmes nom, prénom et date de naissance) : "
                "voici sa fiche. Rien n'a été enregistré."
            )
            % {"name": form.duplicate},
        )
        return redirect("alertes:member_detail", pk=form.duplicate.pk)
    return render(request, "alertes/member_form.html", {"form": form, "duplicate": form.duplicate})


@module_view
def member_detail(request, structure, pk):
    member = get_object_or_404(scoped(request, Member, structure).prefetch_related("groups"), pk=pk)
    context = {
        "member": member,
        "consents": ConsentEvent.objects.filter(member=member).select_related("author")[:20],
        "reminders": Reminder.objects.filter(member=member),
        "messages_sent": Message.objects.filter(member=member).select_related("campaign")[:20],
    }
    return render(request, "alertes/member_detail.html", context)


@module_view
def member_edit(request, structure, pk):
    member = get_object_or_404(scoped(request, Member, structure), pk=pk)
    form = MemberForm(request.POST or None, instance=member, structure=structure)
    if request.method == "POST" and form.is_valid():
        services.save_member(
            form.save(commit=False),
            groups=form.cleaned_data["groups"],
            consent=form.cleaned_data["consent"],
            author=request.user,
        )
        messages.success(request, _("Fiche enregistrée."))
        _warn_unknown_range(request, member)
        return redirect("alertes:member_detail", pk=member.pk)
    return render(request, "alertes/member_form.html", {"form": form, "member": member, "duplicate": form.duplicate})


@module_view
def member_erase(request, structure, pk):
    member = get_object_or_404(scoped(request, Member, structure), pk=pk)
    if request.method == "POST":
        count = services.erase_member(member, author=request.user)
        messages.success(
            request,
            _("La fiche est effacée ; %(count)s message(s) anonymisé(s). L'effacement est consigné.")
            % {"count": count},
        )
        return redirect("alertes:member_list")
    return render(request, "alertes/member_erase.html", {"member": member})


@module_view
def member_data_export(request, structure, pk):
    """RGPD: everything held about one member, as a JSON file; the export is logged."""
    member = get_object_or_404(scoped(request, Member, structure).select_related("structure"), pk=pk)
    response = HttpResponse(privacy.export_member(member, request.user), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="adherent-{member.pk}-donnees.json"'
    return response


@module_view
def member_export(request, structure, fmt):
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        response = HttpResponse(
            exports.members_xlsx(structure),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(exports.members_csv(structure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="adherents-{structure.slug}-{stamp}.{fmt}"'
    return response


@module_view
def group_list(request, structure):
    form = GroupForm(request.POST or None, structure=structure)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Groupe créé."))
        return redirect("alertes:group_list")
    groups = scoped(request, Group, structure).annotate(member_count=Count("members")).order_by(french("name"))
    return render(request, "alertes/group_list.html", {"groups": groups, "form": form})


@module_view
def group_edit(request, structure, pk):
    group = get_object_or_404(scoped(request, Group, structure), pk=pk)
    form = GroupForm(request.POST or None, instance=group, structure=structure)
    if request.method == "POST":
        if "delete" in request.POST:
            group.delete()
            messages.success(request, _("Groupe supprimé (les adhérents sont conservés)."))
            return redirect("alertes:group_list")
        if form.is_valid():
            form.save()
            messages.success(request, _("Groupe enregistré."))
            return redirect("alertes:group_list")
    return render(request, "alertes/group_form.html", {"form": form, "group": group})


@module_view
def member_search(request, structure):
    """The pickers' search: at most 20 members of the current structure matching ``q`` (name or phone);
    ``accord=oui``: only those who consented (a campaign's extra members)."""
    members = scoped(request, Member, structure)
    if request.GET.get("accord") == "oui":
        members = members.filter(consent=True)
    response = JsonResponse(search_results(members, request.GET.get("q", "")))
    response["Cache-Control"] = "private, no-store"
    return response
