"""RGPD: export everything held about a participant, erase them, and log both.

Apps holding data about a ``Person`` (registrations, attendance, certificates…) register a
provider with ``register_person_data(function)``: ``function(person)`` returns a dict
``{section title: list of rows}`` for the export. Erasure anonymises the person in place: the
identity goes, the rows that count (attendance, registrations) stay, so indicators do not change.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from lab.models import AuditAction, AuditEvent, Person

_providers = []


def register_person_data(provider):
    """Add a function returning ``{section: rows}`` about a person to every RGPD export."""
    _providers.append(provider)
    return provider


def log(actor, action, target, **details):
    """Record an action on personal data in the audit log."""
    return AuditEvent.objects.create(actor=actor, action=action, target=target, details=details)


def person_label(person):
    return f"Participant n°{person.pk}"


def export_person(person, actor):
    """Everything held about ``person``, as indented JSON bytes; the export is logged."""
    data = {
        "exporté le": timezone.now(),
        "participant": {
            "prénom": person.first_name,
            "nom": person.last_name,
            "courriel": person.email,
            "téléphone": person.phone,
            "structure": person.structure.name,
            "rôle": person.get_role_display(),
            "genre": person.get_gender_display(),
            "compte utilisateur": person.user.get_username() if person.user_id else None,
        },
    }
    for provider in _providers:
        data.update(provider(person))
    log(actor, AuditAction.EXPORT, person_label(person))
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


@transaction.atomic
def erase_person(person, actor):
    """Anonymise ``person``: name, e-mail, phone and account link go; role, gender and structure stay
    so that attendance counts and indicators are unchanged. Logged, and cannot be undone."""
    label = person_label(person)
    person.first_name = "Personne"
    person.last_name = f"effacée n°{person.pk}"
    person.email = ""
    person.phone = ""
    person.user = None
    person.save()
    log(actor, AuditAction.ERASE, label)
    return person


__all__ = ["Person", "erase_person", "export_person", "log", "register_person_data"]
