"""Template helpers of the Alertes SMS module: server-side SVG bar charts."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def bar_chart(items, title, value="n", label="label", width=560):
    """A horizontal bar chart as inline SVG (no script, no asset), with a text alternative."""
    items = list(items)
    if not items:
        return ""
    bar_height, gap, label_width = 22, 8, 190
    top = max((item[value] for item in items), default=0) or 1
    scale = (width - label_width - 60) / top
    height = len(items) * (bar_height + gap)
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><text x="{}" y="15" text-anchor="end" font-size="13">{}</text>'
        '<rect x="{}" y="2" width="{}" height="{}" fill="#1d5c8c"></rect>'
        '<text x="{}" y="15" font-size="13">{}</text></g>',
        (
            (
                n * (bar_height + gap),
                label_width - 8,
                str(item[label])[:28],
                label_width,
                max(round(item[value] * scale), 1 if item[value] else 0),
                bar_height - 4,
                label_width + round(item[value] * scale) + 6,
                item[value],
            )
            for n, item in enumerate(items)
        ),
    )
    return format_html(
        '<figure class="chart"><svg role="img" aria-labelledby="{id}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{id}">{title}</title>{rows}</svg></figure>',
        id=f"chart-{abs(hash(title)) % 10**8}",
        w=width,
        h=height,
        title=title,
        rows=rows,
    )
