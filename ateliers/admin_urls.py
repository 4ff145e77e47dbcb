"""Admin URLs of the ateliers (mounted under /admin/ateliers/ by a Wagtail hook)."""

from django.urls import path

from ateliers.admin_views import attendance, certificates, planning, proofs, questionnaires, reports

urlpatterns = [
    path("atelier/<id:pk>/", attendance.workshop_dashboard, name="workshop"),
    path("atelier/<id:pk>/emargement/", attendance.attendance_grid, name="grid"),
    path("atelier/<id:pk>/emargement/arrivee/", attendance.walk_in, name="walk_in"),
    path("atelier/<id:pk>/emargement/connexions/", attendance.connection_list, name="connection_list"),
    path("atelier/<id:pk>/feuille-emargement.pdf", attendance.attendance_sheet_pdf, name="sheet_pdf"),
    path("atelier/<id:pk>/etat-de-presence.pdf", proofs.attendance_record_pdf, name="attendance_record_pdf"),
    path(
        "atelier/<id:pk>/demi-journee/<id:session_pk>/feuille-signee/",
        proofs.signed_sheet_upload,
        name="signed_sheet_upload",
    ),
    path(
        "atelier/<id:pk>/demi-journee/<id:session_pk>/feuille-signee/telecharger/",
        proofs.signed_sheet_download,
        name="signed_sheet_download",
    ),
    path("atelier/<id:pk>/inscription-groupee/", attendance.bulk_registration, name="bulk_registration"),
    path(
        "atelier/<id:pk>/certificat/personne/<id:person_pk>.pdf",
        certificates.person_certificate_pdf,
        name="person_certificate",
    ),
    path(
        "atelier/<id:pk>/certificat/structure/<id:structure_pk>.pdf",
        certificates.structure_certificate_pdf,
        name="structure_certificate",
    ),
    path("atelier/<id:pk>/certificats/lot/", certificates.workshop_batch, name="workshop_batch"),
    path("programme/<id:pk>/certificats/lot/", certificates.programme_batch, name="programme_batch"),
    path("programme/<id:pk>/planning/", planning.planning, name="planning"),
    path(
        "programme/<id:pk>/certificat/personne/<id:person_pk>.pdf",
        certificates.programme_person_certificate_pdf,
        name="programme_person_certificate",
    ),
    path(
        "programme/<id:pk>/certificat/structure/<id:structure_pk>.pdf",
        certificates.programme_structure_certificate_pdf,
        name="programme_structure_certificate",
    ),
    path("lot/<id:pk>/", certificates.batch_detail, name="batch"),
    path("lot/<id:pk>/etat/", certificates.batch_status, name="batch_status"),
    path("lot/<id:pk>/telecharger/", certificates.batch_download, name="batch_download"),
    path("lot/<id:pk>/relancer/", certificates.batch_retry, name="batch_retry"),
    path("questionnaire/<id:pk>/synthese/", questionnaires.questionnaire_synthesis, name="questionnaire_synthesis"),
    path("questionnaire/<id:pk>/reponses.csv", questionnaires.questionnaire_csv, name="questionnaire_csv"),
    path(
        "questionnaire/<id:pk>/synthese.pdf",
        questionnaires.questionnaire_synthesis_pdf,
        name="questionnaire_synthesis_pdf",
    ),
    path("compte-rendu/<id:pk>/compte-rendu.pdf", reports.report_pdf, name="report_pdf"),
]
