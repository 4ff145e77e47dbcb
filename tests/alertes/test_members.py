import datetime
import html

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from alertes.choices import ConsentSource
from alertes.models import ConsentEvent, Erasure, Member, Message
from tests.alertes.conftest import make_member

pytestmark = pytest.mark.django_db

CONSENT = (
    "j'accepte que le centre social m'envoie des SMS et des newsletters pour m'informer de l'actualité de la structure"
)


def member_data(**overrides):
    data = {
        "last_name": "Lefèvre",
        "first_name": "Élodie",
        "phone": "06 98 76 54 32",
        "email": "",
        "birth_date": "1990-05-17",
        "consent": "on",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_consent_sentence_and_the_birth_date(alertes, login):
    response = login(alertes.world.owner).get(reverse("alertes:member_create"))
    assert response.status_code == 200
    content = response.content.decode()
    assert CONSENT in content.replace("&#x27;", "'")
    assert "Date de naissance" in content


def test_creating_a_member_lands_on_the_module_home_with_groups_and_logged_consent(alertes, login):
    client = login(alertes.world.colleague)
    response = client.post(reverse("alertes:member_create"), member_data(groups=[alertes.jeunesse.pk, alertes.rsa.pk]))
    assert response.status_code == 302
    assert response.url == reverse("alertes:home")
    member = Member.objects.get(last_name="Lefèvre")
    assert member.phone == "+33698765432"
    assert member.consent
    assert set(member.groups.all()) == {alertes.jeunesse, alertes.rsa}
    event = ConsentEvent.objects.get(member=member)
    assert event.given and event.source == ConsentSource.FORM and event.author == alertes.world.colleague


@pytest.mark.parametrize(
    "phone",
    ["06 12 34 56 01", "+33612345601", "0033 6 12 34 56 01"],
)
def test_registering_someone_with_a_known_phone_opens_their_fiche(alertes, login, phone):
    client = login(alertes.world.owner)
    response = client.post(reverse("alertes:member_create"), member_data(phone=phone), follow=True)
    assert response.redirect_chain[-1][0] == reverse("alertes:member_detail", args=[alertes.alice.pk])
    content = html.unescape(response.content.decode())
    assert "MARTIN Alice est déjà inscrit·e" in content and "Rien n'a été enregistré" in content
    assert not Member.objects.filter(last_name="Lefèvre").exists()


def test_registering_the_same_name_and_birth_date_opens_the_existing_fiche(alertes, login):
    elodie = make_member(
        alertes.world.structure_a, "Lefèvre", "Élodie", "06 11 11 11 11", birth=datetime.date(1990, 5, 17)
    )
    response = login(alertes.world.owner).post(
        reverse("alertes:member_create"), member_data(last_name="LEFEVRE", first_name="elodie")
    )
    assert response.status_code == 302
    assert response.url == reverse("alertes:member_detail", args=[elodie.pk])
    assert Member.objects.filter(last_name__iexact="lefevre").count() == 0


def test_editing_a_fiche_into_a_duplicate_still_links_the_other_fiche(alertes, login):
    response = login(alertes.world.owner).post(
        reverse("alertes:member_edit", args=[alertes.bob.pk]),
        member_data(last_name="Bernard", first_name="Bob", phone="06 12 34 56 01"),
    )
    assert response.status_code == 200
    assert reverse("alertes:member_detail", args=[alertes.alice.pk]) in response.content.decode()


def test_a_mobile_outside_the_known_ranges_is_saved_with_a_warning_shown_once(alertes, login):
    client = login(alertes.world.owner)
    response = client.post(reverse("alertes:member_create"), member_data(phone="07 10 12 34 56"), follow=True)
    assert "plage inconnue : vérifiez le numéro 07 10 12 34 56" in response.content.decode()
    assert Member.objects.get(last_name="Lefèvre").phone == "+33710123456"
    assert "plage inconnue" not in client.get(reverse("alertes:home")).content.decode()


def test_the_admin_member_form_links_the_existing_fiche_in_french(alertes, login):
    client = login(alertes.world.admin)
    response = client.post(
        "/admin/snippets/alertes/member/add/",
        {
            "structure": alertes.world.structure_a.pk,
            "last_name": "Autre",
            "first_name": "Personne",
            "phone": "06 12 34 56 01",
            "email": "",
            "birth_date": "1990-05-17",
            "notes": "",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Cette personne est déjà inscrite dans la structure" in content
    assert f"/admin/snippets/alertes/member/edit/{alertes.alice.pk}/" in content
    assert "Le(la)" not in content and "n'a pas pu être créé" not in content
    assert not Member.objects.filter(last_name="Autre").exists()


def test_the_same_person_may_belong_to_another_structure(alertes, login):
    response = login(alertes.world.outsider).post(reverse("alertes:member_create"), member_data(phone="06 12 34 56 01"))
    assert response.status_code == 302
    assert Member.objects.filter(structure=alertes.world.structure_b, phone="+33612345601").exists()


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("03 20 12 34 56", "fixe"),
        ("12345", "pas un numéro de téléphone valide"),
    ],
)
def test_it_refuses_a_landline_or_malformed_number(alertes, login, phone, message):
    response = login(alertes.world.owner).post(reverse("alertes:member_create"), member_data(phone=phone))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Member.objects.filter(last_name="Lefèvre").exists()


@pytest.mark.parametrize(("raw", "e164"), [("06 39 40 12 34", "+262639401234"), ("0692 12 34 56", "+262692123456")])
def test_it_accepts_mayotte_and_reunion_mobiles(alertes, login, raw, e164):
    response = login(alertes.world.owner).post(reverse("alertes:member_create"), member_data(phone=raw))
    assert response.status_code == 302
    assert Member.objects.get(last_name="Lefèvre").phone == e164


def test_it_refuses_a_birth_date_in_the_future_and_requires_one(alertes, login):
    client = login(alertes.world.owner)
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(reverse("alertes:member_create"), member_data(birth_date=future))
    assert "dans le futur" in response.content.decode()
    response = client.post(reverse("alertes:member_create"), member_data(birth_date=""))
    assert gettext("This field is required.") in response.content.decode()  # « Ce champ est obligatoire. »
    assert not Member.objects.filter(last_name="Lefèvre").exists()


def test_it_refuses_another_structures_group_id(alertes, login):
    response = login(alertes.world.owner).post(
        reverse("alertes:member_create"), member_data(groups=[alertes.culture_b.pk])
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Member.objects.filter(last_name="Lefèvre").exists()


def test_the_list_is_alphabetical_and_hides_other_structures(alertes, login):
    response = login(alertes.world.owner).get(reverse("alertes:member_list"))
    names = [m.last_name for m in response.context["page"]]
    assert names == ["Bernard", "Durand", "Martin"]
    assert "Zola" not in response.content.decode()


def test_the_list_searches_and_filters_by_group_and_consent(alertes, login):
    client = login(alertes.world.owner)
    page = client.get(reverse("alertes:member_list"), {"q": "mart"}).context["page"]
    assert [m.last_name for m in page] == ["Martin"]
    page = client.get(reverse("alertes:member_list"), {"groupe": alertes.rsa.pk}).context["page"]
    assert [m.last_name for m in page] == ["Bernard"]
    page = client.get(reverse("alertes:member_list"), {"consentement": "non"}).context["page"]
    assert [m.last_name for m in page] == ["Durand"]
    page = client.get(reverse("alertes:member_list"), {"groupe": alertes.culture_b.pk}).context["page"]
    assert list(page) == []


def test_the_list_runs_the_same_number_of_queries_for_few_and_many_members(alertes, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(alertes.world.owner)
    client.get(reverse("alertes:member_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("alertes:member_list"))
    for n in range(40):
        make_member(
            alertes.world.structure_a,
            f"Nom{n}",
            "Test",
            f"06 22 33 {n // 100:02d} {n % 100:02d}",
            groups=[alertes.rsa, alertes.jeunesse],
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("alertes:member_list"))
    assert len(many) == len(few)


def test_the_fiche_shows_the_age(alertes, login):
    alertes.alice.birth_date = datetime.date.today().replace(year=datetime.date.today().year - 30) - datetime.timedelta(
        days=1
    )
    alertes.alice.save()
    response = login(alertes.world.owner).get(reverse("alertes:member_detail", args=[alertes.alice.pk]))
    assert "30 ans" in response.content.decode()


def test_editing_consent_logs_the_withdrawal(alertes, login):
    client = login(alertes.world.owner)
    response = client.post(
        reverse("alertes:member_edit", args=[alertes.alice.pk]),
        member_data(
            last_name="Martin", first_name="Alice", phone="06 12 34 56 01", consent="", groups=[alertes.jeunesse.pk]
        ),
    )
    assert response.status_code == 302
    alertes.alice.refresh_from_db()
    assert not alertes.alice.consent
    assert ConsentEvent.objects.filter(member=alertes.alice, given=False).exists()


def test_erasing_a_member_anonymises_messages_and_logs_it(alertes, login):
    message = Message.objects.create(
        structure=alertes.world.structure_a, member=alertes.alice, to=alertes.alice.phone, text="Bonjour Alice"
    )
    response = login(alertes.world.owner).post(reverse("alertes:member_erase", args=[alertes.alice.pk]))
    assert response.status_code == 302
    assert not Member.objects.filter(pk=alertes.alice.pk).exists()
    message.refresh_from_db()
    assert message.member is None and message.to == "" and "Alice" not in message.text
    erasure = Erasure.objects.get()
    assert erasure.messages_anonymised == 1 and erasure.author == alertes.world.owner


def test_exports_neutralise_formulas(alertes, login):
    import io

    from openpyxl import load_workbook

    alertes.alice.notes = '=HYPERLINK("http://evil")'
    alertes.alice.save()
    make_member(alertes.world.structure_a, "@SUM(A1)", "+cmd", "06 12 34 56 44")
    client = login(alertes.world.owner)
    csv_text = client.get(reverse("alertes:member_export", args=["csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'@SUM(A1)" in csv_text and "'+cmd" in csv_text
    assert "Zola" not in csv_text
    workbook = load_workbook(io.BytesIO(client.get(reverse("alertes:member_export", args=["xlsx"])).content))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "'@SUM(A1)" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "@", "+")) for v in values)
