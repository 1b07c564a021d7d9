"""The one rule for text that people type or import.

Every string and text-area field of every form (``dialogue.forms.Form``'s ``Meta``), the
stakeholder CSV import, the translations import (XLIFF, CSV and form) and the dialogue package
import pass what people wrote through :func:`clean`, so typed and imported text follow the
same rule:

* **Dropped**: C0 control characters (U+0000–U+001F) except tab, line feed and carriage
  return, DEL (U+007F), C1 control characters (U+0080–U+009F), the bidi embeddings,
  overrides and isolates (U+202A–U+202E, U+2066–U+2069), the byte-order mark inside text
  (U+FEFF), unpaired surrogates and the noncharacters U+FFFE and U+FFFF. The bidi controls
  are *dropped*, not balanced: each text is already shown in an element with its language's
  direction (``dir``), so they add nothing a writer needs, and an unbalanced or malicious one
  reorders what follows it on a page, in a PDF or in a file name ("Trojan source").
* **Kept**: the marks Arabic and Hebrew text legitimately use, LRM, RLM and ALM (U+200E,
  U+200F, U+061C), the zero-width joiner and non-joiner, every letter, mark, digit, symbol
  and space.
* **Line breaks**: a multi-line text keeps tab, CR and LF, and the Unicode line and paragraph
  separators (U+2028, U+2029) become LF. A single-line text (a name, a title) has each of
  these replaced by one space.
* **Normalised** to NFC, so the same word is stored the same way whatever keyboard typed it;
  except when NFC would make the text longer (a few letters Unicode never composes, such as
  Devanagari क़ U+0958 or Hebrew presentation forms): then the text is kept as written, so
  cleaning never lengthens a text and a length checked after cleaning still holds.

:func:`clean` is idempotent and never makes a text longer. HTML and script are not this
module's business: templates escape every value (autoescape), and CSV exports neutralise
formulas (``dialogue.csvfiles.safe``).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

#: bidi embeddings (LRE, RLE, PDF), overrides (LRO, RLO) and isolates (LRI, RLI, FSI, PDI)
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: marks that right-to-left text legitimately uses, kept
BIDI_MARKS = "\u200e\u200f\u061c"

_DROP = (
    "\x00-\x08\x0b\x0c\x0e-\x1f"  # C0 but tab, LF, CR
    "\x7f-\x9f"                   # DEL and C1
    + BIDI_CONTROLS
    + "\ufeff\ufffe\uffff"
    "\ud800-\udfff"               # unpaired surrogates (paired ones do not exist in a str)
)
_FORBIDDEN = re.compile(f"[{_DROP}]")
_LINE_BREAKS = re.compile("[\u2028\u2029]")
_SINGLE_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")


def clean(value: Any, *, multiline: bool = True) -> Any:
    """``value`` without the characters this module's rule drops, line breaks as the kind of
    field allows, in NFC. Anything but a ``str`` (``None``, a number) is returned unchanged."""
    if not isinstance(value, str) or not value:
        return value
    text = _FORBIDDEN.sub("", value)
    text = (_LINE_BREAKS.sub("\n", text) if multiline else _SINGLE_LINE_BREAKS.sub(" ", text))
    normal = unicodedata.normalize("NFC", text)
    return normal if len(normal) <= len(text) else text


def clean_line(value: Any) -> Any:
    """:func:`clean` for a single-line text (a name, a title, an e-mail address)."""
    return clean(value, multiline=False)


def is_clean(value: str, *, multiline: bool = True) -> bool:
    """Whether ``value`` holds nothing that :func:`clean` would drop or replace (ignores NFC)."""
    if _FORBIDDEN.search(value):
        return False
    return not (_LINE_BREAKS if multiline else _SINGLE_LINE_BREAKS).search(value)


def clean_tree(value: Any) -> Any:
    """Every string in a JSON-like value (dicts, lists) cleaned as multi-line text; keys are
    left alone (a package's keys are its format's names, which the schema checks)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {key: clean_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_tree(item) for item in value]
    return value
