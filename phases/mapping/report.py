"""Phase 1's sections of the case-study report: who was at the table.

The report leaves the dialogue, so people appear as ``Stakeholder.shown_as(False)`` allows
(organisation, a consented name, or "Participant 7 (civil society)" for people at risk);
contact details are never passed to the template.
"""
from __future__ import annotations

from dataclasses import dataclass

from dialogue.casestudy.report import shared
from dialogue.i18n import _
from dialogue.pdf import render_part
from dialogue.registry import Part, report_sections, section

from . import balance, grid, services
from .labels import quadrant_label, sector_label


@dataclass(frozen=True)
class Entry:
    number: int
    shown: str
    sector: str
    quadrant: str
    #: the sector's and the quadrant's labels in the report's language
    sector_text: str = ""
    quadrant_text: str = ""


def stakeholders(dialogue) -> list:
    """The register, loaded once while the case study is built (the later phases' sections
    count people from it too)."""
    return shared("mapping.stakeholders", dialogue, lambda: services.stakeholders_of(dialogue))


@report_sections(table=40)
def report(dialogue, lang: str, *, screen: bool = False) -> list[Part]:
    stakeholders_ = stakeholders(dialogue)
    # each label translated once, not once per row
    sectors = {code: str(sector_label(code)) for code in {s.sector for s in stakeholders_}}
    quadrants = {code: str(quadrant_label(code)) for code in {s.quadrant for s in stakeholders_}}
    entries = [Entry(s.number, s.shown_as(False), s.sector, s.quadrant, sectors[s.sector], quadrants[s.quadrant])
               for s in stakeholders_]
    context = {
        "grid": grid.build(stakeholders_, inside=False, size=420),
        "balance": balance.check(stakeholders_),
        "entries": entries,
        "screen": screen,
    }
    html = render_part("pdf/mapping/_report.html", lang=lang, context=context)
    return [section(report, "table", _("Who was at the table"), html)]
