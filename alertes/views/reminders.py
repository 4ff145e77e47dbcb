"""Reminders (« rappels »): list and form."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from alertes import counter
from alertes.choices import MessageStatus
from alertes.forms import ReminderForm
from alertes.models import Member, Message, Reminder
from alertes.views.base import PAGE_SIZE, module_view, scoped
from lab.infra.ids import int_param


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
    member_id = int_param(request.GET.get("adherent"))
    if reminder is None and member_id is not None:
        initial["member"] = scoped(request, Member, structure).filter(pk=member_id).first()
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
    context = {"form": form, "reminder": reminder, "counter": counter.counter_data(reminder=True)}
    return render(request, "alertes/reminder_form.html", context)
