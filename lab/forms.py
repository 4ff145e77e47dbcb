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
