"""The user manual (notice d'utilisation): docs/alertes-notice.md, shown in the module and as a PDF."""

from pathlib import Path

import markdown
from django.conf import settings
from django.utils.safestring import mark_safe

#: The publicity sentence the FEDER requires on every support of the operation (seed 002).
PUBLICITY_SENTENCE = "Ce projet est cofinancé par l'Union Européenne avec le FEDER"
#: The operation of seed 002 (Centres sociaux connectés, MEL 2018-2019), when the demo loaded it.
PROGRAMME_SLUG = "csc-mel-2018"


def notice_path():
    return Path(settings.BASE_DIR) / "docs" / "alertes-notice.md"


def notice_html():
    """The manual rendered from Markdown (our own file: trusted HTML)."""
    text = notice_path().read_text(encoding="utf-8")
    return mark_safe(markdown.markdown(text, extensions=["tables", "toc", "sane_lists"]))  # noqa: S308


def operation_programme():
    from lab.models import ProgrammePage

    return ProgrammePage.objects.filter(slug=PROGRAMME_SLUG).first()


def notice_pdf():
    """The manual as PDF, through the one rendering path, with the operation's publicity mention."""
    from lab.infra.pdf import render_pdf

    return render_pdf(
        "alertes/pdf/notice.html",
        {"body": notice_html(), "mention": PUBLICITY_SENTENCE},
        programme=operation_programme(),
        title=f"Alertes SMS — notice d'utilisation — {PUBLICITY_SENTENCE}",
    )
