"""Two-factor authentication: a TOTP code after the password, with django-otp.

Wagtail's login page checks the password as before. A user who enrolled an authenticator app is
then only half logged in: ``TwoFactorMiddleware`` sends every request of theirs to the code page
until a valid code marks the session verified (``django_otp.login``). A user whose role is listed
in ``TWO_FACTOR_REQUIRED_ROLES`` and has no device yet is sent to the enrolment page instead.
Everyone else logs in as before.

Whether a session still owes a code is decided once, at login, and kept in the session: requests
of users without a device cost no extra query.
"""

import base64

import django_otp
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

from lab.infra import qrcodes
from lab.infra.security import local_url

#: Session key: "verify" (a code is owed), "enrol" (a device must be added) or "" (nothing owed).
PENDING_SESSION_KEY = "lab_2fa_pending"
VERIFY = "verify"
ENROL = "enrol"
DEVICE_NAME = "Application d'authentification"


def required_for(user):
    """Whether ``user``'s roles oblige them to use a second factor (``TWO_FACTOR_REQUIRED_ROLES``)."""
    wanted = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not wanted or not user.is_authenticated:
        return False
    if "superuser" in wanted and user.is_superuser:
        return True
    programme_roles = set(user.programme_roles.values_list("role", flat=True))
    if programme_roles & wanted:
        return True
    structure_roles = {f"structure:{role}" for role in user.memberships.values_list("role", flat=True)}
    return bool(structure_roles & wanted)


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_step(user):
    """What ``user`` still owes after their password: a code, an enrolment, or nothing."""
    if confirmed_device(user) is not None:
        return VERIFY
    if required_for(user):
        return ENROL
    return ""


@receiver(user_logged_in)
def decide_second_step(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[PENDING_SESSION_KEY] = pending_step(user)


#: Pages a half-logged-in user may still open.
ALWAYS_ALLOWED = frozenset(
    {"wagtailadmin_logout", "wagtailadmin_login", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite"}
)
ALLOWED_WHILE_VERIFYING = ALWAYS_ALLOWED | {"lab_two_factor_verify"}
ALLOWED_WHILE_ENROLLING = ALWAYS_ALLOWED | {"lab_two_factor", "lab_two_factor_qr"}


class TwoFactorMiddleware:
    """Hold a user who owes a code (or an enrolment) on that page; after ``OTPMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.hold(request)
        return response or self.get_response(request)

    def hold(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None  # anonymous: do not read the session (see SessionLifetimeMiddleware)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            return None
        pending = request.session.get(PENDING_SESSION_KEY)
        if pending is None:
            # A session opened before two-factor authentication existed: decide once.
            pending = request.session[PENDING_SESSION_KEY] = pending_step(user)
        if not pending or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            url_name = None
        if pending == VERIFY and url_name not in ALLOWED_WHILE_VERIFYING:
            return redirect(f"{reverse('lab_two_factor_verify')}?{urlencode({'next': request.get_full_path()})}")
        if pending == ENROL and url_name not in ALLOWED_WHILE_ENROLLING:
            return redirect("lab_two_factor")
        return None


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code à 6 chiffres de votre application"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        error_messages={
            "required": gettext_lazy("Saisissez le code affiché par votre application."),
            "min_length": gettext_lazy("Le code compte 6 chiffres."),
            "max_length": gettext_lazy("Le code compte 6 chiffres."),
        },
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError(_("Le code ne contient que des chiffres."))
        allowed, _info = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(_("Trop de codes erronés : attendez quelques secondes avant de réessayer."))
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("Code incorrect ou expiré. Vérifiez l'heure de votre téléphone et saisissez le code affiché.")
            )
        return code


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    return local_url(request, target) or reverse("wagtailadmin_home")


@never_cache
def verify(request):
    """The second step of the login: the code of the user's authenticator app."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    device = confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect(_safe_next(request))
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        request.session[PENDING_SESSION_KEY] = ""
        return redirect(_safe_next(request))
    return TemplateResponse(request, "lab/security/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


def _unconfirmed_device(user):
    """The device being enrolled: one per user, kept until confirmed so the QR code stays the same."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


@never_cache
def setup(request):
    """The « Authentification à deux facteurs » page: enrol an app with its QR code, or remove it."""
    from lab.admin_views import admin_chrome

    user = request.user
    device = confirmed_device(user)
    chrome = admin_chrome(_("Authentification à deux facteurs"), _("Compte"), reverse("wagtailadmin_account"))
    context = {"required": required_for(user), **chrome}
    if device is not None:
        form = CodeForm(request.POST or None, device=device)
        if request.method == "POST" and request.POST.get("action") == "remove" and form.is_valid():
            TOTPDevice.objects.filter(user=user).delete()
            request.session[PENDING_SESSION_KEY] = ENROL if required_for(user) else ""
            messages.success(request, _("L'authentification à deux facteurs est désactivée pour votre compte."))
            return redirect("lab_two_factor")
        context.update(device=device, form=form)
        return TemplateResponse(request, "lab/security/two_factor_setup.html", context)

    pending = _unconfirmed_device(user)
    form = CodeForm(request.POST or None, device=pending)
    if request.method == "POST" and form.is_valid():
        pending.confirmed = True
        pending.save(update_fields=["confirmed"])
        django_otp.login(request, pending)
        request.session[PENDING_SESSION_KEY] = ""
        messages.success(
            request,
            _("L'authentification à deux facteurs est activée : à chaque connexion, un code vous sera demandé."),
        )
        return redirect("lab_two_factor")
    context.update(
        form=form,
        secret=base64.b32encode(pending.bin_key).decode("ascii"),
        qr_url=reverse("lab_two_factor_qr"),
    )
    return TemplateResponse(request, "lab/security/two_factor_setup.html", context)


@never_cache
def qr_code(request):
    """The QR code of the device being enrolled, as SVG (a static image: no inline script or style)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        return HttpResponse(status=404)
    return HttpResponse(qrcodes.svg(device.config_url), content_type="image/svg+xml")
