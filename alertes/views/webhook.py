"""The SMS provider's webhook."""

import json

from django.http import HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alertes import sending


@csrf_exempt
@require_POST
def webhook(request, backend):
    """Delivery receipts and replies from the SMS provider, signed with HMAC-SHA256 (X-Signature)."""
    if not sending.signature_is_valid(request.body, request.headers.get("X-Signature", "")):
        return HttpResponseForbidden("invalid signature")
    try:
        payload = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "invalid JSON"}, status=400)
    events = payload if isinstance(payload, list) else [payload]
    handled = sum(sending.handle_event(event) for event in events if isinstance(event, dict))
    return JsonResponse({"handled": handled})
