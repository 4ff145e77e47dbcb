"""French word forms in full-text search, the same on SQLite (the default) as on PostgreSQL.

PostgreSQL's ``french`` configuration reduces every word to its Snowball stem, in the index and in the
query. SQLite's FTS5 has no French stemmer: its index keeps the words as written, so « alerte » missed
« alertes ». Here the SQLite index stores the Snowball stems of the title and the body (the
autocomplete column keeps the words, for the admin's choosers) and the query's words are stemmed the
same way: both databases compare the same stems.

On both, a word whose stem has at least ``PREFIX_MIN_LENGTH`` letters also finds the longer stems that
begin with it: « essaimer » (stem « essaim ») finds « essaimage » (stem « essaimag »).
"""

import re
from functools import cache

import snowballstemmer
from django.utils.encoding import force_str
from modelsearch.query import Phrase, PlainText

WORD = re.compile(r"\w+")
PREFIX_MIN_LENGTH = 5


@cache
def _stemmer():
    return snowballstemmer.stemmer("french")


def stem(word):
    """The Snowball French stem of one word, lowercased (what PostgreSQL's ``french`` configuration indexes)."""
    return _stemmer().stemWord(word.lower())


def stem_text(text):
    """``text`` as the sequence of its words' stems, separated by single spaces."""
    return " ".join(stem(word) for word in WORD.findall(text or ""))


def query_words(query_string):
    """The words of a query with the stem of each: ``[(word, stem)]``."""
    return [(word, stem(word)) for word in WORD.findall(query_string)]


def _lexemes(lexeme_class, words, operator, term, **kwargs):
    """The query's words combined with ``operator``, each a prefix when its stem is long enough."""
    combined = None
    for word, word_stem in words:
        lexeme = lexeme_class(term(word, word_stem), prefix=len(word_stem) >= PREFIX_MIN_LENGTH, **kwargs)
        if combined is None:
            combined = lexeme
        elif operator == "and":
            combined &= lexeme
        else:
            combined |= lexeme
    return combined


class SQLiteStemmingIndexMixin:
    """Stores the stems of the title and the body in SQLite's index (the autocomplete column is left as is)."""

    def add_items(self, model, objs):
        super().add_items(model, objs)
        from modelsearch.utils import get_content_type_pk

        ids = [force_str(obj.pk) for obj in objs]
        entries = self.entries.filter(content_type_id=get_content_type_pk(model), object_id__in=ids)
        for pk, title, body in entries.values_list("pk", "title", "body"):
            entries.filter(pk=pk).update(title=stem_text(title), body=stem_text(body))


class SQLiteStemmingCompilerMixin:
    """Searches SQLite's stemmed index with the stems of the query's words."""

    def build_search_query_content(self, query, config=None):
        from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression

        if isinstance(query, PlainText):
            words = query_words(query.query_string)
            if not words:
                return None
            lexemes = _lexemes(Lexeme, words, query.operator.lower(), lambda word, word_stem: word_stem)
            return SearchQueryExpression(lexemes, config=config)
        if isinstance(query, Phrase):
            return SearchQueryExpression(stem_text(query.query_string))
        return super().build_search_query_content(query, config=config)


class PostgresPrefixCompilerMixin:
    """PostgreSQL stems by itself: the words are given as typed, long stems as prefixes."""

    def build_tsquery_content(self, query, config=None, invert=False):
        from django.contrib.postgres.search import SearchQuery
        from modelsearch.backends.database.postgres.query import Lexeme

        if isinstance(query, PlainText):
            words = query_words(query.query_string)
            if not words:
                return None
            lexemes = _lexemes(Lexeme, words, query.operator.lower(), lambda word, word_stem: word, invert=invert)
            return SearchQuery(lexemes, search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)


def stemming_mixins(backend_class):
    """``(index mixin, search compiler mixin)`` for this database backend (``None`` where nothing changes)."""
    name = backend_class.__name__
    if name.startswith("SQLite"):
        return SQLiteStemmingIndexMixin, SQLiteStemmingCompilerMixin
    if name.startswith("Postgres"):
        return None, PostgresPrefixCompilerMixin
    return None, None
