"""E-mails from a prototype fiche: an « essaimer » request reaches the team, a visitor's message reaches
the fiche's named contact (whose address the visitor never sees: the visitor's is the reply-to).

Links in the e-mails are absolute on the canonical base URL (``lab.infra.base_url``).
"""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from lab.choices import ProgrammeRoleKind, StructureRoleKind
from lab.infra.base_url import absolute_url
from lab.models import ProgrammeRole, StructureMembership

logger = logging.getLogger(__name__)


def replication_recipients(page):
    """The e-mail addresses of the prototype's structure admins and of its programme's facilitators."""
    admins = StructureMembership.objects.filter(
        structure_id=page.structure_id, role=StructureRoleKind.ADMIN, user__is_active=True
    ).values_list("user__email", flat=True)
    facilitators = ProgrammeRole.objects.filter(
        programme_id=page.programme_id, role=ProgrammeRoleKind.FACILITATOR, user__is_active=True
    ).values_list("user__email", flat=True)
    emails = set(admins if page.structure_id else []) | set(facilitators if page.programme_id else [])
    return sorted(email for email in emails if email)


def notify_replication_request(replication):
    """Tell the team a structure wants to replicate their prototype (after the request is saved).

    A mail server that fails is logged: the request is kept and shows in the admin all the same.
    """
    page = replication.prototype
    recipients = replication_recipients(page)
    if not recipients:
        return

    def send():
        context = {
            "replication": replication,
            "page": page,
            "page_url": absolute_url(page.url or "/"),
            "admin_url": absolute_url("/admin/"),
        }
        message = EmailMessage(
            _("Demande d'essaimage : « %(title)s »") % {"title": page.title},
            render_to_string("projets/email/replication_request.txt", context),
            to=recipients,
            reply_to=[replication.email],
        )
        try:
            message.send()
        except OSError:
            logger.exception("The replication request %s could not be e-mailed", replication.pk)

    transaction.on_commit(send)


def send_contact_message(page, cleaned_data):
    """Send a visitor's message to the fiche's contact; ``False`` when the mail server refused it."""
    context = {**cleaned_data, "page": page, "page_url": absolute_url(page.url or "/")}
    message = EmailMessage(
        _("Message à propos de « %(title)s »") % {"title": page.title},
        render_to_string("projets/email/contact_message.txt", context),
        to=[page.contact_email],
        reply_to=[cleaned_data["email"]],
    )
    try:
        message.send()
    except OSError:
        logger.exception("A message to the contact of prototype %s could not be sent", page.pk)
        return False
    return True
