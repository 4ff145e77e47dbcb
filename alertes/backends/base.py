"""What every SMS backend implements, and the two kinds of failure it may report."""

from dataclasses import dataclass


class SmsError(Exception):
    """A message could not be handed to the provider."""


class TransientError(SmsError):
    """Worth retrying later: the provider is down, slow, or asks us to slow down."""


class PermanentError(SmsError):
    """Never retry: the provider refused this message for good (invalid number, refused text)."""


@dataclass(frozen=True)
class OutgoingSms:
    """One SMS as a backend sees it."""

    to: str
    text: str
    sender: str
    #: Stable per message: a provider receiving it twice must send the SMS once.
    idempotency_key: str


class BaseSmsBackend:
    #: Name used in the webhook URL (/alertes/webhook/<name>/).
    name = "base"

    def send(self, sms):
        """Hand ``sms`` to the provider and return its id; raise TransientError or PermanentError."""
        raise NotImplementedError
