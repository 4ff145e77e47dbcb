"""The cells of the attendance grid, built in one pass per row.

200 participants × 6 half-days are 1,200 cells of one form and three buttons each: rendered by the
template engine, cell by cell, they took most of the page's time (each variable lookup, each
translated label and each ``short_label`` date format repeated 3,600 times). Here the labels of
the half-days and of the statuses are formatted once per page, and each cell is a string join of
escaped parts; the markup is the one the grid's script (``ateliers/attendance.js``) expects.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_CACHE_KEY = "ateliers.attendance_grid"


def _page_parts(context):
    """What every row shares, computed on the first row of a rendering."""
    parts = context.render_context.get(_CACHE_KEY)
    if parts is None:
        statuses = [(str(value), str(label)) for value, label in context["statuses"]]
        parts = {
            "sessions": [(session.pk, session.short_label) for session in context["sessions"]],
            "statuses": [(value, escape(label), escape(label[:1])) for value, label in statuses],
            "labels": {value: escape(label) for value, label in statuses},
            "csrf": escape(str(context.get("csrf_token", ""))),
            "can_change": bool(context.get("can_change")),
            "homonyms": _homonyms(context.get("rows", ())),
        }
        context.render_context[_CACHE_KEY] = parts
    return parts


def _homonyms(rows):
    """The names borne by several people of the grid: their buttons also name their structure, so a
    screen reader tells « Dominique Prototype (CCAS de Dzaoudzi) » from the other Dominique Prototype."""
    seen, shared = set(), set()
    for row in rows:
        name = str(row.registration.person)
        (shared if name in seen else seen).add(name)
    return shared


@register.simple_tag(takes_context=True)
def attendance_cells(context, row):
    """The ``<td>`` of one row: a form of three buttons per half-day, or the mark read-only."""
    parts = _page_parts(context)
    cells = []
    if not parts["can_change"]:
        for _session, mark in row.cells:
            label = parts["labels"].get(mark.status) if mark is not None else None
            cells.append(f'<td class="att-cell">{label or "—"}</td>')
        return mark_safe("".join(cells))  # noqa: S308 (every part is escaped above)
    registration = row.registration.pk
    person = str(row.registration.person)
    if person in parts["homonyms"]:
        person = f"{person} ({row.registration.structure.name})"
    person = escape(person)
    head = (
        '<td class="att-cell"><form method="post" data-attendance>'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{parts["csrf"]}">'
        f'<input type="hidden" name="registration" value="{registration}">'
    )
    for (session_pk, short_label), (_session, mark) in zip(parts["sessions"], row.cells, strict=True):
        status = mark.status if mark is not None else None
        where = f"{person}, {escape(short_label)}"
        buttons = "".join(
            f'<button type="submit" name="status" value="{value}" '
            f'aria-pressed="{"true" if status == value else "false"}" '
            f'aria-label="{where} : {label}" title="{label}">{initial}</button>'
            for value, label, initial in parts["statuses"]
        )
        cells.append(f'{head}<input type="hidden" name="session" value="{session_pk}">{buttons}</form></td>')
    return mark_safe("".join(cells))  # noqa: S308 (every part is escaped above)
