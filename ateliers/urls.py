from django.urls import path

from ateliers import views

app_name = "ateliers"
# Public pages of the ateliers are Wagtail pages (reports, questionnaires), the PDF of a published report, and
# /verifier/<code>/ (declared in lab/urls.py, view in ateliers/views.py); the facilitators' views live in the admin
# (ateliers/admin_views/, routed by ateliers/admin_urls.py).
urlpatterns = [
    path("comptes-rendus/<id:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
