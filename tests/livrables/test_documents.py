"""The bilan with its narrative, the livret, the storytelling's timeline and the economic-model note: what each
PDF says, who may download it, and what the admin forms refuse."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from ateliers.builders import add_report
from ateliers.choices import AttendanceStatus
from ateliers.models import Attendance, Registration, Session, Workshop
from livrables import exports
from livrables.models import ReviewNarrative, ReviewStructureParagraph, Story
from livrables.story import story_events
from projets.choices import FollowUpKind, Stage
from projets.models import EconomicModelNote, FollowUpEntry, Iteration
from projets.services import change_stage
from tests.projets.factories import make_project, make_prototype

pytestmark = pytest.mark.django_db


def text_of(pdf):
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def response_text(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return text_of(response.content)


@pytest.fixture
def project(world):
    return make_project(world.structure_a, world.programme_a, title="Accueil unique")


@pytest.fixture
def workshop(world):
    workshop = Workshop.objects.create(programme=world.programme_a, title="Labo itinérant n°1", kind="labo")
    Session.objects.create(workshop=workshop, date=datetime.date(2021, 5, 4))
    registration = Registration.objects.create(workshop=workshop, person=world.person_a, structure=world.structure_a)
    Attendance.objects.create(
        registration=registration, session=workshop.sessions.get(), status=AttendanceStatus.PRESENT
    )
    return workshop


# --- Bilan -------------------------------------------------------------------------------------------


def test_the_bilan_prints_the_narrative_around_the_figures_with_a_paragraph_per_structure(world, project, workshop):
    narrative = ReviewNarrative.objects.create(
        programme=world.programme_a,
        context="<p>Un territoire de dix-sept communes.</p>",
        results="<p>Chaque CCAS a son projet.</p>",
    )
    ReviewStructureParagraph.objects.create(
        narrative=narrative, structure=world.structure_a, text="<p>Le centre A a ouvert un accueil unique.</p>"
    )
    report = add_report(world.programme_a, title="Compte-rendu du labo", workshop=workshop, summary="Trois jours.")
    FollowUpEntry.objects.create(
        project=project,
        kind=FollowUpKind.PROBLEM,
        date=datetime.date(2021, 5, 5),
        text="Salle indisponible.",
        resolved_on=datetime.date(2021, 5, 6),
        resolution="Salle de la mairie.",
    )
    text = text_of(exports.render_export("bilan", world.programme_a)[0])
    assert "Un territoire de dix-sept communes." in text and "Chaque CCAS a son projet." in text
    assert "Le centre A a ouvert un accueil unique." in text
    assert "Centre social A" in text and "Accueil unique" in text and "100 % (1/1 demi-journées)" in text
    assert "Compte-rendu du labo" in text and reverse("ateliers:report_pdf", args=[report.pk]) in text
    assert "Salle indisponible." in text and "résolu le 06/05/2021" in text
    # Sections the team did not write say so in a sentence; none is an empty heading.
    assert "L'équipe n'a pas encore rédigé les difficultés de la période" in text
    assert "Aucune dépense n'est encore saisie pour ce programme" in text
    assert "cofinancée par l" in text


def test_a_bilan_without_narrative_says_why_each_section_is_short(world):
    text = text_of(exports.render_export("bilan", world.programme_a)[0])
    assert "L'équipe n'a pas encore rédigé le contexte de ce bilan" in text
    assert "Aucun compte-rendu n'a encore été publié pour la période" in text
    assert "Aucun questionnaire de la période n'a reçu de réponse" in text
    assert "Aucun problème n'a été signalé" in text


def test_the_bilan_of_a_period_uses_that_period_s_narrative_else_the_whole_programme_s(world):
    ReviewNarrative.objects.create(programme=world.programme_a, context="<p>Récit du programme entier.</p>")
    ReviewNarrative.objects.create(
        programme=world.programme_a,
        start=datetime.date(2021, 1, 1),
        end=datetime.date(2021, 6, 30),
        context="<p>Récit du premier semestre.</p>",
    )
    first = text_of(
        exports.render_export(
            "bilan", world.programme_a, start=datetime.date(2021, 1, 1), end=datetime.date(2021, 6, 30)
        )[0]
    )
    assert "Récit du premier semestre." in first and "Récit du programme entier." not in first
    other = text_of(exports.render_export("bilan", world.programme_a, start=datetime.date(2021, 7, 1))[0])
    assert "Récit du programme entier." in other


def test_the_narrative_admin_refuses_a_reversed_period_and_another_programme_s_structure(world, login):
    client = login(world.admin)
    url = reverse("wagtailsnippets_livrables_reviewnarrative:add")
    data = {
        "programme": world.programme_a.pk,
        "start": "2021-06-30",
        "end": "2021-01-01",
        "structure_paragraphs-TOTAL_FORMS": "1",
        "structure_paragraphs-INITIAL_FORMS": "0",
        "structure_paragraphs-MIN_NUM_FORMS": "0",
        "structure_paragraphs-MAX_NUM_FORMS": "1000",
        "structure_paragraphs-0-structure": world.structure_b.pk,
        "structure_paragraphs-0-text": '{"blocks": [{"key": "a", "type": "unstyled", "text": "Un paragraphe.", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "structure_paragraphs-0-ORDER": "1",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and not ReviewNarrative.objects.exists()
    assert "La fin de période ne peut pas précéder son début." in page
    assert "ne participe pas à ce programme" in page
    data["end"] = "2021-12-31"
    data["structure_paragraphs-0-structure"] = world.structure_a.pk
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    narrative = ReviewNarrative.objects.get()
    assert narrative.structure_paragraphs.get().structure == world.structure_a
    data["end"] = "2021-12-31"
    response = client.post(url, data)
    assert "déjà un récit de bilan pour cette période" in response.content.decode()


def test_another_programme_s_user_cannot_open_a_narrative_or_preview_the_bilan(world, login):
    narrative = ReviewNarrative.objects.create(programme=world.programme_a, context="<p>Confidentiel.</p>")
    client = login(world.outsider)
    assert client.get(reverse("wagtailsnippets_livrables_reviewnarrative:edit", args=[narrative.pk])).status_code in (
        302,
        403,
        404,
    )
    preview = client.get(reverse("livrables_export_preview", args=[world.programme_a.pk, "bilan"]))
    assert preview.status_code in (302, 403, 404)
    assert "Confidentiel." not in preview.content.decode()
    own = login(world.coordinator).get(reverse("livrables_export_preview", args=[world.programme_a.pk, "bilan"]))
    assert "Confidentiel." in own.content.decode()


# --- Livret ------------------------------------------------------------------------------------------


def test_the_livret_shows_projects_with_their_themes_quotes_photos_excerpts_and_workshops_in_date_order(world, project):

    later = Workshop.objects.create(
        programme=world.programme_a, title="Labo n°2", kind="labo", start_date=datetime.date(2021, 9, 1)
    )
    undated = Workshop.objects.create(programme=world.programme_a, title="Forum à dater", kind="forum")
    first = Workshop.objects.create(
        programme=world.programme_a, title="Kick-off", kind="kickoff", start_date=datetime.date(2021, 4, 1)
    )
    add_report(
        world.programme_a,
        title="Compte-rendu du kick-off",
        workshop=first,
        summary="Une journée de lancement avec tous les CCAS.",
        body=[{"type": "quote", "value": {"quote": "Enfin ensemble.", "author": "Une directrice"}}],
    )
    text = text_of(exports.render_export("livret", world.programme_a)[0])
    assert "Centre social A — Accueil unique" in text
    assert f"Thématique prioritaire : {project.priority_theme.name}" in text
    assert "« Enfin ensemble. »" in text and "Une directrice" in text
    assert "Une journée de lancement avec tous les CCAS." in text
    assert text.index("Kick-off —") < text.index(f"{later.title} —") < text.index(f"{undated.title} —")
    assert "date à fixer" in text
    assert "Aucune photo n'est encore publiée" in text


# --- Storytelling ------------------------------------------------------------------------------------


def test_the_story_timeline_holds_attended_workshops_iterations_stage_changes_and_follow_ups(world, project, workshop):
    # A prototype of the structure in the programme, not linked to the project: still the project's story.
    prototype = make_prototype(world.programme_a, title="Le guichet unique", structure=world.structure_a)
    Iteration.objects.create(page=prototype, number=1, date=datetime.date(2021, 6, 1), title="Premier test")
    change_stage(prototype, Stage.MOCKUP, reason="Maquette testée.", date=datetime.date(2021, 6, 2))
    FollowUpEntry.objects.create(
        project=project, kind=FollowUpKind.CONTACT, date=datetime.date(2021, 3, 1), text="Rencontre d'immersion."
    )
    FollowUpEntry.objects.create(
        project=project, kind=FollowUpKind.REMINDER, date=datetime.date(2021, 3, 2), text="Relancer la mairie."
    )
    events, undated = story_events(project)
    titles = [event.title for event in events]
    assert titles[0] == "Contact" and "Labo itinérant n°1" in titles
    assert "Le guichet unique — Premier test" in titles and "Le guichet unique : maquette" in titles
    assert not any("Relancer" in event.text for event in events)
    assert events[titles.index("Labo itinérant n°1")].date == datetime.date(2021, 5, 4)  # dated by its half-day
    assert undated == []
    story = Story.objects.create(
        project=project,
        title="L'histoire de l'accueil unique",
        chapters=[("chapter", {"title": "Le départ", "text": "<p>Un constat partagé.</p>", "image": None})],
    )
    text = text_of(exports_story(story))
    assert "1. Le départ" in text and "Un constat partagé." in text
    assert "Chronologie du projet" in text and "Rencontre d'immersion." in text and "Premier test" in text
    assert "Aucun événement" not in text


def exports_story(story):
    from livrables.story import render_story

    return render_story(story)


def test_a_story_with_only_undated_workshops_lists_them_after_a_sentence(world, project):
    workshop = Workshop.objects.create(programme=world.programme_a, title="Temps forts", kind="temps_fort")
    Registration.objects.create(workshop=workshop, person=world.person_a, structure=world.structure_a)
    story = Story.objects.create(project=project, title="Histoire")
    text = text_of(exports_story(story))
    assert "Aucun événement daté n'est encore enregistré pour ce projet" in text
    assert "Ateliers sans date" in text and "Temps forts" in text


def test_another_programme_s_user_gets_a_404_for_the_story_pdf(world, project, login):
    story = Story.objects.create(project=project, title="Histoire")
    url = reverse("livrables_story_pdf", args=[story.pk])
    assert login(world.outsider).get(url).status_code == 404
    assert "Histoire" in response_text(login(world.coordinator).get(url))


# --- Economic-model note -----------------------------------------------------------------------------


@pytest.fixture
def note(world, project):
    prototype = make_prototype(world.programme_a, title="La bourse des compétences", structure=world.structure_a)
    return EconomicModelNote.objects.create(
        prototype=prototype,
        title="Le modèle de la bourse",
        offer="<p>Une bourse d'échanges mensuelle.</p>",
        sustainability="<p>Un collectif d'habitants la reprend.</p>",
    )


def test_the_economic_note_pdf_prints_its_sections_and_names_those_left_to_write(world, note, login):
    text = response_text(login(world.coordinator).get(reverse("projets_modele_economique:pdf", args=[note.pk])))
    assert "Le modèle de la bourse" in text and "La bourse des compétences" in text
    assert "1. L'offre" in text and "Une bourse d'échanges mensuelle." in text
    assert "2. La pérennité" in text and "Un collectif d'habitants la reprend." in text
    assert (
        "Sections encore à rédiger par l'équipe : les bénéficiaires, les coûts, les ressources, les partenaires" in text
    )
    assert "cofinancée par l" in text


def test_the_public_fiche_links_its_economic_note_and_only_a_public_fiche_serves_it(client, world, note):
    prototype = note.prototype
    url = prototype.export_url("economic_note_pdf")
    assert url in client.get(prototype.url).content.decode()
    assert "Une bourse d'échanges mensuelle." in response_text(client.get(url))
    prototype.unpublish()
    assert client.get(url).status_code == 404
    other = make_prototype(world.programme_a, title="Sans note", structure=world.structure_a)
    assert client.get(other.export_url("economic_note_pdf")).status_code == 404


def test_another_programme_s_user_gets_a_404_for_the_economic_note(world, note, login):
    url = reverse("projets_modele_economique:pdf", args=[note.pk])
    assert login(world.outsider).get(url).status_code == 404
    edit = reverse("projets_modele_economique:edit", args=[note.pk])
    assert login(world.outsider).get(edit).status_code in (302, 403, 404)


def test_the_economic_note_admin_refuses_an_empty_note_and_keeps_the_answers(world, note, login):
    other = make_prototype(world.programme_a, title="Autre fiche", structure=world.structure_a)
    client = login(world.coordinator)
    response = client.post(
        reverse("projets_modele_economique:add"),
        {"prototype": other.pk, "title": "Une note sans contenu", "summary": "Quelques lignes."},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Écrivez au moins une section" in page
    assert "Une note sans contenu" in page and not EconomicModelNote.objects.filter(prototype=other).exists()


@pytest.mark.parametrize(
    "route",
    [
        "wagtailsnippets_livrables_story:add",
        "wagtailsnippets_livrables_reviewnarrative:add",
        "projets_modele_economique:add",
    ],
)
def test_a_truncated_or_forged_post_is_a_form_error_not_a_500(world, login, route):
    client = login(world.admin)
    response = client.post(reverse(route), {"title": "x", "context": "", "offer": "pas du JSON", "programme": "junk"})
    assert response.status_code == 200
