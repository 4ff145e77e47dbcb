from django.urls import path

from projets import views

app_name = "projets"
urlpatterns = [
    path("prototypes/<id:pk>-<slug:slug>/prototype.md", views.prototype_markdown, name="prototype_markdown"),
    path(
        "prototypes/<id:pk>-<slug:slug>/cahier-des-charges.md",
        views.specification_markdown,
        name="specification_markdown",
    ),
    path("prototypes/<id:pk>-<slug:slug>/cahier-des-charges.pdf", views.specification_pdf, name="specification_pdf"),
    path("prototypes/<id:pk>-<slug:slug>/modele-economique.pdf", views.economic_note_pdf, name="economic_note_pdf"),
]
