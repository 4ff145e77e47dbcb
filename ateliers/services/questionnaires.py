"""Questionnaires and quizzes: scores, the synthesis of the answers, the CSV of every answer."""

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from lab.infra.exports import csv_bytes


def quiz_score(page, answers):
    """(points obtained, points possible) of a quiz answer, or None for an unscored questionnaire.

    The scoring itself is the page's (``QuestionnairePage.quiz_score``): its thank-you page shows it too.
    """
    return page.quiz_score(answers)


NUMERIC_TYPES = {"number"}
CHOICE_TYPES = {"radio", "dropdown", "checkboxes", "checkbox"}


def questionnaire_synthesis(page):
    """Per question: the number of answers, the average of numbers, the count of each choice."""
    questions = list(page.form_fields.all())
    submissions = [s.form_data for s in page.get_submission_class().objects.filter(page=page)]
    synthesis = []
    for question in questions:
        answers = [s.get(question.clean_name) for s in submissions]
        answers = [a for a in answers if a not in (None, "", [])]
        item = {"question": question, "count": len(answers), "average": None, "choices": [], "texts": []}
        if question.field_type in NUMERIC_TYPES:
            numbers = []
            for answer in answers:
                try:
                    numbers.append(float(str(answer).replace(",", ".")))
                except ValueError:
                    continue
            item["average"] = round(sum(numbers) / len(numbers), 2) if numbers else None
        elif question.field_type in CHOICE_TYPES:
            counter = Counter()
            for answer in answers:
                for value in answer if isinstance(answer, list) else [answer]:
                    counter[str(value)] += 1
            options = [c.strip() for c in re.split(r"[,\n]", question.choices) if c.strip()] or list(counter)
            item["choices"] = [(option, counter.get(option, 0)) for option in options]
            # Scales written as numbers (« 1, 2, 3, 4, 5 ») also get an average.
            try:
                values = [float(a) for a in answers]
                item["average"] = round(sum(values) / len(values), 2) if values else None
            except (TypeError, ValueError):
                pass
        else:
            item["texts"] = [str(a) for a in answers]
        if question.points and question.correct_answer:
            item["correct"] = sum(1 for a in answers if question.is_correct(a))
        synthesis.append(item)
    scores = [quiz_score(page, s) for s in submissions]
    scores = [s for s in scores if s]
    return {
        "questions": synthesis,
        "submissions": len(submissions),
        "average_score": round(sum(s[0] for s in scores) / len(scores), 2) if scores else None,
        "max_score": scores[0][1] if scores else None,
    }


def questionnaire_csv(page):
    """Every answer of a questionnaire as a CSV file (UTF-8 with BOM, « ; »): one row per submission,
    one column per question; a number question's answer stays a number, text never runs as a formula."""
    questions = list(page.form_fields.all())
    rows = []
    for submission in page.get_submission_class().objects.filter(page=page).order_by("submit_time"):
        data = submission.form_data
        row = [timezone.localtime(submission.submit_time).strftime("%d/%m/%Y %H:%M")]
        for question in questions:
            value = data.get(question.clean_name, "")
            row.append(_number(value) if question.field_type in NUMERIC_TYPES else value)
        score = quiz_score(page, data)
        row.append(f"{score[0]}/{score[1]}" if score else "")
        rows.append(row)
    return csv_bytes(rows, header=[_("Date"), *[q.label for q in questions], _("Score")], decimal_comma=True)


def _number(answer):
    """A number question's answer as a number (Decimal), or as it was if it is not one."""
    try:
        return Decimal(str(answer).replace(",", "."))
    except (InvalidOperation, ValueError):
        return answer
