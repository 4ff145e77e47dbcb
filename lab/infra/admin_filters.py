"""The filters of a Wagtail admin list, their choices rendered in Python instead of by templates.

Django renders a radio list or a ``<select>`` through four templates per option (``radio_option``,
``input_option``, ``input``, ``attrs``): the six filters of a list (some forty options) cost about as
much as its twenty rows. ``PlainChoiceWidgetMixin`` serialises the very context Django computed
(``get_context``: names, ids, checked options, attributes) into the markup of Django's own
templates; a widget whose templates were changed keeps them. ``PlainFilterSet`` gives these widgets
to the filters that Wagtail builds from a viewset's ``list_filter``.
"""

import django_filters
from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import BooleanRadioSelect


def _attrs(attrs):
    """``django/forms/widgets/attrs.html``."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget):
    """``django/forms/widgets/input.html``."""
    value = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
    return format_html('<input type="{}" name="{}"', widget["type"], widget["name"]) + value + _attrs(widget["attrs"])


def _radio_option(option):
    """``radio_option.html`` → ``input_option.html`` → ``input.html``."""
    html = _input(option) + ">\n"
    if option["wrap_label"]:
        label_for = format_html(' for="{}"', option["attrs"]["id"]) if option["attrs"].get("id") else ""
        html = f"<label{label_for}>{html} {conditional_escape(option['label'])}</label>"
    return html + "\n\n"


def _radio(widget):
    """``radio.html`` → ``multiple_input.html``."""
    attrs = widget["attrs"]
    parts = [
        "<div",
        format_html(' id="{}"', attrs["id"]) if attrs.get("id") else "",
        format_html(' class="{}"', attrs["class"]) if attrs.get("class") else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(format_html("\n  <div><label>{}</label>", group))
        parts.extend(f"<div>\n    {_radio_option(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _select(widget):
    """``select.html`` and ``select_option.html``."""
    parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(format_html('\n  <optgroup label="{}">', group))
        parts.extend(
            format_html('\n  <option value="{}"', str(option["value"]))
            + _attrs(option["attrs"])
            + format_html(">{}</option>\n", option["label"])
            for option in options
        )
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


#: Django's templates of a whole widget and of its options, and what renders them in Python.
_PLAIN = {
    ("django/forms/widgets/radio.html", "django/forms/widgets/radio_option.html"): _radio,
    ("django/forms/widgets/select.html", "django/forms/widgets/select_option.html"): _select,
}


class PlainChoiceWidgetMixin:
    """For a ``RadioSelect`` or a ``Select``: the markup of Django's templates, built in Python."""

    def _render(self, template_name, context, renderer=None):
        build = _PLAIN.get((template_name, self.option_template_name))
        if build is None:
            return super()._render(template_name, context, renderer)
        # The renderer strips what a template renders; so does this.
        return mark_safe(build(context["widget"]))  # noqa: S308 (every value escaped by format_html)


def _plain(widget_class):
    """``widget_class`` rendered in Python, under the same class name: Wagtail's field wrapper
    derives its CSS classes from it (``w-field--radio_select``…)."""
    return type(widget_class.__name__, (PlainChoiceWidgetMixin, widget_class), {"__module__": __name__})


PlainRadioSelect = _plain(forms.RadioSelect)
PlainBooleanRadioSelect = _plain(BooleanRadioSelect)
PlainSelect = _plain(forms.Select)


_WIDGETS = {forms.RadioSelect: PlainRadioSelect, BooleanRadioSelect: PlainBooleanRadioSelect}


class PlainFilterSet(WagtailFilterSet):
    """Wagtail's filters of a ``list_filter`` (the same filters, labels and choices), their radio
    lists and selects rendered by ``PlainChoiceWidgetMixin``."""

    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        widget = params.get("widget")
        if widget in _WIDGETS:
            params["widget"] = _WIDGETS[widget]
        elif widget is None and issubclass(filter_class, django_filters.ModelChoiceFilter):
            params["widget"] = PlainSelect
        return filter_class, params
