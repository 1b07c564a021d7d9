"""The review's records: every submission of a case study is a version; coordinators comment on
its sections; an approved version is frozen with its package snapshot and its report.

Frozen means: at approval the version keeps the report's print HTML (what the PDF/A is made
from, with the data of that moment) and the dialogue package as it leaves the dialogue (people
as the privacy rules allow outside it), each with its SHA-256. The PDF/A is rendered from the
frozen HTML (WeasyPrint gives the same bytes for the same HTML, so its hash is stable) and kept
in the document cache; a download never writes to the database. Later changes to the
dialogue's data never change what was approved.
"""
from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..casestudy.models import CaseStudy
from ..extensions import db
from ..models import User, UTCDateTime, new_uuid, utcnow

OUTCOMES = ("", "changes_requested", "approved")
COMMENT_MAX = 4000
NOTE_MAX = 4000


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


class CaseStudyVersion(db.Model):
    __tablename__ = "case_study_versions"
    __table_args__ = (UniqueConstraint("case_study_id", "number", name="uq_case_study_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    case_study_id: Mapped[int] = mapped_column(ForeignKey("case_studies.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    #: the narrative as submitted: {"content_language", "summary", ...}
    narrative: Mapped[dict] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: "" while under review, then "changes_requested" or "approved"
    outcome: Mapped[str] = mapped_column(String(20), default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: what the coordinator wrote with the decision
    decision_note: Mapped[str] = mapped_column(Text, default="")
    # -- frozen at approval
    review_language: Mapped[str] = mapped_column(String(12), default="")
    report_html: Mapped[str] = mapped_column(Text, default="")
    report_sha256: Mapped[str] = mapped_column(String(64), default="")
    package_json: Mapped[str] = mapped_column(Text, default="")
    package_sha256: Mapped[str] = mapped_column(String(64), default="")

    case_study: Mapped[CaseStudy] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    comments: Mapped[list[ReviewComment]] = relationship(back_populates="version", cascade="all, delete-orphan",
                                                         order_by="ReviewComment.id")

    @property
    def is_frozen(self) -> bool:
        return self.outcome == "approved" and bool(self.report_sha256)


class ReviewComment(db.Model):
    __tablename__ = "case_study_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    version_id: Mapped[int] = mapped_column(ForeignKey("case_study_versions.id", ondelete="CASCADE"), index=True)
    #: the report section it is about (a Part key: summary, table, commitments, …)
    section: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    version: Mapped[CaseStudyVersion] = relationship(back_populates="comments")
    author: Mapped[User | None] = relationship()
