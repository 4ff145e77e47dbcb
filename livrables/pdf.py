"""The one rendering path of every PDF of Labo commun.

Every document goes through ``render_pdf`` (one document) or ``render_pdf_batch`` (many documents
as one PDF, e.g. 500 certificates). The path:

- wraps each document's HTML in ``pdf/base.html``, which repeats the programme's publicity block
  (sentence and logos, the same include as the public pages) at the head of every page, with
  « page X / Y » at the foot (except for documents that are one page by design, such as
  certificates: ``numbered=False``);
- uses only the fonts shipped in ``lab/static/lab/fonts`` (declared in ``livrables/pdf.css``);
- resolves images and styles from local storage and static files, never from the network;
- parses the stylesheet and the fonts once per process, so a batch costs what WeasyPrint costs;
- splits a large batch of unnumbered, untagged documents (500 certificates) across the machine's
  cores, then joins the parts into one PDF (``PDF_BATCH_PROCESSES``; pikepdf joins them).

Data is built by the caller (a service function); rendering is pure and can run in a task.
"""

import io
import mimetypes
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

#: Every relative or root-relative URL of a PDF template resolves against this base, which the
#: fetcher maps to local files: no request ever leaves the machine.
BASE_URL = "http://labo-commun.local/"
LOCAL_NETLOC = "labo-commun.local"
STYLESHEET = "livrables/pdf.css"


class LocalOnlyFetcher(URLFetcher):
    """Serves media and static files from local storage; refuses any other URL (no network)."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.netloc != LOCAL_NETLOC:
            raise ValueError(f"PDF resources must be local, refused: {url[:100]}")
        path = unquote(parts.path)
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL))
            if not found:
                raise FileNotFoundError(path)
            with open(found, "rb") as handle:
                body = handle.read()
        elif path.startswith(settings.MEDIA_URL):
            with default_storage.open(path.removeprefix(settings.MEDIA_URL), "rb") as handle:
                body = handle.read()
        else:
            raise FileNotFoundError(path)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})


@dataclass
class PdfDocument:
    """One document of a PDF: a body template, its context, and the programme it belongs to."""

    template: str
    context: dict = field(default_factory=dict)
    programme: object = None
    landscape: bool = False
    #: « page X / Y » at the foot of each page; a one-page document (a certificate) goes without, which
    #: also lets a batch of them be rendered in parallel parts.
    numbered: bool = True


class _Resources(threading.local):
    """The parsed stylesheet, font configuration and fetcher, built once per process and thread."""

    def get(self):
        if not hasattr(self, "stylesheet"):
            self.fetcher = LocalOnlyFetcher()
            self.font_config = FontConfiguration()
            found = finders.find(STYLESHEET)
            with open(found, encoding="utf-8") as handle:
                self.stylesheet = CSS(
                    string=handle.read(), base_url=BASE_URL, url_fetcher=self.fetcher, font_config=self.font_config
                )
        return self


_resources = _Resources()


def render_html(documents, *, title, preview=False):
    """The HTML of ``documents`` as one printable file; ``preview`` links the stylesheet for browsers."""
    rendered, previous = [], object()
    for document in documents:
        programme_id = getattr(document.programme, "pk", None)
        rendered.append(
            {
                "body": render_to_string(document.template, {**document.context, "programme": document.programme}),
                "programme": document.programme,
                "landscape": document.landscape,
                "numbered": document.numbered,
                # A running header stays on the following pages until another one replaces it, so it
                # is written only where the programme changes (and on every document of a preview).
                # WeasyPrint lays out twice each page that brings new running elements: writing the
                # same header on each of 500 certificates doubled the batch's time.
                "running_header": preview or programme_id != previous,
            }
        )
        previous = programme_id
    return render_to_string(
        "pdf/base.html", {"title": title, "documents": rendered, "stylesheet": STYLESHEET, "preview": preview}
    )


def html_to_pdf(html, *, tagged=True):
    """PDF bytes of printable ``html`` with the shipped fonts and stylesheet.

    ``tagged`` writes the structure tags (headings, paragraphs, lists, reading order) that screen
    readers use; batches of hundreds of one-page certificates may skip them for speed.
    """
    resources = _resources.get()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=resources.fetcher)
    return document.write_pdf(stylesheets=[resources.stylesheet], font_config=resources.font_config, pdf_tags=tagged)


def batch_processes(documents, tagged):
    """How many processes render ``documents``: one, unless the batch is large, untagged and unnumbered.

    Page numbers (« page X / Y ») and structure tags span the whole document, so only batches of
    self-contained pages are split. Each part costs a process fork and the join about a millisecond
    a page, which pays off from a few dozen pages.
    """
    # By default one process per core, four at most: a worker's batch must not starve its machine.
    wanted = getattr(settings, "PDF_BATCH_PROCESSES", None) or min(os.cpu_count() or 1, 4)
    minimum = getattr(settings, "PDF_BATCH_MIN_PART", 40)
    if tagged or wanted < 2 or any(document.numbered for document in documents):
        return 1
    return max(1, min(wanted, len(documents) // minimum))


def _untagged_pdf(html):
    return html_to_pdf(html, tagged=False)


def join_pdfs(parts, *, title):
    """One PDF of the PDF bytes ``parts``, in order, titled ``title`` (qpdf, through pikepdf: a tenth
    of pypdf's time on 500 pages)."""
    import pikepdf

    joined = pikepdf.new()
    sources = [pikepdf.open(io.BytesIO(part)) for part in parts]  # open until the joined file is saved
    for source in sources:
        joined.pages.extend(source.pages)
    joined.docinfo["/Title"] = title
    joined.docinfo["/Producer"] = "Labo commun (WeasyPrint)"
    output = io.BytesIO()
    joined.save(output)
    for source in sources:
        source.close()
    return output.getvalue()


def render_pdf_batch(documents, *, title, tagged=True):
    """Many documents as one PDF, each starting on a new page with its programme's publicity block.

    A large batch of unnumbered documents is rendered in contiguous parts by forked processes (they
    inherit the parsed stylesheet and fonts, and touch no database), then joined in order.
    """
    documents = list(documents)
    processes = batch_processes(documents, tagged)
    if processes == 1:
        return html_to_pdf(render_html(documents, title=title), tagged=tagged)
    _resources.get()  # parsed once here, inherited by every part
    size = -(-len(documents) // processes)
    htmls = [render_html(documents[start : start + size], title=title) for start in range(0, len(documents), size)]
    with ProcessPoolExecutor(max_workers=len(htmls), mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(_untagged_pdf, htmls))
    return join_pdfs(parts, title=title)


def render_pdf(template, context, *, programme, title, landscape=False, tagged=True, numbered=True):
    """One document as PDF bytes."""
    return render_pdf_batch(
        [PdfDocument(template, context, programme, landscape, numbered)], title=title, tagged=tagged
    )


def pdf_response(pdf_bytes, filename, *, inline=False):
    """An HTTP response carrying ``pdf_bytes`` as a download (or shown in the browser)."""
    response = HttpResponse(pdf_bytes, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
