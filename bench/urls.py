"""The bench's URLconf: the product's URLs, and before them the floors of ``bench/floors.py``."""

from django.urls import path

from bench import floors
from lab.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("admin/banc/plancher/", floors.admin_chrome, name="bench_admin_chrome"),
    path("admin/banc/enregistrer/", floors.plain_json_save, name="bench_plain_json_save"),
    path("banc/prototype/<int:pk>/", floors.plain_prototype, name="bench_plain_prototype"),
    path("banc/commun/", floors.plain_commons, name="bench_plain_commons"),
    *product_urlpatterns,
]
