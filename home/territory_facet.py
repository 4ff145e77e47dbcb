"""The commons' territory filter as a tree: each territory counts its own resources and those of every
territory below it, and is shown under its parent with a name a visitor can tell apart."""

from types import SimpleNamespace

from django.db.models import Count

from lab.choices import TERRITORY_LEVEL_RANK
from lab.territory_names import label, shared_names

INDENT = "\u00a0\u00a0\u00a0"


def tree_counts(queryset):
    """``[{"value": slug, "label", "indent", "count"}]`` in tree order, for the resources of ``queryset``.

    One query for the counts, one for the territories and their ancestors, one for the homonyms.
    """
    direct = dict(
        queryset.exclude(territory__isnull=True)
        .order_by()
        .values_list("territory")
        .annotate(count=Count("pk", distinct=True))
    )
    return tree_options(direct)


def tree_options(direct):
    """The options of ``tree_counts`` out of ``{territory pk: number of resources in it directly}``."""
    from lab.models import Territory

    # The territories and every territory above them in one query: one join per level of the tree
    # (a quartier has at most four territories above it: commune, EPCI, département, région).
    fields = ("pk", "name", "slug", "level", "parent_id")
    chains = ["parent__" * hops for hops in range(len(TERRITORY_LEVEL_RANK))]
    nodes = {}
    rows = (
        Territory.objects.filter(pk__in=direct).order_by().values_list(*(f"{up}{f}" for up in chains for f in fields))
    )
    for row in rows:
        for start in range(0, len(row), len(fields)):
            node = dict(zip(fields, row[start : start + len(fields)], strict=True))
            if node["pk"] is None:
                break
            nodes.setdefault(node["pk"], SimpleNamespace(**node, count=0, children=[]))

    for pk, count in direct.items():
        seen = set()
        node = nodes.get(pk)
        while node is not None and node.pk not in seen:  # every ancestor counts the resource once
            seen.add(node.pk)
            node.count += count
            node = nodes.get(node.parent_id)

    roots = []
    for node in nodes.values():
        parent = nodes.get(node.parent_id)
        (parent.children if parent else roots).append(node)
    shared = shared_names(node.name for node in nodes.values())

    options = []

    def walk(siblings, depth, seen):
        for node in sorted(siblings, key=lambda node: (node.name.lower(), node.pk)):
            if node.pk in seen:
                continue
            seen.add(node.pk)
            options.append(
                {
                    "value": node.slug,
                    "label": label(node.name, node.level, shared),
                    "indent": INDENT * depth,
                    "count": node.count,
                }
            )
            walk(node.children, depth + 1, seen)

    walk(roots, 0, set())
    return options
