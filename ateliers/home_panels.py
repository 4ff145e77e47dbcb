"""The ateliers' panels of the admin's first page (`lab.home_panels`): for the facilitation, the next
workshops, the attendance to take, the certificates to issue and the compte-rendus to write; for a
structure's administrator, its registrations to come. Every query is scoped (`lab.scope`)."""

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ateliers.choices import ACTIVE_REGISTRATION_STATUSES
from ateliers.models import Attendance, Certificate, Registration, ReportPage, Session, Workshop
from lab.choices import ProgrammeRoleKind
from lab.home_panels import PANEL_ROWS, TodoPanel, roles_of
from lab.infra.french import long_date
from lab.scope import VIEW, scope_for


def _workshops(user):
    return scope_for(user).filter(Workshop.objects.all(), VIEW).select_related("programme")


def _programme_label(workshop):
    return workshop.programme.short_name or workshop.programme.title


def next_workshops_panel(user, today):
    workshops = (
        _workshops(user)
        .annotate(next_date=Min("sessions__date", filter=Q(sessions__date__gte=today)))
        .filter(next_date__isnull=False)
        .order_by("next_date", "pk")[:PANEL_ROWS]
    )
    rows = [
        (
            workshop.title,
            reverse("ateliers_admin:workshop", args=[workshop.pk]),
            f"{long_date(workshop.next_date, weekday=True)} — {_programme_label(workshop)}",
        )
        for workshop in workshops
    ]
    return TodoPanel(
        "ateliers_next",
        _("Prochains ateliers"),
        rows,
        _("Aucun atelier n'est prévu : les ateliers datés à venir s'afficheront ici."),
        order=20,
        more_url=reverse("wagtailsnippets_ateliers_workshop:list"),
        more_label=_("Tous les ateliers"),
    )


def attendance_panel(user, today):
    """Half-days already held, with people registered, where nobody was marked yet."""
    sessions = (
        Session.objects.filter(workshop__in=_workshops(user).values("pk"), date__lte=today)
        .filter(Exists(Registration.objects.filter(workshop=OuterRef("workshop"))))
        .exclude(Exists(Attendance.objects.filter(session=OuterRef("pk"))))
        .select_related("workshop__programme")
        .order_by("-date", "pk")[:PANEL_ROWS]
    )
    rows = [
        (
            session.workshop.title,
            reverse("ateliers_admin:grid", args=[session.workshop_id]),
            f"{long_date(session.date)}, {session.get_half_day_display().lower()} — "
            f"{_programme_label(session.workshop)}",
        )
        for session in sessions
    ]
    return TodoPanel(
        "ateliers_attendance",
        _("Émargements à saisir"),
        rows,
        _("Toutes les demi-journées passées ont leur émargement."),
        order=21,
    )


def certificates_panel(user, today):
    """Workshops over, with attendance recorded, and no certificate issued yet."""
    workshops = (
        _workshops(user)
        .filter(end_date__lt=today)
        .filter(Exists(Attendance.objects.filter(registration__workshop=OuterRef("pk"))))
        .exclude(Exists(Certificate.objects.filter(workshop=OuterRef("pk"))))
        .order_by("-end_date", "pk")[:PANEL_ROWS]
    )
    rows = [
        (
            workshop.title,
            reverse("ateliers_admin:workshop", args=[workshop.pk]),
            _("terminé le %(date)s — %(programme)s")
            % {"date": long_date(workshop.end_date), "programme": _programme_label(workshop)},
        )
        for workshop in workshops
    ]
    return TodoPanel(
        "ateliers_certificates",
        _("Certificats à émettre"),
        rows,
        _("Chaque atelier terminé et émargé a ses certificats."),
        order=22,
    )


def reports_panel(user, today):
    """Workshops over with no compte-rendu, not even a draft."""
    workshops = (
        _workshops(user)
        .filter(end_date__lt=today)
        .exclude(Exists(ReportPage.objects.filter(workshop=OuterRef("pk"))))
        .order_by("-end_date", "pk")[:PANEL_ROWS]
    )
    rows = [
        (
            workshop.title,
            reverse("wagtailadmin_pages:add", args=["ateliers", "reportpage", workshop.programme_id]),
            _("terminé le %(date)s — %(programme)s")
            % {"date": long_date(workshop.end_date), "programme": _programme_label(workshop)},
        )
        for workshop in workshops
    ]
    return TodoPanel(
        "ateliers_reports",
        _("Comptes-rendus à écrire"),
        rows,
        _("Chaque atelier terminé a son compte-rendu."),
        order=23,
    )


def registrations_panel(user, today):
    """The structure's registrations to the workshops to come, one row per workshop."""
    structure_ids = scope_for(user).structure_ids()
    workshops = (
        Workshop.objects.filter(registrations__structure_id__in=structure_ids)
        .annotate(
            next_date=Min("sessions__date", filter=Q(sessions__date__gte=today)),
            registered=Count(
                "registrations",
                filter=Q(
                    registrations__structure_id__in=structure_ids,
                    registrations__status__in=ACTIVE_REGISTRATION_STATUSES,
                ),
                distinct=True,
            ),
        )
        .filter(next_date__isnull=False)
        .select_related("programme")
        .order_by("next_date", "pk")[:PANEL_ROWS]
    )
    rows = [
        (
            workshop.title,
            reverse("wagtailsnippets_ateliers_registration:list") + f"?workshop={workshop.pk}",
            ngettext("%(date)s — %(count)d inscrit", "%(date)s — %(count)d inscrits", workshop.registered)
            % {"date": long_date(workshop.next_date), "count": workshop.registered},
        )
        for workshop in workshops
    ]
    return TodoPanel(
        "ateliers_registrations",
        _("Inscriptions à venir"),
        rows,
        _("Personne de votre structure n'est inscrit à un atelier à venir."),
        order=20,
        more_url=reverse("wagtailsnippets_ateliers_registration:list"),
        more_label=_("Toutes les inscriptions"),
    )


def ateliers_panels(request, panels):
    user = request.user
    roles = roles_of(user)
    today = timezone.localdate()
    if user.is_superuser or ProgrammeRoleKind.FACILITATOR in roles:
        panels.extend(
            [
                next_workshops_panel(user, today),
                attendance_panel(user, today),
                certificates_panel(user, today),
                reports_panel(user, today),
            ]
        )
    if "structure_admin" in roles:
        panels.append(registrations_panel(user, today))
