"""The review of a case study: submit, comment, request changes, approve; versions and their
differences; the frozen approved version.

Only a dialogue's leads submit (``Dialogue.can_submit``), only coordinators comment and decide
(``Dialogue.can_review``): the views check that through ``access.py``; the status changes are
``CaseStudy`` methods that refuse what the current status does not allow.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from flask import current_app
from markupsafe import Markup, escape

from .. import audit, notifications
from ..casestudy.models import NARRATIVE, CaseStudy
from ..casestudy.services import case_study_of
from ..content import ContentIndex
from ..extensions import db
from ..i18n import _, language_in_sentence
from ..models import Dialogue, InvalidTransition, User, utcnow
from ..services import ServiceError
from .models import CaseStudyVersion, ReviewComment, sha256


class NotReady(ServiceError):
    """The case study cannot be submitted yet; ``problems`` says why, one sentence each."""

    def __init__(self, problems: list[str]):
        super().__init__("not_ready")
        self.problems = problems


def versions_of(record: CaseStudy | None) -> list[CaseStudyVersion]:
    if record is None:
        return []
    return list(db.session.scalars(db.select(CaseStudyVersion).where(CaseStudyVersion.case_study_id == record.id)
                                   .order_by(CaseStudyVersion.number)))


def current_version(record: CaseStudy | None) -> CaseStudyVersion | None:
    versions = versions_of(record)
    return versions[-1] if versions else None


def version_of(record: CaseStudy | None, number: int) -> CaseStudyVersion | None:
    return next((v for v in versions_of(record) if v.number == number), None)


def readiness(dialogue: Dialogue, record: CaseStudy | None) -> list[str]:
    """Why the case study cannot be sent for review yet (empty when it can): the summary and
    the context are written, and every part written can be read in the review language (in
    its original or a translation that is not outdated)."""
    review = current_app.config["REVIEW_LANGUAGE"]
    if record is None:
        return [_("Write the narrative first: at least the summary and the context.")]
    problems = []
    if not (record.summary or "").strip():
        problems.append(_("The summary is not written yet."))
    if not (record.context or "").strip():
        problems.append(_("The context is not written yet."))
    if record.content_language.split("-")[0] != review:
        index = ContentIndex.for_dialogue(dialogue)
        from ..casestudy.report import NARRATIVE_PARTS

        titles = {key: title for key, title, _position in NARRATIVE_PARTS}
        missing = [str(titles[name]) for name in NARRATIVE
                   if (getattr(record, name) or "").strip() and index.localized(record, name, review).foreign]
        if missing:
            problems.append(_("Coordinators read case studies in %(language)s: translate these parts first (on the "
                              "translations page): %(parts)s.", language=language_in_sentence(review),
                              parts=", ".join(missing)))
    return problems


def submit(dialogue: Dialogue, actor: User) -> CaseStudyVersion:
    record = case_study_of(dialogue)
    problems = readiness(dialogue, record)
    if problems:
        raise NotReady(problems)
    record.submit()
    number = (current_version(record).number if current_version(record) else 0) + 1
    version = CaseStudyVersion(case_study_id=record.id, number=number, narrative=record.narrative(),
                               submitted_by_id=actor.id)
    db.session.add(version)
    db.session.flush()
    audit.record("review.submitted", actor=actor, dialogue=dialogue, version=number)
    notifications.notify(notifications.coordinators(), "case_study_submitted", dialogue, ref=version.uuid,
                         actor=actor)
    return version


def _open_version(record: CaseStudy | None) -> CaseStudyVersion:
    version = current_version(record)
    if record is None or version is None or record.status != "submitted" or version.outcome:
        raise InvalidTransition("the case study is not under review")
    return version


def comment(dialogue: Dialogue, actor: User, *, section: str, text: str) -> ReviewComment:
    from ..casestudy.report import section_keys

    if section not in section_keys(dialogue):
        raise ServiceError("section", "section")
    version = _open_version(case_study_of(dialogue))
    note = ReviewComment(version_id=version.id, section=section, text=text, author_id=actor.id)
    db.session.add(note)
    db.session.flush()
    audit.record("review.commented", actor=actor, dialogue=dialogue, version=version.number, section=section)
    notifications.notify(notifications.members(dialogue), "case_study_commented", dialogue,
                         ref=f"{version.uuid}:{note.uuid}", actor=actor)
    return note


def request_changes(dialogue: Dialogue, actor: User, *, note: str = "") -> CaseStudyVersion:
    record = case_study_of(dialogue)
    version = _open_version(record)
    record.request_changes()
    version.outcome, version.decided_at, version.decided_by_id, version.decision_note = (
        "changes_requested", utcnow(), actor.id, note)
    db.session.flush()
    audit.record("review.changes_requested", actor=actor, dialogue=dialogue, version=version.number)
    notifications.notify(notifications.members(dialogue), "case_study_changes_requested", dialogue,
                         ref=version.uuid, actor=actor)
    return version


def approve(dialogue: Dialogue, actor: User, *, note: str = "") -> CaseStudyVersion:
    """Approve and freeze: the report's print HTML in the review language and the package as it
    leaves the dialogue, each with its SHA-256 (the PDF/A follows on first download)."""
    from .. import package
    from ..casestudy.report import build
    from ..pdf import render_html

    record = case_study_of(dialogue)
    version = _open_version(record)
    record.approve()
    version.outcome, version.decided_at, version.decided_by_id, version.decision_note = (
        "approved", utcnow(), actor.id, note)
    lang = current_app.config["REVIEW_LANGUAGE"]
    report = build(dialogue, lang, case_study=record)
    html = render_html("pdf/case_study.html", lang=lang, title=_frozen_title(report), context={"report": report},
                       author=dialogue.organisation)
    snapshot = package.dumps(package.export_dialogue(dialogue, inside=False))
    version.review_language = lang
    version.report_html, version.report_sha256 = html, sha256(html)
    version.package_json, version.package_sha256 = snapshot, sha256(snapshot)
    db.session.flush()
    audit.record("review.approved", actor=actor, dialogue=dialogue, version=version.number,
                 report_sha256=version.report_sha256, package_sha256=version.package_sha256)
    notifications.notify(notifications.members(dialogue), "case_study_approved", dialogue, ref=version.uuid,
                         actor=actor)
    return version


def _frozen_title(report) -> str:
    from flask_babel import force_locale

    with force_locale(report.lang):
        return _("Case study: %(title)s", title=report.title.text)


def frozen_pdf(version: CaseStudyVersion) -> bytes:
    """The approved version's PDF/A, made from its frozen HTML (through the document cache; the
    same HTML gives the same bytes). Raises render_pool's DocumentPending while a download
    waits for it."""
    from ..casestudy.documents import ARCHIVE_VARIANT
    from ..render_pool import pdf_for

    if not version.is_frozen:
        raise KeyError(version.number)
    return pdf_for(version.report_html, variant=ARCHIVE_VARIANT)


# -- what changed between two versions -------------------------------------------------------
@dataclass
class PartDiff:
    key: str
    title: str
    html: Markup
    changed: bool


def _words(text: str) -> list[str]:
    import re

    return re.findall(r"\s+|[^\s]+", text or "")


def diff_html(old: str, new: str) -> Markup:
    """Word by word: removed words in <del>, added in <ins>, the rest as it was (escaped)."""
    a, b = _words((old or "").replace("\r\n", "\n")), _words((new or "").replace("\r\n", "\n"))
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(Markup("<del>%s</del>") % "".join(a[i1:i2]))
        if j2 > j1:
            out.append(Markup("<ins>%s</ins>") % "".join(b[j1:j2]))
    return Markup("").join(out)


def compare(old: CaseStudyVersion, new: CaseStudyVersion) -> list[PartDiff]:
    from ..casestudy.report import NARRATIVE_PARTS

    result = []
    for key, title, _position in NARRATIVE_PARTS:
        before, after = (old.narrative.get(key) or "").replace("\r\n", "\n"), (new.narrative.get(key) or "").replace("\r\n", "\n")
        result.append(PartDiff(key, str(title), diff_html(before, after), before.strip() != after.strip()))
    return result


def versions_metadata(record: CaseStudy | None) -> list[dict]:
    """For the dialogue package: the review's history without its texts."""
    from ..package import _timestamp

    return [{"number": v.number, "submitted_at": _timestamp(v.submitted_at), "outcome": v.outcome,
             "decided_at": _timestamp(v.decided_at) if v.decided_at else None,
             "report_sha256": v.report_sha256, "package_sha256": v.package_sha256}
            for v in versions_of(record)]
