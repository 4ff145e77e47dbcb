"""SMS sending backends, chosen by ``settings.ALERTES_SMS_BACKEND`` like Django's e-mail backends.

- ``alertes.backends.console.ConsoleBackend``: prints each SMS (development; nothing leaves the machine);
- ``alertes.backends.locmem.LocmemBackend``: keeps them in ``alertes.backends.locmem.outbox`` (tests);
- ``alertes.backends.http.HttpBackend``: posts each SMS to a provider's HTTP API (production).

A backend's ``send(message)`` returns the provider's id, or raises ``TransientError`` (try again
later) or ``PermanentError`` (never retry: the number is invalid, the text refused…).
"""

from django.conf import settings
from django.utils.module_loading import import_string

from alertes.backends.base import BaseSmsBackend, OutgoingSms, PermanentError, SmsError, TransientError

__all__ = ["BaseSmsBackend", "OutgoingSms", "PermanentError", "SmsError", "TransientError", "get_backend"]


def get_backend(path=None):
    """An instance of the configured backend (or of ``path``)."""
    return import_string(path or settings.ALERTES_SMS_BACKEND)()
