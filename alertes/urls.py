from django.urls import path

from alertes import views

app_name = "alertes"
urlpatterns = [
    path("", views.home, name="home"),
    path("structure/", views.choose_structure, name="choose_structure"),
    path("adherents/", views.member_list, name="member_list"),
    path("adherents/nouveau/", views.member_create, name="member_create"),
    path("adherents/export.<str:fmt>", views.member_export, name="member_export"),
    path("adherents/<int:pk>/", views.member_detail, name="member_detail"),
    path("adherents/<int:pk>/modifier/", views.member_edit, name="member_edit"),
    path("adherents/<int:pk>/effacer/", views.member_erase, name="member_erase"),
    path("groupes/", views.group_list, name="group_list"),
    path("groupes/<int:pk>/", views.group_edit, name="group_edit"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/erreurs.csv", views.import_errors, name="import_errors"),
    path("import/<int:pk>/confirmer/", views.import_confirm, name="import_confirm"),
    path("campagnes/", views.campaign_list, name="campaign_list"),
    path("campagnes/nouvelle/", views.campaign_create, name="campaign_create"),
    path("campagnes/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campagnes/<int:pk>/modifier/", views.campaign_edit, name="campaign_edit"),
    path("campagnes/<int:pk>/confirmer/", views.campaign_confirm, name="campaign_confirm"),
    path("campagnes/<int:pk>/annuler/", views.campaign_cancel, name="campaign_cancel"),
    path("campagnes/<int:pk>/gsm7/", views.campaign_use_gsm7, name="campaign_use_gsm7"),
    path("campagnes/<int:pk>/reutiliser/", views.campaign_reuse, name="campaign_reuse"),
    path("rappels/", views.reminder_list, name="reminder_list"),
    path("rappels/nouveau/", views.reminder_form, name="reminder_create"),
    path("rappels/<int:pk>/", views.reminder_form, name="reminder_edit"),
    path("statistiques/", views.statistics, name="statistics"),
    path("reglages/", views.structure_settings, name="settings"),
    path("comptes/", views.account_list, name="account_list"),
    path("comptes/nouveau/", views.account_create, name="account_create"),
    path("notice/", views.manual, name="notice"),
    path("notice.pdf", views.manual_pdf, name="notice_pdf"),
    path("webhook/<slug:backend>/", views.webhook, name="webhook"),
]
