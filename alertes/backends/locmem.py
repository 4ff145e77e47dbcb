from alertes.backends.base import BaseSmsBackend, PermanentError, TransientError

#: Every SMS "sent" by LocmemBackend, in order (tests read and empty it).
outbox = []
#: Tests may put exceptions here: each send pops the first one and raises it.
failures = []


class LocmemBackend(BaseSmsBackend):
    """Tests: keeps SMS in memory; an idempotency key seen before is not sent again."""

    name = "locmem"

    def send(self, sms):
        if failures:
            error = failures.pop(0)
            if isinstance(error, (TransientError, PermanentError)):
                raise error
        for previous in outbox:
            if previous.idempotency_key == sms.idempotency_key:
                return f"locmem-{sms.idempotency_key}"
        outbox.append(sms)
        return f"locmem-{sms.idempotency_key}"
