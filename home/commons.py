"""Le commun: one index of every published resource, whatever its page type.

A page type joins the commons with ``register_resource(PageModel, describe)``: ``describe(page)``
returns a ``Resource`` (kind, programme, territory, themes, stage, licence, tags, summary, text).
``CommonsEntry`` rows are kept in step with publication through Wagtail's signals, so the public
index, its facets, feeds and API read one small table with a constant number of queries.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished, post_page_move

from home import facet_counts, vocabulary
from lab.choices import Licence
from lab.services import programme_for

_registry = {}


@dataclass
class Resource:
    """What the commons needs to know about a published page."""

    kind: str
    summary: str = ""
    text: str = ""
    territory: object = None
    themes: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    stage: str = ""
    licence: str = Licence.CC_BY_SA
    structure: object = None


def register_resource(model, describe):
    """Make published pages of ``model`` resources of the commons, described by ``describe(page)``.

    Called from the ``AppConfig.ready`` of the app that owns ``model``. A deleted page's entry goes with
    it (``CommonsEntry.page`` cascades), in the same deletion: deleting it again from a signal of the
    page's own model counted it out of ``home.facet_counts`` twice.
    """
    _registry[model] = describe


def is_resource(page):
    return type(page) in _registry


def sync_entry(page):
    """Create, update or remove the commons entry of ``page`` from its current publication state."""
    from home.models import CommonsEntry

    page = page.specific
    describe = _registry.get(type(page))
    if describe is None:
        return None
    if not (page.live and page.get_view_restrictions().count() == 0):
        CommonsEntry.objects.filter(page_id=page.pk).delete()
        return None
    resource = describe(page)
    with transaction.atomic():
        entry = _save_entry(page, resource)
    vocabulary.add_words(
        page.title,
        resource.summary,
        resource.text,
        *(str(tag) for tag in resource.tags),
        *(str(theme) for theme in resource.themes),
    )
    transaction.on_commit(lambda: entry.index_for_search())
    return entry


def _save_entry(page, resource):
    """The entry of ``page`` as ``resource`` describes it, and the commons' counts moved by the difference."""
    from home.models import CommonsEntry

    existing = CommonsEntry.objects.filter(page_id=page.pk).values_list("pk", flat=True).first()
    before = facet_counts.entry_pairs([existing]) if existing else {}
    entry, _created = CommonsEntry.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "title": page.title,
            "kind": resource.kind,
            "summary": resource.summary[:1000],
            "text": resource.text,
            "url_path": page.get_url() or "",
            "programme": programme_for(page),
            "territory": resource.territory,
            "structure": resource.structure,
            "stage": resource.stage,
            "licence": resource.licence,
            "published_at": page.first_published_at or timezone.now(),
            "updated_at": page.last_published_at or timezone.now(),
        },
    )
    entry.themes.set(resource.themes)
    entry.tags.set(resource.tags)
    facet_counts.apply(before, facet_counts.entry_pairs([entry.pk]))
    return entry


def rebuild():
    """Rebuild every entry from the pages (after an import or a restore)."""

    from home.models import CommonsEntry

    with transaction.atomic(), facet_counts.paused():
        CommonsEntry.objects.all().delete()
        vocabulary.clear()
        count = 0
        for model in _registry:
            for page in model.objects.live().public():
                count += bool(sync_entry(page))
        facet_counts.rebuild()
    return count


def _on_published(sender, instance, **kwargs):
    sync_entry(instance)


def _on_unpublished(sender, instance, **kwargs):
    from home.models import CommonsEntry

    CommonsEntry.objects.filter(page_id=instance.pk).delete()


def _on_moved(sender, instance, **kwargs):
    """A page moved with what is below it: their addresses and programme changed, not their revision."""
    for page in instance.get_descendants(inclusive=True).live().specific():
        if is_resource(page):
            sync_entry(page)


def connect_signals():
    facet_counts.connect_signals()
    page_published.connect(_on_published, dispatch_uid="commons_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="commons_unpublished")
    post_page_move.connect(_on_moved, dispatch_uid="commons_moved")
