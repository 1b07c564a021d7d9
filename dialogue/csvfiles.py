"""CSV files as spreadsheets really write and read them.

Reading: UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"), else
Windows-1252; comma, semicolon or tab separated. Writing: UTF-8 with a BOM (so Excel reads
the accents), the separator a spreadsheet in the reader's language expects (";" where the
decimal mark is a comma), and no cell a spreadsheet would run as a formula.
"""
from __future__ import annotations

import csv
import io
import re

from babel import Locale

#: what starts a formula in a spreadsheet (OWASP's list)
FORMULA_STARTS = "=+-@\t\r"


class NotText(ValueError):
    """The bytes are not readable text in any encoding we accept. ``str(exc)`` is the reason:
    ``binary`` (a NUL byte: no text file has one), ``utf-8`` (UTF-8 with broken sequences: a
    damaged or truncated file, not Windows-1252) or ``encoding``."""


#: a well-formed UTF-8 sequence of two to four bytes
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(raw: bytes) -> str:
    """The file's text. UTF-8 (with or without a BOM), UTF-16 with its BOM, else Windows-1252;
    raises :class:`NotText` for a NUL anywhere, for UTF-8 that is broken somewhere (a file
    with well-formed UTF-8 sequences *and* invalid bytes is damaged, not Windows-1252, and
    reading it so would store mojibake), and for bytes no accepted encoding reads."""
    try:
        if raw.startswith(b"\xef\xbb\xbf"):
            text = raw[3:].decode("utf-8", errors="strict")
        elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = raw.decode("utf-16")
        else:
            if b"\x00" in raw:
                raise NotText("binary")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                if _UTF8_SEQUENCE.search(raw):
                    raise NotText("utf-8") from None
                text = raw.decode("cp1252")  # five bytes cp1252 leaves undefined raise here
    except UnicodeDecodeError as exc:
        raise NotText("utf-8" if "utf-8" in (exc.encoding or "") else "encoding") from exc
    if "\x00" in text:
        raise NotText("binary")
    return text


def broken_utf8_message() -> str:
    """What an import says of a file :func:`decode` refuses as broken UTF-8."""
    from .i18n import _

    return _("Part of the file is not valid UTF-8 text: it may be damaged. Save it again from the "
             "spreadsheet as “CSV UTF-8” and upload the new file.")


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of ``,`` ``;`` and tab."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_rows(text: str) -> list[tuple[int, list[str]]]:
    """Every record with the line it starts on (1-based; a quoted cell may span lines).
    Raises ``csv.Error`` for a file no spreadsheet would write (a cell over 128 KB)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows = []
    line = 1
    for row in reader:
        rows.append((line, row))
        line = reader.line_num + 1
    return rows


def safe(value) -> str:
    """A cell a spreadsheet shows as text and never runs as a formula."""
    value = "" if value is None else str(value)
    if value and value[0] in FORMULA_STARTS:
        return "'" + value
    return value


def unsafe(value: str) -> str:
    """Undo :func:`safe` on a cell read back."""
    if value and value[0] == "'" and len(value) > 1 and value[1] in FORMULA_STARTS:
        return value[1:]
    return value


def delimiter_for(lang: str) -> str:
    """``;`` where the language writes decimals with a comma (a spreadsheet there expects it)."""
    try:
        locale = Locale.parse(lang)
    except Exception:  # noqa: BLE001 - an unknown code gets the comma
        return ","
    symbols = locale.number_symbols.get("latn", locale.number_symbols) if hasattr(locale.number_symbols, "get") else {}
    decimal = symbols.get("decimal", ".") if hasattr(symbols, "get") else "."
    return ";" if decimal == "," else ","


def write(rows, *, lang: str = "en") -> bytes:
    """Rows of cells as CSV bytes for a spreadsheet; every cell passes :func:`safe`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter_for(lang), lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
