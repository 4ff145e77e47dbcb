from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AteliersConfig(AppConfig):
    name = "ateliers"
    verbose_name = _("Ateliers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from ateliers.commons import describe_report
        from ateliers.models import (
            Attendance,
            AttendanceChange,
            Certificate,
            CertificateBatch,
            CertificateBatchPart,
            Registration,
            ReportPage,
            Session,
            SignedSheet,
            SubGroup,
            Workshop,
        )
        from home.commons import register_resource
        from lab import scope
        from lab.infra.caching import register_public_model

        register_resource(ReportPage, describe_report)
        # Workshops and their sessions appear on programme pages and reports.
        register_public_model(Workshop)
        register_public_model(Session)
        # Teams and the jury's results appear on the public agenda's event pages.
        register_public_model(SubGroup)

        from lab.infra.storage import register_private_file_field

        register_private_file_field("ateliers.CertificateBatch", "file")
        register_private_file_field("ateliers.Certificate", "file")
        register_private_file_field("ateliers.CertificateBatchPart", "file")
        register_private_file_field("ateliers.SignedSheet", "file")

        from ateliers.services import agenda
        from ateliers.tasks import sweep
        from home.sitemaps import register_sitemap
        from lab.infra.batches import register_sweep

        register_sitemap("agenda", agenda.sitemap_entries)
        register_sweep(sweep)

        # A structure's team sees the workshops it is invited to, but only the programme's
        # coordinators and facilitators change them.
        scope.register(Workshop, programme="programme", structure="invited_structures", structure_editors=frozenset())
        scope.register(
            Session,
            programme="workshop__programme",
            structure="workshop__invited_structures",
            structure_editors=frozenset(),
        )
        scope.register(
            SubGroup,
            programme="workshop__programme",
            structure="workshop__invited_structures",
            structure_editors=frozenset(),
        )
        scope.register(Registration, programme="workshop__programme", structure="structure")
        scope.register(Attendance, programme="registration__workshop__programme", structure="registration__structure")
        scope.register(Certificate, programme="programme", structure="structure", structure_editors=frozenset())
        scope.register(CertificateBatch, programme="programme")
        scope.register(CertificateBatchPart, programme="batch__programme")
        # A signed sheet carries every structure's signatures: the programme's people only.
        scope.register(SignedSheet, programme="session__workshop__programme")
        scope.register(
            AttendanceChange,
            programme="registration__workshop__programme",
            structure="registration__structure",
            structure_editors=frozenset(),
        )

        from wagtail.permissions import register_permission_policy

        from ateliers.permissions import IssuedOnlyPermissionPolicy

        for model in (Certificate, CertificateBatch):
            register_permission_policy(model, IssuedOnlyPermissionPolicy(model))

        from ateliers.privacy import person_data
        from lab.privacy import register_person_data

        register_person_data(person_data)

        from ateliers.services.registrations import waiting_list_promoted
        from ateliers.services.signup import notify_promoted

        waiting_list_promoted.connect(notify_promoted, dispatch_uid="ateliers.signup.promoted")

        from ateliers.services.rates import structure_attendance_section
        from lab.services import register_structure_section

        register_structure_section(structure_attendance_section)
