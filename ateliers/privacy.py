"""What the ateliers hold about a participant, for their RGPD export (``lab.privacy``)."""


def person_data(person):
    """Registrations, attendance marks and certificates of ``person``."""
    from ateliers.models import Attendance, Certificate, Registration

    registrations = Registration.objects.filter(person=person).select_related("workshop", "structure")
    marks = Attendance.objects.filter(registration__person=person).select_related("session__workshop")
    certificates = Certificate.objects.filter(person=person).select_related("workshop")
    return {
        "inscriptions": [
            {
                "atelier": r.workshop.title,
                "structure": r.structure.name,
                "statut": r.get_status_display(),
                "référent·e": r.is_referent,
                "origine": r.get_source_display(),
                "structure indiquée": r.declared_structure,
                "inscrit·e le": r.registered_at,
            }
            for r in registrations
        ],
        "émargements": [
            {
                "atelier": m.session.workshop.title,
                "demi-journée": f"{m.session.date:%d/%m/%Y} {m.session.get_half_day_display()}",
                "présence": m.get_status_display(),
            }
            for m in marks
        ],
        "certificats": [
            {
                "code": c.code,
                "atelier": c.workshop.title if c.workshop_id else "programme entier",
                "délivré le": c.issued_at,
            }
            for c in certificates
        ],
    }
