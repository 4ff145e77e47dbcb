"""Every search box takes what a user types as words: quotes, FTS operators and NUL never break it.

The admin lists (participants, structures, funders, territories, themes…) search their columns in the
database word by word; the commons, the API and the admin's choosers go through the site's search
backend (``lab.infra.search``), which drops the characters no engine takes as text; a NUL anywhere
in an address or a form is refused with a short French page (``lab.infra.bad_input``).
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from home import builders
from lab.choices import TerritoryLevel
from lab.models import Theme
from tests.factories import FunderFactory, TerritoryFactory, ThemeFactory

pytestmark = pytest.mark.django_db

#: What users paste or mistype, and what FTS5 would read as syntax.
HOSTILE_SEARCHES = [
    'atelier"',
    '"atelier',
    "atelier *",
    "atelier*",
    "-atelier",
    "atelier -",
    "(atelier",
    "atelier)",
    "^atelier",
    "atelier:",
]
#: FTS5 operators alone: searched as words (none here), never as syntax.
OPERATORS = ['"', "*", "-", "(", "AND", "OR", "NOT", "NEAR(a b)", "a:b"]
ADMIN_ROLES = ["admin", "owner", "colleague", "animateur", "coordinator", "funder"]


@pytest.fixture
def rows(world):
    world.structure_a.name = "Maison des Aubépines"
    world.structure_a.save()
    world.person_a.last_name = "Martinez"
    world.person_a.email = "alice.martinez@exemple.fr"
    world.person_a.save()
    return {
        "person": (world.person_a, "martinez alice", world.person_b),
        "structure": (world.structure_a, "aubépines maison", world.structure_b),
        "territory": (
            TerritoryFactory(name="Roubaix-Nord", level=TerritoryLevel.COMMUNE, insee_code="59512"),
            "roubaix",
            TerritoryFactory(name="Tourcoing"),
        ),
        "funder": (
            FunderFactory(name="Caisse d'allocations familiales", short_name="CAF"),
            "allocations caf",
            FunderFactory(name="Fonds social européen", short_name="FSE"),
        ),
        "theme": (ThemeFactory(name="Parentalité"), "parental", ThemeFactory(name="Insertion")),
    }


def admin_search(client, model, query, view="list"):
    return client.get(reverse(f"wagtailsnippets_lab_{model}:{view}"), {"q": query})


@pytest.mark.parametrize("role", ADMIN_ROLES)
@pytest.mark.parametrize("model", ["person", "structure", "territory", "funder", "theme"])
def test_the_admin_lists_find_a_row_by_the_words_of_its_name(world, rows, login, role, model):
    wanted, query, other = rows[model]
    client = login(getattr(world, role))
    for view in ("list", "list_results"):
        response = admin_search(client, model, query, view)
        assert response.status_code == 200
        found = list(response.context["object_list"])
        assert wanted in found
        assert other not in found


def test_the_admin_lists_search_a_quoted_phrase_and_other_columns(world, rows, login):
    client = login(world.admin)
    assert list(admin_search(client, "structure", '"Maison des Aubépines"').context["object_list"]) == [
        world.structure_a
    ]
    assert list(admin_search(client, "territory", "59512").context["object_list"]) == [rows["territory"][0]]
    found = admin_search(client, "person", f'{world.person_a.email}"').context["object_list"]
    assert list(found) == [world.person_a]


@pytest.mark.parametrize("query", [*HOSTILE_SEARCHES, *OPERATORS])
@pytest.mark.parametrize("model", ["person", "structure", "territory", "funder", "theme"])
def test_search_syntax_in_an_admin_list_is_ordinary_text(world, rows, login, model, query):
    response = admin_search(login(world.coordinator), model, query)
    assert response.status_code == 200


@pytest.fixture
def resource(world):
    return builders.add_tool(world.programme_a, title="Trame d'atelier numérique", summary="Un atelier en trois temps.")


@pytest.mark.parametrize("query", HOSTILE_SEARCHES)
def test_a_quote_or_search_syntax_in_the_commons_search_finds_results(resource, client, query):
    response = client.get(reverse("commons_index"), {"q": query})
    assert response.status_code == 200
    assert "Trame d&#x27;atelier numérique" in response.content.decode()


@pytest.mark.parametrize("query", HOSTILE_SEARCHES)
def test_a_quote_or_search_syntax_in_the_api_search_finds_results(resource, client, query):
    response = client.get("/api/v2/commun/", {"search": query})
    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Trame d'atelier numérique"]


def test_the_former_site_search_leads_to_the_commons_results_with_a_quote(resource, client):
    response = client.get(reverse("search"), {"q": 'atelier"'}, follow=True)
    assert response.status_code == 200
    assert "Trame d&#x27;atelier numérique" in response.content.decode()


@pytest.mark.parametrize("query", ["", *OPERATORS])
def test_a_search_with_no_words_answers_without_error(resource, client, query):
    assert client.get(reverse("commons_index"), {"q": query}).status_code == 200
    assert client.get("/api/v2/commun/", {"search": query}).status_code == 200


@pytest.mark.parametrize("query", HOSTILE_SEARCHES)
def test_a_quote_in_the_admin_searches_of_pages_and_forms_answers(resource, world, login, query):
    client = login(world.admin)
    assert client.get(reverse("wagtailforms:index"), {"q": query}).status_code == 200
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    assert "Trame d&#x27;atelier numérique" in response.content.decode()


def test_a_quote_in_the_participant_chooser_finds_the_participant(world, rows, login):
    response = login(world.owner).get(reverse("wagtailsnippetchoosers_lab_person:choose_results"), {"q": 'Martinez"'})
    assert response.status_code == 200
    assert "Martinez" in response.content.decode()


@pytest.mark.parametrize("kind", ["images", "docs"])
def test_the_image_and_document_choosers_search_within_a_collection_and_a_tag(world, login, kind):
    if kind == "images":
        item = get_image_model().objects.create(title="Affiche atelier", file=get_test_image_file())
    else:
        item = get_document_model().objects.create(title="Affiche atelier", file=ContentFile(b"x", "affiche.txt"))
    item.tags.add("affiche")
    params = {"q": 'atelier"', "collection_id": Collection.get_first_root_node().pk, "tag": "affiche"}
    response = login(world.admin).get(reverse(f"wagtail{kind}_chooser:choose_results"), params)
    assert response.status_code == 200
    assert "Affiche atelier" in response.content.decode()
    if kind == "images":  # Wagtail's document chooser has no tag filter
        params["tag"] = "autre"
        response = login(world.admin).get(reverse(f"wagtail{kind}_chooser:choose_results"), params)
        assert "Affiche atelier" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/verifier/%00/",
        "/commun/?q=a%00b",
        "/commun/?territoire=a%00b",
        "/structures/?territoire=a%00b",
        "/structures/?q=%00",
        "/api/v2/commun/?search=a%00b",
        "/admin/snippets/lab/person/?q=a%00b",
    ],
)
def test_a_nul_character_in_an_address_gets_an_invalid_request_page(world, login, url):
    response = login(world.admin).get(url)
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()


def test_a_nul_character_in_a_form_gets_an_invalid_request_page_and_saves_nothing(world, login):
    url = reverse("wagtailsnippets_lab_theme:add")
    response = login(world.admin).post(url, {"name": "Accès\x00 aux droits", "slug": "", "description": ""})
    assert response.status_code == 400
    assert "Requête invalide" in response.content.decode()
    assert not Theme.objects.filter(name__startswith="Accès").exists()


def test_a_signed_webhook_still_reads_its_raw_body_after_the_nul_check(client):
    response = client.post(reverse("alertes:webhook", args=["console"]), {"status": "delivered"})
    assert response.status_code == 403  # the signature is checked on the raw body: no error reading it


@pytest.mark.parametrize(
    ("model", "factory", "name"),
    [("territory", "TerritoryFactory", "Valenciennes"), ("funder", "FunderFactory", "Fédération des centres sociaux")],
)
def test_the_territory_and_funder_choosers_find_a_name_as_it_is_typed(world, login, model, factory, name):
    """A facilitator typing « Valenc » in the territory chooser sees Valenciennes (autocomplete, not whole words)."""
    import tests.factories

    created = getattr(tests.factories, factory)(name=name)
    response = login(world.admin).get(reverse(f"wagtailsnippetchoosers_lab_{model}:choose_results"), {"q": name[:6]})
    assert response.status_code == 200
    assert escape(str(created)) in response.content.decode()
