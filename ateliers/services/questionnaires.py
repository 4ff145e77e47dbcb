"""Questionnaires and quizzes: scores, the synthesis of the answers (on screen and as a PDF), the CSV of every answer."""

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ateliers.models.pages import STRUCTURE_KEY
from lab.infra import charts
from lab.infra.exports import csv_bytes
from lab.infra.pdf import render_pdf
from lab.models import ProgrammePage, Structure


def quiz_score(page, answers):
    """(points obtained, points possible) of a quiz answer, or None for an unscored questionnaire.

    The scoring itself is the page's (``QuestionnairePage.quiz_score``): its thank-you page shows it too.
    """
    return page.quiz_score(answers)


NUMERIC_TYPES = {"number"}
CHOICE_TYPES = {"radio", "dropdown", "checkboxes", "checkbox"}


def _options(question):
    return [c.strip() for c in re.split(r"[,\n]", question.choices) if c.strip()]


def _number(answer):
    """A number question's answer as a number (Decimal), or as it was if it is not one."""
    try:
        return Decimal(str(answer).replace(",", "."))
    except (InvalidOperation, ValueError):
        return answer


def _float(value):
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


def is_scale(question):
    """A single choice among numbers (« 1 … 5 ») that is not a quiz question: its answers have an average.

    A quiz question whose options happen to be numbers (« 4, 6 ou 8 demi-journées ? ») has a right answer,
    not an average; several boxes ticked have no average either.
    """
    if question.field_type not in {"radio", "dropdown"} or (question.points and question.correct_answer):
        return False
    options = _options(question)
    return len(options) >= 2 and all(_float(option) is not None for option in options)


def _distribution(question, answers):
    """(option, count, percent of respondents) for each option, in the question's order, then any other value."""
    counter = Counter()
    for answer in answers:
        for value in answer if isinstance(answer, list) else [answer]:
            counter[str(value)] += 1
    options = _options(question)
    options += sorted(value for value in counter if value not in options)
    total = len(answers)
    return [
        (option, counter.get(option, 0), round(100 * counter.get(option, 0) / total) if total else 0)
        for option in options
    ]


def _question_synthesis(question, answers):
    answers = [a for a in answers if a not in (None, "", [])]
    item = {"question": question, "count": len(answers), "average": None, "choices": [], "texts": [], "scale": False}
    if question.field_type in NUMERIC_TYPES:
        numbers = [n for n in (_float(a) for a in answers) if n is not None]
        if numbers:
            item["average"] = round(sum(numbers) / len(numbers), 2)
            item["minimum"], item["maximum"] = min(numbers), max(numbers)
    elif question.field_type in CHOICE_TYPES:
        item["choices"] = _distribution(question, answers)
        if is_scale(question):
            numbers = [n for n in (_float(a) for a in answers) if n is not None]
            item["scale"] = True
            item["average"] = round(sum(numbers) / len(numbers), 2) if numbers else None
    else:
        item["texts"] = [str(a) for a in answers]
    if question.points and question.correct_answer:
        item["correct"] = sum(
            1 for a in answers if any(question.is_correct(v) for v in (a if isinstance(a, list) else [a]))
        )
        item["correct_percent"] = round(100 * item["correct"] / len(answers)) if answers else None
    return item


def _scores(page, submissions):
    scores = [s for s in (quiz_score(page, data) for data in submissions) if s]
    if not scores:
        return None
    maximum = scores[0][1]
    counter = Counter(score for score, _possible in scores)
    return {
        "average": round(sum(s for s, _p in scores) / len(scores), 2),
        "maximum": maximum,
        "distribution": [(f"{points} / {maximum}", counter.get(points, 0)) for points in range(maximum + 1)],
    }


def questionnaire_synthesis(page):
    """Per question: the number of answers, the distribution of choices (with the average of a scale), the
    right answers of a quiz question, the free answers; the quiz scores; and, when the questionnaire asks the
    respondent's structure, the same per structure."""
    questions = list(page.form_fields.all())
    submissions = [s.form_data for s in page.get_submission_class().objects.filter(page=page).order_by("submit_time")]
    synthesis = {
        "questions": [_question_synthesis(q, [s.get(q.clean_name) for s in submissions]) for q in questions],
        "submissions": len(submissions),
        "scores": _scores(page, submissions),
        "structures": [],
    }
    scores = synthesis["scores"]
    # Older screens read these two.
    synthesis["average_score"] = scores["average"] if scores else None
    synthesis["max_score"] = scores["maximum"] if scores else None
    if page.ask_structure:
        names = dict(Structure.objects.filter(pk__in=_structure_ids(submissions)).values_list("pk", "name"))
        groups = {}
        for data in submissions:
            groups.setdefault(_structure_id(data), []).append(data)
        for key, group in sorted(groups.items(), key=lambda item: (item[0] not in names, names.get(item[0], ""))):
            synthesis["structures"].append(
                {
                    "name": names.get(key, _("Structure non indiquée")),
                    "submissions": len(group),
                    "scores": _scores(page, group),
                    "questions": [_question_synthesis(q, [s.get(q.clean_name) for s in group]) for q in questions],
                }
            )
    return synthesis


def _structure_id(data):
    value = str(data.get(STRUCTURE_KEY, ""))
    return int(value) if value.isdigit() and len(value) < 19 else None


def _structure_ids(submissions):
    return {key for key in (_structure_id(data) for data in submissions) if key is not None}


def add_charts(items, **options):
    """An accessible bar chart (SVG) of each choice question's distribution, as ``item["chart"]``."""
    for item in items:
        rows = [(label, count) for label, count, _percent in item["choices"]]
        item["chart"] = charts.bar_chart(rows, title=item["question"].label, **options) if rows else ""


def synthesis_pdf(page):
    """The questionnaire's synthesis as a PDF report, with the programme's publicity block."""
    programme = ProgrammePage.objects.ancestor_of(page).first()
    synthesis = questionnaire_synthesis(page)
    add_charts(synthesis["questions"])
    context = {"page": page, "programme": programme, "synthesis": synthesis, "generated_at": timezone.localdate()}
    title = _("Synthèse — %(title)s") % {"title": page.title}
    return render_pdf("ateliers/pdf/questionnaire_synthesis.html", context, programme=programme, title=title)


def synthesis_filename(page):
    return f"synthese-{slugify(page.title)[:60] or page.pk}.pdf"


def questionnaire_csv(page):
    """Every answer of a questionnaire as a CSV file (UTF-8 with BOM, « ; »): one row per submission,
    one column per question; a number question's answer stays a number, text never runs as a formula."""
    questions = list(page.form_fields.all())
    names = dict(Structure.objects.values_list("pk", "name")) if page.ask_structure else {}
    rows = []
    for submission in page.get_submission_class().objects.filter(page=page).order_by("submit_time"):
        data = submission.form_data
        row = [timezone.localtime(submission.submit_time).strftime("%d/%m/%Y %H:%M")]
        if page.ask_structure:
            row.append(names.get(_structure_id(data), ""))
        for question in questions:
            value = data.get(question.clean_name, "")
            row.append(_number(value) if question.field_type in NUMERIC_TYPES else value)
        score = quiz_score(page, data)
        row.append(f"{score[0]}/{score[1]}" if score else "")
        rows.append(row)
    header = [_("Date"), *([_("Structure")] if page.ask_structure else []), *[q.label for q in questions], _("Score")]
    return csv_bytes(rows, header=header, decimal_comma=True)
