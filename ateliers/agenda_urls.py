"""URLs of the public agenda, mounted at /agenda/ by lab/urls.py (views in ateliers/agenda_views.py)."""

from django.urls import path

from ateliers import agenda_views

urlpatterns = [
    path("", agenda_views.index, name="agenda"),
    path("<id:pk>/", agenda_views.event, name="agenda_event"),
    path("<id:pk>/evenement.ics", agenda_views.event_ics, name="agenda_event_ics"),
    path("programme/<id:pk>/agenda.ics", agenda_views.programme_ics, name="agenda_programme_ics"),
    path("annuler/<str:token>/", agenda_views.cancel, name="agenda_cancel"),
]
