"""Lookup paths of ``Q`` objects: whether they may repeat a row, and the same conditions seen from a
related model (what ``lab.scope`` needs to narrow one query by the scope of the rows it refers to)."""

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.db.models.constants import LOOKUP_SEP


def single_valued(model, q):
    """Whether every lookup of ``q`` follows forward foreign keys only, so that filtering on it
    cannot repeat a row (a many-to-many or reverse relation on the way can)."""
    for child in q.children:
        if isinstance(child, Q):
            if not single_valued(model, child):
                return False
            continue
        current = model
        for part in child[0].split(LOOKUP_SEP):
            try:
                field = current._meta.get_field(part)
            except FieldDoesNotExist:
                break  # « pk » or a lookup (« in »): the path ends here
            if field.many_to_many or field.one_to_many:
                return False
            if not field.is_relation:
                break
            current = field.related_model
    return True


def followed(q, relation):
    """``q``, written for a related model, with each lookup followed from ``relation``."""
    children = [
        followed(child, relation) if isinstance(child, Q) else (f"{relation}{LOOKUP_SEP}{child[0]}", child[1])
        for child in q.children
    ]
    return Q.create(children, connector=q.connector, negated=q.negated)
