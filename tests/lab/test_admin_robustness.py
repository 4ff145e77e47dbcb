"""The Wagtail admin's own views, fed another scope's ids or junk: a 404 or a French message, never
a 500 or another structure's data (issue 13, URL-walk items 1, 2, 8-17)."""

import datetime
import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.log_actions import log

from alertes.models import Member
from lab.models import ProgrammeLogo

pytestmark = pytest.mark.django_db


def choose_url(model, view="choose", *args):
    return reverse(f"wagtailsnippetchoosers_{model._meta.app_label}_{model._meta.model_name}:{view}", args=args)


@pytest.fixture
def members(world):
    def member(structure, last_name):
        return Member.objects.create(
            structure=structure, last_name=last_name, first_name="Adhérent", birth_date=datetime.date(1950, 1, 1)
        )

    return member(world.structure_a, "Aubert"), member(world.structure_b, "Bernardin")


# -- item 2: the snippet choosers ------------------------------------------------------------


@pytest.mark.parametrize("username", ["colleague", "coordinator"])
def test_the_participant_chooser_lists_and_returns_only_ones_own_structure(world, login, username):
    from lab.models import Person

    client = login(getattr(world, username))
    listing = client.get(choose_url(Person))
    assert listing.status_code == 200
    assert "Alice" in listing.content.decode()
    assert "Bruno" not in listing.content.decode()
    results = client.get(choose_url(Person, "choose_results"))
    assert "Alice" in results.content.decode() and "Bruno" not in results.content.decode()

    assert client.get(choose_url(Person, "chosen", world.person_a.pk)).status_code == 200
    other = client.get(choose_url(Person, "chosen", world.person_b.pk))
    assert other.status_code == 404
    assert "Bruno" not in other.content.decode()
    multiple = client.get(choose_url(Person, "chosen_multiple") + f"?id={world.person_a.pk}&id={world.person_b.pk}")
    assert "Alice" in multiple.content.decode() and "Bruno" not in multiple.content.decode()


def test_the_sms_member_chooser_hides_another_structures_members(world, login, members):
    client = login(world.colleague)
    listing = client.get(choose_url(Member)).content.decode()
    assert "AUBERT" in listing and "BERNARDIN" not in listing
    assert client.get(choose_url(Member, "chosen", members[0].pk)).status_code == 200
    assert client.get(choose_url(Member, "chosen", members[1].pk)).status_code == 404
    # A coordinator sees no SMS member at all, not even their programme's structures'.
    coordinator = login(world.coordinator)
    assert coordinator.get(choose_url(Member, "chosen", members[0].pk)).status_code == 404


# -- item 1: history ---------------------------------------------------------------------------


def test_a_participants_history_shows_its_log_to_its_team_and_is_a_404_elsewhere(world, login):
    from lab.models import Person

    log(world.person_a, "wagtail.edit", user=world.colleague)
    url = reverse("wagtailsnippets_lab_person:history", args=[world.person_a.pk])
    response = login(world.colleague).get(url)
    assert response.status_code == 200
    assert "colleague" in response.content.decode() or "Modifié" in response.content.decode()
    assert login(world.outsider).get(url).status_code == 404
    assert Person.objects.filter(pk=world.person_a.pk).exists()


# -- item 8, 9: malformed ids --------------------------------------------------------------------


def test_a_chooser_given_a_malformed_id_answers_404(world, login):
    from lab.models import Person, ProgrammeRole

    client = login(world.admin)
    assert client.get(choose_url(Person, "chosen", "%00")).status_code == 404
    assert client.get(choose_url(ProgrammeRole, "chosen", "abc")).status_code == 404
    assert client.get(reverse("wagtaildocs_chooser:chosen", args=["%00"])).status_code == 404
    assert client.get(reverse("wagtailimages_chooser:chosen", args=["abc"])).status_code == 404
    assert client.get(reverse("wagtaildocs_chooser:chosen_multiple") + "?id=abc").status_code == 200


def test_a_participant_form_with_a_junk_structure_says_so_in_french(world, login):
    url = reverse("wagtailsnippets_lab_person:edit", args=[world.person_a.pk])
    response = login(world.colleague).post(url, {"first_name": "Alice", "last_name": "X", "structure": "x'"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_a_forged_structure_id_does_not_show_that_structures_name(world, login):
    url = reverse("wagtailsnippets_lab_person:edit", args=[world.person_a.pk])
    data = {"first_name": "Alice", "last_name": "X", "structure": world.structure_b.pk}
    response = login(world.colleague).post(url, data)
    assert response.status_code == 200
    assert "Centre social B" not in response.content.decode()
    world.person_a.refresh_from_db()
    assert world.person_a.structure == world.structure_a


def test_a_snippet_chooser_without_creation_form_answers_404_to_a_post(world, login):
    from lab.models import Person

    assert login(world.admin).post(choose_url(Person, "create"), {"x": "1"}).status_code == 404


# -- items 10, 11: lockouts and next ---------------------------------------------------------


def test_unlocking_an_unknown_login_says_so_in_french(world, login):
    client = login(world.admin)
    # (a NUL character is refused before any view: lab.infra.bad_input, tested in test_search_input.py)
    for junk in ("x'", "", "99999999999999999999"):
        response = client.post(reverse("lab_lockouts"), {"attempt": junk})
        assert response.status_code == 302
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("débloquer" in m or "n'existe plus" in m for m in messages), messages


@pytest.mark.parametrize("target", ["-1", "'", "https://ailleurs.example/", "//ailleurs.example/"])
def test_a_next_that_is_not_a_local_url_leads_to_the_dashboard(world, login, target):
    client = login(world.admin)
    response = client.get(reverse("wagtailadmin_login"), {"next": target})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    response = client.get(reverse("lab_two_factor_verify"), {"next": target})
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_a_local_next_is_still_followed_after_login(world, login):
    response = login(world.admin).get(reverse("wagtailadmin_login"), {"next": "/admin/pages/"})
    assert response["Location"] == "/admin/pages/"


# -- items 12-17: Wagtail's views fed junk -----------------------------------------------------


def test_an_external_link_without_url_is_a_french_form_error(world, login):
    response = login(world.admin).post(reverse("wagtailadmin_choose_page_external_link"), {"x": "1"})
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in json.loads(response.content)["html"]


def test_the_root_page_cannot_be_reordered(world, login):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    response = login(world.admin).post(reverse("wagtailadmin_pages:set_page_position", args=[root.pk]))
    assert response.status_code == 400
    assert "racine" in response.content.decode()


@pytest.mark.parametrize("parent", [None, "x'", "987654321"])
def test_copying_a_page_without_a_valid_parent_shows_the_form_again(world, login, home, parent):
    data = {"new_title": "Copie", "new_slug": "copie"}
    if parent is not None:
        data["new_parent_page"] = parent
    response = login(world.admin).post(reverse("wagtailadmin_pages:copy", args=[world.programme_a.pk]), data)
    assert response.status_code == 200
    assert "new_parent_page" in response.context["form"].errors


def test_a_redirect_import_without_its_file_is_a_400(world, login):
    response = login(world.admin).post(reverse("wagtailredirects:process_import"), {"from_index": "0"})
    assert response.status_code == 400
    assert "recommencez l'import" in response.content.decode()


def test_a_programme_logo_cannot_be_deleted_and_the_admin_says_why(world, login):
    from lab.demo import DemoContext
    from lab.demo.logos import badge_png

    image = DemoContext.image(None, "Logo FEDER test", badge_png("FEDER"))
    ProgrammeLogo.objects.create(programme=world.programme_a, image=image, label="Union européenne", sort_order=0)
    response = login(world.admin).post(reverse("wagtailimages:delete_multiple", args=[image.pk]))
    assert response.status_code == 409
    assert "bloc de publicité d'un programme" in response.json()["error_message"]
    assert type(image).objects.filter(pk=image.pk).exists()


def test_searching_the_participant_chooser_finds_only_ones_own_structure(world, login):
    from lab.models import Person

    client = login(world.colleague)
    response = client.get(choose_url(Person, "choose_results"), {"q": "Exemple"})
    assert response.status_code == 200
    assert "Alice" in response.content.decode() and "Bruno" not in response.content.decode()
