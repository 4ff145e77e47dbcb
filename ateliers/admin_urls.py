"""Admin URLs of the ateliers (mounted under /admin/ateliers/ by a Wagtail hook)."""

from django.urls import path

from ateliers import admin_views

urlpatterns = [
    path("atelier/<int:pk>/", admin_views.workshop_dashboard, name="workshop"),
    path("atelier/<int:pk>/emargement/", admin_views.attendance_grid, name="grid"),
    path("atelier/<int:pk>/emargement/arrivee/", admin_views.walk_in, name="walk_in"),
    path("atelier/<int:pk>/emargement/connexions/", admin_views.connection_list, name="connection_list"),
    path("atelier/<int:pk>/feuille-emargement.pdf", admin_views.attendance_sheet_pdf, name="sheet_pdf"),
    path("atelier/<int:pk>/inscription-groupee/", admin_views.bulk_registration, name="bulk_registration"),
    path(
        "atelier/<int:pk>/certificat/personne/<int:person_pk>.pdf",
        admin_views.person_certificate_pdf,
        name="person_certificate",
    ),
    path(
        "atelier/<int:pk>/certificat/structure/<int:structure_pk>.pdf",
        admin_views.structure_certificate_pdf,
        name="structure_certificate",
    ),
    path("atelier/<int:pk>/certificats/lot/", admin_views.workshop_batch, name="workshop_batch"),
    path("programme/<int:pk>/certificats/lot/", admin_views.programme_batch, name="programme_batch"),
    path("programme/<int:pk>/planning/", admin_views.planning, name="planning"),
    path(
        "programme/<int:pk>/certificat/personne/<int:person_pk>.pdf",
        admin_views.programme_person_certificate_pdf,
        name="programme_person_certificate",
    ),
    path(
        "programme/<int:pk>/certificat/structure/<int:structure_pk>.pdf",
        admin_views.programme_structure_certificate_pdf,
        name="programme_structure_certificate",
    ),
    path("lot/<int:pk>/", admin_views.batch_detail, name="batch"),
    path("lot/<int:pk>/etat/", admin_views.batch_status, name="batch_status"),
    path("lot/<int:pk>/telecharger/", admin_views.batch_download, name="batch_download"),
    path("questionnaire/<int:pk>/synthese/", admin_views.questionnaire_synthesis, name="questionnaire_synthesis"),
    path("questionnaire/<int:pk>/reponses.csv", admin_views.questionnaire_csv, name="questionnaire_csv"),
]
