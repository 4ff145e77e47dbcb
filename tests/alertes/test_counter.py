"""The live SMS counter: the page gives the script the server's alphabet and the recipients' first names,
and the script (run by node) counts as alertes/gsm.py does."""

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from alertes import services
from alertes.gsm import GSM7_BASIC, GSM7_EXTENSION, MAX_SEGMENTS, REPLACEMENTS, sms_length, to_gsm7
from alertes.models import Campaign, StructureSettings
from tests.alertes.conftest import make_member

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "alertes" / "static" / "alertes" / "sms-counter.js"
RECIPIENTS = reverse("alertes:campaign_recipients")

TEXTS = [
    "",
    "Bonjour {prenom}, sortie au musée samedi.",
    "a" * 160,
    "a" * 161,
    "€" * 81,
    "Le cœur « en fête » " * 4,
    "Bonjour 🎉 {prenom} ! Fête ✨ du quartier — venez 👨‍👩‍👧",
    "Ligne 1\r\nLigne 2\r\n[info] ~ ^ | \\ {}",
    "São Tomé, ﬁn, Привет, x\u200by, « à 14h »",
    "😀 début et fin 😀",
    "Résumé : ça coûte 5 € — œuvre, naïve, Noël",
]


class Counter(HTMLParser):
    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-sms-counter" in attrs:
            self.data = attrs


def counter_attrs(response):
    parser = Counter()
    parser.feed(response.content.decode())
    return parser.data


def node_alphabet():
    return {
        "basic": json.dumps(GSM7_BASIC),
        "extension": json.dumps(GSM7_EXTENSION),
        "replacements": json.dumps(REPLACEMENTS),
        "limits": "160,153,70,67",
    }


def test_the_campaign_form_gives_the_counter_the_servers_alphabet_and_limits(alertes, login):
    data = counter_attrs(login(alertes.world.owner).get(reverse("alertes:campaign_create")))
    assert json.loads(data["data-basic"]) == GSM7_BASIC and json.loads(data["data-extension"]) == GSM7_EXTENSION
    assert json.loads(data["data-replacements"]) == REPLACEMENTS
    assert data["data-limits"] == "160,153,70,67" and data["data-max-segments"] == str(MAX_SEGMENTS)
    assert data["data-first-name"] == services.LONG_FIRST_NAME and data["data-placeholder"] == "{prenom}"
    assert data["data-for"] == "id_text" and data["data-recipients-url"] == RECIPIENTS


def test_the_reminder_form_counts_with_the_date_as_it_is_sent(alertes, login):
    data = counter_attrs(login(alertes.world.owner).get(reverse("alertes:reminder_create")))
    assert data["data-date-sample"] == "31/12/2030" and data["data-recipients-url"] == ""


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_script_counts_and_replaces_exactly_as_the_server():
    program = f"""
const c = require({json.dumps(str(SCRIPT))});
const a = c.alphabet({json.dumps(node_alphabet())});
const texts = {json.dumps(TEXTS)};
console.log(JSON.stringify(texts.map(t => [c.smsLength(t, a), c.toGsm7(t, a)])));
"""
    node = shutil.which("node")
    out = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True, timeout=30).stdout  # noqa: S603
    for text, (length, replaced) in zip(TEXTS, json.loads(out), strict=True):
        expected = sms_length(text)
        assert (length["encoding"], length["units"], length["segments"]) == (
            expected.encoding,
            expected.units,
            expected.segments,
        ), text
        assert [tuple(pair) for pair in length["outside"]] == expected.outside, text
        assert replaced == to_gsm7(text), text


def test_the_recipients_data_gives_the_confirmation_screens_total(alertes, login):
    make_member(alertes.world.structure_a, "Long", "Marie-Christine", "06 12 34 56 50", groups=[alertes.rsa])
    make_member(alertes.world.structure_a, "Naïve", "Anaïs", "06 12 34 56 51", groups=[alertes.rsa])
    extra = make_member(alertes.world.structure_a, "Extra", "Eve", "06 12 34 56 52")
    StructureSettings.objects.create(structure=alertes.world.structure_a, monthly_budget_segments=500)
    text = "Bonjour {prenom}, " + "sortie au musée samedi. " * 6
    campaign = Campaign.objects.create(structure=alertes.world.structure_a, title="t", category="autre", text=text)
    campaign.groups.set([alertes.jeunesse, alertes.rsa])
    campaign.members.set([extra])
    client = login(alertes.world.owner)
    params = {"groups": [alertes.jeunesse.pk, alertes.rsa.pk], "members": [extra.pk], "channel": "sms"}
    data = client.get(RECIPIENTS, params).json()
    preview = services.preview_campaign(campaign)
    total = sum(n * sms_length(services.personalise(text, name)).segments for name, n in data["first_names"])
    assert total == preview.segments_total and data["recipients"] == preview.recipients == 5
    assert ["Bob", 1] in data["first_names"] and data["budget"] == 500 and data["used"] == preview.used


def test_the_recipients_data_ignores_another_structures_groups_and_members(alertes, login):
    params = {"groups": [alertes.culture_b.pk], "members": [alertes.zoe_b.pk]}
    data = login(alertes.world.owner).get(RECIPIENTS, params).json()
    assert data["recipients"] == 0 and data["first_names"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"groups": "abc", "members": "99999999999999999999999", "channel": "pigeon"},
        {"send_mode": "later", "scheduled_at": "9999-12-31T23:59"},
        {"send_mode": "later", "scheduled_at": "0001-01-01T00:00"},
        {"send_mode": "later", "scheduled_at": "\x00"},
        {"campagne": "-1", "groups": "-5"},
    ],
)
def test_the_recipients_data_answers_junk_without_error(alertes, login, params):
    response = login(alertes.world.owner).get(RECIPIENTS, params)
    if any("\x00" in str(value) for value in params.values()):
        assert response.status_code == 400  # a NUL character is refused site-wide (lab.infra.bad_input)
        return
    assert response.status_code == 200 and response.json()["recipients"] == 0
