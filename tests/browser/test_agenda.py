"""An anonymous visitor finds the bassin minier temps fort on the public agenda, signs up, receives the
confirmation e-mail with the event as .ics, and cancels with the link: in a real browser, with axe."""

import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

TEMPS_FORT = "Grand temps fort de présentation de la démarche et des prototypes"


def test_a_visitor_signs_up_to_the_bassin_minier_temps_fort_and_cancels(demo, live_server, page, axe_check, settings):
    from ateliers.choices import RegistrationStatus
    from ateliers.models import Registration

    settings.ATELIERS_SIGNUP_MIN_FILL_SECONDS = 0  # a robot-fast browser is not a robot here
    mail.outbox.clear()

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda des événements publics")
    axe_check(page)

    page.get_by_role("link", name=TEMPS_FORT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEMPS_FORT)
    assert "FEDER" in page.get_by_role("region", name="Mention obligatoire de publicité").inner_text()
    axe_check(page)

    page.get_by_label("Prénom").fill("Nadia")
    page.get_by_role("textbox", name=re.compile(r"^Nom")).fill("Habitante")
    page.get_by_label("Courriel").fill("nadia@exemple.invalid")
    page.get_by_label("Vous êtes").select_option(label="Habitant·e")
    page.get_by_role("button", name="M’inscrire").click()
    expect(page.get_by_role("status")).to_contain_text("Votre inscription est enregistrée")
    axe_check(page)

    [message] = [m for m in mail.outbox if m.to == ["nadia@exemple.invalid"]]
    [(name, content, _mimetype)] = message.attachments
    assert name.endswith(".ics")
    assert TEMPS_FORT in "".join(str(e["SUMMARY"]) for e in Calendar.from_ical(content).walk("VEVENT"))
    link = re.search(r"https?://\S+(/agenda/annuler/\S+/)", message.body).group(1)

    page.goto(live_server.url + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuler une inscription")
    axe_check(page)
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_role("status")).to_contain_text("est annulée")
    axe_check(page)
    assert Registration.objects.get(person__email="nadia@exemple.invalid").status == RegistrationStatus.CANCELLED
