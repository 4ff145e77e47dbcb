"""The Alertes SMS module's own pages, under /alertes/, for the social workers of one structure.

Every view goes through ``module_view``: login required, the user's current structure resolved
from their memberships (a global admin picks one), and every object looked up inside that
structure, so another structure's id is a 404.
"""

import json
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alertes import exports, imports, notice, privacy, sending, services, tasks
from alertes.choices import CampaignStatus, ImportStatus, MessageStatus
from alertes.filters import MemberFilter
from alertes.forms import (
    AccountForm,
    CampaignForm,
    GroupForm,
    ImportUploadForm,
    MappingForm,
    MemberForm,
    ReminderForm,
    SettingsForm,
    StructureChoiceForm,
    default_schedule,
)
from alertes.gsm import to_gsm7
from alertes.models import Campaign, ConsentEvent, Group, Member, MemberImport, Message, Reminder
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


# --- Members ---------------------------------------------------------------------------------------


@module_view
def member_list(request, structure):
    groups = list(Group.objects.filter(structure=structure))
    filters = MemberFilter(request.GET, queryset=scoped(request, Member, structure))
    members = filters.qs
    chosen = filters.form.cleaned_data
    members = members.annotate(is_inactive=ExpressionWrapper(privacy.inactivity(), output_field=BooleanField()))
    members = members.prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
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
            return redirect("alertes:home")
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


# --- Groups ----------------------------------------------------------------------------------------


@module_view
def group_list(request, structure):
    form = GroupForm(request.POST or None, structure=structure)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Groupe créé."))
        return redirect("alertes:group_list")
    groups = scoped(request, Group, structure).annotate(member_count=Count("members"))
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


# --- Import ----------------------------------------------------------------------------------------


@module_view
def import_upload(request, structure):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            table = imports.read_table(data, upload.name)
        except imports.ImportFileError as error:
            form.add_error("file", str(error))
        else:
            pending = MemberImport(
                structure=structure,
                original_name=upload.name[:255],
                mapping=imports.guess_mapping(table.header),
                encoding=table.encoding,
                delimiter=table.delimiter,
                created_by=request.user,
            )
            pending.file.save(upload.name, ContentFile(data), save=False)
            pending.save()
            return redirect("alertes:import_preview", pk=pending.pk)
    return render(request, "alertes/import_upload.html", {"form": form})


def _load_import(request, structure, pk):
    pending = get_object_or_404(scoped(request, MemberImport, structure), pk=pk)
    with pending.file.open("rb") as handle:
        table = imports.read_table(handle.read(), pending.original_name)
    return pending, table


@module_view
def import_preview(request, structure, pk):
    pending, table = _load_import(request, structure, pk)
    initial = {name: str(index) for name, index in pending.mapping.items()}
    form = MappingForm(request.POST or None, header=table.header, initial=initial)
    if request.method == "POST" and form.is_valid():
        pending.mapping = form.mapping()
        pending.save(update_fields=["mapping"])
        return redirect("alertes:import_preview", pk=pending.pk)
    validation, error = None, None
    try:
        validation = imports.validate(structure, table, {k: int(v) for k, v in pending.mapping.items()})
    except imports.ImportFileError as problem:
        error = str(problem)
    labels = {name: label for name, label, _aliases, _required in imports.FIELDS}
    columns = [(name, labels[name]) for name in imports.FIELD_NAMES if name in pending.mapping]
    context = {
        "pending": pending,
        "table": table,
        "form": form,
        "error": error,
        "validation": validation,
        "columns": columns,
        "invalid_rows": validation.invalid[:200] if validation else [],
        "valid_rows": validation.valid[:20] if validation else [],
    }
    return render(request, "alertes/import_preview.html", context)


@module_view
def import_errors(request, structure, pk):
    pending, table = _load_import(request, structure, pk)
    validation = imports.validate(structure, table, {k: int(v) for k, v in pending.mapping.items()})
    labels = {name: label for name, label, _aliases, _required in imports.FIELDS}
    response = HttpResponse(imports.error_report(validation, labels), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="erreurs-import-{pending.pk}.csv"'
    return response


@module_view
@require_POST
def import_confirm(request, structure, pk):
    pending, table = _load_import(request, structure, pk)
    if pending.status != ImportStatus.PENDING:
        messages.error(request, _("Cet import a déjà été traité."))
        return redirect("alertes:member_list")
    try:
        validation = imports.validate(structure, table, {k: int(v) for k, v in pending.mapping.items()})
    except imports.ImportFileError as error:
        messages.error(request, str(error))
        return redirect("alertes:import_preview", pk=pending.pk)
    try:
        with transaction.atomic():
            count = imports.import_valid_rows(structure, validation, request.user)
            pending.status = ImportStatus.DONE
            pending.imported_count = count
            pending.error_count = len(validation.invalid)
            pending.save(update_fields=["status", "imported_count", "error_count"])
    except IntegrityError:
        messages.error(
            request, _("Des adhérents ont été inscrits entre-temps : rien n'a été importé, revoyez l'aperçu.")
        )
        return redirect("alertes:import_preview", pk=pending.pk)
    messages.success(
        request,
        _("%(count)s adhérent(s) importé(s) ; %(errors)s ligne(s) écartée(s).")
        % {"count": count, "errors": len(validation.invalid)},
    )
    return redirect("alertes:member_list")


# --- Campaigns -------------------------------------------------------------------------------------


@module_view
def campaign_list(request, structure):
    campaigns = (
        scoped(request, Campaign, structure)
        .annotate(message_count=Count("messages"))
        .prefetch_related("groups")
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "alertes/campaign_list.html", {"page": page})


def _campaign_form_view(request, structure, instance=None, source=None):
    initial = {}
    if source is not None:
        initial = {
            "title": source.title,
            "category": source.category,
            "text": source.text,
            "channel": source.channel,
            "groups": list(source.groups.all()),
            "members": list(source.members.all()),
            "send_mode": CampaignForm.SEND_LATER,
            "scheduled_at": default_schedule(),
        }
    form = CampaignForm(request.POST or None, instance=instance, initial=initial, structure=structure)
    if request.method == "POST" and form.is_valid():
        campaign = form.save(commit=False)
        if campaign.pk is not None and not Campaign.objects.filter(
            pk=campaign.pk, status__in=[CampaignStatus.DRAFT, CampaignStatus.SCHEDULED]
        ).update(status=CampaignStatus.DRAFT):
            # Editing a scheduled campaign takes it back to draft (to confirm again), unless it started.
            messages.error(request, _("L'envoi vient de commencer : la campagne ne peut plus être modifiée."))
            return redirect("alertes:campaign_detail", pk=campaign.pk)
        if campaign.pk is None:
            campaign.created_by = request.user
            campaign.reused_from = source
        campaign.status = CampaignStatus.DRAFT
        campaign.save()
        form.save_m2m()
        return redirect("alertes:campaign_detail", pk=campaign.pk)
    return render(request, "alertes/campaign_form.html", {"form": form, "campaign": instance, "source": source})


@module_view
def campaign_create(request, structure):
    return _campaign_form_view(request, structure)


@module_view
def campaign_edit(request, structure, pk):
    campaign = get_object_or_404(scoped(request, Campaign, structure), pk=pk)
    if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED):
        messages.error(request, _("Cette campagne est partie : réutilisez-la pour en envoyer une nouvelle."))
        return redirect("alertes:campaign_detail", pk=pk)
    return _campaign_form_view(request, structure, instance=campaign)


@module_view
def campaign_reuse(request, structure, pk):
    source = get_object_or_404(scoped(request, Campaign, structure), pk=pk)
    return _campaign_form_view(request, structure, source=source)


@module_view
def campaign_detail(request, structure, pk):
    campaign = get_object_or_404(
        scoped(request, Campaign, structure).select_related("reused_from").prefetch_related("groups", "members"), pk=pk
    )
    preview = services.preview_campaign(campaign) if campaign.status == CampaignStatus.DRAFT else None
    counts = dict(campaign.messages.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    context = {
        "campaign": campaign,
        "preview": preview,
        "status_counts": [(label, counts.get(value, 0)) for value, label in MessageStatus.choices],
        "suggestion": to_gsm7(campaign.text) if preview and preview.length.outside else "",
        "recent_messages": campaign.messages.select_related("member")[:50],
    }
    return render(request, "alertes/campaign_detail.html", context)


@module_view
@require_POST
def campaign_confirm(request, structure, pk):
    campaign = get_object_or_404(scoped(request, Campaign, structure), pk=pk)
    try:
        campaign, preview = services.schedule_campaign(campaign)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("alertes:campaign_detail", pk=pk)
    tasks.enqueue_dispatch(campaign)
    when = timezone.localtime(campaign.scheduled_at)
    text = _("Campagne confirmée : %(n)s destinataire(s), envoi le %(date)s à %(time)s.") % {
        "n": preview.recipients,
        "date": when.strftime("%d/%m/%Y"),
        "time": when.strftime("%H:%M"),
    }
    if preview.postponed:
        text += " " + _("L'heure demandée tombe hors des plages d'envoi de la structure : l'envoi est reporté.")
    messages.success(request, text)
    return redirect("alertes:campaign_detail", pk=pk)


@module_view
@require_POST
def campaign_cancel(request, structure, pk):
    campaign = get_object_or_404(scoped(request, Campaign, structure), pk=pk)
    if services.cancel_campaign(campaign):
        messages.success(request, _("Campagne annulée : aucun message ne partira."))
    else:
        messages.error(request, _("L'envoi a déjà commencé : la campagne ne peut plus être annulée."))
    return redirect("alertes:campaign_detail", pk=pk)


@module_view
@require_POST
def campaign_use_gsm7(request, structure, pk):
    campaign = get_object_or_404(scoped(request, Campaign, structure), pk=pk, status=CampaignStatus.DRAFT)
    campaign.text = to_gsm7(campaign.text)
    campaign.save(update_fields=["text"])
    messages.success(request, _("Caractères remplacés : le message est maintenant en alphabet GSM-7."))
    return redirect("alertes:campaign_detail", pk=pk)


# --- Reminders -------------------------------------------------------------------------------------


@module_view
def reminder_list(request, structure):
    reminders = scoped(request, Reminder, structure).select_related("member")
    page = Paginator(reminders, PAGE_SIZE).get_page(request.GET.get("page"))
    dropped = (
        scoped(request, Message, structure)
        .filter(reminder__isnull=False, status=MessageStatus.CANCELLED)
        .select_related("member")[:10]
    )
    return render(request, "alertes/reminder_list.html", {"page": page, "dropped": dropped})


@module_view
def reminder_form(request, structure, pk=None):
    reminder = get_object_or_404(scoped(request, Reminder, structure), pk=pk) if pk else None
    initial = {}
    member_id = request.GET.get("adherent", "")
    if reminder is None and member_id.isdigit():
        initial["member"] = scoped(request, Member, structure).filter(pk=int(member_id)).first()
    form = ReminderForm(request.POST or None, instance=reminder, initial=initial, structure=structure)
    if request.method == "POST":
        if reminder is not None and "delete" in request.POST:
            reminder.delete()
            messages.success(request, _("Rappel supprimé."))
            return redirect("alertes:reminder_list")
        if form.is_valid():
            saved = form.save(commit=False)
            saved.text = form.cleaned_data["text"]
            if saved.pk is None:
                saved.created_by = request.user
            saved.save()
            messages.success(request, _("Rappel enregistré."))
            return redirect("alertes:reminder_list")
    return render(request, "alertes/reminder_form.html", {"form": form, "reminder": reminder})


# --- Statistics, settings, accounts ---------------------------------------------------------------


@module_view
def statistics(request, structure):
    return render(request, "alertes/statistics.html", {"stats": services.statistics(structure)})


@module_view(admin_only=True)
def structure_settings(request, structure):
    rules = services.settings_for(structure)
    form = SettingsForm(request.POST or None, instance=rules)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Réglages enregistrés."))
        return redirect("alertes:home")
    return render(request, "alertes/settings_form.html", {"form": form})


@module_view(admin_only=True)
def account_list(request, structure):
    return render(request, "alertes/account_list.html", {"accounts": services.structure_accounts(structure)})


@module_view(admin_only=True)
def account_create(request, structure):
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.create_account(
            structure,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            password=data["password1"],
            role=data["role"],
        )
        messages.success(request, _("Le compte « %(name)s » est créé.") % {"name": user.username})
        return redirect("alertes:home")
    return render(request, "alertes/account_form.html", {"form": form})


# --- User manual -----------------------------------------------------------------------------------


@module_view
def manual(request, structure):
    return render(request, "alertes/notice.html", {"body": notice.notice_html(), "mention": notice.PUBLICITY_SENTENCE})


@module_view
def manual_pdf(request, structure):
    from lab.infra.pdf import pdf_response

    return pdf_response(notice.notice_pdf(), "notice-alertes-sms.pdf")


# --- Provider webhook ------------------------------------------------------------------------------


@csrf_exempt
@require_POST
def webhook(request, backend):
    """Delivery receipts and replies from the SMS provider, signed with HMAC-SHA256 (X-Signature)."""
    if not sending.signature_is_valid(request.body, request.headers.get("X-Signature", "")):
        return HttpResponseForbidden("invalid signature")
    try:
        payload = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "invalid JSON"}, status=400)
    events = payload if isinstance(payload, list) else [payload]
    handled = sum(sending.handle_event(event) for event in events if isinstance(event, dict))
    return JsonResponse({"handled": handled})
