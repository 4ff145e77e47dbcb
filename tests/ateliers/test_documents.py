"""The compte-rendu PDF and the questionnaire synthesis report (on screen and as a PDF)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import PageViewRestriction

from ateliers.models.pages import STRUCTURE_KEY
from ateliers.services.questionnaires import questionnaire_synthesis
from tests.ateliers.test_pages import make_questionnaire, make_report

pytestmark = pytest.mark.django_db


def text_of(response):
    assert response["Content-Type"] == "application/pdf", response.content[:200]
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(response.content)).pages)


def answer(page, **values):
    fields = {f.label: f.clean_name for f in page.form_fields.all()}
    data = {fields[label]: value for label, value in values.items() if label in fields}
    if "structure" in values:
        data[STRUCTURE_KEY] = str(values["structure"].pk)
    page.get_submission_class().objects.create(page=page, form_data=data)


def test_a_published_report_downloads_as_a_pdf_with_its_blocks_and_the_publicity(client, world, labo):
    report = make_report(world.programme_a, labo)
    report.save_revision().publish()
    page = client.get(report.url).content.decode()
    url = reverse("ateliers:report_pdf", args=[report.pk])
    assert url in page  # the public page links its PDF
    text = text_of(client.get(url))
    assert "Compte-rendu du labo" in text and "Chaque CCAS choisit une thématique prioritaire." in text
    assert "« Un projet concret pour la commune. »" in text and "Intersession à distance" in text
    assert "Participation" in text and "Version validée et publiée le" in text
    assert "cofinancée par l" in text  # the programme's publicity block


def test_an_unpublished_or_private_report_has_no_public_pdf(client, world, labo):
    draft = make_report(world.programme_a, labo, live=False)
    draft.save_revision()
    assert client.get(reverse("ateliers:report_pdf", args=[draft.pk])).status_code == 404
    private = make_report(world.programme_a, labo, slug="prive")
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(reverse("ateliers:report_pdf", args=[private.pk])).status_code == 404


def test_the_admin_pdf_of_a_report_waiting_for_validation_is_marked_as_a_working_version(world, labo, login):
    report = make_report(world.programme_a, labo)
    report.save_revision().publish()
    report.summary = "Résumé corrigé, en attente de validation."
    report.save_revision()
    url = reverse("ateliers_admin:report_pdf", args=[report.pk])
    text = text_of(login(world.coordinator).get(url))
    assert "Résumé corrigé, en attente de validation." in text
    assert "Version de travail du" in text and "ne pas diffuser" in text
    assert login(world.outsider).get(url).status_code == 404


def test_a_quiz_question_with_numbers_as_options_has_right_answers_not_an_average(world, labo):
    page = make_questionnaire(world.programme_a, labo)
    for satisfaction, half_days in (("5", "6"), ("3", "8"), ("4", "6"), ("4", "4")):
        answer(page, **{"Satisfaction": satisfaction, "Demi-journées d'un labo": half_days})
    synthesis = questionnaire_synthesis(page)
    scale, quiz, remark = synthesis["questions"]
    assert scale["scale"] and scale["average"] == 4.0
    assert quiz["average"] is None and not quiz["scale"]
    assert (quiz["correct"], quiz["correct_percent"]) == (2, 50)
    assert ("6", 2, 50) in quiz["choices"]
    assert remark["count"] == 0
    assert synthesis["scores"]["distribution"] == [("0 / 2", 2), ("1 / 2", 0), ("2 / 2", 2)]


def test_the_synthesis_pdf_shows_distributions_scores_and_free_answers(world, labo, login):
    page = make_questionnaire(world.programme_a, labo)
    answer(page, **{"Satisfaction": "5", "Demi-journées d'un labo": "6", "Remarque": "Très utile pour notre CCAS"})
    answer(page, **{"Satisfaction": "2", "Demi-journées d'un labo": "8"})
    text = text_of(login(world.coordinator).get(reverse("ateliers_admin:questionnaire_synthesis_pdf", args=[page.pk])))
    assert "2 réponses reçues" in text and "réponses anonymes" in text
    assert "Score moyen : 1.0 / 2." in text or "Score moyen : 1,0 / 2." in text
    assert "moyenne : 3.5 / 5" in text or "moyenne : 3,5 / 5" in text
    assert "bonnes réponses : 1 (50 %)" in text and "réponse attendue : « 6 »" in text
    assert "« Très utile pour notre CCAS »" in text
    assert "Par structure" not in text
    assert "cofinancée par l" in text


def test_a_questionnaire_without_answers_says_so_in_its_pdf(world, labo, login):
    page = make_questionnaire(world.programme_a, labo)
    text = text_of(login(world.coordinator).get(reverse("ateliers_admin:questionnaire_synthesis_pdf", args=[page.pk])))
    assert "n'a encore reçu aucune réponse" in text
    assert (
        login(world.outsider).get(reverse("ateliers_admin:questionnaire_synthesis_pdf", args=[page.pk])).status_code
        == 404
    )


def test_a_questionnaire_that_asks_the_structure_offers_only_the_programmes_and_sums_up_per_structure(
    client, world, labo, login
):
    page = make_questionnaire(world.programme_a, labo)
    page.ask_structure = True
    page.save_revision().publish()
    form = client.get(page.url).content.decode()
    assert "Votre structure" in form and "Centre social A" in form and "Centre social B" not in form
    fields = {f.label: f.clean_name for f in page.form_fields.all()}
    refused = client.post(page.url, {fields["Satisfaction"]: "4", fields["Demi-journées d'un labo"]: "6"})
    assert "Indiquez votre structure." in refused.content.decode()
    outsider = client.post(
        page.url,
        {STRUCTURE_KEY: str(world.structure_b.pk), fields["Satisfaction"]: "4", fields["Demi-journées d'un labo"]: "6"},
    )
    assert "Centre social B" not in outsider.content.decode() and page.get_submission_class().objects.count() == 0
    client.post(
        page.url,
        {STRUCTURE_KEY: str(world.structure_a.pk), fields["Satisfaction"]: "4", fields["Demi-journées d'un labo"]: "6"},
    )
    answer(page, **{"Satisfaction": "2", "Demi-journées d'un labo": "8"})  # from before the question was asked
    synthesis = questionnaire_synthesis(page)
    assert [(s["name"], s["submissions"]) for s in synthesis["structures"]] == [
        ("Centre social A", 1),
        ("Structure non indiquée", 1),
    ]
    text = text_of(login(world.coordinator).get(reverse("ateliers_admin:questionnaire_synthesis_pdf", args=[page.pk])))
    assert "Par structure" in text and "Centre social A — 1 réponse" in text
    csv = login(world.coordinator).get(reverse("ateliers_admin:questionnaire_csv", args=[page.pk])).content
    assert "Date;Structure;Satisfaction" in csv.decode("utf-8-sig")
