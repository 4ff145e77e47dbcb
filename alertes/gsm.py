"""SMS length: GSM-7 or UCS-2 encoding, segments, and replacements for characters outside GSM-7.

A text written only with the GSM 03.38 alphabet costs 160 characters for one SMS, 153 per part when
it is split; one character outside it switches the whole message to UCS-2: 70, then 67 per part.
Characters of the GSM extension table (€, [, ], {, }…) count double.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = "^{}\\[~]|€\f"
_BASIC = frozenset(GSM7_BASIC)
_EXTENSION = frozenset(GSM7_EXTENSION)

#: Suggested GSM-7 replacements for characters French texts often contain.
REPLACEMENTS = {
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "’": "'",
    "‘": "'",
    "‚": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "„": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "\u00a0": " ",
    "\u202f": " ",
    "\t": " ",
    "ç": "c",
    "â": "a",
    "á": "a",
    "ê": "e",
    "ë": "e",
    "î": "i",
    "ï": "i",
    "í": "i",
    "ô": "o",
    "ó": "o",
    "û": "u",
    "ú": "u",
    "ÿ": "y",
    "À": "A",
    "Â": "A",
    "È": "E",
    "Ê": "E",
    "Ë": "E",
    "Î": "I",
    "Ï": "I",
    "Ô": "O",
    "Ù": "U",
    "Û": "U",
    "•": "-",
}

SINGLE_GSM7, MULTI_GSM7 = 160, 153
SINGLE_UCS2, MULTI_UCS2 = 70, 67
MAX_SEGMENTS = 10


@dataclass
class SmsLength:
    """How a text travels as SMS."""

    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7, extension counting 2) or UTF-16 code units (UCS-2)
    segments: int
    #: Characters outside GSM-7, each with a suggested replacement ("" when none is known).
    outside: list = field(default_factory=list)

    @property
    def per_segment(self):
        if self.encoding == "GSM-7":
            return SINGLE_GSM7 if self.segments <= 1 else MULTI_GSM7
        return SINGLE_UCS2 if self.segments <= 1 else MULTI_UCS2


def sms_length(text):
    """Encoding, length and segments of ``text``, with the characters that force UCS-2."""
    text = text or ""
    outside = []
    seen = set()
    units = 0
    for char in text:
        if char in _BASIC:
            units += 1
        elif char in _EXTENSION:
            units += 2
        elif char not in seen:
            seen.add(char)
            outside.append((char, replacement(char)))
    if not outside:
        segments = 0 if units == 0 else (1 if units <= SINGLE_GSM7 else math.ceil(units / MULTI_GSM7))
        return SmsLength("GSM-7", units, segments)
    units = len(text.encode("utf-16-le")) // 2
    segments = 1 if units <= SINGLE_UCS2 else math.ceil(units / MULTI_UCS2)
    return SmsLength("UCS-2", units, segments, outside)


def segments(text):
    return sms_length(text).segments


REMOVED = "\x00"
_REMOVAL = re.compile(r"( ?)\x00+( ?)")


def is_gsm7(char):
    return char in _BASIC or char in _EXTENSION


def replacement(char):
    """What ``to_gsm7`` puts for a character outside GSM-7: a known replacement, the letter without its
    accent (« ã » → « a »), else "" (the character is removed: emoji, symbols, other scripts)."""
    if char in REPLACEMENTS:
        return REPLACEMENTS[char]
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return bare if bare and all(is_gsm7(c) for c in bare) else ""


def to_gsm7(text):
    """``text`` in the GSM-7 alphabet (the « remplacer » suggestion): every character outside it is
    replaced or removed, emoji included; a removal leaves at most one space where it was."""
    out = "".join(char if is_gsm7(char) else (replacement(char) or REMOVED) for char in text or "")
    return _REMOVAL.sub(_merge_spaces, out)


def _merge_spaces(match):
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or text[start - 1] == "\n" or end == len(text) or text[end] == "\n":
        return ""
    return match.group(1) or match.group(2)
