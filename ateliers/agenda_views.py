"""The public agenda (/agenda/): the events, one event's page with its sign-up form, the iCalendar
feeds, and the page of the cancellation link sent by e-mail. No login anywhere."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ateliers.choices import RegistrationStatus
from ateliers.forms import PublicSignupForm
from ateliers.services import agenda, signup
from lab.infra.antispam import rate_limited
from lab.infra.security import client_ip
from lab.models import ProgrammePage


def index(request):
    """Every public event, the coming ones first, with the publicity block of each programme shown."""
    events = list(agenda.public_events())
    coming, past = agenda.split_by_date(events)
    programmes = list({event.programme_id: event.programme for event in events}.values())
    context = {"coming": coming, "past": past, "programmes": programmes}
    return TemplateResponse(request, "ateliers/agenda/index.html", context)


def _event_or_404(pk):
    workshop = agenda.public_event(pk)
    if workshop is None:
        raise Http404(_("Cet événement n'existe pas ou n'est pas public."))
    return workshop


@never_cache
def event(request, pk):
    """An event's page; a POST signs up (the form comes back with what is wrong, answers kept)."""
    workshop = _event_or_404(pk)
    can_sign_up = workshop.signup_is_open() and signup.signup_structure(workshop) is not None
    form = PublicSignupForm(workshop=workshop) if can_sign_up else None
    status = 200
    if request.method == "POST":
        if not can_sign_up:
            messages.error(request, _("Les inscriptions en ligne à cet événement sont closes."))
            return redirect(agenda.event_path(workshop))
        form = PublicSignupForm(request.POST, workshop=workshop)
        if rate_limited("agenda-signup", client_ip(request), settings.ATELIERS_SIGNUP_RATE_PER_HOUR):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Trop d'inscriptions ont été envoyées depuis votre connexion : réessayez dans une heure. "
                    "Vos réponses sont conservées ci-dessous."
                ),
            )
        elif form.is_valid():
            try:
                registration = signup.sign_up(workshop, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _success_message(registration))
                return redirect(agenda.event_path(workshop) + "#inscription")
        status = 400
    context = {
        "workshop": workshop,
        "page": workshop.programme,
        "sessions": list(workshop.sessions.all()),
        "teams": list(agenda.teams(workshop)),
        "results": agenda.results(workshop),
        "seats_left": agenda.seats_left(workshop),
        "form": form,
        "retention_months": settings.ATELIERS_SIGNUP_RETENTION_MONTHS,
    }
    return TemplateResponse(request, "ateliers/agenda/event.html", context, status=status)


def _success_message(registration):
    values = {"email": registration.person.email}
    if registration.status == RegistrationStatus.WAITING:
        return (
            _(
                "L'événement est complet : vous êtes sur la liste d'attente. Un courriel vous a été envoyé à "
                "%(email)s ; un autre vous préviendra si une place se libère."
            )
            % values
        )
    return (
        _(
            "Votre inscription est enregistrée. Un courriel de confirmation, avec l'événement à ajouter à votre "
            "agenda et un lien pour annuler, vous a été envoyé à %(email)s."
        )
        % values
    )


def _ics(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, pk):
    """The event in iCalendar format, to add to one's calendar."""
    workshop = _event_or_404(pk)
    return _ics(agenda.event_calendar(workshop), f"evenement-{workshop.pk}.ics")


def programme_ics(request, pk):
    """The public events of a programme as an iCalendar feed (to subscribe to)."""
    programme = get_object_or_404(ProgrammePage.objects.live().public(), pk=pk)
    events = agenda.public_events(programme)
    return _ics(agenda.calendar(events, programme.title), f"agenda-{programme.slug}.ics")


@never_cache
def cancel(request, token):
    """The cancellation link of the confirmation e-mail: a GET asks to confirm, a POST cancels."""
    registration = signup.registration_for_token(token)
    if registration is None:
        context = {"invalid": True}
        return TemplateResponse(request, "ateliers/agenda/cancel.html", context, status=404)
    workshop = registration.workshop
    done = request.method == "POST"
    if done:
        signup.cancel(registration)
    context = {
        "registration": registration,
        "workshop": workshop,
        "page": workshop.programme,
        "done": done,
        "event_url": agenda.event_path(workshop) if workshop.is_public_event else None,
    }
    return TemplateResponse(request, "ateliers/agenda/cancel.html", context)
