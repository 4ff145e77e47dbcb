from django.urls import path  # noqa: F401

app_name = "ateliers"
# Public pages of the ateliers are Wagtail pages (reports, questionnaires) and /verifier/<code>/
# (declared in lab/urls.py, view in ateliers/views.py); the facilitators' views live in the admin
# (ateliers/admin_views/, routed by ateliers/admin_urls.py).
urlpatterns = []
