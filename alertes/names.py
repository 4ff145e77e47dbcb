"""Keys of a member's name: one to refuse duplicates, one for the French alphabetical order."""

import unicodedata

from lab.infra.collation import fold


def name_key(last_name, first_name):
    """« Dupont-Lefèvre », « Élodie » → « dupont lefevre|elodie »: accents, case and spacing ignored."""

    def simplify(text):
        text = unicodedata.normalize("NFKD", text or "")
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
        for sep in "-'’.":
            text = text.replace(sep, " ")
        return " ".join(text.split())

    return f"{simplify(last_name)}|{simplify(first_name)}"


def sort_key(last_name, first_name):
    """French alphabetical order: « Œuvray », « Élodie » → « oeuvray elodie »; « Dupont » before « Dupont-Roy »."""
    return f"{fold(last_name).replace(' ', '_')} {fold(first_name)}"[:210]
