"""The commons' own vocabulary, and « Vouliez-vous dire … » built from it.

Every word of a published resource (title, summary, text, tags, themes) is kept with its French stem
in ``SearchTerm``. A word of a search that no resource contains, under any of its forms, is replaced by
the closest word of the vocabulary: trigram similarity (``pg_trgm``) on PostgreSQL, ``difflib``'s
ratio on SQLite, among the words that begin with the same letter and have about the same length.
"""

import difflib

from django.db import connection
from django.db.models import Q
from django.db.models.functions import Length

from home.models import SearchTerm
from lab.infra.french_search import PREFIX_MIN_LENGTH, WORD, stem

MIN_WORD_LENGTH = 3
MAX_WORD_LENGTH = 60
#: How close a word of the vocabulary must be to be suggested (trigram similarity or difflib ratio).
MIN_SIMILARITY = {"postgresql": 0.3, "default": 0.75}


def words_of(*texts):
    """The distinct lowercased words of ``texts`` worth suggesting."""
    return {
        word.lower()
        for text in texts
        for word in WORD.findall(text or "")
        if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH and not word.isdigit()
    }


def add_words(*texts):
    """Add the words of ``texts`` to the vocabulary (one query)."""
    words = words_of(*texts)
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, stem=stem(word)[:MAX_WORD_LENGTH]) for word in words], ignore_conflicts=True
    )


def clear():
    SearchTerm.objects.all().delete()


def is_known(word):
    """Some resource holds ``word`` under one of its forms (its stem, or a longer stem it begins)."""
    word_stem = stem(word)
    condition = Q(word=word.lower()) | Q(stem=word_stem)
    if len(word_stem) >= PREFIX_MIN_LENGTH:
        condition |= Q(stem__startswith=word_stem)
    return SearchTerm.objects.filter(condition).exists()


def closest_word(word):
    """The vocabulary's word closest to ``word``, or ``None`` when none is close enough."""
    word = word.lower()
    candidates = SearchTerm.objects.annotate(length=Length("word")).filter(
        word__startswith=word[0], length__gte=len(word) - 2, length__lte=len(word) + 2
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        best = (
            candidates.annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=MIN_SIMILARITY["postgresql"])
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
        return best
    words = sorted(candidates.values_list("word", flat=True))
    matches = difflib.get_close_matches(word, words, n=1, cutoff=MIN_SIMILARITY["default"])
    return matches[0] if matches else None


def suggestion(query):
    """``query`` with each word that no resource holds replaced by the closest known word; ``None`` when
    every word is known or no replacement was found."""
    words = WORD.findall(query)
    corrected = []
    changed = False
    for word in words:
        if len(word) < MIN_WORD_LENGTH or word.isdigit() or is_known(word):
            corrected.append(word)
            continue
        replacement = closest_word(word)
        changed |= replacement is not None
        corrected.append(replacement or word)
    return " ".join(corrected) if changed else None
