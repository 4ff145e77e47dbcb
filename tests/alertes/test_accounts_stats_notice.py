import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from alertes.models import Campaign, Message, StructureSettings
from lab.models import StructureMembership
from tests.factories import make_programme

pytestmark = pytest.mark.django_db


def account_data(**overrides):
    data = {
        "username": "referente2",
        "first_name": "Nadia",
        "last_name": "Exemple",
        "email": "nadia@exemple.invalid",
        "role": "social_worker",
        "password1": "Une-phrase-de-passe-2026",
        "password2": "Une-phrase-de-passe-2026",
    }
    data.update(overrides)
    return data


def test_a_structure_admin_creates_an_account_and_lands_on_the_home(alertes, login):
    response = login(alertes.world.owner).post(reverse("alertes:account_create"), account_data())
    assert response.status_code == 302 and response.url == reverse("alertes:home")
    user = get_user_model().objects.get(username="referente2")
    assert user.check_password("Une-phrase-de-passe-2026")
    membership = StructureMembership.objects.get(user=user)
    assert membership.structure == alertes.world.structure_a and membership.role == "social_worker"


def test_a_social_worker_cannot_manage_accounts_or_settings(alertes, login):
    client = login(alertes.world.animateur)
    assert client.get(reverse("alertes:account_create")).status_code == 403
    assert client.post(reverse("alertes:account_create"), account_data()).status_code == 403
    assert client.get(reverse("alertes:settings")).status_code == 403
    assert not get_user_model().objects.filter(username="referente2").exists()


def test_the_account_form_refuses_weak_or_mismatched_passwords(alertes, login):
    client = login(alertes.world.owner)
    response = client.post(reverse("alertes:account_create"), account_data(password2="autre"))
    assert "ne correspondent pas" in response.content.decode()
    response = client.post(reverse("alertes:account_create"), account_data(password1="123", password2="123"))
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="referente2").exists()


def test_a_structure_admin_lists_only_their_accounts(alertes, login):
    content = login(alertes.world.owner).get(reverse("alertes:account_list")).content.decode()
    assert "colleague" in content and "outsider" not in content


def test_settings_set_budget_and_hours(alertes, login):
    response = login(alertes.world.owner).post(
        reverse("alertes:settings"),
        {"monthly_budget_segments": "500", "send_from": "08:30", "send_until": "18:00", "sender_name": "CHEMINROUGE"},
    )
    assert response.status_code == 302
    assert alertes.world.structure_a.alert_settings.monthly_budget_segments == 500


def test_statistics_show_messages_by_month_group_category_and_ages(alertes, login):
    campaign = Campaign.objects.create(
        structure=alertes.world.structure_a, title="t", category="actualite", text="x", status="sent"
    )
    for member, status in [(alertes.alice, "delivered"), (alertes.bob, "sent"), (alertes.carla, "failed")]:
        Message.objects.create(
            structure=alertes.world.structure_a,
            campaign=campaign,
            member=member,
            to=member.phone,
            text="x",
            status=status,
            segments=1,
        )
    Message.objects.create(structure=alertes.world.structure_b, member=alertes.zoe_b, to="x", text="x", status="sent")
    response = login(alertes.world.owner).get(reverse("alertes:statistics"))
    stats = response.context["stats"]
    month = stats["months"][-1]
    assert (month["sent"], month["delivered"], month["failed"]) == (2, 1, 1)
    assert {row["label"]: row["n"] for row in stats["per_group"]} == {"Jeunesse": 2, "RSA": 1}
    assert stats["per_category"] == [{"label": "Actualité du centre", "n": 2}]
    ages = {row["label"]: row["n"] for row in stats["ages"]}
    expected_bracket = "36-45" if 36 <= (timezone.localdate().year - 1985) <= 45 else None
    if expected_bracket:
        assert ages[expected_bracket] == 3
    assert sum(ages.values()) == 3
    content = response.content.decode()
    assert "<svg" in content and "Messages envoyés par groupe" in content
    assert "Culture" not in content


def test_the_notice_is_shown_and_its_pdf_carries_the_feder_mention_on_every_page(alertes, login):
    client = login(alertes.world.owner)
    page = client.get(reverse("alertes:notice"))
    assert page.status_code == 200 and "Notice" in page.content.decode()
    response = client.get(reverse("alertes:notice_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    for pdf_page in reader.pages:
        text = " ".join(pdf_page.extract_text().split())
        assert "cofinancé par l'Union Européenne avec le FEDER" in text.replace("’", "'")


def test_the_notice_shows_screenshots_of_the_module_on_screen_and_in_the_pdf(alertes, login):
    client = login(alertes.world.owner)
    page = client.get(reverse("alertes:notice")).content.decode()
    assert page.count('src="/static/alertes/notice/') >= 8
    reader = PdfReader(io.BytesIO(client.get(reverse("alertes:notice_pdf")).content))
    images = sum(len(pdf_page.images) for pdf_page in reader.pages)
    assert images >= 8  # the eight screenshots, besides any logo


def test_the_notice_pdf_uses_the_operation_programme_when_it_exists(alertes, login):
    programme = make_programme("Centres sociaux connectés MEL 2018")
    programme.slug = "csc-mel-2018"
    programme.save()
    response = login(alertes.world.owner).get(reverse("alertes:notice_pdf"))
    reader = PdfReader(io.BytesIO(response.content))
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Centres sociaux connectés MEL 2018" in first


def test_the_logo_leads_back_to_the_module_home(alertes, login):
    content = login(alertes.world.owner).get(reverse("alertes:member_list")).content.decode()
    assert f'class="alertes-logo" href="{reverse("alertes:home")}"' in content
    assert "Centres sociaux connectés" in content


def test_admin_viewsets_are_scoped(alertes, login):
    client = login(alertes.world.owner)
    response = client.get("/admin/snippets/alertes/member/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Martin" in content and "Zola" not in content
    assert client.get(f"/admin/snippets/alertes/member/edit/{alertes.zoe_b.pk}/").status_code == 404
    assert login(alertes.world.coordinator).get("/admin/snippets/alertes/member/").status_code in (302, 403)


def test_reminder_form_refuses_a_past_one_off_date_and_fills_the_default_text(alertes, login):
    client = login(alertes.world.owner)
    past = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    data = {
        "member": alertes.alice.pk,
        "kind": "france_travail",
        "text": "",
        "date": past,
        "recurrence": "once",
        "lead_days": 2,
        "active": "on",
    }
    response = client.post(reverse("alertes:reminder_create"), data)
    assert "Cette date est passée" in response.content.decode()
    data["date"] = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(reverse("alertes:reminder_create"), data)
    assert response.status_code == 302
    reminder = alertes.alice.reminders.get()
    assert "France Travail" in reminder.text
    data["member"] = alertes.zoe_b.pk
    response = client.post(reverse("alertes:reminder_create"), data)
    assert "Cet adhérent n&#x27;existe pas dans votre structure" in response.content.decode()


def test_the_admin_menu_shows_alertes_sms_once_with_the_module_first(alertes, rf):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = alertes.world.admin
    labels = [str(item.label) for item in admin_menu.menu_items_for_request(request)]
    assert labels.count("Alertes SMS") == 1
    assert not any("Module Alertes" in label for label in labels)
    group = next(item for item in admin_menu.menu_items_for_request(request) if str(item.label) == "Alertes SMS")
    entries = sorted(group.menu.menu_items_for_request(request), key=lambda item: item.order)
    assert entries[0].url == reverse("alertes:home")
    assert {"Adhérents", "Campagnes"} <= {str(item.label) for item in entries}


def test_an_inverted_sending_window_is_refused_unless_night_sending_is_ticked(alertes, login):
    client = login(alertes.world.owner)
    data = {"monthly_budget_segments": "500", "send_from": "20:00", "send_until": "08:00", "sender_name": ""}
    response = client.post(reverse("alertes:settings"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Envois de 20:00 à 08:00" in content and "Envoyer aussi la nuit" in content
    assert not StructureSettings.objects.filter(structure=alertes.world.structure_a, send_from="20:00").exists()
    response = client.post(reverse("alertes:settings"), {**data, "send_at_night": "on"})
    assert response.status_code == 302
    rules = StructureSettings.objects.get(structure=alertes.world.structure_a)
    assert rules.send_from == datetime.time(20, 0) and rules.send_until == datetime.time(8, 0)
    assert client.get(reverse("alertes:settings")).context["form"]["send_at_night"].value() is True


def settings_admin_data(structure, **overrides):
    data = {
        "structure": structure.pk,
        "monthly_budget_segments": "500",
        "send_from": "20:00",
        "send_until": "08:00",
        "sender_name": "",
    }
    return {**data, **overrides}


def test_the_wagtail_admin_refuses_an_inverted_window_with_the_modules_message(alertes, login):
    client = login(alertes.world.admin)
    url = "/admin/snippets/alertes/structuresettings/add/"
    response = client.post(url, settings_admin_data(alertes.world.structure_a))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Envois de 20:00 à 08:00 : l&#x27;heure de fin est avant l&#x27;heure de début" in content
    assert "Envoyer aussi la nuit" in content
    assert not StructureSettings.objects.filter(structure=alertes.world.structure_a).exists()
    response = client.post(url, settings_admin_data(alertes.world.structure_a, send_at_night="on"))
    assert response.status_code == 302
    rules = StructureSettings.objects.get(structure=alertes.world.structure_a)
    assert rules.send_from == datetime.time(20, 0) and rules.send_at_night is True


def test_the_wagtail_admin_refuses_an_accented_sender_name_like_the_module(alertes, login):
    client = login(alertes.world.admin)
    data = settings_admin_data(alertes.world.structure_a, send_from="09:00", send_until="19:00", sender_name="Crèche")
    response = client.post("/admin/snippets/alertes/structuresettings/add/", data)
    assert response.status_code == 200
    assert "Lettres sans accent, chiffres et espaces seulement." in response.content.decode()
    assert not StructureSettings.objects.exists()
