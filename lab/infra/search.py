"""Search, site-wide: what a user types is words to look for, never query syntax.

Two pieces, each used in one place:

- ``SearchBackend``, configured in ``WAGTAILSEARCH_BACKENDS``: Wagtail's database backend (SQLite FTS5
  or PostgreSQL, whichever the database is) whose queries are cleaned before they are compiled, so a
  quote, a NUL or FTS5 syntax in any search (the commons, the API, the admin's choosers and lists)
  finds the words instead of failing. It also accepts any filter or ordering of the searched queryset:
  the database backends run the search as a subquery of that queryset, so what SQL can express works
  (Wagtail's image and document choosers filter on a tag name, which the stock check refuses).
  Its words are compared by their French stems on both databases (``lab.infra.french_search``).
- ``WordSearchViewMixin``, added to every admin view of the project's viewsets (``lab.scope``): the
  admin lists search their ``search_fields`` in the database, Django admin's way: every word must
  appear in one of the fields (« martin alice » finds Alice Martin, « Dup » finds Dupont), always up
  to date, with no search index involved.
"""

import copy
import re
from functools import cache, reduce
from operator import and_, or_

from django.db.models import Q
from django.utils.text import smart_split, unescape_string_literal
from modelsearch.backends import database
from modelsearch.backends.base import SearchFieldError
from modelsearch.query import MATCH_NONE, And, Boost, Not, Or, SearchQuery
from wagtail.search.index import class_is_indexed

from lab.infra.french_search import stemming_mixins

# Letters and digits: what both engines index. Everything else separates words, as their tokenizers
# do, and is never read as syntax: a double quote opens a string in FTS5 (modelsearch does not escape
# it), ``*``, ``-``, ``(``, ``^`` or ``:`` are FTS5 operators, a NUL ends SQLite's query text and
# PostgreSQL refuses it.
WORD = re.compile(r"\w+")


def plain_words(text):
    """The words of ``text``, separated by single spaces."""
    return " ".join(WORD.findall(text))


def plain_query(query):
    """A search query (a string or modelsearch's query objects) made of plain words only.

    A query left with no words matches nothing (a string becomes "", which the backend answers with
    no results).
    """
    if isinstance(query, str):
        return plain_words(query)
    if isinstance(query, (And, Or)):
        subqueries = [plain_query(subquery) for subquery in query.subqueries]
        subqueries = [subquery for subquery in subqueries if subquery is not MATCH_NONE]
        return type(query)(subqueries) if subqueries else MATCH_NONE
    if isinstance(query, (Not, Boost)):
        subquery = plain_query(query.subquery)
        if subquery is MATCH_NONE:
            return MATCH_NONE
        cleaned = copy.copy(query)
        cleaned.subquery = subquery
        return cleaned
    if isinstance(query, SearchQuery) and hasattr(query, "query_string"):  # PlainText, Phrase, Fuzzy
        words = plain_words(query.query_string)
        if not words:
            return MATCH_NONE
        cleaned = copy.copy(query)
        cleaned.query_string = words
        return cleaned
    return query


class PlainWordsCompilerMixin:
    """Checks only the searched fields: any filter and ordering of the queryset is left to SQL."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if hasattr(self, "FTS_TABLE_FIELDS"):
            # SQLite keeps every field of an object in the same FTS5 columns: the search runs on all
            # of them (modelsearch would name the model's fields as FTS5 columns: « no such column »).
            self.fields = None

    def check(self):
        if self.fields:
            allowed = {field.field_name for field in self.queryset.model.get_searchable_search_fields()}
            for name in self.fields:
                if name not in allowed:
                    raise SearchFieldError(f'Cannot search with field "{name}".', field_name=name)


class PlainWordsBackendMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(query_compiler_class, plain_query(query), model_or_queryset, **kwargs)


@cache
def _plain_words_class(backend_class):
    index_mixin, stemming_mixin = stemming_mixins(backend_class)

    def compiler(base, *mixins):
        mixins = [mixin for mixin in mixins if mixin]
        return type(f"PlainWords{base.__name__}", (*mixins, PlainWordsCompilerMixin, base), {}) if base else None

    attributes = {
        "query_compiler_class": compiler(backend_class.query_compiler_class, stemming_mixin),
        "autocomplete_query_compiler_class": compiler(backend_class.autocomplete_query_compiler_class),
    }
    if index_mixin:
        index_class = backend_class.index_class
        attributes["index_class"] = type(f"French{index_class.__name__}", (index_mixin, index_class), {})
    return type(f"PlainWords{backend_class.__name__}", (PlainWordsBackendMixin, backend_class), attributes)


def SearchBackend(params):  # noqa: N802 (the name modelsearch looks up in a backend module)
    """Wagtail's database backend for the current database, taking every query as plain words."""
    vendor_backend = database.SearchBackend(params)
    return _plain_words_class(type(vendor_backend))(params)


def search_terms(text):
    """The words of an admin search, read as Django's admin does: "a quoted phrase" is one term; a
    stray double quote is dropped, an apostrophe kept (« L'Étoile »)."""
    terms = []
    for bit in smart_split(text):
        if len(bit) > 1 and bit[0] in "\"'" and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        bit = bit.strip('" ')
        if bit:
            terms.append(bit)
    return terms


class WordSearchViewMixin:
    """Admin listing views: every word of the search is in one of the view's ``search_fields``."""

    def search_queryset(self, queryset):
        indexed = self.search_backend_name and class_is_indexed(queryset.model)
        if not self.is_searching or indexed or not self.search_fields:
            return super().search_queryset(queryset)
        conditions = [
            reduce(or_, (Q(**{f"{field}__icontains": term}) for field in self.search_fields))
            for term in search_terms(self.search_query)
        ]
        return queryset.filter(reduce(and_, conditions)) if conditions else queryset
