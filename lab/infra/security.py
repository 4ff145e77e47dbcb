"""Login protection and session lifetime, around Django's and Wagtail's own login.

- django-axes counts failed logins per username and address (settings ``AXES_*``): this module
  gives it the client's address behind the load balancers, a second limit per address across
  usernames (``LOGIN_ADDRESS_FAILURE_LIMIT``: axes has one limit only, so ``AddressAwareHandler``
  adds it, counting axes' own records) and the French page of a lockout.
- ``SessionLifetimeMiddleware`` ends a session a fixed time after its login, however active it
  is (``SESSION_ABSOLUTE_LIFETIME``), and keeps an active session open: the idle timeout is Django's
  own ``SESSION_COOKIE_AGE``, pushed back by saving the session at most once every
  ``SESSION_REFRESH_SECONDS`` rather than on every request (``SESSION_SAVE_EVERY_REQUEST`` wrote the
  session row on each click of the attendance grid, a write lock each time on SQLite).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset as axes_reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Sum
from django.dispatch import receiver
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

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


#: Request attribute set when the address itself is locked out (all usernames), not only a username.
ADDRESS_LOCKED = "lab_address_locked_out"


class AddressAwareHandler(AxesDatabaseHandler):
    """axes' database handler with a second, higher limit: ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures
    from one address, whatever the usernames, lock that address out for ``AXES_COOLOFF_TIME``.

    ``AXES_LOCKOUT_PARAMETERS`` could add ``"ip_address"``, but with axes' single
    ``AXES_FAILURE_LIMIT``: five typos in a shared office would lock everyone out. The address's
    failures are the sum of axes' records for it (one per username and browser) in the cool-off window.
    """

    def address_failures(self, request):
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return 0
        attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0

    def address_is_locked(self, request):
        locked = self.address_failures(request) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT
        if locked:
            setattr(request, ADDRESS_LOCKED, True)
        return locked

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            return True
        return settings.AXES_LOCK_OUT_AT_FAILURE and self.address_is_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or request.axes_locked_out or self.is_whitelisted(request, credentials):
            return
        if settings.AXES_LOCK_OUT_AT_FAILURE and self.address_is_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login once a username, or the whole address, is locked out."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    address_locked = getattr(request, ADDRESS_LOCKED, False)
    context = {
        "address_locked": address_locked,
        "failure_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT if address_locked else settings.AXES_FAILURE_LIMIT,
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


def local_url(request, target):
    """``target`` if it is a path of this site (``/admin/…``), else "" : a ``?next=`` of ``-1``, a
    quote or another site's address is never followed (nor given to ``redirect()``, which would try
    it as a URL name)."""
    target = target or ""
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return ""
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    return target


class UnlockForm(forms.Form):
    """The « Débloquer » button of one blocked login."""

    attempt = forms.ModelChoiceField(queryset=AccessAttempt.objects.all())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attempt"].error_messages = {
            "required": _("Choisissez la connexion à débloquer."),
            "invalid_choice": _("Cette connexion bloquée n'existe plus : la liste ci-dessous est à jour."),
        }


def current_lockouts():
    """The username and address pairs refused right now, most recent first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def locked_addresses():
    """The addresses refused right now for every username (failures across usernames), most recent first."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), usernames=Count("username", distinct=True))
        .annotate(last_attempt=Max("attempt_time"))
        .filter(failures__gte=settings.LOGIN_ADDRESS_FAILURE_LIMIT)
        .order_by("-last_attempt")
    )


def lockouts(request):
    """Admin page for site administrators: who is locked out, and a button to let them in again."""
    if not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        if "address" in request.POST:
            address = request.POST["address"]
            axes_reset(ip=address)
            messages.success(request, _("L'adresse %(address)s peut de nouveau se connecter.") % {"address": address})
            return redirect("lab_lockouts")
        form = UnlockForm(request.POST)
        if not form.is_valid():
            for error in form.errors["attempt"]:
                messages.error(request, error)
            return redirect("lab_lockouts")
        attempt = form.cleaned_data["attempt"]
        axes_reset(ip=attempt.ip_address, username=attempt.username)
        messages.success(request, _("« %(username)s » peut de nouveau se connecter.") % {"username": attempt.username})
        return redirect("lab_lockouts")
    from lab.admin_views import admin_chrome

    chrome = admin_chrome(_("Connexions bloquées"), _("Paramètres"), reverse("wagtailadmin_home"))
    context = {
        "attempts": current_lockouts(),
        "addresses": locked_addresses(),
        "address_failure_limit": settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        **chrome,
    }
    return TemplateResponse(request, "lab/security/lockouts.html", context)
