"""Forms of the core: the admin login form, whose password field Wagtail leaves without a label."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form with a French label on the password field (Wagtail's shows « Password »)."""

    password = forms.CharField(
        label=_("Mot de passe"),
        widget=forms.PasswordInput(attrs={"placeholder": _("Saisissez votre mot de passe")}),
        strip=False,
    )


class _PrivateFileLink:
    """What ``ClearableFileInput``'s template shows for a private file: its name, linking to its view."""

    def __init__(self, name, url):
        self.name = name
        self.url = url

    def __str__(self):
        return self.name


class PrivateFileInput(forms.ClearableFileInput):
    """File input of a private FileField (``lab.infra.storage``): the current file links to the scoped
    download view ``url_name`` (which takes the row's pk), since the file has no media URL."""

    def __init__(self, url_name, attrs=None):
        super().__init__(attrs)
        self.url_name = url_name

    def is_initial(self, value):
        return bool(value and getattr(value, "instance", None) is not None and value.instance.pk)

    def format_value(self, value):
        if self.is_initial(value):
            from django.urls import reverse

            return _PrivateFileLink(value.name.rsplit("/", 1)[-1], reverse(self.url_name, args=[value.instance.pk]))
        return None


#: An empty Draftail document: what a rich text field posted empty, missing or unreadable is read as.
EMPTY_CONTENTSTATE = '{"blocks": [], "entityMap": {}}'


def mend_posted_editors(form):
    """Make a forged or truncated admin POST fail as a form error, never as a 500: a rich text field whose
    value is not a Draftail document is read as empty, a StreamField without its block count as no blocks."""
    import json

    from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
    from wagtail.blocks.base import BlockWidget

    if not form.is_bound or not hasattr(form.data, "copy"):
        return
    data = None
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, DraftailRichTextArea) and key in form.data:
            try:
                valid = isinstance(json.loads(form.data[key]), dict)
            except (TypeError, ValueError):
                valid = False
            if not valid:
                data = data if data is not None else form.data.copy()
                data[key] = EMPTY_CONTENTSTATE
        elif isinstance(field.widget, BlockWidget) and f"{key}-count" not in form.data:
            data = data if data is not None else form.data.copy()
            data[f"{key}-count"] = "0"
    if data is not None:
        form.data = data
