"""Shared lookups of the ateliers' admin views: a workshop or programme within the user's scope."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from ateliers.models import Workshop
from ateliers.services.registrations import (
    active_registrations,
)
from lab.models import ProgrammePage
from lab.scope import CHANGE, VIEW, scope_for

#: The questionnaire synthesis' charts of choices: narrow, bars of one colour.


def _workshop(request, pk, action=VIEW):
    """The workshop if the user may reach it: another programme's workshop is a 404, read-only a 403."""
    scope = scope_for(request.user)
    workshop = get_object_or_404(scope.filter(Workshop.objects.select_related("programme"), VIEW), pk=pk)
    if action == CHANGE and not scope.can(CHANGE, workshop):
        raise PermissionDenied
    return workshop


def _programme(request, pk):
    return get_object_or_404(scope_for(request.user).filter(ProgrammePage.objects.all(), VIEW), pk=pk)


def _visible_registrations(request, workshop):
    """The workshop's active registrations this user may see: a structure's team only sees its own."""
    return scope_for(request.user).filter(active_registrations(workshop), VIEW)


def _errors(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def _form_errors_to_messages(request, form):
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for message in errors:
            messages.error(request, f"{label} : {message}" if label else message)
