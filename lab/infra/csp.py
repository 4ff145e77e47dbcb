"""The Content Security Policy: django-csp's middleware, and Wagtail's admin without inline scripts.

The policy itself is ``CONTENT_SECURITY_POLICY`` in ``lab/settings/base.py``; the « Sécurité »
section of ``docs/DEVELOPING.md`` says what it allows and why.

Wagtail 8 still writes a few ``<script>`` elements into its forms (wagtail/wagtail#1288, #12940):
each chooser widget (``BaseChooser.render``), each inline panel, each date and time field. Here
they become inert ``<template data-lab-init>`` elements carrying the same call as data, and
``lab/static/lab/js/admin-init.js`` makes the call, when the page loads and whenever Wagtail
inserts a form (a new inline panel child, a chooser's modal). The templates are overridden in
``lab/templates/wagtailadmin/``; the chooser widgets by ``patch_choosers()`` (``LabConfig.ready``).
"""

import json
import re

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import mark_safe

#: ``new PageChooser("id", {...});`` or ``createTaskChooser("id");``: a call with JSON arguments.
JS_CALL = re.compile(r"\s*(?P<new>new\s+)?(?P<name>[A-Za-z_$][\w$]*)\((?P<args>.*)\);?\s*", re.S)


def init_element(name, args, *, construct=False):
    """The inert element that admin-init.js turns into ``name(*args)`` (or ``new name(*args)``)."""
    return format_html(
        '<template data-lab-init="{}"{} data-lab-args="{}"></template>',
        name,
        mark_safe(" data-lab-new") if construct else "",  # noqa: S308  (a constant)
        json.dumps(args),
    )


def script_free(js):
    """``js`` (one call with JSON arguments, as Wagtail's widgets write it) as an init element;
    anything else stays a ``<script>``, which the CSP blocks and the browser journeys report."""
    match = JS_CALL.fullmatch(js)
    if match:
        try:
            args = json.loads(f"[{match['args']}]")
        except ValueError:
            args = None
        if args is not None:
            return init_element(match["name"], args, construct=bool(match["new"]))
    return mark_safe(f"<script>{js}</script>")  # noqa: S308  (Wagtail's own output, unchanged)


def chooser_value(model, value):
    """The value a chooser may look up: a posted id that no row could have (a word, NUL), sent
    back with a form error, is shown as no choice instead of raising in Wagtail's ``get_instance``."""
    if value is None or isinstance(value, Model) or model is None:
        return value
    try:
        model._meta.pk.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return None
    return value


def patch_choosers():
    """Chooser widgets (page, image, document, snippet, task) render their init as data, and take a
    malformed posted id for no choice (``chooser_value``)."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "lab_script_free", False):
        return

    def render(self, name, value, attrs=None, renderer=None):
        # Wagtail's BaseChooser.render, with script_free() around its inline script.
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as error:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
        value_data = self.get_value_data(chooser_value(self.model_class, value))
        widget_html = self.render_html(name, value_data, attrs)
        js = self.render_js_init(id_, name, value_data)
        return mark_safe(f"{widget_html}{script_free(js)}")  # noqa: S308  (as Wagtail does)

    render.lab_script_free = True
    BaseChooser.render = render


class CSPMiddleware(BaseCSPMiddleware):
    """Adds ``CSP_ADMIN_UPDATE`` to the policy of the Wagtail admin's pages (under ``/admin/``) as
    seen by a signed-in user; the login page and everything else keep the strict policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        extra = getattr(settings, "CSP_ADMIN_UPDATE", None)
        user = getattr(request, "user", None)
        if (
            extra
            and not report_only
            and request.path_info.startswith(settings.CSP_ADMIN_PREFIX)
            and user is not None
            and user.is_authenticated
        ):
            update = dict(parts.update or {})
            for directive, sources in extra.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
