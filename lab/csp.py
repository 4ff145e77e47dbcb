"""The Content Security Policy middleware: django-csp's, with the admin's one documented exception.

The policy itself is ``CONTENT_SECURITY_POLICY`` in ``lab/settings/base.py``; see the « Sécurité »
section of ``docs/DEVELOPING.md`` for what it allows and why.
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings


class CSPMiddleware(BaseCSPMiddleware):
    """Adds ``CSP_ADMIN_UPDATE`` to the policy of the Wagtail admin's pages (under ``/admin/``) as
    seen by a signed-in user; the login page and everything else keep the strict policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        extra = getattr(settings, "CSP_ADMIN_UPDATE", None)
        user = getattr(request, "user", None)
        if (
            extra
            and not report_only
            and request.path_info.startswith(settings.CSP_ADMIN_PREFIX)
            and user is not None
            and user.is_authenticated
        ):
            update = dict(parts.update or {})
            for directive, sources in extra.items():
                update[directive] = [*update.get(directive, []), *sources]
            parts.update = update
        return parts
