"""The demo's public agenda: the bassin minier temps fort (seed 001) open to sign-up with its places,
and the 2017 hackathon (seed 004) with its teams and published results."""

from ateliers.choices import PublicEventKind

BASSIN_MINIER = ("bassin-minier-2021", "Grand temps fort de présentation de la démarche et des prototypes")
HACKATHON = ("csc-lrt-2017", "Hackathon « Centres Sociaux Connectés »")
TEMPS_FORT_SESSIONS = {
    "am": "Présentation de la démarche et des prototypes des centres sociaux",
    "pm": "Ateliers de mise en pratique et semaine du numérique",
}


def open_public_events(workshops):
    """Mark the two events public (idempotent: the flags are set again, nothing is duplicated)."""
    temps_fort = workshops.get(BASSIN_MINIER)
    if temps_fort is not None:
        temps_fort.public_kind = PublicEventKind.TEMPS_FORT
        temps_fort.published = True
        temps_fort.capacity = temps_fort.capacity or 80
        temps_fort.signup_open = True
        temps_fort.save()
        for session in temps_fort.sessions.all():
            if not session.label:
                session.label = TEMPS_FORT_SESSIONS.get(session.half_day, "")
                session.save(update_fields=["label"])
    hackathon = workshops.get(HACKATHON)
    if hackathon is not None:
        hackathon.public_kind = PublicEventKind.HACKATHON
        hackathon.published = True
        hackathon.capacity = hackathon.capacity or 100
        hackathon.signup_asks_team = True
        hackathon.results_published = True
        hackathon.save()
