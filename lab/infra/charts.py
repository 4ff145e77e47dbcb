"""Charts drawn as SVG on the server, so that the same markup shows in the browser and in PDFs.

Each chart carries a title and a description (role="img"), and the figures are also given as a
table beside it in the templates, for screen readers and for printing in black and white.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 230
BAR_WIDTH = 300
PALETTE = ["#1d4e89", "#3f7cac", "#6c9bc7", "#2e6b4f", "#7a5c1e", "#8c2f39"]


def bar_chart(rows, *, title, unit=""):
    """Horizontal bars for ``rows`` = [(label, value), …]; an empty chart says there is no data."""
    rows = [(str(label), value or 0) for label, value in rows]
    height = max(1, len(rows)) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 70
    top = max((value for _label, value in rows), default=0)
    description = ", ".join(f"{label} : {value}{unit}" for label, value in rows) or "aucune donnée"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>",
    ]
    if not rows:
        parts.append(
            f'<text x="0" y="{BAR_HEIGHT}" font-size="13" fill="#333">Aucune donnée pour cette période.</text>'
        )
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * value / top) if top else 0
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 6}" font-size="13" text-anchor="end" fill="#1e1e2a">'
            f"{escape(label[:34])}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 1)}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            f'<text x="{LABEL_WIDTH + max(length, 1) + 6}" y="{y + BAR_HEIGHT - 6}" font-size="13" fill="#1e1e2a">'
            f"{escape(value)}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every value above is escaped)
