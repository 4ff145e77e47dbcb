"""A fake SMS provider: a real HTTP server on 127.0.0.1, recording what it receives.

It speaks the protocol of ``alertes.backends.http.HttpBackend``: ``POST /sms`` with a JSON body and
an ``Idempotency-Key`` header, answering ``{"id": …}``. A key seen before is answered with the same
id and not delivered again (as real providers do). ``fail_next(status, count)`` makes the next
requests fail (503: transient, 400: permanent). Used by the tests and by ``bench/sms_dispatch.py``.

The provider also calls our webhook back (receipts, STOP replies): ``webhook_call(events, secret)``
gives the body and headers it sends, signed as docs/alertes.md says (HMAC-SHA256 over
``"<timestamp>." + body``, headers ``X-Labo-Timestamp`` and ``X-Labo-Signature``).
"""

import hashlib
import hmac
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def webhook_call(events, secret, timestamp=None):
    """The body and headers of a webhook call signed by the provider at ``timestamp`` (now by default)."""
    body = json.dumps(events).encode()
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return body, {"X-Labo-Timestamp": timestamp, "X-Labo-Signature": digest}


class FakeGateway:
    def __init__(self, api_key="test-key"):
        self.api_key = api_key
        self.lock = threading.Lock()
        self.requests = []  # every accepted request body (dict), in order, repeats included
        self.delivered = {}  # idempotency key -> body, once each
        self.failures = []  # statuses to answer to the next requests
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address
        return f"http://{host}:{port}/sms"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def webhook_call(self, events, secret, timestamp=None):
        return webhook_call(events, secret, timestamp)

    def fail_next(self, status, count=1):
        with self.lock:
            self.failures.extend([status] * count)

    def duplicates(self):
        """Recipients×texts delivered more than once (must be 0)."""
        counts = Counter((body["to"], body["text"], body["idempotency_key"]) for body in self.delivered.values())
        return sum(n - 1 for n in counts.values() if n > 1)

    def repeated_keys(self):
        """Requests whose idempotency key had been seen before (absorbed, not delivered twice)."""
        return len(self.requests) - len(self.delivered)

    def _handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                if self.headers.get("Authorization") != f"Bearer {gateway.api_key}":
                    return self._answer(401, {"error": "bad credentials"})
                with gateway.lock:
                    status = gateway.failures.pop(0) if gateway.failures else None
                if status:
                    return self._answer(status, {"error": "failure on demand"})
                try:
                    body = json.loads(raw)
                except ValueError:
                    return self._answer(400, {"error": "invalid JSON"})
                key = self.headers.get("Idempotency-Key") or body.get("idempotency_key")
                with gateway.lock:
                    gateway.requests.append(body)
                    gateway.delivered.setdefault(key, body)
                return self._answer(200, {"id": f"gw-{key}"})

        return Handler


def main():  # pragma: no cover - handy by hand: python -m tests.alertes.fake_gateway
    gateway = FakeGateway().start()
    print(gateway.url, flush=True)  # noqa: T201
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        gateway.stop()


if __name__ == "__main__":
    main()
