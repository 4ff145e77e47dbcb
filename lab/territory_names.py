"""Territory names a visitor can tell apart: two territories with one name (Mayotte the department and
Mayotte the region) are shown with their level, « Mayotte (département) » and « Mayotte (région) »."""

from django.db.models import Count

from lab.choices import TerritoryLevel


def label(name, level, shared):
    """``name``, followed by its level in brackets when another territory bears the same name."""
    if name.lower() not in shared:
        return name
    return f"{name} ({TerritoryLevel(level).label.lower()})" if level in TerritoryLevel.values else name


def shared_names(names):
    """The lowercased names, among ``names``, that more than one territory bears (one query)."""
    from lab.models import Territory

    names = {name for name in names if name}
    if not names:
        return set()
    rows = (
        Territory.objects.filter(name__in=names)
        .values("name")
        .annotate(count=Count("pk"))
        .filter(count__gt=1)
        .values_list("name", flat=True)
    )
    return {name.lower() for name in rows}


def with_labels(territories):
    """``territories`` (a list), each with a ``label`` attribute that tells it apart from its homonyms."""
    territories = list(territories)
    shared = shared_names(territory.name for territory in territories)
    for territory in territories:
        territory.label = label(territory.name, territory.level, shared)
    return territories
