"""Anti-spam of the public forms: a honeypot field, a signed filling time and a rate per address.

The same protection as the « essaimer » form of a prototype fiche (``projets.forms``): a robot fills
the hidden field, sends the form faster than a person could type, or sends too many from one address.
A form subclasses ``SpamProtectedForm`` and names its ``token_salt`` and the settings of its limits.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


def make_form_token(salt, now=None):
    """A signed timestamp put in the form, to measure how long it took to fill."""
    return signing.dumps({"t": int(now if now is not None else time.time())}, salt=salt)


def rate_limited(namespace, ip_address, per_hour):
    """Whether ``ip_address`` already sent ``per_hour`` forms of ``namespace`` this hour (and count this one)."""
    key = f"antispam:{namespace}:{ip_address}"
    count = cache.get(key, 0)
    if count >= per_hour:
        return True
    if count:
        cache.incr(key)
    else:
        cache.set(key, 1, 3600)
    return False


class SpamProtectedForm(forms.Form):
    """A public form with a honeypot and a filling-time token; a refused form keeps the answers."""

    #: Signing namespace of the token (one per form).
    token_salt = "lab.antispam"  # noqa: S105 (a signing namespace, not a secret)
    #: Names of the settings giving the shortest and longest filling time, in seconds (set by each form).
    min_seconds_setting = ""
    max_seconds_setting = ""
    #: Said when the form was sent too fast or too late (the answers are kept).
    expired_message = _("Le formulaire a expiré ou a été envoyé trop vite. Relisez-le puis envoyez-le à nouveau.")

    #: Honeypot: hidden to people (CSS and aria-hidden), filled by robots.
    website = forms.CharField(label=_("Ne pas remplir ce champ"), required=False)
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, now=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now if now is not None else time.time()
        if not self.is_bound:
            self.initial["token"] = make_form_token(self.token_salt, self.now)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        # The honeypot and the token come last, after the fields people fill.
        self.order_fields([name for name in self.fields if name not in ("website", "token")])

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Votre demande n'a pas pu être enregistrée : ce champ doit rester vide."))
        return ""

    def clean_token(self):
        try:
            data = signing.loads(self.cleaned_data["token"], salt=self.token_salt)
            elapsed = self.now - int(data["t"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            elapsed = None
        shortest = getattr(settings, self.min_seconds_setting)
        longest = getattr(settings, self.max_seconds_setting)
        if elapsed is None or elapsed < shortest or elapsed > longest:
            # A fresh token, so that the person can send the (kept) answers again.
            self.data = self.data.copy()
            self.data["token"] = make_form_token(self.token_salt, self.now)
            raise forms.ValidationError(self.expired_message)
        return self.cleaned_data["token"]
