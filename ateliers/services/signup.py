"""Sign-up of the public to an event of the agenda: seats and waiting list, the signed cancellation
link, and the retention of the data of the people who signed up online."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, RegistrationSource, RegistrationStatus
from ateliers.models import Registration, Workshop
from ateliers.services.registrations import cancel_registration
from ateliers.services.signup_tokens import registration_id
from ateliers.tasks import send_signup_email
from lab.models import Person
from lab.privacy import erase_person


def signup_structure(workshop):
    """The structure public sign-ups are registered for: the programme's carrier (the organiser), whose
    team and the programme's coordinators find them in the admin. None: no online sign-up possible."""
    return workshop.programme.carrier


def registration_for_token(token):
    """The public registration a cancellation token names, or None for a tampered or unknown token."""
    pk = registration_id(token)
    if pk is None:
        return None
    return (
        Registration.objects.select_related("workshop__programme", "person")
        .filter(pk=pk, source=RegistrationSource.PUBLIC)
        .first()
    )


def _person(structure, data):
    """The person who signed up: the same one when this address already signed up online (never a
    person keyed in by the teams, whose record the sign-up must not change)."""
    email = data["email"].strip()
    public = Registration.objects.filter(person=OuterRef("pk"), source=RegistrationSource.PUBLIC)
    staff = Registration.objects.filter(person=OuterRef("pk")).exclude(source=RegistrationSource.PUBLIC)
    person = (
        Person.objects.filter(structure=structure, email__iexact=email, user__isnull=True)
        .filter(Exists(public), ~Exists(staff))
        .order_by("pk")
        .first()
    ) or Person(structure=structure, email=email)
    person.first_name = data["first_name"].strip()
    person.last_name = data["last_name"].strip()
    person.role = data["role"]
    if data.get("phone"):
        person.phone = data["phone"]
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def sign_up(workshop, data):
    """Register someone of the public to ``workshop`` from the sign-up form's ``data``: a seat, or the
    waiting list when the event is full. The confirmation e-mail leaves once the registration is saved.

    Refuses (``ValidationError`` in French) a closed sign-up and an address already registered.
    """
    # One sign-up at a time per event, so that two people never take the last seat together.
    # of=self: PostgreSQL cannot lock the nullable side of the join to the carrier.
    workshop = Workshop.objects.select_for_update(of=("self",)).select_related("programme__carrier").get(pk=workshop.pk)
    structure = signup_structure(workshop)
    if not workshop.signup_is_open() or structure is None:
        raise ValidationError(_("Les inscriptions en ligne à cet événement sont closes."))
    person = _person(structure, data)
    registration = Registration.objects.filter(workshop=workshop, person=person).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        raise ValidationError(
            _(
                "Cette adresse est déjà inscrite à cet événement. Le courriel de confirmation contient le lien "
                "pour annuler l'inscription."
            )
        )
    taken = workshop.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES).count()
    full = workshop.capacity is not None and taken >= workshop.capacity
    registration = registration or Registration(workshop=workshop, person=person)
    registration.structure = structure
    registration.source = RegistrationSource.PUBLIC
    registration.status = RegistrationStatus.WAITING if full else RegistrationStatus.REGISTERED
    registration.declared_structure = (data.get("structure") or "").strip()
    registration.subgroup = data.get("team")
    registration.full_clean()
    if registration.pk:
        # Signed up again after a cancellation: counted from now on the waiting list.
        registration.registered_at = timezone.now()
    registration.save()
    # The programme's people are seen by its coordinators through the structures taking part in it.
    workshop.programme.structures.add(structure)
    notify(registration, "waiting" if full else "registered")
    return registration


def cancel(registration):
    """Cancel a public registration from its link; the first person waiting gets the seat (and an
    e-mail). Returns False when it was already cancelled."""
    if registration.status == RegistrationStatus.CANCELLED:
        return False
    cancel_registration(registration)
    return True


def notify_promoted(sender, registrations, **kwargs):
    """Receiver of ``waiting_list_promoted``: tell the people who signed up online they have a seat."""
    for registration in registrations:
        if registration.source == RegistrationSource.PUBLIC:
            notify(registration, "promoted")


def notify(registration, kind):
    """Send the person the e-mail of ``kind`` (registered, waiting, promoted) once the change is saved."""
    transaction.on_commit(lambda: send_signup_email.enqueue(registration.pk, kind))


# --- Retention ---------------------------------------------------------------------------------------


def retention_cutoff(months=None, today=None):
    """The day before which an event's online sign-ups are past their retention period."""
    months = settings.ATELIERS_SIGNUP_RETENTION_MONTHS if months is None else months
    today = today or timezone.localdate()
    # Months of 30 days are precise enough for a retention period counted in months.
    return today - datetime.timedelta(days=30 * months)


def expired_signups(months=None, today=None):
    """The people known only through online sign-ups whose last event ended before the retention period.

    People keyed in by the teams, people with an account and people already erased are left alone.
    """
    cutoff = retention_cutoff(months, today)
    staff = Registration.objects.filter(person=OuterRef("pk")).exclude(source=RegistrationSource.PUBLIC)
    return (
        Person.objects.filter(registrations__source=RegistrationSource.PUBLIC, user__isnull=True)
        .exclude(first_name="Personne", last_name__startswith="effacée n°")
        .filter(~Exists(staff))
        .annotate(
            last_day=Max(
                Coalesce(
                    "registrations__workshop__end_date",
                    "registrations__workshop__start_date",
                    "registrations__registered_at__date",
                )
            )
        )
        .filter(last_day__lt=cutoff)
        .order_by("pk")
    )


@transaction.atomic
def erase_expired_signups(months=None, today=None):
    """Erase (anonymise, logged in the RGPD log) the people of ``expired_signups``; their registrations
    and attendance stay, without the structure they typed. Returns how many were erased."""
    people = list(expired_signups(months, today))
    for person in people:
        erase_person(person, None)
        Registration.objects.filter(person=person).update(declared_structure="")
    return len(people)
