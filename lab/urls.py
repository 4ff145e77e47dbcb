from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from ateliers import views as ateliers_views
from home import commons_views, feeds, sitemaps
from home import views as home_views
from home.api import api_router
from lab import admin_input
from livrables import views as livrables_views

urlpatterns = [
    # A core admin view Wagtail lists before any hook, replaced (lab/admin_input.py).
    path("admin/", include(admin_input.core_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", home_views.search, name="search"),
    path("commun/", commons_views.commons_index, name="commons_index"),
    path("commun/flux.rss", feeds.CommonsFeed(), name="commons_feed_rss"),
    path("commun/flux.atom", feeds.CommonsAtomFeed(), name="commons_feed_atom"),
    path("commun/essaimage/<id:page_id>/kit.zip", livrables_views.replication_bundle, name="replication_bundle"),
    path("commun/essaimage/<id:page_id>/guide.pdf", livrables_views.replication_guide, name="replication_guide"),
    # The Alertes SMS module's public documents (notice, install guide): outside /alertes/, cached.
    path("commun/logiciels/alertes-sms/", include("alertes.public_urls")),
    path("api/v2/", api_router.urls),
    path("structures/", home_views.structure_directory, name="structure_directory"),
    path("structures/<slug:slug>/", home_views.structure_detail, name="structure_detail"),
    path("territoires/", home_views.territory_list, name="territory_list"),
    path("programmes/<slug:slug>/fiche.pdf", livrables_views.programme_sheet, name="programme_sheet_pdf"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("ateliers/", include("ateliers.urls")),
    path("agenda/", include("ateliers.agenda_urls")),
    path("verifier/<str:code>/", ateliers_views.verify_certificate, name="certificate_verify"),
    path("projets/", include("projets.urls")),
    path("alertes/", include("alertes.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
