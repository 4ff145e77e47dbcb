import sys
import threading

from alertes.backends.base import BaseSmsBackend


class ConsoleBackend(BaseSmsBackend):
    """Development: prints each SMS on the console instead of sending it."""

    name = "console"
    _lock = threading.Lock()

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, sms):
        with self._lock:
            self.stream.write(f"[SMS] de {sms.sender or '-'} à {sms.to} ({sms.idempotency_key}) : {sms.text}\n")
            self.stream.flush()
        return f"console-{sms.idempotency_key}"
