"""Registrations to a workshop: seats, the structures' limits and referents, the waiting list."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES, RegistrationStatus
from ateliers.models import Registration
from lab.choices import PersonRole

#: Sent with ``registrations`` (a list) when people move from the waiting list to a seat: the public
#: sign-up (``ateliers.services.signup``) e-mails those who signed up online.
waiting_list_promoted = Signal()


def active_registrations(workshop):
    """The registrations that hold a seat (inscrit or confirmé): the rows of the attendance sheet."""
    return workshop.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES)


def registration_errors(registration):
    """What is wrong with ``registration`` under the workshop's rules, as form errors (empty if fine).

    The rules are the registration's own (``Registration.rule_errors``): its ``clean`` applies them too.
    """
    return registration.rule_errors()


def _is_full(workshop, exclude_pk=None):
    if workshop.capacity is None:
        return False
    return active_registrations(workshop).exclude(pk=exclude_pk).count() >= workshop.capacity


@transaction.atomic
def register(workshop, person, *, user=None, structure=None, subgroup=None, is_referent=False, confirmed=False):
    """Register ``person`` to ``workshop`` for their structure (or ``structure``).

    Refuses, with a clear message, a structure already at its maximum or not invited; puts the
    person on the waiting list when the workshop is full.
    """
    if workshop.registrations.filter(person=person).exists():
        raise ValidationError(_("%(name)s est déjà inscrit·e à cet atelier.") % {"name": person})
    status = RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.REGISTERED
    if _is_full(workshop):
        status = RegistrationStatus.WAITING
    registration = Registration(
        workshop=workshop,
        person=person,
        structure=structure or person.structure,
        subgroup=subgroup,
        is_referent=is_referent,
        status=status,
        registered_by=user,
    )
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def bulk_register(workshop, structure, people, *, user=None):
    """Register a structure's whole team in one step, or nobody if one of them cannot be.

    When the workshop asks for an agent as referent and the structure has none yet, the first agent
    of the team becomes the referent; a team without any agent is refused.
    """
    people = [p for p in people if not workshop.registrations.filter(person=p).exists()]
    if not people:
        raise ValidationError(_("Toutes ces personnes sont déjà inscrites."))
    has_referent = active_registrations(workshop).filter(structure=structure, is_referent=True).exists()
    referent = None
    if workshop.require_agent_referent and not has_referent:
        referent = next((p for p in people if p.role == PersonRole.AGENT), None)
        if referent is None:
            raise ValidationError(
                _("L'équipe de %(structure)s doit compter au moins un agent, référent du projet.")
                % {"structure": structure.name}
            )
    taken = active_registrations(workshop).filter(structure=structure).count()
    if workshop.max_per_structure is not None and taken + len(people) > workshop.max_per_structure:
        raise ValidationError(
            _(
                "%(structure)s a déjà %(taken)d inscrit(s) : en ajouter %(count)d dépasserait le maximum "
                "de %(max)d pour %(workshop)s."
            )
            % {
                "structure": structure.name,
                "taken": taken,
                "count": len(people),
                "max": workshop.max_per_structure,
                "workshop": workshop.phrase(),
            }
        )
    return [
        register(workshop, person, user=user, structure=structure, is_referent=person == referent) for person in people
    ]


@transaction.atomic
def cancel_registration(registration, *, excused=False):
    """Cancel (or excuse) a registration and give its seat to the first person on the waiting list."""
    registration.status = RegistrationStatus.EXCUSED if excused else RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    return promote_waiting_list(registration.workshop)


def promote_waiting_list(workshop):
    """Move people from the waiting list to registered, in order of arrival, while seats are free."""
    promoted = []
    for registration in workshop.registrations.filter(status=RegistrationStatus.WAITING).order_by("registered_at"):
        if _is_full(workshop):
            break
        if registration_errors(registration):
            continue
        registration.status = RegistrationStatus.REGISTERED
        registration.save(update_fields=["status"])
        promoted.append(registration)
    if promoted:
        waiting_list_promoted.send(sender=Registration, registrations=promoted)
    return promoted


def structure_limit_error(workshop, structure, person=None):
    """The French message when one more person of ``structure`` would break the workshop's maximum, or ''."""
    if workshop.max_per_structure is None:
        return ""
    taken = active_registrations(workshop).filter(structure=structure)
    if person is not None:
        taken = taken.exclude(person=person)
    taken = taken.count()
    if taken < workshop.max_per_structure:
        return ""
    return ngettext(
        "%(structure)s a déjà %(count)d inscrit : c'est le maximum pour %(workshop)s.",
        "%(structure)s a déjà %(count)d inscrits : c'est le maximum pour %(workshop)s.",
        taken,
    ) % {"structure": structure.name, "count": taken, "workshop": workshop.phrase()}


def over_limit_walk_ins(workshop):
    """People added at the door beyond their structure's maximum, with who added them and why."""
    return list(
        active_registrations(workshop)
        .exclude(over_limit_reason="")
        .select_related("person", "structure", "registered_by", "expected_from")
        .order_by("structure__name", "person__last_name")
    )


def invited_without_registration(workshop):
    """The invited structures that have not registered anyone yet (to chase them)."""
    registered = active_registrations(workshop).values("structure_id")
    return workshop.invited_structures.exclude(pk__in=registered).order_by("name")


def structure_warnings(workshop):
    """Structures below the workshop's minimum, or without an agent referent when one is required."""
    counts = {
        row["structure_id"]: row
        for row in active_registrations(workshop)
        .values("structure_id", "structure__name")
        .annotate(n=Count("pk"), referents=Count("pk", filter=Q(is_referent=True, person__role=PersonRole.AGENT)))
    }
    warnings = []
    for row in counts.values():
        if workshop.min_per_structure and row["n"] < workshop.min_per_structure:
            warnings.append(
                _("%(structure)s : %(n)d inscrit(s), le minimum est %(min)d.")
                % {"structure": row["structure__name"], "n": row["n"], "min": workshop.min_per_structure}
            )
        if workshop.max_per_structure is not None and row["n"] > workshop.max_per_structure:
            warnings.append(
                _("%(structure)s : %(n)d inscrit(s), le maximum est %(max)d.")
                % {"structure": row["structure__name"], "n": row["n"], "max": workshop.max_per_structure}
            )
        if workshop.require_agent_referent and not row["referents"]:
            warnings.append(_("%(structure)s : aucun agent référent désigné.") % {"structure": row["structure__name"]})
    return sorted(warnings)
