"""Admin URLs of the ateliers (mounted under /admin/ateliers/ by a Wagtail hook)."""

from django.urls import path

from ateliers import views

urlpatterns = [
    path("atelier/<int:pk>/", views.workshop_dashboard, name="workshop"),
    path("atelier/<int:pk>/emargement/", views.attendance_grid, name="grid"),
    path("atelier/<int:pk>/emargement/arrivee/", views.walk_in, name="walk_in"),
    path("atelier/<int:pk>/emargement/connexions/", views.connection_list, name="connection_list"),
    path("atelier/<int:pk>/feuille-emargement.pdf", views.attendance_sheet_pdf, name="sheet_pdf"),
    path("atelier/<int:pk>/inscription-groupee/", views.bulk_registration, name="bulk_registration"),
    path(
        "atelier/<int:pk>/certificat/personne/<int:person_pk>.pdf",
        views.person_certificate_pdf,
        name="person_certificate",
    ),
    path(
        "atelier/<int:pk>/certificat/structure/<int:structure_pk>.pdf",
        views.structure_certificate_pdf,
        name="structure_certificate",
    ),
    path("atelier/<int:pk>/certificats/lot/", views.workshop_batch, name="workshop_batch"),
    path("programme/<int:pk>/certificats/lot/", views.programme_batch, name="programme_batch"),
    path("programme/<int:pk>/planning/", views.planning, name="planning"),
    path(
        "programme/<int:pk>/certificat/personne/<int:person_pk>.pdf",
        views.programme_person_certificate_pdf,
        name="programme_person_certificate",
    ),
    path(
        "programme/<int:pk>/certificat/structure/<int:structure_pk>.pdf",
        views.programme_structure_certificate_pdf,
        name="programme_structure_certificate",
    ),
    path("lot/<int:pk>/", views.batch_detail, name="batch"),
    path("lot/<int:pk>/etat/", views.batch_status, name="batch_status"),
    path("lot/<int:pk>/telecharger/", views.batch_download, name="batch_download"),
    path("questionnaire/<int:pk>/synthese/", views.questionnaire_synthesis, name="questionnaire_synthesis"),
    path("questionnaire/<int:pk>/reponses.csv", views.questionnaire_csv, name="questionnaire_csv"),
]
