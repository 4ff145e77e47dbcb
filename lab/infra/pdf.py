"""The one rendering path of every PDF of Labo commun.

Every document goes through ``render_pdf`` (one document) or ``render_pdf_batch`` (many documents
as one PDF, e.g. 500 certificates). The path:

- wraps each document's HTML in ``lab/pdf/base.html``, which repeats the programme's publicity block
  (sentence and logos, the same include as the public pages) at the head of every page, with
  « page X / Y » at the foot (except for documents that are one page by design, such as
  certificates: ``numbered=False``);
- uses only the fonts shipped in ``lab/static/lab/fonts`` (declared in ``lab/pdf.css``);
- resolves images and styles from local storage and static files, never from the network;
- parses the stylesheet and the fonts once per process, and the programme's publicity block once
  per batch, so a batch costs what WeasyPrint costs;
- pauses Python's cyclic garbage collector while WeasyPrint lays out (a document's boxes live until
  it is written anyway; the collector walking them again and again cost a fifth of a batch's time);
- cuts a large batch of unnumbered, untagged documents (500 certificates) into parts
  (``batch_parts``) that tasks render on any worker, then joins them into one PDF (pikepdf): more
  workers make a batch faster (``ateliers.batches``). The parts also drive a batch's progress bar.

Data is built by the caller (a service function); rendering is pure and can run in a task.
"""

import gc
import io
import math
import mimetypes
import threading
from contextlib import contextmanager
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
STYLESHEET = "lab/pdf.css"
#: PDF/A-2a: archival (fonts embedded, colours described, metadata in XMP) and accessible (level
#: « a » means tagged: reading order and structure for screen readers). Stored certificates use it.
ARCHIVAL_VARIANT = "pdf/a-2a"


class LocalOnlyFetcher(URLFetcher):
    """Serves media and static files from local storage; refuses any other URL (no network)."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        public_prefix = _public_storage_prefix()
        if public_prefix and url.startswith(public_prefix):  # public files on object storage (S3)
            with default_storage.open(unquote(url.removeprefix(public_prefix).split("?", 1)[0]), "rb") as handle:
                body = handle.read()
            return URLFetcherResponse(url, body, {"Content-Type": mimetypes.guess_type(url)[0] or ""})
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


def _public_storage_prefix():
    """The absolute address of public files when they are served from elsewhere (object storage), else ``""``."""
    prefix = default_storage.url("")
    return prefix if urlsplit(prefix).netloc else ""


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


def publicity_headers(documents):
    """The publicity block (sentence and logos) of each programme of ``documents``, as HTML, rendered
    once: keyed by programme id (``None`` for a document outside any programme)."""
    from lab.templatetags.lab_tags import publicity_block

    headers = {}
    for document in documents:
        key = getattr(document.programme, "pk", None)
        if key not in headers:
            context = publicity_block(document.programme, "pdf") if document.programme is not None else {}
            headers[key] = render_to_string("lab/includes/publicity_block.html", context) if context else ""
    return headers


def render_html(documents, *, title, preview=False, headers=None):
    """The HTML of ``documents`` as one printable file; ``preview`` links the stylesheet for browsers.

    ``headers`` are the programmes' publicity blocks from ``publicity_headers`` (rendered here if not
    given): a part of a batch rendered in another process gets them ready-made, since rendering them
    may read the database (logos and their renditions).
    """
    headers = headers if headers is not None else publicity_headers(documents)
    rendered, previous = [], object()
    for document in documents:
        programme_id = getattr(document.programme, "pk", None)
        rendered.append(
            {
                "body": render_to_string(document.template, {**document.context, "programme": document.programme}),
                "landscape": document.landscape,
                "numbered": document.numbered,
                # A running header stays on the following pages until another one replaces it, so it
                # is written only where the programme changes (and on every document of a preview).
                # WeasyPrint lays out twice each page that brings new running elements: writing the
                # same header on each of 500 certificates doubled the batch's time.
                "header": headers[programme_id] if preview or programme_id != previous else None,
            }
        )
        previous = programme_id
    return render_to_string(
        "lab/pdf/base.html", {"title": title, "documents": rendered, "stylesheet": STYLESHEET, "preview": preview}
    )


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for the block, back as it was after.

    WeasyPrint builds hundreds of thousands of objects per batch, kept until the PDF is written; each
    automatic collection walks all of them again. Nothing is leaked: the cycles left behind are
    collected by the next automatic collection once the collector is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def html_to_pdf(html, *, tagged=True, variant=None):
    """PDF bytes of printable ``html`` with the shipped fonts and stylesheet.

    ``tagged`` writes the structure tags (headings, paragraphs, lists, reading order) that screen
    readers use; batches of hundreds of one-page certificates may skip them for speed. ``variant``
    is one of WeasyPrint's ``pdf_variant`` (``ARCHIVAL_VARIANT`` for documents kept for years).
    """
    resources = _resources.get()
    with collector_paused():
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=resources.fetcher)
        return document.write_pdf(
            stylesheets=[resources.stylesheet],
            font_config=resources.font_config,
            pdf_tags=tagged,
            pdf_variant=variant,
        )


def batch_parts(documents, tagged, size=None):
    """The ``(start, stop)`` slices of ``documents`` that may be rendered as separate PDFs, then joined.

    Page numbers (« page X / Y ») and structure tags span the whole document, so only a batch of
    self-contained, untagged pages (certificates) is split: into parts of about ``PDF_BATCH_PART``
    documents (50 by default), each a task any worker may run (see ``ateliers.batches``). The
    join costs about a millisecond a page, and each finished part moves the batch's progress bar.
    """
    count = len(documents)
    if not _splittable(documents, tagged):
        return [(0, count)]
    return part_slices(count, size)


def part_slices(count, size=None, weights=None):
    """``count`` items cut into slices of at most ``size`` (``PDF_BATCH_PART``, 50 by default), the
    last ones smaller (guided self-scheduling): each slice is a quarter of what is left, between a
    quarter of ``size`` and ``size``. Workers take the next part as they finish one: with equal parts,
    the last one was rendered by one worker while the others had nothing left (11 parts on 2 workers:
    a twelfth of the batch on one core); with a shrinking tail they finish within a small part of each
    other, whatever their number. ``weights`` (one per item, 1 by default) is what each item costs to
    render: slices are then cut by cost, so that a tail of heavier items is still a small one."""
    size = max(1, size or getattr(settings, "PDF_BATCH_PART", 50))
    weights = [1] * count if weights is None else list(weights)
    smallest = max(1, size // 4)
    slices, start, left = [], 0, sum(weights)
    while start < count:
        target = min(size, max(smallest, math.ceil(left / 4)))
        stop, taken = start, 0
        while stop < count and (taken < target or stop == start):
            taken += weights[stop]
            stop += 1
        if left - taken < smallest:  # no crumb of a part at the end
            stop, taken = count, left
        slices.append((start, stop))
        start, left = stop, left - taken
    return slices


def _splittable(documents, tagged):
    return not tagged and not any(document.numbered for document in documents)


def join_pdfs(parts, *, title):
    """One PDF of the PDF bytes ``parts``, in order, titled ``title`` (qpdf, through pikepdf: a tenth
    of pypdf's time on 500 pages)."""
    import pikepdf

    if len(parts) == 1:
        return parts[0]
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


def render_pdf_part(documents, *, title, tagged=True, headers=None):
    """The PDF bytes of ``documents`` rendered as one piece: a whole document, or one part of a batch
    that a task renders on its own and ``join_pdfs`` joins later."""
    with collector_paused():
        html = render_html(documents, title=title, headers=headers)
    return html_to_pdf(html, tagged=tagged)


def render_pdf_batch(documents, *, title, tagged=True, progress=None):
    """Many documents as one PDF, each starting on a new page with its programme's publicity block.

    Rendered in this process. A batch of unnumbered, untagged documents is rendered part by part
    (``batch_parts``) and ``progress(done, total)`` is called as each part is finished, ``done``
    counting documents. Spreading a large batch over several workers is the task queue's job:
    ``ateliers.batches`` renders each part as its own task, then joins them.
    """
    documents = list(documents)
    headers = publicity_headers(documents)
    pdfs = []
    for start, stop in batch_parts(documents, tagged) or [(0, 0)]:
        pdfs.append(render_pdf_part(documents[start:stop], title=title, tagged=tagged, headers=headers))
        if progress:
            progress(stop, len(documents))
    return join_pdfs(pdfs, title=title)


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
