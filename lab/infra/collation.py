"""French alphabetical order in the database, the same on SQLite and PostgreSQL.

« Élodie » comes before « Inès », « Œuvray » with the O's: case, accents and ligatures are folded.
Two tools, one rule (``fold``):

- ``fold(text)`` gives a stored sort key, for big tables sorted on every page (members);
- ``french(expression)`` collates an expression with ``fr_fold``: on PostgreSQL an ICU collation
  created by a migration (``CREATE_COLLATION_SQL``), on SQLite a collation registered on every new
  connection (``register_sqlite_collation``), which compares the folded texts. Fine for small lists
  (groups, accounts); its Python comparisons would be slow over thousands of rows.
"""

import unicodedata
from functools import lru_cache

from django.db.models.functions import Collate

COLLATION = "fr_fold"
#: ICU, level 1: case and accents ignored, « œ » equal to « oe »; numbers in numeric order.
CREATE_COLLATION_SQL = (
    f"CREATE COLLATION IF NOT EXISTS {COLLATION} "
    "(provider = icu, locale = 'fr-u-ks-level1-kn-true', deterministic = false)"
)
DROP_COLLATION_SQL = f"DROP COLLATION IF EXISTS {COLLATION}"
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})


@lru_cache(maxsize=50_000)
def fold(text):
    """« Œuvray-Élodie » → « oeuvray elodie »: accents, ligatures, case and punctuation folded."""
    text = unicodedata.normalize("NFKD", (text or "").translate(LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = "".join(c if c.isalnum() else " " for c in text)
    return " ".join(text.split())


def _compare(left, right):
    left_key, right_key = fold(left), fold(right)
    return (left_key > right_key) - (left_key < right_key)


def register_sqlite_collation(sender, connection, **kwargs):
    """``connection_created`` receiver: give SQLite the ``fr_fold`` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def french(expression):
    """``expression`` in French order (``order_by(french("name"))``)."""
    return Collate(expression, COLLATION)
