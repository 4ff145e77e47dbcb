"""Requests no page can serve: refused early with a short French page (400), never a 500.

A NUL character (``%00``) in the path, the query string or a form field cannot be stored nor
searched (PostgreSQL refuses it in any text, SQLite's full-text search stops reading at it), and no
one types it: ``NulCharacterMiddleware`` answers 400 « Requête invalide » before any view runs.
"""

from django.shortcuts import render

NUL = "\x00"


def _contains_nul(querydict):
    return any(NUL in key or any(NUL in value for value in values) for key, values in querydict.lists())


def has_nul_character(request):
    """Whether the request's path, query string or form fields (not its files) hold a NUL."""
    if NUL in request.path_info or _contains_nul(request.GET):
        return True
    return request.method == "POST" and _contains_nul(request.POST)


class NulCharacterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul_character(request):
            return render(request, "lab/bad_request.html", status=400)
        return self.get_response(request)
