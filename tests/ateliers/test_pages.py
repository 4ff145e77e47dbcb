"""Reports, questionnaires, the public planning and the demo."""

import pytest
from django.urls import reverse

from ateliers.builders import add_questionnaire, add_report
from ateliers.models import QuestionnairePage, ReportPage
from ateliers.services.questionnaires import questionnaire_synthesis

pytestmark = pytest.mark.django_db


def make_report(programme, workshop, **fields):
    body = [
        {"type": "text", "value": "<p>Trois jours de travail en sous-groupes.</p>"},
        {"type": "decisions", "value": ["Chaque CCAS choisit une thématique prioritaire."]},
        {"type": "quote", "value": {"quote": "Un projet concret pour la commune.", "author": "Un agent"}},
        {"type": "next_steps", "value": [{"action": "Intersession à distance", "owner": "Équipe design", "due": None}]},
    ]
    return add_report(programme, title="Compte-rendu du labo", workshop=workshop, body=body, publish=False, **fields)


def make_questionnaire(programme, workshop):
    return add_questionnaire(
        programme,
        title="Questionnaire de fin de labo",
        workshop=workshop,
        kind="quiz",
        questions=[
            {"label": "Satisfaction", "field_type": "radio", "choices": "1\n2\n3\n4\n5"},
            {
                "label": "Demi-journées d'un labo",
                "field_type": "radio",
                "choices": "4\n6\n8",
                "correct_answer": "6",
                "points": 2,
            },
            {"label": "Remarque", "field_type": "singleline", "required": False},
        ],
    )


def test_a_published_report_shows_its_blocks_and_the_programmes_publicity(client, world, labo):
    report = make_report(world.programme_a, labo)
    report.save_revision().publish()
    page = client.get(report.url).content.decode()
    assert "Chaque CCAS choisit une thématique prioritaire." in page
    assert "Un projet concret pour la commune." in page and "Intersession à distance" in page
    assert "cofinancée par l" in page


def test_a_report_waiting_for_validation_is_not_public(client, world, labo):
    report = make_report(world.programme_a, labo, live=False)
    report.save_revision()
    assert client.get(f"/{world.programme_a.slug}/{report.slug}/").status_code == 404


def test_a_report_waits_for_its_programmes_validation(world, labo):
    report = make_report(world.programme_a, labo, live=False)
    assert report.get_workflow() == world.programme_a.get_workflow()
    report.save_revision(user=world.coordinator)
    state = report.get_workflow().start(report, world.coordinator)
    assert world.funder not in state.current_task_state.task.specific.groups.get().user_set.all()
    assert world.coordinator in state.current_task_state.task.specific.groups.get().user_set.all()


def test_reports_and_questionnaires_may_only_live_under_a_programme():
    assert ReportPage.parent_page_types == ["lab.ProgrammePage"]
    assert QuestionnairePage.parent_page_types == ["lab.ProgrammePage"]


def test_a_participant_answers_a_quiz_and_sees_the_score(client, world, labo):
    page = make_questionnaire(world.programme_a, labo)
    fields = {f.label: f.clean_name for f in page.form_fields.all()}
    response = client.post(page.url, {fields["Satisfaction"]: "4", fields["Demi-journées d'un labo"]: "6"})
    assert response.status_code == 200
    assert "Votre score : 2 / 2." in response.content.decode()


def test_the_synthesis_counts_averages_and_draws_svg(world, labo, login):
    page = make_questionnaire(world.programme_a, labo)
    fields = {f.label: f.clean_name for f in page.form_fields.all()}
    submissions = page.get_submission_class()
    for satisfaction, answer in (("5", "6"), ("3", "8"), ("4", "6")):
        submissions.objects.create(
            page=page, form_data={fields["Satisfaction"]: satisfaction, fields["Demi-journées d'un labo"]: answer}
        )
    synthesis = questionnaire_synthesis(page)
    satisfaction = synthesis["questions"][0]
    assert satisfaction["count"] == 3 and satisfaction["average"] == 4.0
    assert [(label, count) for label, count, _percent in satisfaction["choices"]] == [
        ("1", 0),
        ("2", 0),
        ("3", 1),
        ("4", 1),
        ("5", 1),
    ]
    assert synthesis["questions"][1]["correct"] == 2
    response = login(world.coordinator).get(reverse("ateliers_admin:questionnaire_synthesis", args=[page.pk]))
    assert "<svg" in response.content.decode() and "moyenne" in response.content.decode()


def test_the_csv_export_has_one_row_per_answer_and_neutralises_formulas(world, labo, login):
    page = make_questionnaire(world.programme_a, labo)
    fields = {f.label: f.clean_name for f in page.form_fields.all()}
    page.get_submission_class().objects.create(
        page=page,
        form_data={fields["Satisfaction"]: "5", fields["Demi-journées d'un labo"]: "6", fields["Remarque"]: "=1+1"},
    )
    response = login(world.coordinator).get(reverse("ateliers_admin:questionnaire_csv", args=[page.pk]))
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("Date;Satisfaction")
    assert lines[1].endswith("5;6;'=1+1;2/2")


def test_another_programmes_synthesis_is_refused(world, labo, login):
    page = make_questionnaire(world.programme_a, labo)
    assert (
        login(world.outsider).get(reverse("ateliers_admin:questionnaire_synthesis", args=[page.pk])).status_code == 404
    )


def test_the_programme_page_lists_published_workshops_only(client, world, labo):
    from tests.ateliers.conftest import make_workshop

    labo.published = True
    labo.save()
    make_workshop(world.programme_a, title="Atelier interne non publié")
    page = client.get(world.programme_a.url).content.decode()
    assert "Planning des ateliers" in page and "Labo itinérant n°1" in page
    assert "Atelier interne non publié" not in page


def test_the_planning_shows_the_month_and_the_timeline(world, labo, login):
    response = login(world.coordinator).get(
        reverse("ateliers_admin:planning", args=[world.programme_a.pk]) + "?annee=2021&mois=5"
    )
    page = response.content.decode()
    assert response.status_code == 200 and "mai 2021" in page and "Labo itinérant n°1" in page
    assert login(world.outsider).get(reverse("ateliers_admin:planning", args=[world.programme_a.pk])).status_code == 404


def test_the_demo_loads_twice_without_duplicates(db):
    import io

    from django.core.management import call_command

    from ateliers.models import Certificate, Registration, SubGroup, Workshop

    call_command("load_demo", stdout=io.StringIO())
    counts = (Workshop.objects.count(), Registration.objects.count(), Certificate.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Workshop.objects.count(), Registration.objects.count(), Certificate.objects.count()) == counts
    palas = Workshop.objects.get(programme__slug="design-palas-labo-2021", title="Labo itinérant n°1")
    assert palas.sessions.count() == 6 and palas.subgroups.exists()
    per_structure = palas.registrations.values("structure").annotate(
        n=__import__("django.db.models", fromlist=["Count"]).Count("pk")
    )
    assert {row["n"] for row in per_structure} <= {1, 2, 3, 4} and len(per_structure) == 18
    # One walk-in beyond a CCAS's maximum of three, added with a reason (« À vérifier » on the dashboard).
    over_limit = palas.registrations.exclude(over_limit_reason="")
    assert over_limit.count() == 1 and over_limit.get().is_walk_in
    assert palas.registrations.filter(structure=over_limit.get().structure).count() == 4
    assert palas.certificates.exists()
    hackathon = Workshop.objects.get(kind="hackathon")
    assert [s.date.isoformat() for s in hackathon.sessions.all()] == ["2017-11-03", "2017-11-04", "2017-11-04"]
    assert SubGroup.objects.filter(workshop=hackathon, jury_rank=1).exists() and hackathon.jury_list
    assert ReportPage.objects.live().filter(workshop=palas).exists()
    assert QuestionnairePage.objects.get(workshop=palas).get_submission_class().objects.count() == 12


def test_the_questionnaire_edit_page_links_to_its_synthesis(world, labo, login):
    page = make_questionnaire(world.programme_a, labo)
    response = login(world.admin).get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert reverse("ateliers_admin:questionnaire_synthesis", args=[page.pk]) in response.content.decode()
