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

__all__ = [
    "BaseSmsBackend",
    "OutgoingSms",
    "PermanentError",
    "SmsError",
    "TransientError",
    "backend_names",
    "get_backend",
]

#: The backends shipped with the module; the configured one (ALERTES_SMS_BACKEND) is known too.
BUILT_IN = (
    "alertes.backends.console.ConsoleBackend",
    "alertes.backends.locmem.LocmemBackend",
    "alertes.backends.http.HttpBackend",
)


def get_backend(path=None):
    """An instance of the configured backend (or of ``path``)."""
    return import_string(path or settings.ALERTES_SMS_BACKEND)()


def backend_names():
    """The names a webhook URL may carry (/alertes/webhook/<name>/): any other is a 404."""
    return {import_string(path).name for path in (*BUILT_IN, settings.ALERTES_SMS_BACKEND)}
