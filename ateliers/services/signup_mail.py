"""The e-mails of a public sign-up: confirmation (with the event as ``.ics``), waiting list, promotion
from the waiting list. Each carries the signed link that cancels the registration."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ateliers.services.agenda import event_calendar, event_path
from ateliers.services.signup_tokens import cancel_token
from lab.infra.base_url import absolute_url

SUBJECTS = {
    "registered": _("Inscription confirmée : %(event)s"),
    "waiting": _("Liste d'attente : %(event)s"),
    "promoted": _("Une place s'est libérée : %(event)s"),
}


def signup_email(registration, kind):
    """The e-mail of ``kind`` for ``registration`` (not sent): text, cancellation link, ``.ics`` with a seat."""
    workshop = registration.workshop
    context = {
        "registration": registration,
        "workshop": workshop,
        "programme": workshop.programme,
        "kind": kind,
        "event_url": absolute_url(event_path(workshop)),
        "cancel_url": absolute_url(reverse("agenda_cancel", args=[cancel_token(registration)])),
    }
    message = EmailMessage(
        subject=_(SUBJECTS[kind]) % {"event": workshop.title},
        body=render_to_string("ateliers/email/signup.txt", context),
        to=[registration.person.email],
    )
    if kind != "waiting":
        name = f"{slugify(workshop.title)[:60] or 'evenement'}.ics"
        message.attach(name, event_calendar(workshop), "text/calendar; charset=utf-8")
    return message
