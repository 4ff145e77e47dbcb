"""Admin URLs of the ateliers (mounted under /admin/ateliers/ by a Wagtail hook)."""

from django.urls import path

from ateliers.admin_views import attendance, certificates, planning, questionnaires

urlpatterns = [
    path("atelier/<int:pk>/", attendance.workshop_dashboard, name="workshop"),
    path("atelier/<int:pk>/emargement/", attendance.attendance_grid, name="grid"),
    path("atelier/<int:pk>/emargement/arrivee/", attendance.walk_in, name="walk_in"),
    path("atelier/<int:pk>/emargement/connexions/", attendance.connection_list, name="connection_list"),
    path("atelier/<int:pk>/feuille-emargement.pdf", attendance.attendance_sheet_pdf, name="sheet_pdf"),
    path("atelier/<int:pk>/inscription-groupee/", attendance.bulk_registration, name="bulk_registration"),
    path(
        "atelier/<int:pk>/certificat/personne/<int:person_pk>.pdf",
        certificates.person_certificate_pdf,
        name="person_certificate",
    ),
    path(
        "atelier/<int:pk>/certificat/structure/<int:structure_pk>.pdf",
        certificates.structure_certificate_pdf,
        name="structure_certificate",
    ),
    path("atelier/<int:pk>/certificats/lot/", certificates.workshop_batch, name="workshop_batch"),
    path("programme/<int:pk>/certificats/lot/", certificates.programme_batch, name="programme_batch"),
    path("programme/<int:pk>/planning/", planning.planning, name="planning"),
    path(
        "programme/<int:pk>/certificat/personne/<int:person_pk>.pdf",
        certificates.programme_person_certificate_pdf,
        name="programme_person_certificate",
    ),
    path(
        "programme/<int:pk>/certificat/structure/<int:structure_pk>.pdf",
        certificates.programme_structure_certificate_pdf,
        name="programme_structure_certificate",
    ),
    path("lot/<int:pk>/", certificates.batch_detail, name="batch"),
    path("lot/<int:pk>/etat/", certificates.batch_status, name="batch_status"),
    path("lot/<int:pk>/telecharger/", certificates.batch_download, name="batch_download"),
    path("questionnaire/<int:pk>/synthese/", questionnaires.questionnaire_synthesis, name="questionnaire_synthesis"),
    path("questionnaire/<int:pk>/reponses.csv", questionnaires.questionnaire_csv, name="questionnaire_csv"),
]
