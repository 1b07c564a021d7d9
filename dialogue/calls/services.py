"""Phase 0's services: calls, applications, reviews, the ranking and the decisions.

They add and flush; the request commits once. They take model objects and plain values and
the acting user (never ``request``), so the demo, the CLI and the tests call them as the
views do. A request the data does not allow raises ``ServiceError`` with the form field it
concerns; a status change the record's state does not allow raises ``InvalidTransition``.

The ranking and the reviewer's list read a call's applications, reviews and scores in a fixed
number of queries, whatever the number of applications (tests/test_calls.py counts them).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import load_only, selectinload

from .. import audit
from ..extensions import db
from ..i18n import is_country
from ..models import TITLE_MAX, Dialogue, InvalidTransition, Membership, User, utcnow
from ..services import ServiceError, StaleEdit, create_user, find_user, flush_or_stale, normalise_email
from .models import (
    ANSWER_FIELDS, ANSWER_MAX, APPLICATION_STATUSES, COMMENT_MAX, CRITERION_LABEL_MAX, DECISIONS, DEFAULT_CRITERIA,
    DESCRIPTION_MAX, OPTIONAL_ANSWERS, REASON_MAX, REFERENCE_PREFIX, SCORE_MAX, SCORE_MIN, SECTOR_ANSWER_MAX, SECTORS,
    TITLE_MAX as CALL_TITLE_MAX, WEIGHT_MAX, WEIGHT_MIN, Application, Call, Criterion, Review, Score,
)

#: who may be a call's reviewer
REVIEWER_ROLES = ("reviewer", "coordinator")


# -- calls ---------------------------------------------------------------------------------------
def reviewer_candidates() -> list[User]:
    """Active accounts that may review: reviewers and coordinators."""
    return list(db.session.scalars(
        db.select(User).where(User.role.in_(REVIEWER_ROLES), User.active.is_(True)).order_by(User.name, User.email)))


def _reviewers(ids) -> list[User]:
    ids = sorted({int(i) for i in ids or ()})
    if not ids:
        return []
    found = list(db.session.scalars(db.select(User).where(User.id.in_(ids), User.role.in_(REVIEWER_ROLES))))
    if len(found) != len(ids):
        raise ServiceError("reviewer", "reviewer_ids")
    return found


def _check_call(titles: dict, descriptions: dict, languages: list[str], opens_at: datetime, closes_at: datetime):
    from ..i18n import available_languages

    if not languages:
        raise ServiceError("languages", "languages")
    for code in languages:
        if code not in available_languages():
            raise ServiceError("languages", "languages")
        title = (titles.get(code) or "").strip()
        if not title:
            raise ServiceError("title", f"title_{code}")
        if len(title) > CALL_TITLE_MAX:
            raise ServiceError("title_long", f"title_{code}")
        if len(descriptions.get(code) or "") > DESCRIPTION_MAX:
            raise ServiceError("description_long", f"description_{code}")
    if closes_at <= opens_at:
        raise ServiceError("dates", "closes_on")


def _texts(values: dict, languages: list[str]) -> dict[str, str]:
    return {code: (values.get(code) or "").strip() for code in languages if (values.get(code) or "").strip()}


def create_call(actor: User, *, titles: dict, descriptions: dict, languages: list[str], opens_at: datetime,
                closes_at: datetime, timezone: str, reviewer_ids=()) -> Call:
    """A new call, as a draft, with the method's three criteria (equal weights)."""
    languages = list(dict.fromkeys(languages))
    _check_call(titles, descriptions, languages, opens_at, closes_at)
    call = Call(titles=_texts(titles, languages), descriptions=_texts(descriptions, languages), languages=languages,
                opens_at=opens_at, closes_at=closes_at, timezone=timezone, status="draft",
                created_by_id=actor.id if actor else None)
    call.reviewers = _reviewers(reviewer_ids)
    for position, code in enumerate(DEFAULT_CRITERIA, start=1):
        call.criteria.append(Criterion(position=position, code=code, labels={}, weight=1))
    db.session.add(call)
    db.session.flush()
    audit.record("calls.created", actor=actor, call=call.uuid)
    return call


def update_call(call: Call, actor: User, *, version: int | None, titles: dict, descriptions: dict,
                languages: list[str], opens_at: datetime, closes_at: datetime, timezone: str, reviewer_ids=()) -> list[str]:
    if version is not None and version != call.version:
        raise StaleEdit("stale")
    languages = list(dict.fromkeys(languages))
    _check_call(titles, descriptions, languages, opens_at, closes_at)
    values = {"titles": _texts(titles, languages), "descriptions": _texts(descriptions, languages),
              "languages": languages, "opens_at": opens_at, "closes_at": closes_at, "timezone": timezone}
    changed = [key for key, value in values.items() if getattr(call, key) != value]
    for key in changed:
        setattr(call, key, values[key])
    reviewers = _reviewers(reviewer_ids)
    if {u.id for u in reviewers} != {u.id for u in call.reviewers}:
        call.reviewers = reviewers
        changed.append("reviewers")
    if changed:
        flush_or_stale()
        audit.record("calls.updated", actor=actor, call=call.uuid, fields=sorted(changed))
    return changed


def open_call(call: Call, actor: User) -> None:
    call.open()
    flush_or_stale()
    audit.record("calls.opened", actor=actor, call=call.uuid)


def close_call(call: Call, actor: User) -> None:
    call.close()
    flush_or_stale()
    audit.record("calls.closed", actor=actor, call=call.uuid)


def save_criteria(call: Call, actor: User, rows: list[dict], *, lang: str, new_label: str = "",
                  new_weight: int | None = None) -> None:
    """Change the criteria while nothing is scored: ``rows`` are ``{"uuid", "label", "weight",
    "remove"}`` for the existing criteria; a wording that differs from the method's is kept as
    the call's own in ``lang``; ``new_label`` adds one."""
    from ..i18n import force_locale
    from .labels import criterion_default_label

    if call.has_scores():
        raise ServiceError("scored", None)
    by_uuid = {c.uuid: c for c in call.criteria}
    keep = []
    for index, row in enumerate(rows):
        criterion = by_uuid.get(row.get("uuid") or "")
        if criterion is None:
            raise ServiceError("unknown", f"criteria-{index}-label")
        if row.get("remove"):
            continue
        weight = row.get("weight")
        if not isinstance(weight, int) or not WEIGHT_MIN <= weight <= WEIGHT_MAX:
            raise ServiceError("weight", f"criteria-{index}-weight")
        label = (row.get("label") or "").strip()
        if len(label) > CRITERION_LABEL_MAX:
            raise ServiceError("label_long", f"criteria-{index}-label")
        if not label and criterion.code not in DEFAULT_CRITERIA:
            raise ServiceError("label", f"criteria-{index}-label")
        labels = dict(criterion.labels or {})
        if criterion.code in DEFAULT_CRITERIA:
            with force_locale(lang):
                method_wording = str(criterion_default_label(criterion.code))
            if not label or label == method_wording:
                labels.pop(lang, None)
            else:
                labels[lang] = label
        else:
            labels[lang] = label
        criterion.labels = labels
        criterion.weight = weight
        keep.append(criterion)
    new_label = (new_label or "").strip()
    if new_label:
        if len(new_label) > CRITERION_LABEL_MAX:
            raise ServiceError("label_long", "new_label")
        weight = new_weight if new_weight is not None else 1
        if not WEIGHT_MIN <= weight <= WEIGHT_MAX:
            raise ServiceError("weight", "new_weight")
        added = Criterion(code="", labels={lang: new_label}, weight=weight)
        keep.append(added)
    if not keep:
        raise ServiceError("none", None)
    for criterion in list(call.criteria):
        if criterion not in keep:
            call.criteria.remove(criterion)
    for position, criterion in enumerate(keep, start=1):
        criterion.position = position
        if criterion not in call.criteria:
            call.criteria.append(criterion)
    flush_or_stale()
    audit.record("calls.criteria_saved", actor=actor, call=call.uuid, count=len(keep))


@dataclass
class CallRow:
    call: Call
    applications: int
    #: applications the viewer (a reviewer) has reviewed
    reviewed: int = 0


def calls_for(user: User) -> list[CallRow]:
    """The calls a user may open (every call for coordinators, their own for reviewers) with
    their number of applications, in three queries."""
    query = db.select(Call).options(selectinload(Call.reviewers)).order_by(Call.opens_at.desc(), Call.id.desc())
    if not user.is_coordinator:
        from .models import call_reviewers

        query = query.join(call_reviewers, call_reviewers.c.call_id == Call.id).where(call_reviewers.c.user_id == user.id)
    calls = list(db.session.scalars(query))
    ids = [c.id for c in calls]
    counts = dict(db.session.execute(
        db.select(Application.call_id, func.count(Application.id)).where(Application.call_id.in_(ids))
        .group_by(Application.call_id)).all()) if ids else {}
    reviewed = dict(db.session.execute(
        db.select(Application.call_id, func.count(Review.id)).join(Review, Review.application_id == Application.id)
        .where(Application.call_id.in_(ids), Review.reviewer_id == user.id, Review.submitted_at.is_not(None))
        .group_by(Application.call_id)).all()) if ids else {}
    return [CallRow(c, counts.get(c.id, 0), reviewed.get(c.id, 0)) for c in calls]


def call_by_token(token: str) -> Call | None:
    """A published call by its public link (a draft is not found)."""
    if not token or len(token) > 64:
        return None
    call = db.session.scalar(db.select(Call).where(Call.public_token == token))
    if call is None or call.status == "draft":
        return None
    return call


def count_applications(call: Call) -> dict[str, int]:
    rows = db.session.execute(db.select(Application.status, func.count(Application.id))
                              .where(Application.call_id == call.id).group_by(Application.status)).all()
    counts = {status: 0 for status in APPLICATION_STATUSES}
    counts.update(dict(rows))
    return counts


# -- applications --------------------------------------------------------------------------------
#: the answers' limits, checked again here (the form checks them first)
_LIMITS = {"organisation": 200, "contact_person": 120, "contact_email": 254, "contact_phone": 40,
           **{name: ANSWER_MAX for name in ANSWER_FIELDS}}
_REQUIRED = ("organisation", "country", "contact_person", "contact_email",
             *(name for name in ANSWER_FIELDS if name not in OPTIONAL_ANSWERS))


def _reference_year(call: Call, when: datetime) -> int:
    return when.astimezone(call.zone).year


def submit_application(call: Call, *, language: str, now: datetime | None = None, **answers) -> Application:
    """Receive an application through the public form; refused when the call does not take
    applications now. The reference (``EOI-2026-0042``) is numbered per year on this instance."""
    now = now or utcnow()
    if not call.accepts_applications(now):
        raise ServiceError("closed", None)
    if language not in (call.languages or []):
        raise ServiceError("language", "language")
    values = {}
    for name in ("organisation", "country", "contact_person", "contact_email", "contact_phone", *ANSWER_FIELDS):
        value = (answers.get(name) or "").strip()
        if name in _REQUIRED and not value:
            raise ServiceError("required", name)
        if len(value) > _LIMITS.get(name, ANSWER_MAX):
            raise ServiceError("long", name)
        values[name] = value
    values["country"] = values["country"].upper()
    if not is_country(values["country"]):
        raise ServiceError("country", "country")
    values["contact_email"] = normalise_email(values["contact_email"])
    sectors = {}
    for code, text in (answers.get("stakeholders_by_sector") or {}).items():
        text = (text or "").strip()
        if code not in SECTORS:
            raise ServiceError("sector", "stakeholders")
        if len(text) > SECTOR_ANSWER_MAX:
            raise ServiceError("long", f"sector_{code}")
        if text:
            sectors[code] = text
    if not sectors:
        raise ServiceError("required", "stakeholders")
    application = Application(call=call, call_id=call.id, language=language, stakeholders_by_sector=sectors,
                              status="submitted", submitted_at=now, **values)
    _number(application, call, now)
    audit.record("calls.application_received", actor=None, call=call.uuid, application=application.uuid,
                 reference=application.reference)
    return application


def _number(application: Application, call: Call, now: datetime) -> None:
    """Give the next reference of the year; two applications sent at the same moment that took
    the same number: the second takes the next (a savepoint, up to a few tries)."""
    year = _reference_year(call, now)
    for _attempt in range(5):
        taken = db.session.scalar(db.select(func.max(Application.number)).where(Application.year == year)) or 0
        application.year, application.number = year, taken + 1
        application.reference = f"{REFERENCE_PREFIX}-{year}-{taken + 1:04d}"
        try:
            with db.session.begin_nested():
                db.session.add(application)
                db.session.flush()
            return
        except IntegrityError:
            continue
    raise StaleEdit("stale")


def application_of(call: Call, application_uuid) -> Application | None:
    return db.session.scalar(db.select(Application).where(Application.call_id == call.id,
                                                           Application.uuid == str(application_uuid)))


def sector_answers(application: Application) -> list[tuple[str, str]]:
    """(sector code, answer) in the DESIGN's order, for the sectors answered."""
    given = application.stakeholders_by_sector or {}
    return [(code, given[code]) for code in SECTORS if given.get(code)]


# -- reviews ---------------------------------------------------------------------------------------
def review_of(application: Application, reviewer: User) -> Review | None:
    return db.session.scalar(db.select(Review).where(Review.application_id == application.id,
                                                     Review.reviewer_id == reviewer.id)
                             .options(selectinload(Review.scores)))


def reviews_of(application: Application) -> list[Review]:
    """Every submitted review with its reviewer and scores, in two queries."""
    return list(db.session.scalars(
        db.select(Review).where(Review.application_id == application.id, Review.submitted_at.is_not(None))
        .options(selectinload(Review.scores), selectinload(Review.reviewer)).order_by(Review.id)))


def submit_review(application: Application, reviewer: User, *, conflict: bool, scores: dict, comment: str = "") -> Review:
    """Declare a conflict of interest, or score every criterion 1 to 5 (``scores`` is
    ``{criterion_id: (value, comment)}``). A reviewer may send their review again until the
    application is decided; the scores are replaced."""
    if not application.can_review(reviewer):
        raise InvalidTransition("this application takes no more reviews")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        raise ServiceError("long", "comment")
    criteria = list(application.call.criteria)
    checked = {}
    if not conflict:
        for criterion in criteria:
            value, note = scores.get(criterion.id, (None, ""))
            if not isinstance(value, int) or isinstance(value, bool) or not SCORE_MIN <= value <= SCORE_MAX:
                raise ServiceError("score", f"score_{criterion.id}")
            note = (note or "").strip()
            if len(note) > COMMENT_MAX:
                raise ServiceError("long", f"note_{criterion.id}")
            checked[criterion.id] = (value, note)
    review = review_of(application, reviewer)
    if review is None:
        review = Review(application=application, application_id=application.id, reviewer_id=reviewer.id)
        db.session.add(review)
    review.conflict_of_interest = bool(conflict)
    review.comment = comment
    existing = {s.criterion_id: s for s in review.scores}
    for criterion_id, score in list(existing.items()):
        if criterion_id not in checked:
            review.scores.remove(score)
    for criterion_id, (value, note) in checked.items():
        score = existing.get(criterion_id)
        if score is None:
            review.scores.append(Score(criterion_id=criterion_id, value=value, comment=note))
        else:
            score.value, score.comment = value, note
    review.submitted_at = utcnow()
    flush_or_stale()
    audit.record("calls.review_submitted", actor=reviewer, call=application.call.uuid,
                 application=application.uuid, conflict=bool(conflict))
    return review


# -- the ranking -------------------------------------------------------------------------------------
#: the application columns a list shows (the long answers stay in the database)
LIST_COLUMNS = (Application.id, Application.uuid, Application.call_id, Application.reference,
                Application.organisation, Application.country, Application.language, Application.status,
                Application.submitted_at, Application.contact_person, Application.contact_email,
                Application.dialogue_id, Application.version)


@dataclass
class RankRow:
    #: the application (its list columns); None for a row ``ranking(..., applications=False)``
    #: left for ``load_applications`` (a page loads only the rows it shows)
    application: Application | None
    rank: int | None = None
    #: the mean of the reviewers' weighted averages (1–5); None before any scored review
    average: float | None = None
    #: highest minus lowest reviewer's weighted average
    spread: float | None = None
    reviewed: int = 0
    conflicts: int = 0
    #: reviewers assigned to the call who have sent nothing yet
    pending: int = 0
    #: criterion id -> mean score
    by_criterion: dict[int, float] = field(default_factory=dict)
    application_id: int = 0
    submitted_at: datetime | None = None


@dataclass
class Ranking:
    call: Call
    criteria: list[Criterion]
    rows: list[RankRow]
    total: int
    countries: list[str]
    counts: dict[str, int]


def weighted_average(values: dict[int, int], weights: dict[int, int]) -> float | None:
    """The weighted mean of one review's scores (criteria no longer in the call do not count)."""
    pairs = [(weights[cid], value) for cid, value in values.items() if cid in weights]
    total = sum(weight for weight, _value in pairs)
    if not total:
        return None
    return sum(weight * value for weight, value in pairs) / total


def ranking(call: Call, *, country: str = "", status: str = "", applications: bool = True) -> Ranking:
    """Every application of the call ranked by the mean of its reviewers' weighted averages
    (the rank counts among all applications; the filters only choose the rows shown).

    Four queries: the criteria, what the ranking needs of each application (id, arrival,
    country, status), the reviews with their scores, and the applications of the rows shown
    (their list columns). With ``applications=False`` the last is left out and the rows'
    ``application`` stays None: a page then loads the few it shows with ``load_applications``
    (the arithmetic needs no application objects; loading a thousand of them was most of the
    page's time)."""
    criteria = list(db.session.scalars(db.select(Criterion).where(Criterion.call_id == call.id)
                                       .order_by(Criterion.position)))
    weights = {c.id: c.weight for c in criteria}
    facts = db.session.execute(
        db.select(Application.id, Application.submitted_at, Application.country, Application.status)
        .where(Application.call_id == call.id).order_by(Application.submitted_at, Application.id)).all()
    # every submitted review with its scores, one row per score (a review without any, such as
    # a declared conflict of interest, comes once with no score)
    scored = db.session.execute(
        db.select(Review.id, Review.application_id, Review.conflict_of_interest, Score.criterion_id, Score.value)
        .join(Application, Review.application_id == Application.id)
        .outerjoin(Score, Score.review_id == Review.id)
        .where(Application.call_id == call.id, Review.submitted_at.is_not(None))).all()
    reviewer_count = len(call.reviewers)

    # each review folded as its rows come: review id -> (application id, conflict, [(criterion, value)])
    reviews: dict[int, tuple[int, bool, list[tuple[int, int]]]] = {}
    for review_id, application_id, conflict, criterion_id, value in scored:
        entry = reviews.get(review_id)
        if entry is None:
            entry = reviews[review_id] = (application_id, conflict, [])
        if criterion_id is not None:
            entry[2].append((criterion_id, value))
    rows = {id_: RankRow(None, application_id=id_, submitted_at=submitted) for id_, submitted, _c, _s in facts}
    per_app_averages: dict[int, list[float]] = {}
    #: application id -> criterion id -> [sum of the scores, how many]
    per_app_criteria: dict[int, dict[int, list[int]]] = {}
    for application_id, conflict, values in reviews.values():
        row = rows.get(application_id)
        if row is None:
            continue
        if conflict:
            row.conflicts += 1
            continue
        # the weighted mean of the review's scores (as ``weighted_average``; integers until the
        # one division, so the same number)
        weighted = total = 0
        for criterion_id, value in values:
            weight = weights.get(criterion_id)
            if weight is not None:
                weighted += weight * value
                total += weight
        if not total:
            continue
        row.reviewed += 1
        per_app_averages.setdefault(application_id, []).append(weighted / total)
        sums = per_app_criteria.setdefault(application_id, {})
        for criterion_id, value in values:
            tally = sums.get(criterion_id)
            if tally is None:
                sums[criterion_id] = [value, 1]
            else:
                tally[0] += value
                tally[1] += 1
    for application_id, row in rows.items():
        means = per_app_averages.get(application_id)
        if means:
            row.average = statistics.fmean(means)
            row.spread = max(means) - min(means)
            # the mean of integer scores: their exact sum over their number, as fmean gives it
            row.by_criterion = {cid: total / count for cid, (total, count) in per_app_criteria[application_id].items()}
        row.pending = max(0, reviewer_count - row.reviewed - row.conflicts)
    ordered = sorted(rows.values(), key=lambda r: (r.average is None, -(r.average or 0), r.spread or 0,
                                                   r.submitted_at, r.application_id))
    previous, rank = None, 0
    for position, row in enumerate(ordered, start=1):
        if row.average is None:
            break
        key = round(row.average, 6)
        if key != previous:
            rank, previous = position, key
        row.rank = rank
    counts = {s: 0 for s in APPLICATION_STATUSES}
    for _id, _submitted, _country, status_ in facts:
        counts[status_] = counts.get(status_, 0) + 1
    countries = sorted({country_ for _id, _submitted, country_, _status in facts})
    facts_by_id = {id_: (country_, status_) for id_, _submitted, country_, status_ in facts}
    shown = [r for r in ordered if (not country or facts_by_id[r.application_id][0] == country)
             and (not status or facts_by_id[r.application_id][1] == status)]
    if applications:
        load_applications(shown, call=call)
    return Ranking(call, criteria, shown, len(facts), countries, counts)


def load_applications(rows: list[RankRow], *, call: Call | None = None) -> list[RankRow]:
    """Fill in the rows' ``application`` (its list columns) in one query, whatever the number
    of rows (none: the query still runs, so a page's query count never depends on its data);
    ``call``: every row is of this call, so the query asks for the call's applications instead
    of a long list of ids."""
    where = (Application.call_id == call.id) if call is not None else \
        Application.id.in_([row.application_id for row in rows])
    loaded = {a.id: a for a in db.session.scalars(
        db.select(Application).options(load_only(*LIST_COLUMNS)).where(where))}
    for row in rows:
        row.application = loaded[row.application_id]
    return rows


@dataclass
class ReviewerRow:
    application: Application
    #: ``todo``, ``submitted`` or ``conflict``
    state: str


def reviewer_list(call: Call, reviewer: User) -> list[ReviewerRow]:
    """The applications a reviewer has to review, those still to do first, in two queries."""
    applications = list(db.session.scalars(
        db.select(Application).options(load_only(*LIST_COLUMNS)).where(Application.call_id == call.id)
        .order_by(Application.submitted_at, Application.id)))
    own = dict(db.session.execute(
        db.select(Review.application_id, Review.conflict_of_interest)
        .join(Application, Review.application_id == Application.id)
        .where(Application.call_id == call.id, Review.reviewer_id == reviewer.id,
               Review.submitted_at.is_not(None))).all())
    rows = []
    for application in applications:
        if application.id in own:
            state = "conflict" if own[application.id] else "submitted"
        else:
            state = "todo"
        rows.append(ReviewerRow(application, state))
    order = {"todo": 0, "submitted": 1, "conflict": 2}
    # what is still to do first; decided applications last (they take no more reviews)
    rows.sort(key=lambda r: (r.application.status in ("selected", "declined"), order[r.state]))
    return rows


def csv_rows(data: Ranking, lang: str) -> list[list]:
    """The ranking as spreadsheet rows, in ``lang`` (decimals as that language writes them)."""
    from babel.numbers import format_decimal

    from ..i18n import _, country_name, force_locale, language_name
    from .labels import application_status_label

    def number(value):
        return "" if value is None else format_decimal(value, format="0.00", locale=lang)

    with force_locale(lang):
        header = [_("Rank"), _("Reference"), _("Organisation"), _("Country"), _("Language"), _("Status"),
                  _("Weighted average"), _("Spread between reviewers"), _("Reviews"), _("Conflicts of interest"),
                  *[c.label(lang) for c in data.criteria], _("Contact person"), _("E-mail address"), _("Submitted")]
        rows = [header]
        for row in data.rows:
            a = row.application
            rows.append([
                row.rank or "", a.reference, a.organisation, country_name(a.country, lang), language_name(a.language, lang),
                str(application_status_label(a.status)), number(row.average), number(row.spread), row.reviewed,
                row.conflicts, *[number(row.by_criterion.get(c.id)) for c in data.criteria], a.contact_person,
                a.contact_email, a.submitted_at.astimezone(data.call.zone).strftime("%Y-%m-%d %H:%M"),
            ])
    return rows


# -- decisions ---------------------------------------------------------------------------------------
@dataclass
class Decision:
    application: Application
    dialogue: Dialogue | None = None
    partner: User | None = None
    #: the partner's one-time set-password link token, when their account is new
    token: str | None = None


def decide(application: Application, actor: User, *, decision: str, reason: str, version: int | None = None,
           dialogue: Dialogue | None = None) -> Decision:
    """Shortlist, select or decline, with a reason. Selecting starts the partner's dialogue
    (or links ``dialogue``, an existing one) and makes their account if they have none."""
    if not application.can_decide(actor):
        raise InvalidTransition("only coordinators decide")
    if version is not None and version != application.version:
        raise StaleEdit("stale")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason", "reason")
    if len(reason) > REASON_MAX:
        raise ServiceError("long", "reason")
    if decision not in DECISIONS:
        raise ServiceError("decision", "decision")
    application.apply_decision(decision)  # InvalidTransition when its status does not allow it
    application.decision_reason = reason
    application.decided_by_id = actor.id
    application.decided_at = utcnow()
    result = Decision(application)
    if decision == "select":
        result = start_dialogue(application, actor, dialogue=dialogue)
    flush_or_stale()
    audit.record("calls.decided", actor=actor, dialogue=result.dialogue, call=application.call.uuid,
                 application=application.uuid, decision=decision)
    return result


def dialogue_title(application: Application) -> str:
    """The new dialogue's title: the challenge's first sentence, shortened at a word, or the
    organisation."""
    text = " ".join((application.challenge or "").split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!?") if text else ""
    limit = 90
    if len(first) > limit:
        cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
        first = cut + "…"
    return (first or application.organisation)[:TITLE_MAX]


def start_dialogue(application: Application, actor: User, *, dialogue: Dialogue | None = None) -> Decision:
    """The selected applicant's account (found by e-mail, or made with a one-time link) and
    their dialogue, pre-filled from the application and led by them; or ``dialogue``, linked."""
    user = find_user(application.contact_email)
    token = None
    if user is None:
        user, token = create_user(application.contact_email, role="partner", name=application.contact_person,
                                  created_by=actor)
    if dialogue is None:
        dialogue = Dialogue(
            title=dialogue_title(application), country=application.country, locality="",
            languages=[application.language], organisation=application.organisation,
            challenge=application.challenge, content_language=application.language,
        )
        dialogue.memberships.append(Membership(user=user, role="lead"))
        db.session.add(dialogue)
        db.session.flush()
        audit.record("dialogue.created", actor=actor, dialogue=dialogue, country=dialogue.country,
                     application=application.uuid)
    application.dialogue = dialogue
    application.dialogue_id = dialogue.id
    db.session.flush()
    return Decision(application, dialogue, user, token)


def application_for_dialogue(dialogue: Dialogue) -> Application | None:
    return db.session.scalar(db.select(Application).where(Application.dialogue_id == dialogue.id)
                             .order_by(Application.id).limit(1))
