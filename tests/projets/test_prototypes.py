"""Prototype fiches: the public page, the stage log, the Markdown and PDF exports."""

import datetime
import io
import re

import markdown
import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from projets import services
from projets.choices import Priority, ReplicationStatus, Stage
from projets.forms import PrototypePageForm
from projets.models import Iteration, Replication, SpecificationFunction
from tests.factories import StructureFactory, ThemeFactory
from tests.projets.factories import make_prototype

pytestmark = pytest.mark.django_db


@pytest.fixture
def prototype(world):
    page = make_prototype(
        world.programme_a,
        title="Alertes SMS",
        structure=world.structure_a,
        stage=Stage.PROTOTYPE,
        summary="Des rappels par SMS pour les démarches administratives.",
        need="Prévenir les personnes de leurs démarches administratives à réaliser.",
        audience="Les adhérents accompagnés par les référentes familles.",
        solution="Une application web qui envoie des rappels.",
        economic_model="Un abonnement mutualisé entre centres sociaux.",
        spec_context="Le centre social veut une phase 2.",
        spec_hosting="Hébergement en France.",
    )
    page.iterations.add(
        Iteration(
            number=1, date=datetime.date(2018, 6, 1), title="Phase 1", mockup="Fiches adhérents", learnt="Ça sert"
        ),
        Iteration(number=2, date=datetime.date(2019, 10, 1), title="Phase 2", corrections="Doublons bloqués"),
    )
    page.spec_functions.add(
        SpecificationFunction(group="Front admin", title="Bloquer les doublons", priority=Priority.MUST),
        SpecificationFunction(title="Importer un fichier Excel", priority=Priority.SHOULD),
    )
    page.themes = [ThemeFactory(name="E-administration")]
    page.tags.add("SMS", "accès aux droits")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_the_public_page_shows_stage_timeline_licence_and_replications(world, client, prototype):
    Replication.objects.create(
        prototype=prototype,
        structure=StructureFactory(name="Centre Valenciennes"),
        is_approved=True,
        status=ReplicationStatus.RUNNING,
    )
    Replication.objects.create(prototype=prototype, structure_name="Centre en attente", city="Douai")
    response = client.get(prototype.url)
    assert response.status_code == 200
    text = response.text
    assert "Stade</h2>" not in text  # the heading carries the stage
    assert "Prototype" in text
    assert text.index("Itération 1") < text.index("Itération 2")
    assert "CC BY-SA 4.0" in text and "<svg" in text
    assert "Centre Valenciennes" in text
    assert "Centre en attente" not in text  # not moderated yet
    assert "Valenciennes : 1" in text
    assert "est cofinancée par" in text  # the programme's publicity block
    assert "Nous voulons essaimer ce prototype" in text


def test_going_backwards_without_a_reason_is_refused(prototype):
    with pytest.raises(ValidationError, match="indiquez-en la raison"):
        services.change_stage(prototype, Stage.MOCKUP)
    prototype.refresh_from_db()
    assert prototype.stage == Stage.PROTOTYPE


def test_going_backwards_with_a_reason_is_logged(prototype):
    services.change_stage(prototype, Stage.MOCKUP, reason="Les tests ont montré un contresens.")
    services.change_stage(prototype, Stage.EXPERIMENT)
    prototype.refresh_from_db()
    assert prototype.stage == Stage.EXPERIMENT
    history = [(c.from_stage, c.to_stage, c.reason) for c in prototype.stage_changes.all()]
    assert history == [
        ("", Stage.PROTOTYPE, ""),
        (Stage.PROTOTYPE, Stage.MOCKUP, "Les tests ont montré un contresens."),
        (Stage.MOCKUP, Stage.EXPERIMENT, ""),
    ]


def test_the_admin_form_asks_a_reason_to_go_backwards(prototype):
    assert services.stage_change_error(Stage.PROTOTYPE, Stage.IDEA, "") is not None
    assert services.stage_change_error(Stage.PROTOTYPE, Stage.IDEA, "Abandon du financement") is None
    assert services.stage_change_error(Stage.IDEA, Stage.REPLICATED, "") is None
    form = PrototypePageForm.__new__(PrototypePageForm)
    assert "stage_reason" in PrototypePageForm.base_fields
    del form


def test_admin_edit_going_backwards_without_reason_is_refused(world, login, prototype):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    client = login(world.admin)
    url = reverse("wagtailadmin_pages:edit", args=[prototype.pk])
    data = nested_form_data(
        {
            "title": prototype.title,
            "slug": prototype.slug,
            "need": prototype.need,
            "stage": Stage.IDEA,
            "stage_reason": "",
            "licence": prototype.licence,
            "media": streamfield([]),
            "iterations": inline_formset([]),
            "spec_functions": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "indiquez-en la raison" in response.text
    data["stage_reason"] = "Le financement s'arrête."
    response = client.post(url, data)
    assert response.status_code == 302
    change = prototype.stage_changes.order_by("-pk").first()
    assert change.to_stage == Stage.IDEA and change.reason == "Le financement s'arrête."


def _sections(markdown_text):
    """{heading: body} of the level-2 sections of a Markdown document."""
    parts = re.split(r"^## (.+)$", markdown_text, flags=re.MULTILINE)
    return {title.strip(): body.strip() for title, body in zip(parts[1::2], parts[2::2], strict=True)}


def test_the_markdown_export_round_trips_the_text(client, prototype):
    response = client.get(prototype.export_url("prototype_markdown"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/markdown")
    text = response.content.decode()
    sections = _sections(text)
    assert sections["Le besoin"] == prototype.need
    assert sections["Le public"] == prototype.audience
    assert sections["La solution"] == prototype.solution
    assert sections["Modèle économique"] == prototype.economic_model
    assert "CC BY-SA 4.0" in sections["Licence"]
    assert "### Itération 1 — Phase 1" in sections["Itérations"]
    html = markdown.markdown(text)
    assert "<h1>Alertes SMS</h1>" in html
    assert f"<p>{prototype.need}</p>" in html
    assert "<h3>Itération 2 — Phase 2 (01/10/2019)</h3>" in html
    assert "Doublons bloqués" in html
    assert 'href="https://creativecommons.org/licenses/by-sa/4.0/deed.fr"' in html


def test_the_specification_exports_to_markdown_and_pdf(client, prototype):
    text = client.get(prototype.export_url("specification_markdown")).content.decode()
    assert text.startswith("# Cahier des charges : Alertes SMS")
    sections = _sections(text)
    assert sections["Contexte"] == "Le centre social veut une phase 2."
    assert sections["Hébergement"] == "Hébergement en France."
    assert "### Indispensable (doit)" in sections["Fonctions"]
    assert "**Front admin** : Bloquer les doublons" in sections["Fonctions"]
    response = client.get(prototype.export_url("specification_pdf"))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    for page in reader.pages:
        assert "est cofinancée par" in page.extract_text()
    full = "".join(page.extract_text() for page in reader.pages)
    assert "Bloquer les doublons" in full and "Hébergement en France" in full


def test_an_unpublished_prototype_is_not_public(world, client):
    draft = make_prototype(world.programme_a, title="Brouillon", publish=False)
    draft.unpublish()
    assert client.get(draft.url or f"/programme-a/{draft.slug}/").status_code == 404
    assert client.get(draft.export_url("prototype_markdown")).status_code == 404


def test_a_prototype_remembers_its_programme(world, prototype):
    assert prototype.programme == world.programme_a


def test_a_huge_prototype_id_in_the_markdown_link_is_not_found(client, prototype):
    assert client.get(f"/projets/prototypes/{'9' * 30}-{prototype.slug}/prototype.md").status_code == 404
    assert client.get(f"/projets/prototypes/{2**63}-{prototype.slug}/prototype.md").status_code == 404


def _fiche_queries(client, prototype):
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    with override_settings(PUBLIC_CACHE_SECONDS=0):  # the page's own queries, not the page cache's
        client.get(prototype.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(prototype.url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_fiche_runs_the_same_queries_with_1_or_6_logos_and_shows_each_logo(world, client):
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from lab.demo.logos import badge_png
    from lab.models import ProgrammeLogo

    programme = world.programme_a
    prototype = make_prototype(programme, title="Fiche aux logos")

    def add_logos(count, start):
        for n in range(start, start + count):
            image = get_image_model()(title=f"Logo {n}")
            image.file.save(f"logo-{n}.png", ImageFile(ContentFile(badge_png(f"L{n}")), name=f"logo-{n}.png"))
            ProgrammeLogo.objects.create(programme=programme, image=image, label=f"Cofinanceur {n}", sort_order=n)

    add_logos(1, 0)
    few, _html = _fiche_queries(client, prototype)
    add_logos(5, 1)
    many, html = _fiche_queries(client, prototype)
    assert few == many
    assert all(f'alt="Cofinanceur {n}"' in html for n in range(6))


def _image(title):
    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from lab.demo.logos import badge_png

    image = get_image_model()(title=title)
    image.file.save(f"{title}.png", ImageFile(ContentFile(badge_png(title[:3])), name=f"{title}.png"))
    return image


def _full_fiche(programme, title, count):
    """A fiche with ``count`` of everything it lists: iterations with their mock-up image, images and
    attachments, approved replications (a structure of a neighbourhood, a named city), themes, tags and
    stage changes; a contact at another structure, a territory, an economic note."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from lab.choices import TerritoryLevel
    from projets.models import EconomicModelNote, StageChange
    from tests.factories import TerritoryFactory

    commune = TerritoryFactory(name=f"Commune {title}", level=TerritoryLevel.COMMUNE)
    page = make_prototype(
        programme,
        title=title,
        structure=StructureFactory(name=f"Origine {title}"),
        territory=commune,
        contact_name="Claire Exemple",
        contact_email="claire@exemple.invalid",
        contact_structure=StructureFactory(name=f"Contact {title}"),
        spec_context="Le contexte.",
    )
    media = []
    for n in range(count):
        document = get_document_model()(title=f"Guide {title} {n}")
        document.file.save(f"guide-{n}.pdf", ContentFile(b"%PDF-1.4 guide"))
        media += [("image", {"image": _image(f"{title}-photo-{n}"), "caption": f"Photo {n}"})]
        media += [("attachment", {"document": document, "title": f"Guide {n}"})]
        page.iterations.add(
            Iteration(
                number=n + 1,
                date=datetime.date(2020, 1, n + 1),
                mockup=f"Maquette {n}",
                mockup_image=_image(f"{title}-maquette-{n}"),
            )
        )
        quartier = TerritoryFactory(name=f"Quartier {n}", level=TerritoryLevel.QUARTIER, parent=commune)
        Replication.objects.create(
            prototype=page, structure=StructureFactory(name=f"Centre {title} {n}", territory=quartier), is_approved=True
        )
        Replication.objects.create(
            prototype=page, structure_name=f"Association {n}", city="Douai", territory=commune, is_approved=True
        )
        StageChange.objects.create(page=page, date=datetime.date(2020, 2, n + 1), to_stage=Stage.MOCKUP)
        page.tags.add(f"mot-clé {n}")
    page.media = media
    page.themes = [ThemeFactory(name=f"Thème {title} {n}") for n in range(count)]
    page.save_revision().publish()
    EconomicModelNote.objects.create(prototype=page, title="Note")
    page.refresh_from_db()
    return page


#: What an uncached fiche reads, whatever the number of items it lists: the site, the home page's row,
#: the pages of the path (one query), the fiche with its programme, structures, territory and economic
#: note, the view restrictions (Wagtail's two: the ancestors' alias ids, then their restrictions);
#: replications, iterations, their mock-up images, the media's images and documents, the renditions
#: of all these images, the stage history, themes, tags; the commons entry and its related resources;
#: the programme's logos with their images, and their renditions.
FICHE_QUERIES = 19


def test_an_uncached_fiche_runs_the_same_queries_with_1_or_4_of_everything(world, client):
    from lab.models import ProgrammeLogo

    for n in range(2):
        ProgrammeLogo.objects.create(
            programme=world.programme_a, image=_image(f"logo-{n}"), label=f"Cofinanceur {n}", sort_order=n
        )
    one, one_html = _fiche_queries(client, _full_fiche(world.programme_a, "Une fois", 1))
    four, four_html = _fiche_queries(client, _full_fiche(world.programme_a, "Quatre fois", 4))
    assert (one, four) == (FICHE_QUERIES, FICHE_QUERIES)
    assert all(f"Maquette {n}" in four_html and f"Guide {n}" in four_html for n in range(4))
    assert all(f'alt="Photo {n}"' in four_html and f"Quartier {n}" not in four_html for n in range(4))
    assert "Commune Quatre fois : 8" in four_html  # neighbourhoods counted in their commune
    assert "Contact Quatre fois" in four_html and "Origine Quatre fois" in four_html
