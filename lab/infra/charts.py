"""Charts drawn as SVG on the server, so that the same markup shows in the browser and in PDFs.

Each chart is an image (role="img") named by its <title> and described by its <desc>, which lists
every figure; the figures are also given as a table beside it in the templates, for screen readers
and for printing in black and white. The one chart module of the project: the funders' indicators
(livrables), the questionnaire synthesis (ateliers) and the SMS statistics (alertes) draw with it.
"""

import hashlib

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
BAR_WIDTH = 300
#: Room right of the longest bar for its figure.
FIGURE_WIDTH = 70
WIDTH = LABEL_WIDTH + BAR_WIDTH + FIGURE_WIDTH
PALETTE = ["#1d4e89", "#3f7cac", "#6c9bc7", "#2e6b4f", "#7a5c1e", "#8c2f39"]


def _chart_id(title, description):
    """A stable id for the chart's title and description (the same chart gives the same markup)."""
    return "chart-" + hashlib.blake2s(f"{title}\n{description}".encode(), digest_size=4).hexdigest()


def bar_chart(rows, *, title, unit="", width=WIDTH, label_width=LABEL_WIDTH, palette=PALETTE):
    """Horizontal bars for ``rows`` = [(label, value), …]; an empty chart says there is no data.

    ``width`` and ``label_width`` fit the chart to its page; ``palette`` gives the bars' colours in
    turn (one colour for bars of the same kind).
    """
    rows = [(str(label), value or 0) for label, value in rows]
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    bar_width = width - label_width - FIGURE_WIDTH
    label_chars = label_width * 3 // 20  # what fits left of the bars at 13px
    top = max((value for _label, value in rows), default=0)
    description = ", ".join(f"{label} : {value}{unit}" for label, value in rows) or "aucune donnée"
    chart_id = _chart_id(title, description)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    if not rows:
        parts.append(
            f'<text x="0" y="{BAR_HEIGHT}" font-size="13" fill="#333">Aucune donnée pour cette période.</text>'
        )
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(bar_width * value / top) if top else 0
        colour = palette[index % len(palette)]
        parts.append(
            f'<text x="{label_width - 8}" y="{y + BAR_HEIGHT - 6}" font-size="13" text-anchor="end" fill="#1e1e2a">'
            f"{escape(label[:label_chars])}</text>"
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1)}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            f'<text x="{label_width + max(length, 1) + 6}" y="{y + BAR_HEIGHT - 6}" font-size="13" fill="#1e1e2a">'
            f"{escape(value)}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)
