"""Template helpers of the Alertes SMS module: the statistics' bar charts, drawn by ``lab.infra.charts``."""

from django import template
from django.utils.html import format_html

from lab.infra import charts

register = template.Library()

#: The module's charts: narrower than the indicators', bars of one colour.
WIDTH = 560
LABEL_WIDTH = 190
PALETTE = ["#1d5c8c"]


@register.simple_tag
def bar_chart(items, title, value="n", label="label", width=WIDTH):
    """A horizontal bar chart as inline SVG (no script, no asset), with a text alternative.

    ``items`` are dicts (``label`` and ``value`` name their keys); nothing is drawn without items.
    """
    items = list(items)
    if not items:
        return ""
    chart = charts.bar_chart(
        [(item[label], item[value]) for item in items],
        title=title,
        width=width,
        label_width=LABEL_WIDTH,
        palette=PALETTE,
    )
    return format_html('<figure class="chart">{}</figure>', chart)
