"""The programme's planning: a month of workshops and the timeline."""

import datetime

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

#: The questionnaire synthesis' charts of choices: narrow, bars of one colour.
from ateliers.admin_views.common import _programme
from ateliers.services import attendance
from ateliers.services.planning import month_grid
from ateliers.services.planning import timeline as programme_timeline


def planning(request, pk):
    """A programme's workshops on a month calendar and a timeline (planning détaillé)."""
    programme = _programme(request, pk)
    timeline = programme_timeline(programme)
    today = datetime.date.today()
    first = next((item["start"] for item in timeline if item["start"]), today)
    try:
        year = int(request.GET.get("annee", first.year))
        month = int(request.GET.get("mois", first.month))
        datetime.date(year, month, 1)
    except ValueError:
        year, month = first.year, first.month
    previous = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    following = datetime.date(year, month, 28) + datetime.timedelta(days=5)
    context = {
        "programme": programme,
        "timeline": timeline,
        "weeks": month_grid(programme, year, month),
        "month": datetime.date(year, month, 1),
        "previous": previous,
        "following": following,
        "rate": attendance.programme_rate(programme),
        "structure_rates": attendance.programme_rates_by_structure(programme),
        "page_title": _("Planning — %(title)s") % {"title": programme.title},
    }
    return TemplateResponse(request, "ateliers/admin/planning.html", context)
