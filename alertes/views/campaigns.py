"""Campaigns: list, form (create, edit, reuse), detail with its preview, confirmation, cancellation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alertes import counter, services, tasks
from alertes.choices import CampaignStatus, Channel, MessageStatus
from alertes.confirmation import skipped_counts
from alertes.forms import CampaignForm, default_schedule
from alertes.gsm import sms_length, to_gsm7
from alertes.models import Campaign, Group, Member
from alertes.views.base import PAGE_SIZE, module_view, scoped
from lab.infra.ids import int_param

#: Statuses a campaign can still be edited in (it goes back to draft, to be confirmed again).
EDITABLE = [CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.RECONFIRM]
SENT_OR_SENDING = (CampaignStatus.SENDING, CampaignStatus.SENT)


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
        if campaign.pk is not None and not Campaign.objects.filter(pk=campaign.pk, status__in=EDITABLE).update(
            status=CampaignStatus.DRAFT, hold_reason=""
        ):
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
    recipients_url = reverse("alertes:campaign_recipients")
    if instance is not None:
        recipients_url += f"?campagne={instance.pk}"
    context = {
        "form": form,
        "campaign": instance,
        "source": source,
        "counter": counter.counter_data(recipients_url=recipients_url),
    }
    return render(request, "alertes/campaign_form.html", context)


def _ids(values):
    return [pk for pk in (int_param(value) for value in values[:500]) if pk is not None]


@module_view
def campaign_recipients(request, structure):
    """The live counter's data: recipients of the groups and members being chosen, their first names
    (distinct, with their count) and the month's budget."""
    channel = request.GET.get("channel")
    exclude = scoped(request, Campaign, structure).filter(pk=int_param(request.GET.get("campagne"))).first()
    summary = counter.recipients_summary(
        structure,
        groups=scoped(request, Group, structure).filter(pk__in=_ids(request.GET.getlist("groups"))),
        members=scoped(request, Member, structure).filter(pk__in=_ids(request.GET.getlist("members"))),
        channel=channel if channel in Channel.values else Channel.SMS,
        when=counter.parse_when(request.GET.get("send_mode"), request.GET.get("scheduled_at")),
        exclude_campaign=exclude,
    )
    response = JsonResponse(summary)
    response["Cache-Control"] = "private, no-store"
    return response


@module_view
def campaign_create(request, structure):
    return _campaign_form_view(request, structure)


@module_view
def campaign_edit(request, structure, pk):
    campaign = get_object_or_404(scoped(request, Campaign, structure), pk=pk)
    if campaign.status not in EDITABLE:
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
    confirmable = campaign.status in (CampaignStatus.DRAFT, CampaignStatus.RECONFIRM)
    preview = services.preview_campaign(campaign) if confirmable else None
    suggestion = to_gsm7(campaign.text) if preview and preview.length.outside else ""
    counts = dict(campaign.messages.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    held = campaign.status == CampaignStatus.RECONFIRM
    context = {
        "campaign": campaign,
        "preview": preview,
        "new_recipients": services.new_recipients(campaign).count() if held else 0,
        "skipped": skipped_counts(campaign) if campaign.status in SENT_OR_SENDING else {},
        "status_counts": [(label, counts.get(value, 0)) for value, label in MessageStatus.choices],
        "suggestion": suggestion,
        "suggestion_length": sms_length(services.personalise(suggestion, services.LONG_FIRST_NAME)),
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
    campaign = get_object_or_404(
        scoped(request, Campaign, structure), pk=pk, status__in=[CampaignStatus.DRAFT, CampaignStatus.RECONFIRM]
    )
    campaign.text = to_gsm7(campaign.text)
    campaign.save(update_fields=["text"])
    length = sms_length(services.personalise(campaign.text, services.LONG_FIRST_NAME))
    messages.success(
        request,
        _(
            "Caractères remplacés : le message est maintenant en %(encoding)s, %(n)s SMS par message avec un prénom long."
        )
        % {"encoding": length.encoding, "n": length.segments},
    )
    return redirect("alertes:campaign_detail", pk=pk)
