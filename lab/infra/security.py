"""Login protection and session lifetime, around Django's and Wagtail's own login.

- django-axes counts failed logins per username and address (settings ``AXES_*``): this module
  gives it the client's address behind the load balancers and the French page of a lockout.
- ``SessionLifetimeMiddleware`` ends a session a fixed time after its login, however active it
  is (``SESSION_ABSOLUTE_LIFETIME``), and keeps an active session open: the idle timeout is Django's
  own ``SESSION_COOKIE_AGE``, pushed back by saving the session at most once every
  ``SESSION_REFRESH_SECONDS`` rather than on every request (``SESSION_SAVE_EVERY_REQUEST`` wrote the
  session row on each click of the attendance grid, a write lock each time on SQLite).
"""

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lab.infra.ids import int_param

#: Session key holding when the user logged in (a POSIX timestamp).
LOGIN_AT_SESSION_KEY = "lab_login_at"
#: Session key holding when the session was last saved to push its expiry back (a POSIX timestamp).
REFRESHED_AT_SESSION_KEY = "lab_refreshed_at"


def client_ip(request):
    """The address that sent the request: the ``TRUSTED_PROXY_COUNT``-th from the right of
    X-Forwarded-For when that many proxies append to it, else the connection's address.

    Only the entries added by our own proxies are trusted: a client can write anything to the left.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login once a username is locked out from this address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": minutes,
        "username": (credentials or {}).get("username") or request.POST.get("username", ""),
    }
    return render(request, "lab/security/locked_out.html", context, status=429)


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_SESSION_KEY] = timezone.now().timestamp()


class SessionLifetimeMiddleware:
    """Log out a session older than ``SESSION_ABSOLUTE_LIFETIME``, active or not; push back the idle
    expiry of an active one, saving it at most once every ``SESSION_REFRESH_SECONDS``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is no one to log out: leave the session untouched (a
        # session read marks the response « Vary: Cookie », which would defeat page caching).
        user = getattr(request, "user", None) if settings.SESSION_COOKIE_NAME in request.COOKIES else None
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_AT_SESSION_KEY)
            now = timezone.now().timestamp()
            if started is None:
                # A session from before this rule: its lifetime starts now.
                request.session[LOGIN_AT_SESSION_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
                logout(request)
                messages.info(request, _("Votre session a expiré : reconnectez-vous."))
                return self.get_response(request)
            # A modified session is saved with a new expiry (SESSION_COOKIE_AGE from now), its
            # cookie too: the idle timeout runs from the last refresh, within a minute of the last click.
            if now - request.session.get(REFRESHED_AT_SESSION_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session[REFRESHED_AT_SESSION_KEY] = now
        return self.get_response(request)


def current_lockouts():
    """The username and address pairs refused right now, most recent first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def lockouts(request):
    """Admin page for site administrators: who is locked out, and a button to let them in again."""
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        attempt = get_object_or_404(AccessAttempt, pk=int_param(request.POST.get("attempt")) or 0)
        axes_reset(ip=attempt.ip_address, username=attempt.username)
        messages.success(request, _("« %(username)s » peut de nouveau se connecter.") % {"username": attempt.username})
        return redirect("lab_lockouts")
    from lab.admin_views import admin_chrome

    chrome = admin_chrome(_("Connexions bloquées"), _("Paramètres"), reverse("wagtailadmin_home"))
    context = {
        "attempts": current_lockouts(),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        **chrome,
    }
    return TemplateResponse(request, "lab/security/lockouts.html", context)
