"""The signed token of a public registration's cancellation link (``django.core.signing``)."""

from django.core import signing

CANCEL_SALT = "ateliers.public-signup-cancel"


def cancel_token(registration):
    """The token of the link sent to the person: it names the registration and nobody can forge another."""
    return signing.dumps({"r": registration.pk}, salt=CANCEL_SALT)


def registration_id(token):
    """The registration id a token names, or None for a tampered, truncated or foreign token."""
    try:
        return int(signing.loads(token, salt=CANCEL_SALT)["r"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
