"""The programme's planning: a month of workshops and the timeline."""

import datetime

from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ateliers.admin_views.common import _programme
from ateliers.services import rates
from ateliers.services.certificates import issued_subjects
from ateliers.services.planning import FIRST_MONTH, LAST_MONTH, month_grid, nearest_month, neighbour_months
from ateliers.services.planning import timeline as programme_timeline
from lab.infra.ids import int_param
from lab.scope import CHANGE, scope_for


def _requested_month(request, default):
    """The month asked by ``?annee=&mois=``, the nearest one shown when out of range, ``default`` if
    unreadable; a French message says so."""
    raw_year, raw_month = request.GET.get("annee"), request.GET.get("mois")
    if raw_year is None and raw_month is None:
        return default
    year = int_param(raw_year if raw_year is not None else default.year, minimum=-(10**9), maximum=10**9)
    month = int_param(raw_month if raw_month is not None else default.month, minimum=1, maximum=12)
    if year is None or month is None:
        messages.warning(request, _("Ce mois n'est pas lisible : voici le planning du mois par défaut."))
        return default
    if not FIRST_MONTH.year <= year <= LAST_MONTH.year:
        messages.warning(
            request,
            _("Le planning va de %(first)s à %(last)s : voici le mois le plus proche.")
            % {"first": FIRST_MONTH.year, "last": LAST_MONTH.year},
        )
    return nearest_month(year, month)


def planning(request, pk):
    """A programme's workshops on a month calendar and a timeline (planning détaillé)."""
    programme = _programme(request, pk)
    timeline = programme_timeline(programme)
    today = datetime.date.today()
    # Opens on the programme's next dated workshop, or its first one when none is to come: never on an
    # empty month of today when the programme ran another year.
    starts = sorted(item["start"] for item in timeline if item["start"])
    opening = next((start for start in starts if start >= today), starts[0] if starts else today)
    month = _requested_month(request, nearest_month(opening.year, opening.month))
    previous, following = neighbour_months(month)
    context = {
        "programme": programme,
        "timeline": timeline,
        "weeks": month_grid(programme, month.year, month.month),
        "month": month,
        "previous": previous,
        "following": following,
        "rate": rates.programme_rate(programme),
        "structure_rates": rates.programme_rates_by_structure(programme),
        "can_change": scope_for(request.user).can(CHANGE, programme),
        "issued": issued_subjects(programme),
        "page_title": _("Planning — %(title)s") % {"title": programme.title},
    }
    return TemplateResponse(request, "ateliers/admin/planning.html", context)
