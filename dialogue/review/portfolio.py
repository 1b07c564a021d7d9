"""The coordinators' portfolio and comparison: every dialogue's figures, side by side.

The core knows no phase. Each phase registers ``extra["portfolio"](dialogues) -> {dialogue id:
{figure: value}}`` and answers in a fixed number of queries however many dialogues it is given;
this module merges what the phases answer with the dialogue's own facts (country, partner,
phase) and its case study's status. So a page for 3 dialogues and one for 200 run the same
number of queries.

The figures the pages read (a phase that is absent leaves them at zero):

=====================  ============================================================  =======
``mapped``             live entries of the register                                   mapping
``invited``            of those, invited (any state of the invitation)                mapping
``invited_by_sector``  ``{sector code: count}``                                       mapping
``meetings``           meetings planned or held; ``first_meeting``, ``last_meeting``  convening
``attended``           people who came to at least one meeting (once per dialogue)    convening
``attended_by_sector``                                                                convening
``made`` / ``kept``    commitments not dropped / of those, done; ``dropped`` apart    followup
``committing_by_sector``  distinct commitments per owners' sector                     followup
``completion``         ``[(date, share done)]``                                       followup
=====================  ============================================================  =======

Privacy: coordinators see people only as the case study may show them, and these pages show
no person at all: counts and sectors, the dialogue's title, country and convening
organisation, and the lessons of approved case studies (which the partner wrote to be read).
"""
from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy.orm import defer

from ..extensions import db
from ..i18n import _, country_name
from ..labels import case_study_status_label, phase_label
from ..models import PHASES, Dialogue
from ..registry import get_registry

#: the most dialogues the comparison sets side by side
COMPARE_MAX = 12

#: the stable sector codes (DESIGN.md, "Data"), to order the comparison's rows; a code the
#: core does not know comes after these
SECTOR_ORDER = ("government", "private_sector", "civil_society", "academia", "media", "community", "international")

#: colour-blind safe line colours (Okabe–Ito and Tol's muted), with a dash pattern each, so
#: twelve lines stay apart on screen, on paper and in grey
LINE_STYLES = (
    ("#0072B2", ""), ("#D55E00", ""), ("#009E73", ""), ("#CC79A7", ""),
    ("#E69F00", "6 3"), ("#56B4E9", "6 3"), ("#332288", "6 3"), ("#882255", "6 3"),
    ("#117733", "2 3"), ("#555555", "2 3"), ("#AA4499", "2 3"), ("#44AA99", "2 3"),
)

ZERO_FIGURES: dict[str, Any] = {
    "mapped": 0, "mapped_by_sector": {}, "invited": 0, "invited_by_sector": {},
    "meetings": 0, "first_meeting": None, "last_meeting": None, "attended": 0, "attended_by_sector": {},
    "made": 0, "kept": 0, "dropped": 0, "committing_by_sector": {}, "completion": [],
}


@dataclass
class Filters:
    """What the portfolio is narrowed to; "" is "any". ``status`` is a case-study status code,
    or "none" for dialogues without a case study."""

    country: str = ""
    phase: str = ""
    status: str = ""

    def query(self) -> dict[str, str]:
        """The filters as URL query arguments (empty ones left out)."""
        return {k: v for k, v in (("country", self.country), ("phase", self.phase), ("status", self.status)) if v}

    def __bool__(self) -> bool:
        return bool(self.query())


@dataclass
class PortfolioRow:
    dialogue: Dialogue
    case_study: str  # a status code of CaseStudy, or "none"
    figures: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # the phases' figures read as attributes: row.invited, row.attended_by_sector…
        figures = self.__dict__.get("figures", {})
        if name in figures:
            return figures[name]
        if name in ZERO_FIGURES:
            value = ZERO_FIGURES[name]
            return type(value)() if isinstance(value, (dict, list)) else value
        raise AttributeError(name)

    @property
    def uuid(self) -> str:
        return self.dialogue.uuid

    @property
    def title(self) -> str:
        return self.dialogue.title

    @property
    def country(self) -> str:
        return self.dialogue.country

    @property
    def partner(self) -> str:
        return self.dialogue.organisation

    @property
    def phase(self) -> str:
        return self.dialogue.phase

    @property
    def kept_share(self) -> float | None:
        return self.kept / self.made if self.made else None


@dataclass
class Portfolio:
    rows: list[PortfolioRow]
    #: every dialogue, before the filters
    total: int
    #: the dialogues the filters let through (``rows`` may hold fewer: ``limit``)
    matching: int
    #: what the filters offer: country codes present, phase codes, case-study status codes
    countries: list[str]
    phases: list[str]
    statuses: list[str]
    #: the page shown (from 1) and how many there are (``PAGE_SIZE`` rows each)
    page: int = 1
    pages: int = 1

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0


# -- loading -----------------------------------------------------------------------------------
def statuses() -> list[str]:
    """The case study's states the filters offer: "none" (not started), then the review's."""
    from ..casestudy.models import STATUSES

    return ["none", *STATUSES]


def _load(*, uuids: list[str] | None = None) -> list[tuple[Dialogue, str]]:
    """Dialogues with their case study's status, in one query (all of them, or these uuids)."""
    from ..casestudy.models import CaseStudy

    query = (db.select(Dialogue, CaseStudy.status)
             .outerjoin(CaseStudy, CaseStudy.dialogue_id == Dialogue.id)
             .where(Dialogue.deleted_at.is_(None))
             .options(defer(Dialogue.challenge))
             .order_by(Dialogue.country, Dialogue.title, Dialogue.id))
    if uuids is not None:
        query = query.where(Dialogue.uuid.in_(uuids))
    return [(dialogue, status or "none") for dialogue, status in db.session.execute(query)]


def _matches(dialogue: Dialogue, status: str, filters: Filters) -> bool:
    return ((not filters.country or dialogue.country == filters.country)
            and (not filters.phase or dialogue.phase == filters.phase)
            and (not filters.status or status == filters.status))


def _with_figures(loaded: list[tuple[Dialogue, str]]) -> list[PortfolioRow]:
    """Rows with every phase's figures: each phase's hook once for all the dialogues."""
    rows = [PortfolioRow(dialogue, status) for dialogue, status in loaded]
    dialogues = [row.dialogue for row in rows]
    if not dialogues:
        return rows
    for phase in get_registry().phases:
        hook = phase.extra.get("portfolio")
        if hook is None:
            continue
        answered = hook(dialogues) or {}
        for row in rows:
            row.figures.update(answered.get(row.dialogue.id, {}))
    return rows


def _order(pair: tuple[Dialogue, str]) -> tuple:
    """By country name in the reader's language, then title."""
    dialogue = pair[0]
    return (country_name(dialogue.country).casefold(), dialogue.title.casefold(), dialogue.id)


def portfolio(filters: Filters | None = None, *, limit: int | None = None, page: int | None = None) -> Portfolio:
    """The portfolio: the rows the filters let through (the first ``limit`` of them, or page
    ``page`` of ``PAGE_SIZE``), and what the filters offer. The phases are asked only about
    the rows shown, so a page costs the same whatever the number of dialogues."""
    filters = filters or Filters()
    loaded = _load()
    countries = sorted({d.country for d, _status in loaded}, key=lambda code: country_name(code).casefold())
    shown = sorted(((d, s) for d, s in loaded if _matches(d, s, filters)), key=_order)
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    if page is not None:
        page = min(max(page, 1), pages)
        chosen = shown[(page - 1) * PAGE_SIZE:page * PAGE_SIZE]
    else:
        chosen = shown[:limit] if limit is not None else shown
    return Portfolio(rows=_with_figures(chosen), total=len(loaded), matching=len(shown), countries=countries,
                     phases=list(PHASES), statuses=statuses(), page=page or 1, pages=pages if page else 1)


#: dialogues per page of the portfolio (the page stays light on a slow connection)
PAGE_SIZE = 50


def rows(filters: Filters | None = None) -> list[PortfolioRow]:
    """One row per dialogue the filters let through, with every phase's figures."""
    return portfolio(filters).rows


def parse_uuids(values) -> list[str]:
    """The well-formed dialogue uuids among ``values``, once each, in the order given."""
    found = []
    for value in values:
        try:
            text = str(uuid_module.UUID(str(value)))
        except ValueError:
            continue
        if text not in found:
            found.append(text)
    return found


def chosen(uuids: list[str]) -> list[PortfolioRow]:
    """The dialogues these uuids name (unknown ones left out), in the order given."""
    rank = {u: i for i, u in enumerate(uuids)}
    loaded = sorted(_load(uuids=uuids), key=lambda pair: rank[pair[0].uuid])
    return _with_figures(loaded)


# -- names -------------------------------------------------------------------------------------
def sector_name(code: str) -> str:
    """A sector's name in the reader's language (the mapping phase provides the labels to every
    template; the code itself when no phase does)."""
    label = current_app.jinja_env.globals.get("sector_label")
    return str(label(code)) if label is not None else code


def sector_names(rows: list[PortfolioRow]) -> dict[str, str]:
    """The name of every sector the rows count, looked up once for a whole page."""
    codes = {c for row in rows for figure in ("invited_by_sector", "attended_by_sector", "committing_by_sector")
             for c in getattr(row, figure)}
    return {code: sector_name(code) for code in sorted(codes, key=sector_key)}


def sector_key(code: str) -> tuple[int, str]:
    return (SECTOR_ORDER.index(code) if code in SECTOR_ORDER else len(SECTOR_ORDER), code)


# -- the spreadsheet ---------------------------------------------------------------------------
def csv_rows(rows: list[PortfolioRow], lang: str) -> list[list]:
    """The portfolio as spreadsheet rows, in ``lang``: a header, then one row per dialogue.
    Dates are ISO (a spreadsheet reads them in any language); numbers are plain."""
    sectors = sorted({s for row in rows for s in row.attended_by_sector} | set(SECTOR_ORDER[:3]), key=sector_key)
    names = {code: sector_name(code) for code in sectors}
    header = [_("Dialogue"), _("Country"), _("Convening partner"), _("Phase"), _("First meeting"),
              _("Last meeting"), _("Meetings"), _("Stakeholders mapped"), _("Invited"), _("Participants"),
              *[_("Participants: %(sector)s", sector=names[s]) for s in sectors],
              _("Commitments made"), _("Commitments kept"), _("Commitments dropped"), _("Case study"),
              _("Identifier")]
    out: list[list] = [header]
    for row in rows:
        out.append([
            row.title, country_name(row.country, lang), row.partner, str(phase_label(row.phase)),
            _iso(row.first_meeting), _iso(row.last_meeting), row.meetings, row.mapped, row.invited, row.attended,
            *[row.attended_by_sector.get(s, 0) for s in sectors],
            row.made, row.kept, row.dropped, str(case_study_status_label(row.case_study)), row.uuid,
        ])
    return out


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


# -- the comparison ----------------------------------------------------------------------------
@dataclass
class SectorCells:
    invited: int
    attended: int
    committing: int


@dataclass
class SectorLine:
    sector: str
    label: str
    #: one per dialogue, in the comparison's order
    cells: list[SectorCells]


@dataclass
class ChartLine:
    number: int
    colour: str
    dash: str
    #: "x,y x,y…" in the chart's frame
    points: str
    #: (x, y) of each day with a report (the template marks the last)
    dots: list[tuple[float, float]]
    last_share: float | None


@dataclass
class Chart:
    width: int
    height: int
    first: date
    last: date
    lines: list[ChartLine]


@dataclass
class Comparison:
    rows: list[PortfolioRow]
    sectors: list[SectorLine]
    chart: Chart | None
    #: [FieldLessons] (dialogue.toolkit) of the approved case studies among the dialogues
    lessons: list
    #: the dialogues whose case study is not approved (their lessons are not shown)
    without_lessons: list[PortfolioRow]
    styles: list[tuple[str, str]]


CHART_WIDTH, CHART_HEIGHT = 600, 220


def comparison(dialogues: list, lang: str) -> Comparison:
    """Dialogues side by side (the first ``COMPARE_MAX``; rows of the portfolio, or Dialogue
    objects): sectors invited, attended and committing; the share of commitments done over
    time; the lessons of the approved case studies, grouped by phase, naming the country."""
    dialogues = list(dialogues)[:COMPARE_MAX]
    if dialogues and not isinstance(dialogues[0], PortfolioRow):
        dialogues = chosen([d.uuid for d in dialogues])
    rows = dialogues
    codes = set()
    for row in rows:
        codes |= set(row.invited_by_sector) | set(row.attended_by_sector) | set(row.committing_by_sector)
    sectors = [SectorLine(code, sector_name(code), [
        SectorCells(row.invited_by_sector.get(code, 0), row.attended_by_sector.get(code, 0),
                    row.committing_by_sector.get(code, 0)) for row in rows]) for code in sorted(codes, key=sector_key)]
    approved = [row for row in rows if row.case_study == "approved"]
    return Comparison(rows=rows, sectors=sectors, chart=_chart(rows), lessons=_lessons(approved, rows, lang),
                      without_lessons=[row for row in rows if row.case_study != "approved"],
                      styles=[LINE_STYLES[i % len(LINE_STYLES)] for i in range(len(rows))])


def _chart(rows: list[PortfolioRow]) -> Chart | None:
    """One line per dialogue with progress reported: x the days from the first report of any
    of them to the last, y the share of its commitments done (0 at the bottom, 100 % at the top).
    The share changes only on a day with a report, so each line is drawn in steps, and it runs
    on to the last day of the chart (nothing changed since)."""
    days = [day for row in rows for day, _share in row.completion]
    if not days:
        return None
    first, last = min(days), max(days)
    span = (last - first).days or 1

    def x(day: date) -> float:
        return round(CHART_WIDTH * (day - first).days / span, 1)

    def y(share: float) -> float:
        return round(CHART_HEIGHT * (1 - share), 1)

    lines = []
    for index, row in enumerate(rows):
        if not row.completion:
            continue
        dots = [(x(day), y(share)) for day, share in row.completion]
        steps = [dots[0]]
        for point in dots[1:]:
            steps += [(point[0], steps[-1][1]), point]
        if steps[-1][0] < CHART_WIDTH:
            steps.append((float(CHART_WIDTH), steps[-1][1]))
        colour, dash = LINE_STYLES[index % len(LINE_STYLES)]
        lines.append(ChartLine(number=index + 1, colour=colour, dash=dash,
                               points=" ".join(f"{a},{b}" for a, b in steps), dots=dots,
                               last_share=row.completion[-1][1]))
    return Chart(CHART_WIDTH, CHART_HEIGHT, first, last, lines)


def _lessons(approved: list[PortfolioRow], rows: list[PortfolioRow], lang: str) -> list:
    """The lessons of the approved case studies, grouped by phase, through the phases' hook
    ``extra["field_lessons"]`` (as the toolkit's "Lessons from the field")."""
    from ..toolkit import FieldLesson, FieldLessons

    if not approved:
        return []
    numbers = {row.dialogue.id: index + 1 for index, row in enumerate(rows)}
    dialogues = [row.dialogue for row in approved]
    groups: dict[str, FieldLessons] = {}
    for phase in get_registry().phases:
        collect = phase.extra.get("field_lessons")
        if collect is None:
            continue
        for key, title, dialogue, question, text in collect(dialogues, lang):
            group = groups.setdefault(key, FieldLessons(key, str(title)))
            where = _("%(country)s (dialogue %(number)d)", country=country_name(dialogue.country, lang),
                      number=numbers[dialogue.id])
            group.lessons.append(FieldLesson(where, str(question), text))
    return list(groups.values())
