"""The case-study report as a PDF (and as PDF/A for archiving: ``?archive=1``)."""
from __future__ import annotations

from ..documents import _slug
from ..i18n import _, _l
from ..pdf import render_pdf
from ..registry import Document
from .report import build

#: WeasyPrint's variant for archiving (PDF/A-3b: fonts embedded, metadata in XMP)
ARCHIVE_VARIANT = "pdf/a-3b"


def archive_variant(value: str | None) -> str | None:
    """``archive`` option: "1" for PDF/A; anything else but empty or "0" is not known (404)."""
    if value in (None, "", "0"):
        return None
    if value == "1":
        return ARCHIVE_VARIANT
    raise KeyError(value)


def render_case_study(dialogue, lang: str, archive: str | None = None) -> tuple[bytes, str]:
    variant = archive_variant(archive)
    report = build(dialogue, lang)
    title = _("Case study: %(title)s", title=report.title.text)
    data = render_pdf("pdf/case_study.html", lang=lang, title=title, context={"report": report},
                      author=dialogue.organisation, variant=variant)
    suffix = "-pdfa" if variant else ""
    return data, f"case-study-{_slug(dialogue.title)}-{lang}{suffix}.pdf"


CASE_STUDY = Document(kind="case-study", title=_l("Case study"), render=render_case_study, options=("archive",))
