"""The commons' counts per filter value, kept ahead of the request.

The index shows, beside each filter, how many resources each of its values would give. Counted at
each request, that is a scan of every matching resource: on PostgreSQL, at 5,000 resources, the
counting SQL alone costs what the whole plain page costs (docs/bench.md). Most visits have no filter
or one: for those, the counts are read from ``FacetCount`` rows kept in step with publication, like
``CommonsEntry`` itself. A row says: among the resources matching ``filter_param=filter_value`` (or
all of them, both empty), ``count`` carry the value ``value`` of the facet ``param`` (``param`` empty:
the number of those resources).

A publication, an unpublication or a deletion adds the differences of one entry (``apply``); a change
that moves many entries at once (a territory moved or deleted, a theme, a tag or a programme deleted)
counts everything again (``rebuild``). ``home.commons_views`` reads the rows only when no search
words and at most one filter are given; otherwise it counts the matches as before.
"""

import contextlib
import threading
from collections import Counter
from contextvars import ContextVar

from django.apps import apps as installed_apps
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from lab.choices import TERRITORY_LEVEL_RANK

#: The facets of ``home.commons_views.FACETS``, by URL parameter: single-valued (the entry's column)
#: and many-valued (the entry's many-to-many field). A test keeps them in step with the index.
SINGLE = {
    "territoire": "territory_id",
    "stade": "stage",
    "type": "kind",
    "programme": "programme_id",
    "licence": "licence",
}
MANY = {"thematique": "themes", "mot-cle": "tags"}
TERRITORY = "territoire"
#: The rows' foreign keys, by parameter: a value's slug and name are read with the counts.
RELATED = {"thematique": "theme_id", "mot-cle": "tag_id", "programme": "programme_id"}
EVERY = ("", "")  # no filter / the number of resources
_paused = ContextVar("facet_counts_paused", default=False)
#: The rows of the entries being deleted, read before (their themes and tags go first), taken away after.
_deleting = threading.local()


@contextlib.contextmanager
def paused():
    """No counting entry by entry inside (``home.commons.rebuild`` counts everything once at the end)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def _ancestry(territory_ids, apps=installed_apps):
    """``{territory pk: [its pk, its parent's, …]}``: a resource in a commune is found by the filter on
    its département too (``home.filters``). One query, one join per level of the tree."""
    Territory = apps.get_model("lab", "Territory")  # noqa: N806 (a model)
    chains = ["parent__" * hops + "pk" for hops in range(len(TERRITORY_LEVEL_RANK))]
    ancestry = {}
    for row in Territory.objects.filter(pk__in=territory_ids).order_by().values_list(*chains):
        ancestry[row[0]] = list(dict.fromkeys(pk for pk in row if pk is not None))
    return ancestry


def _keys(entry_ids, apps=installed_apps):
    """``{entry pk: (keys it is filtered by, keys it is counted under)}`` with keys ``(param, value)``."""
    CommonsEntry = apps.get_model("home", "CommonsEntry")  # noqa: N806 (a model)
    rows = list(CommonsEntry.objects.filter(pk__in=entry_ids).order_by().values("pk", *SINGLE.values()))
    ancestry = _ancestry({row["territory_id"] for row in rows if row["territory_id"]}, apps)
    counted = {row["pk"]: [(param, row[field]) for param, field in SINGLE.items() if row[field]] for row in rows}
    for param, field in MANY.items():
        through = CommonsEntry._meta.get_field(field).remote_field.through
        target = CommonsEntry._meta.get_field(field).m2m_reverse_name()
        links = through.objects.filter(commonsentry_id__in=counted).order_by().values_list("commonsentry_id", target)
        for entry_id, value in links:
            counted[entry_id].append((param, value))
    keys = {}
    for row in rows:
        mine = [(param, str(value)) for param, value in counted[row["pk"]]]
        filtered_by = [key for key in mine if key[0] != TERRITORY]
        filtered_by += [(TERRITORY, str(pk)) for pk in ancestry.get(row["territory_id"], ())]
        keys[row["pk"]] = (filtered_by, mine)
    return keys


def _pairs(keys):
    """The rows one entry adds: every filter key (and none) × every counted key of another facet (and
    the number of resources)."""
    filtered_by, counted = keys
    return Counter(
        (filter_param, filter_value, param, value)
        for filter_param, filter_value in [EVERY, *filtered_by]
        for param, value in [EVERY, *counted]
        if param != filter_param or param == ""
    )


def entry_pairs(entry_ids, apps=installed_apps):
    """The rows the entries ``entry_ids`` add, summed."""
    total = Counter()
    for keys in _keys(entry_ids, apps).values():
        total.update(_pairs(keys))
    return total


def _columns(param, value):
    """The row's foreign key to its value, for the facets whose values are rows (``RELATED``)."""
    related = dict.fromkeys(RELATED.values())
    if param in RELATED:
        related[RELATED[param]] = int(value)
    return related


def apply(before, after):
    """Add ``after - before`` (two ``entry_pairs``) to the rows, in one statement that adds to each row
    (two publications at once both count), then drop the rows left at zero."""
    from home.models import FacetCount

    if _paused.get():
        return
    delta = Counter(after)
    delta.subtract(before)
    changes = [(key, count) for key, count in delta.items() if count]
    if not changes:
        return
    table = connection.ops.quote_name(FacetCount._meta.db_table)
    names = ["filter_param", "filter_value", "param", "value", *RELATED.values(), "count"]
    columns = ", ".join(connection.ops.quote_name(name) for name in names)
    quoted_count = connection.ops.quote_name("count")
    unique = ", ".join(connection.ops.quote_name(name) for name in names[:4])
    placeholders = "(" + ", ".join(["%s"] * len(names)) + ")"
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(changes), 200):
            batch = changes[start : start + 200]
            params = []
            for key, count in batch:
                params += [*key, *_columns(*key[2:]).values(), count]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholders] * len(batch))} "  # noqa: S608 (names from the model, values as parameters)
                f"ON CONFLICT ({unique}) DO UPDATE SET {quoted_count} = {table}.{quoted_count} + excluded.{quoted_count}",
                params,
            )
        emptied = {(key[0], key[1]) for key, count in changes if count < 0}
        if emptied:  # along the rows' index: the filters whose rows lost a resource
            lost = Q()
            for filter_param, filter_value in emptied:
                lost |= Q(filter_param=filter_param, filter_value=filter_value)
            FacetCount.objects.filter(lost, count__lte=0).delete()


def rebuild(apps=installed_apps):
    """Count every published resource again (after a bulk import, or a change to many entries at once;
    ``apps``: a migration's models). Returns the number of rows."""
    CommonsEntry, FacetCount = (apps.get_model("home", name) for name in ("CommonsEntry", "FacetCount"))  # noqa: N806

    with transaction.atomic():
        FacetCount.objects.all().delete()
        pairs = entry_pairs(CommonsEntry.objects.values_list("pk", flat=True), apps)
        FacetCount.objects.bulk_create(
            [
                FacetCount(
                    filter_param=filter_param,
                    filter_value=filter_value,
                    param=param,
                    value=value,
                    count=count,
                    **_columns(param, value),
                )
                for (filter_param, filter_value, param, value), count in pairs.items()
            ],
            batch_size=1000,
        )
    return len(pairs)


def read(param="", value=""):
    """The rows of the resources matching one filter (or all of them), and of all of them:
    ``{(filter_param, param): [row, …]}``, each row a dict with the value's slug and name, in one query."""
    from home.models import FacetCount

    rows = FacetCount.objects.filter(Q(filter_param="", filter_value="") | Q(filter_param=param, filter_value=value))
    found = {}
    for row in rows.order_by().values(
        "filter_param",
        "param",
        "value",
        "count",
        "theme__slug",
        "theme__name",
        "tag__slug",
        "tag__name",
        "programme__slug",
        "programme__title",
    ):
        found.setdefault((row["filter_param"], row["param"]), []).append(row)
    return found


# --- Keeping the rows in step ------------------------------------------------------------------------


def _entry_deleting(sender, instance, **kwargs):
    """Before an entry goes (unpublished, its page deleted): its rows, while its themes and tags can
    still be read."""
    if not _paused.get():
        _deleting.__dict__.setdefault("pairs", {})[instance.pk] = entry_pairs([instance.pk])


def _entry_deleted(sender, instance, **kwargs):
    """Its rows taken away, once: deleting a live page unpublishes it first (Wagtail), which deletes its
    entry inside the deletion that deletes it too; the second signal finds nothing left to take."""
    before = _deleting.__dict__.get("pairs", {}).pop(instance.pk, None)
    if before:
        apply(before, Counter())


def _territory_moving(sender, instance, raw=False, **kwargs):
    """Its parent before the save (none read for a fixture's rows: a restore counts everything at its end)."""
    if instance.pk and not raw:
        instance._facet_parent_before = (
            sender.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
        )


def _territory_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw and getattr(instance, "_facet_parent_before", instance.parent_id) != instance.parent_id:
        _rebuild_after_commit()


def _counted_value_deleted(sender, instance, **kwargs):
    """A territory, theme, tag or programme gone: the entries that carried it changed without being
    published again."""
    _rebuild_after_commit()


def _rebuild_after_commit():
    """Once per transaction, however many values it deletes (an admin's bulk deletion of tags)."""
    if _paused.get() or any(callback is rebuild for _savepoints, callback, _robust in connection.run_on_commit):
        return
    transaction.on_commit(rebuild)


def connect_signals():
    from taggit.models import Tag

    from home.models import CommonsEntry
    from lab.models import ProgrammePage, Territory, Theme

    pre_delete.connect(_entry_deleting, sender=CommonsEntry, dispatch_uid="facet_counts_entry_deleting")
    post_delete.connect(_entry_deleted, sender=CommonsEntry, dispatch_uid="facet_counts_entry_deleted")
    pre_save.connect(_territory_moving, sender=Territory, dispatch_uid="facet_counts_territory_moving")
    post_save.connect(_territory_saved, sender=Territory, dispatch_uid="facet_counts_territory_saved")
    for model in (Territory, Theme, Tag, ProgrammePage):
        post_delete.connect(
            _counted_value_deleted, sender=model, dispatch_uid=f"facet_counts_deleted_{model._meta.label}"
        )
