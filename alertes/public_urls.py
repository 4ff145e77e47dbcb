"""Public addresses of the module's documents, mounted at ``/commun/logiciels/alertes-sms/``."""

from django.urls import path

from alertes.views import public

app_name = "alertes_public"
urlpatterns = [
    path("notice/", public.public_notice, name="notice"),
    path("notice.pdf", public.public_notice_pdf, name="notice_pdf"),
    path("installation/", public.installation, name="installation"),
]
