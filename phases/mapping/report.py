"""Phase 1's sections of the case-study report: who was at the table.

The report leaves the dialogue, so people appear as ``Stakeholder.shown_as(False)`` allows
(organisation, a consented name, or "Participant 7 (civil society)" for people at risk);
contact details are never passed to the template.
"""
from __future__ import annotations

from dataclasses import dataclass

from dialogue.i18n import _
from dialogue.pdf import render_part
from dialogue.registry import Part

from . import balance, grid, services


@dataclass(frozen=True)
class Entry:
    number: int
    shown: str
    sector: str
    quadrant: str


def report(dialogue, lang: str, *, screen: bool = False) -> list[Part]:
    stakeholders = services.stakeholders_of(dialogue)
    entries = [Entry(s.number, s.shown_as(False), s.sector, s.quadrant) for s in stakeholders]
    context = {
        "grid": grid.build(stakeholders, inside=False, size=420),
        "balance": balance.check(stakeholders),
        "entries": entries,
        "screen": screen,
    }
    html = render_part("pdf/mapping/_report.html", lang=lang, context=context)
    return [Part(key="table", title=_("Who was at the table"), html=html, position=40)]
