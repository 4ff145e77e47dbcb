"""Table columns for Wagtail admin lists whose cells are built in Python instead of by a template.

Wagtail renders each cell of a list with its own template (``wagtailadmin/tables/cell.html``): a
page of 20 rows × 7 columns is 140 template renderings, the largest part of a list's time. These
columns give the same markup: ``PlainColumn`` formats and escapes the value as ``{{ value }}`` would
(dates and numbers localised); ``PlainBooleanColumn`` renders the project's boolean cell (an icon
titled « Oui »/« Non ») once per value and language, and reuses it for every row.

The title column is the costliest: per row, Wagtail renders its link, then each row button and the
« more » dropdown through five nested templates (``title_cell.html``, ``buttons.html``,
``button.html``, ``button_with_dropdown.html``, ``dropdown.html``, ``icon.html``). ``PlainTitleColumn``
and ``PlainBulkActionsCheckboxColumn`` build the same markup in Python, from the same context and
the same buttons (a button of another kind keeps its own template); ``PlainListingMixin`` puts
them in a Wagtail ``IndexView``.
"""

from django.contrib.admin.utils import quote
from django.template import Context
from django.templatetags.l10n import unlocalize
from django.utils.formats import localize
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.admin.ui.tables import BooleanColumn, BulkActionsCheckboxColumn, Column, Table, TitleColumn
from wagtail.admin.widgets.button import BaseButton, ButtonWithDropdown

from lab.infra.admin_filters import PlainFilterSet


def _td(classname, content):
    """« <td>content</td> »; ``content`` is already escaped."""
    if classname:
        return format_html('<td class="{}">{}</td>', classname, content)
    return mark_safe(f"<td>{content}</td>")  # noqa: S308 (escaped by the caller)


class PlainColumn(Column):
    """A ``Column`` whose cell is « <td>value</td> », without a template."""

    def render_cell_html(self, instance, parent_context):
        if type(self).get_cell_context_data is Column.get_cell_context_data:
            # Column.get_cell_context_data's « value », without building the rest of its context.
            value = self.get_value(instance)
            if isinstance(value, int) and not isinstance(value, bool):
                value = unlocalize(value)
            if not str(value).strip():
                value = self.empty_value_display
        else:
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


def _icon(name, classname="icon"):
    """``{% icon name=name classname=classname %}`` (``wagtailadmin/shared/icon.html``, no title)."""
    return format_html(
        '<svg class="icon icon-{} {}" aria-hidden="true"><use href="#icon-{}"></use></svg>', name, classname, name
    )


def _attrs(attrs):
    """``{% include "wagtailadmin/shared/attrs.html" %}``: ` name="value"`, ` name` for True, nothing for False."""
    return mark_safe(  # noqa: S308 (every part escaped by format_html)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


def _is_plain(button, cls, template_name):
    """Whether ``button`` renders with ``cls``'s own template and context (no subclass changed them)."""
    kind = type(button)
    return (
        isinstance(button, cls)
        and button.template_name == template_name
        and kind.get_context_data is cls.get_context_data
        and kind.render_html is cls.render_html
    )


class ButtonRenderer:
    """Buttons as ``wagtailadmin/shared/button.html`` and ``button_with_dropdown.html`` render them; a
    button of another kind through its own template.

    Row buttons differ from one row to the next by their URL (and a menu by its title) only: the
    markup around it is built once per shape (label, classes, icon, attributes) and reused.
    """

    def __init__(self):
        self.shapes = {}

    def render(self, button, parent_context):
        if _is_plain(button, ButtonWithDropdown, "wagtailadmin/shared/button_with_dropdown.html"):
            return self._dropdown(button, parent_context)
        if not _is_plain(button, BaseButton, "wagtailadmin/shared/button.html"):
            return button.render_html(parent_context)
        attrs = button.base_attrs_string
        key = ("button", bool(button.url), str(button.label), button.classname, button.icon_name, attrs)
        shape = self.shapes.get(key)
        if shape is None:
            content = format_html("{}{}", _icon(button.icon_name) if button.icon_name else "", button.label)
            if button.url:
                shape = self.shapes[key] = format_html('" class="{}" {}>{}</a>', button.classname, attrs, content)
            else:
                shape = self.shapes[key] = format_html(
                    '<button class="{}" {}>{}</button>', button.classname, attrs, content
                )
        if button.url:
            return mark_safe(f'<a href="{conditional_escape(button.url)}{shape}')  # noqa: S308 (escaped)
        return shape

    def _dropdown(self, button, parent_context):
        """``{% dropdown %}`` (``wagtailadmin/shared/dropdown/dropdown.html``) as a row's « more » menu uses it."""
        label, title, attrs = button.label, button.aria_label, button.base_attrs_string
        key = ("dropdown", str(label), button.classname, button.icon_name, attrs)
        shape = self.shapes.get(key)
        if shape is None:
            toggle = " ".join(
                c.strip()
                for c in ("w-dropdown__toggle", "" if label else "w-dropdown__toggle--icon", button.classname)
                if c
            )
            shape = self.shapes[key] = (
                format_html(
                    '<div data-controller="w-dropdown" class="w-dropdown" {}><button type="button" class="{}" '
                    'data-w-dropdown-target="toggle"',
                    attrs,
                    toggle,
                ),
                format_html(
                    '>{}{}</button><div data-w-dropdown-target="content" class="w-dropdown__content" hidden>',
                    label,
                    _icon(button.icon_name or "arrow-down", "w-dropdown__toggle-icon"),
                ),
            )
        head, middle = shape
        aria = format_html(' aria-label="{}"', title) if title else ""
        items = "".join(self.render(b, parent_context) for b in sorted(button.dropdown_buttons))
        return mark_safe(f"{head}{aria}{middle}{items}</div></div>")  # noqa: S308 (every part escaped)


class PlainTitleColumn(TitleColumn):
    """A ``TitleColumn`` (with the row's buttons, ``ButtonsColumnMixin``) rendered without templates:
    the markup of ``wagtailadmin/tables/title_cell.html``."""

    def render_cell_html(self, instance, parent_context):
        context = self.get_cell_context_data(instance, parent_context)
        value = conditional_escape(localize(context["value"]))
        title = format_html('<span id="{}">{}</span>', context["title_id"], value) if context["title_id"] else value
        if context["link_url"]:
            title = format_html("<a{}>{}</a>", _attrs(context["link_attrs"]), title)
        elif context["label_id"]:
            title = format_html('<label for="{}">{}</label>', context["label_id"], title)
        actions = ""
        if context.get("buttons"):
            renderer = self.__dict__.setdefault("_buttons", ButtonRenderer())
            items = "".join(f"<li>{renderer.render(b, parent_context)}</li>" for b in context["buttons"] if b.show)
            actions = mark_safe(f'<ul class="actions">{items}</ul>')  # noqa: S308 (every part escaped)
        classname = f"{self.classname} title" if self.classname else "title"
        return format_html('<td class="{}"><div class="title-wrapper">{}</div>{}</td>', classname, title, actions)


#: The checkbox's label in Wagtail's template (« Sélectionner »), translated by Wagtail's catalogue: held
#: here so that the project's identity catalogues (bin/messages) do not take it over in English.
WAGTAIL_SELECT = "Select"


class PlainBulkActionsCheckboxColumn(BulkActionsCheckboxColumn):
    """A row's bulk-action checkbox (``wagtailadmin/bulk_actions/listing_checkbox_cell.html``) for
    objects other than pages, without a template."""

    def render_cell_html(self, instance, parent_context):
        if self.obj_type == "page":
            return super().render_cell_html(instance, parent_context)
        return format_html(
            '<td class="bulk-action-checkbox-cell"><input type="checkbox" data-object-id="{}" '
            'data-bulk-action-checkbox class="bulk-action-checkbox" aria-label="{}" aria-describedby="{}"/></td>',
            quote(unlocalize(instance.pk)),
            gettext(WAGTAIL_SELECT),
            self.get_aria_describedby(instance),
        )


class PlainTable(Table):
    """A ``Table`` laid out in Python with the markup of ``wagtailadmin/tables/table.html``: the
    template's loop called a component tag and an include per cell and row. Each cell gets the
    context it had in the template (``table``, ``request``, ``row``)."""

    def render_html(self, parent_context=None):
        if self.template_name != Table.template_name:
            return super().render_html(parent_context)
        context = Context(self.get_context_data(parent_context or {}))
        parts = [format_html("<table{}>", _attrs(self.attrs))]
        caption = self.get_caption()
        if caption:
            parts.append(format_html('<caption class="w-sr-only">{}</caption>', caption))
        if self.has_column_widths():
            parts.extend(
                format_html('<col width="{}" />', column.width) if column.width else "<col />"
                for column in self.columns.values()
            )
        header_class = format_html(' class="{}"', self.header_row_classname) if self.header_row_classname else ""
        parts.append(f"<thead><tr{header_class}>")
        parts.extend(column.header.render_html(context) for column in self.columns.values())
        parts.append("</tr></thead><tbody>")
        for row in self.rows:
            parts.append(f"<tr{_attrs(row.attrs)}>")
            with context.push(row=row):
                parts.extend(column.render_cell_html(row.instance, context) for column in self.columns.values())
            parts.append("</tr>")
        parts.append("</tbody></table>")
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped or rendered safe)


class PlainListingMixin:
    """For a Wagtail ``IndexView``: its title column and bulk-action checkboxes built in Python, its
    ``list_filter`` rendered by ``lab.infra.admin_filters.PlainFilterSet``."""

    base_filterset_class = PlainFilterSet

    def _get_title_column(self, field_name, column_class=PlainTitleColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, **kwargs)

    @cached_property
    def table_class(self):
        table_class = super().table_class
        return PlainTable if table_class is Table else table_class

    @cached_property
    def columns(self):
        return [
            PlainBulkActionsCheckboxColumn(column.name, obj_type=column.obj_type)
            if type(column) is BulkActionsCheckboxColumn
            else column
            for column in super().columns
        ]
