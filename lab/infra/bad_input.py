"""Requests no page can serve: refused early with a short French page (400), never a 500.

A NUL character (``%00``) in the path, the query string or a form field cannot be stored nor
searched (PostgreSQL refuses it in any text, SQLite's full-text search stops reading at it), and no
one types it: ``NulCharacterMiddleware`` answers 400 « Requête invalide » before any view runs.
"""

from django.conf import settings
from django.shortcuts import render

NUL = "\x00"
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _contains_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


def _form_has_nul(request):
    """Whether a posted form's fields hold a NUL. The raw body is read first, so that a view reading
    it (a signed webhook) still can; an upload bigger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is left to
    the forms, whose text fields refuse NUL themselves."""
    if request.method != "POST" or request.content_type not in FORM_CONTENT_TYPES:
        return False
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is not None and length > limit:
        return False
    request.body  # noqa: B018 (kept in memory: request.POST then parses it, request.body stays readable)
    return _contains_nul(request.POST)


def has_nul_character(request):
    """Whether the request's path, query string or form fields (not its files) hold a NUL."""
    return NUL in request.path_info or _contains_nul(request.GET) or _form_has_nul(request)


class NulCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul_character(request):
            return render(request, "lab/bad_request.html", status=400)
        return self.get_response(request)
