"""Table columns for Wagtail admin lists whose cells are built in Python instead of by a template.

Wagtail renders each cell of a list with its own template (``wagtailadmin/tables/cell.html``): a
page of 20 rows × 7 columns is 140 template renderings, the largest part of a list's time. These
columns give the same markup: ``PlainColumn`` formats and escapes the value as ``{{ value }}`` would
(dates and numbers localised); ``PlainBooleanColumn`` renders the project's boolean cell (an icon
titled « Oui »/« Non ») once per value and language, and reuses it for every row.
"""

from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.admin.ui.tables import BooleanColumn, Column


def _td(classname, content):
    if classname:
        return format_html('<td class="{}">{}</td>', classname, content)
    return format_html("<td>{}</td>", content)


class PlainColumn(Column):
    """A ``Column`` whose cell is « <td>value</td> », without a template."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_cell_context_data(instance, parent_context)["value"]
        return _td(self.classname, "" if value is None else conditional_escape(localize(value)))


class PlainBooleanColumn(BooleanColumn):
    """A ``BooleanColumn`` whose three possible cells are rendered once each, then reused."""

    def render_cell_html(self, instance, parent_context):
        value = self.get_value(instance)
        key = (None if value is None else bool(value), get_language())
        cache = self.__dict__.setdefault("_cells", {})
        if key not in cache:
            cache[key] = mark_safe(super().render_cell_html(instance, parent_context))  # noqa: S308 (a template's output)
        return cache[key]
