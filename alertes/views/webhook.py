"""The SMS provider's webhook."""

import json
import logging

from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alertes import sending
from alertes.backends import backend_names

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook(request, backend):
    """Delivery receipts and replies from the SMS provider, signed with HMAC-SHA256 over a timestamp
    and the body (docs/alertes.md, « Webhook »)."""
    if backend not in backend_names():
        raise Http404
    refusal = sending.webhook_refusal(
        request.body,
        request.headers.get(sending.TIMESTAMP_HEADER, ""),
        request.headers.get(sending.SIGNATURE_HEADER, ""),
    )
    if refusal:
        logger.warning("Alertes webhook call refused (%s) for backend %s", refusal, backend)
        return HttpResponseForbidden("invalid signature")
    try:
        payload = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "invalid JSON"}, status=400)
    events = payload if isinstance(payload, list) else [payload]
    handled = sum(sending.handle_event(event) for event in events if isinstance(event, dict))
    return JsonResponse({"handled": handled})
