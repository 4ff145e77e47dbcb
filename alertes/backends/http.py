"""A real SMS provider reached over HTTP (JSON), in the style of healthchecks' transports.

Request: ``POST settings.ALERTES_HTTP_URL`` with ``Authorization: Bearer <ALERTES_HTTP_API_KEY>``,
``Idempotency-Key: <message uuid>`` and the JSON body ``{"to", "text", "sender", "idempotency_key"}``.
Answer: 2xx with ``{"id": "<provider id>"}``. 408, 425, 429 and 5xx are transient (retried), other
4xx permanent (not retried, the number is marked invalid); timeouts and refused connections are
transient.
"""

import json
import urllib.error
import urllib.request

from django.conf import settings

from alertes.backends.base import BaseSmsBackend, PermanentError, TransientError

TRANSIENT_STATUSES = {408, 425, 429}


class HttpBackend(BaseSmsBackend):
    name = "http"

    def __init__(self, url=None, api_key=None, timeout=None):
        self.url = url or settings.ALERTES_HTTP_URL
        self.api_key = api_key if api_key is not None else settings.ALERTES_HTTP_API_KEY
        self.timeout = timeout or settings.ALERTES_HTTP_TIMEOUT
        if not self.url.startswith(("http://", "https://")):
            raise PermanentError(f"ALERTES_HTTP_URL must be an http(s) URL, not {self.url!r}")

    def send(self, sms):
        body = json.dumps(
            {"to": sms.to, "text": sms.text, "sender": sms.sender, "idempotency_key": sms.idempotency_key}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked in __init__)
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.api_key}",
                "Idempotency-Key": sms.idempotency_key,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = response.read()
        except urllib.error.HTTPError as error:
            detail = error.read()[:200].decode(errors="replace")
            if error.code >= 500 or error.code in TRANSIENT_STATUSES:
                raise TransientError(f"HTTP {error.code}: {detail}") from error
            raise PermanentError(f"HTTP {error.code}: {detail}") from error
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise TransientError(str(error)) from error
        try:
            return str(json.loads(payload)["id"])
        except (ValueError, KeyError, TypeError) as error:
            raise TransientError(f"Unreadable answer: {payload[:200]!r}") from error
