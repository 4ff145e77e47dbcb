"""Correct French in every admin list and every PDF of the demo (issue 13).

The demo is loaded once for the module. As the superuser ``admin`` and as a structure's administrator,
every list page of the admin (each viewset's and snippet's index, the project's own admin pages: the
workshop dashboard, the attendance grid, the planning, the indicators, the exports, the deliverables,
the Alertes module) is fetched; its visible text (tags, scripts and hidden inputs stripped, ``title``
and ``aria-label`` kept) must hold no ``True``/``False``/``None``, no choice code shown instead of its
label, no English word Wagtail may leave, and the page must have a descriptive ``<title>``. A sample
of every PDF (the funders' exports, the story, the replication guide, the programme sheet, the
attendance sheet, a certificate, the roadmap, the Alertes notice) goes through ``pdftotext`` and the
same checks, plus « 1er » for first-of-month dates and amounts written « 850,00 € ».
"""

import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction

from tests.urlwalk import DemoValues, all_routes

#: The superuser and one structure's administrator (README.md, lab/demo).
USERS = ["admin", "admin-chemin-rouge"]

#: English words of a user interface that an untranslated string would show (whole words, case
#: sensitive). Proper names and URLs of the demo hold none of them.
ENGLISH = [
    "Save",
    "Selected",
    "Delete",
    "Edit",
    "Add",
    "Yes",
    "No",
    "Search",
    "Filter",
    "Filters",
    "Cancel",
    "Choose",
    "Close",
    "Status",
    "Created",
    "Updated",
    "Sort",
    "Show",
    "Previous",
    "Next",
    "of",
    "the",
    "and",
    "should",
    "must",
    "could",
    "won't",
]
#: Values that only a raw Python object would print.
RAW = ["True", "False", "None"]
#: Wagtail's generated messages that a model's name made ungrammatical.
BROKEN = ["un(e)", "Le(la)", "le(la)", "de essaimage", "de adhérent", "de indicateur", "de adh", "de e", "de a"]

#: Routes (regex on the pattern) of the project's own admin pages, besides every ``index``/``list``.
OWN_PAGES = [
    r"^admin/ateliers/atelier/<int:pk>/$",
    r"^admin/ateliers/atelier/<int:pk>/emargement/$",
    r"^admin/ateliers/atelier/<int:pk>/inscription-groupee/$",
    r"^admin/ateliers/programme/<int:pk>/planning/$",
    r"^admin/ateliers/lot/<int:pk>/$",
    r"^admin/ateliers/questionnaire/<int:pk>/synthese/$",
    r"^admin/livrables/<int:pk>/$",
    r"^admin/livrables/(exports|indicateurs|depenses)/<int:programme_id>/$",
    r"^admin/projets_pilotage/feuille-de-route/<int:pk>/$",
]
#: Faults inside Wagtail's own pages that the project cannot reach without copying a Wagtail view:
#: (URL regex, word) -> why. Everything the project renders is checked.
WAGTAIL_OWN = {
    (r"^/admin/pages/search/", "None"): "Wagtail's page search prints its listing's model_name, None for pages",
    (r"^/admin/reports/aging-pages/", "None"): "Wagtail's aging-pages report prints None for a never-published page",
}

#: Not pages of text (files, JSON, actions).
NOT_PAGES = re.compile(
    r"(\.pdf|\.csv|\.svg|\.xlsx|export\.<|/export/|/pdf/|telecharger|/etat/|fichier/|justificatif|piece-jointe"
    r"|apercu|failwhale|test404|results/$|/delete/|/effacer/|logout|/envoyer|/qr|deconnexion|/bascule|/connexions/$|/arrivee/$)"
)


class _Text(HTMLParser):
    """The visible text of a page, with ``title`` and ``aria-label`` attributes."""

    SKIP = {"script", "style", "template", "noscript", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.title, self._skip, self._in_title = [], "", 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title" and not self._skip and not self.title:
            self._in_title = True
            return
        if tag in self.SKIP:
            self._skip += 1
            return
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.chunks.append(attrs["value"])
        for name in ("title", "aria-label", "placeholder"):
            if attrs.get(name):
                self.chunks.append(attrs[name])

    def handle_endtag(self, tag):
        if tag == "title" and self._in_title:
            self._in_title = False
            return
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.chunks.append(data)


def visible_text(html):
    parser = _Text()
    parser.feed(html)
    return parser.chunks, " ".join(parser.title.split())


def _choice_codes():
    """Choice values that differ from their label (``deplacement``, ``fiches-structures``…)."""
    codes = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_-]+", value) and value != str(label).lower():
                    codes[value] = str(label)
    from livrables.exports import EXPORTS

    codes.update({key: export.label for key, export in EXPORTS.items()})
    return codes


_WORDS = re.compile(r"(?<![\w'’-])(" + "|".join(re.escape(w) for w in ENGLISH + RAW) + r")(?![\w'’-])")


def problems_in(chunks, codes):
    """The faults of French in the text ``chunks`` of one page or document."""
    found = set()
    for chunk in chunks:
        text = " ".join(chunk.split())
        if not text or text.startswith(("http://", "https://", "/")):
            continue
        for match in _WORDS.finditer(text):
            found.add(f"« {match[1]} » in « {text[:80]} »")
        if text in codes:
            found.add(f"code « {text} » instead of « {codes[text]} »")
        for broken in BROKEN:
            if re.search(r"(?<!\w)" + re.escape(broken) + r"(?!\w)", text) and not (
                broken.startswith("de ") and not re.search(r"(?<!\w)de [aeiouyéèêàh]", text)
            ):
                found.add(f"« {broken} » in « {text[:80]} »")
        if "seed 0" in text:
            found.add(f"jargon in « {text[:80]} »")
    return found


@pytest.fixture(scope="module")
def demo(module_demo, django_db_blocker):
    with django_db_blocker.unblock():
        users = {name: get_user_model().objects.get(username=name) for name in USERS}
        usernames = set(get_user_model().objects.values_list("username", flat=True))
        codes = {code: label for code, label in _choice_codes().items() if code not in usernames}
        values = DemoValues(users, __import__("random").Random(13))
    return type("Demo", (), {"users": users, "values": values, "codes": codes})


def _login(client, user):
    from alertes import services

    client.force_login(user)
    structure = services.module_structures(user).order_by("pk").first()
    if structure is not None:
        session = client.session
        session["alertes_structure"] = structure.pk
        session.save()


def list_pages():
    """The routes of every admin list page and of the project's own admin pages."""
    routes = []
    for route in all_routes():
        if not route.key.startswith(("admin/", "alertes/")) or NOT_PAGES.search(route.key):
            continue
        listing = route.name in ("index", "list") or route.name.endswith("_index")
        own = not route.params or any(re.search(regex, route.key) for regex in OWN_PAGES)
        if listing or own:
            if route.name in ("add", "edit", "copy", "history", "usage", "inspect", "create"):
                continue
            routes.append(route)
    return routes


def _get(client, url):
    with transaction.atomic():
        try:
            return client.get(url, follow=True)
        finally:
            transaction.set_rollback(True)


def _issue_then_get(client, url):
    """A certificate is issued by a POST (an act), then downloaded by GET, in one rolled-back block."""
    with transaction.atomic():
        try:
            client.post(url)
            return client.get(url)
        finally:
            transaction.set_rollback(True)


@pytest.mark.parametrize("username", USERS)
def test_every_admin_list_speaks_french_with_a_title(demo, db, client, username):
    user = demo.users[username]
    _login(client, user)
    faults, seen = [], 0
    for route in list_pages():
        legit, _others = demo.values.variants(route, user)
        if not legit:
            continue
        url = route.build(legit[0])
        response = _get(client, url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        seen += 1
        html = response.content.decode()
        chunks, title = visible_text(html)
        if "<html" in html and not title or title.startswith(("-", "–")) or "Wagtail" in title:
            faults.append(f"{url}: no descriptive <title> (« {title} »)")
        for fault in sorted(problems_in(chunks, demo.codes)):
            if not any(re.search(regex, url) and fault.startswith(f"« {word} »") for regex, word in WAGTAIL_OWN):
                faults.append(f"{url}: {fault}")
    assert seen > 30
    assert not faults, f"{len(faults)} faults of French as « {username} »:\n" + "\n".join(faults)


def pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        command = [shutil.which("pdftotext") or "/usr/bin/pdftotext", "-layout", handle.name, "-"]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


_FIRST = re.compile(
    r"(?<![\d/])1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
)
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?\s?(?:€|EUR)")


def pdf_problems(text, codes):
    found = problems_in(text.splitlines(), codes)
    found |= {f"« {m[0]} » instead of « 1er … »" for m in _FIRST.finditer(text)}
    for match in _AMOUNT.finditer(text):
        if not re.fullmatch(r"\d{1,3}(?:[\u202f\u00a0 ]\d{3})*,\d\d\s?€", match[0]) and not re.fullmatch(
            r"\d{1,3}(?:[\u202f\u00a0 ]\d{3})*\s?€", match[0]
        ):
            found.add(f"amount « {match[0]} » not written « 850,00 € »")
    return found


def _pdf_samples(demo):
    """(name, PDF bytes) of a sample of every PDF the project makes."""
    from ateliers.models import Attendance, Workshop
    from lab.models import ProgrammePage
    from livrables import exports
    from livrables.models import Story
    from projets.models import EconomicModelNote, PrototypePage, Roadmap

    programme = ProgrammePage.objects.get(slug="design-palas-labo-2021")
    for kind in exports.EXPORTS:
        yield kind, exports.render_export(kind, programme)[0]
    yield (
        "livret Croissant Sud",
        exports.render_export("livret", ProgrammePage.objects.get(slug="croissant-sud-2020"))[0],
    )
    prototype = PrototypePage.objects.live().order_by("pk").first()
    yield "guide d'essaimage", exports.render_replication_guide(prototype)
    urls = {
        "fiche programme": f"/programmes/{ProgrammePage.objects.live().order_by('pk').first().slug}/fiche.pdf",
        "cahier des charges": f"/projets/prototypes/{prototype.pk}-{prototype.slug}/cahier-des-charges.pdf",
        "notice Alertes": "/alertes/notice.pdf",
    }
    workshop = Workshop.objects.filter(sessions__isnull=False).order_by("pk").first()
    urls["feuille d'émargement"] = f"/admin/ateliers/atelier/{workshop.pk}/feuille-emargement.pdf"
    attendance = Attendance.objects.filter(status="present").select_related("registration").order_by("pk").first()
    if attendance is not None:
        pk, person = attendance.registration.workshop_id, attendance.registration.person_id
        urls["certificat"] = f"/admin/ateliers/atelier/{pk}/certificat/personne/{person}.pdf"
    story = Story.objects.order_by("pk").first()
    if story is not None:
        urls["storytelling"] = f"/admin/livrables/storytelling/{story.pk}/pdf/"
    chapters = Story.objects.exclude(chapters=[]).order_by("-pk").first()
    if chapters is not None:
        urls["storytelling en chapitres"] = f"/admin/livrables/storytelling/{chapters.pk}/pdf/"
    note = EconomicModelNote.objects.select_related("prototype").order_by("pk").first()
    if note is not None:
        urls["note de modèle économique"] = note.prototype.export_url("economic_note_pdf")
    roadmap = Roadmap.objects.order_by("pk").first()
    if roadmap is not None:
        urls["feuille de route"] = f"/admin/projets_pilotage/feuille-de-route/{roadmap.pk}/pdf/"
    yield from urls.items()


def test_every_pdf_speaks_french(demo, db, client):
    _login(client, demo.users["admin"])
    faults, names = [], []
    for name, source in _pdf_samples(demo):
        if isinstance(source, str):
            response = _issue_then_get(client, source) if name == "certificat" else _get(client, source)
            assert response.status_code == 200, f"{name}: {source} answered {response.status_code}"
            source = b"".join(response.streaming_content) if response.streaming else response.content
        names.append(name)
        faults += [f"{name}: {fault}" for fault in sorted(pdf_problems(pdf_text(source), demo.codes))]
    assert len(names) >= 10, names
    assert not faults, f"{len(faults)} faults of French in the PDFs:\n" + "\n".join(faults)


def test_the_checks_catch_what_issue_13_saw():
    codes = {"deplacement": "Déplacement", "fiches-structures": "Fiches individuelles des structures"}
    found = problems_in(
        ["True", "Save Selected", "Ajouter un(e) Questions", "Il n'y a pas de essaimages", "deplacement"], codes
    )
    assert len(found) == 5, found
    assert not problems_in(["Oui", "Enregistrer la sélection", "Il n'y a pas de questions", "Déplacement"], codes)
    assert pdf_problems("le 1 mars 2021, 850.0 €", {}) == {
        "« 1 mars » instead of « 1er … »",
        "amount « 850.0 € » not written « 850,00 € »",
    }
    assert not pdf_problems("le 1er mars 2021, 850,00 € et 6\u202f082 €, le 21 mars", {})


def test_the_first_of_a_month_is_written_1er_and_amounts_with_a_comma_and_euro():
    import datetime

    from lab.infra.french import euros, long_date

    assert long_date(datetime.date(2021, 4, 1)) == "1er avril 2021"
    assert long_date(datetime.date(2021, 4, 1), weekday=True) == "jeudi 1er avril 2021"
    assert long_date(datetime.date(2021, 4, 11)) == "11 avril 2021"
    assert euros(850) == "850,00\u00a0€"
    assert euros("6082.5") == "6\u00a0082,50\u00a0€"


def test_wagtail_messages_name_the_model_with_its_gender_and_elision():
    from lab.infra.admin_french import _messages

    feminine, masculine = _messages("structure", True), _messages("adhérent", False)
    assert feminine["add"] == "Ajouter une structure"
    assert feminine["empty"] == "Aucune structure à afficher."
    assert feminine["created"] % {"object": "X"} == "Structure « X » créée."
    assert masculine["add"] == "Ajouter un adhérent"
    assert masculine["not_created"] == "L'adhérent n'a pas pu être créé : corrigez les erreurs signalées."
    assert masculine["confirm"] == "Voulez-vous vraiment supprimer cet adhérent ?"
    assert _messages("essaimage", False)["empty"] == "Aucun essaimage à afficher."
