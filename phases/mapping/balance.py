"""The balance check: who is at the table, in what shares, and who is missing.

The method aims at a balance between the state, the private sector and civil society, with
the scientific community present. Everything here is computed from the register already in
memory (no queries), so the map page, the document and the benchmark share it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from babel.numbers import format_percent

from dialogue.i18n import _, _l, current_language

from .labels import SECTOR_LABELS, group_label
from .models import BALANCED_SECTORS, GROUPS, SECTORS

#: a sector above this share of the invitees dominates the table
DOMINANT_SHARE = 0.5
#: one of the three balanced sectors below this share of the invitees is too weak
WEAK_SHARE = 0.15
#: women below this share of the invitees whose gender is recorded
WOMEN_SHARE = 0.3

NONE_MAPPED = {
    "government": _l("No government stakeholder is mapped yet."),
    "private_sector": _l("No private-sector stakeholder is mapped yet."),
    "civil_society": _l("No civil-society stakeholder is mapped yet."),
    "academia": _l("No one from academia or research is mapped yet: the method wants the scientific community at the table."),
}

NONE_INVITED = {
    "government": _l("No government stakeholder is invited yet."),
    "private_sector": _l("No private-sector stakeholder is invited yet."),
    "civil_society": _l("No civil-society stakeholder is invited yet."),
    "academia": _l("No one from academia or research is invited yet."),
}

DOMINANT = {
    "government": _l("Government is %(share)s of invitees: the state could dominate the table."),
    "private_sector": _l("The private sector is %(share)s of invitees: business could dominate the table."),
    "civil_society": _l("Civil society is %(share)s of invitees: the state and business may feel outnumbered."),
}

WEAK = {
    "government": _l("Government is only %(share)s of invitees."),
    "private_sector": _l("The private sector is only %(share)s of invitees."),
    "civil_society": _l("Civil society is only %(share)s of invitees."),
}

#: "who is missing" prompts, per sector absent from the register
SECTOR_PROMPTS = {
    "government": _l("Which ministry, county or municipal office decides on this? Who enforces the rules?"),
    "private_sector": _l("Which businesses profit from the situation, or would profit from a change? Who employs the people affected?"),
    "civil_society": _l("Which associations, cooperatives or NGOs speak for the people affected?"),
    "academia": _l("Which university, research institute or expert has data on the challenge?"),
    "media": _l("Which radio, newspaper or online outlet reports on this challenge?"),
    "community": _l("Which community leaders, elders or informal groups do people turn to?"),
    "international": _l("Which international organisation or donor works on this in the area?"),
}

GROUP_PROMPTS = {
    "women": _l("Nobody in the register represents women. Who speaks for them?"),
    "youth": _l("Nobody in the register represents young people. Which youth groups could come?"),
    "disability": _l("Nobody in the register represents people with disabilities. Is there an organisation of persons with disabilities nearby?"),
    "minorities": _l("Nobody in the register represents minorities. Are there groups who are usually left out?"),
    "displaced": _l("Nobody in the register represents displaced people. Are there refugees or internally displaced people affected?"),
}


@dataclass
class Share:
    sector: str
    mapped: int
    invited: int
    mapped_share: float
    invited_share: float

    @property
    def label(self):
        return SECTOR_LABELS[self.sector]


@dataclass
class Balance:
    total: int
    invitees: int
    shares: list[Share]
    warnings: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    #: (code, mapped, invited) for gender, age groups and represented groups
    genders: list[tuple[str, int, int]] = field(default_factory=list)
    ages: list[tuple[str, int, int]] = field(default_factory=list)
    groups: list[tuple[str, int, int]] = field(default_factory=list)
    #: invitees by sector and reply: {sector: Counter(state -> n)}
    replies: dict[str, Counter] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.warnings


def percent(value: float) -> str:
    return format_percent(value, locale=current_language())


def check(stakeholders) -> Balance:
    stakeholders = list(stakeholders)
    invitees = [s for s in stakeholders if s.invitation]
    mapped_by = Counter(s.sector for s in stakeholders)
    invited_by = Counter(s.sector for s in invitees)
    total, invited_total = len(stakeholders), len(invitees)
    shares = [
        Share(sector, mapped_by[sector], invited_by[sector],
              mapped_by[sector] / total if total else 0.0,
              invited_by[sector] / invited_total if invited_total else 0.0)
        for sector in SECTORS
    ]
    result = Balance(total=total, invitees=invited_total, shares=shares)

    for sector in (*BALANCED_SECTORS, "academia"):
        if not mapped_by[sector]:
            result.warnings.append(str(NONE_MAPPED[sector]))
    if invited_total:
        for sector in (*BALANCED_SECTORS, "academia"):
            if mapped_by[sector] and not invited_by[sector]:
                result.warnings.append(str(NONE_INVITED[sector]))
        for sector in BALANCED_SECTORS:
            share = invited_by[sector] / invited_total
            if share > DOMINANT_SHARE:
                result.warnings.append(_text(DOMINANT[sector], share=percent(share)))
            elif invited_by[sector] and share < WEAK_SHARE:
                result.warnings.append(_text(WEAK[sector], share=percent(share)))
        gendered = [s for s in invitees if s.gender]
        women = sum(1 for s in gendered if s.gender == "woman")
        if gendered and women / len(gendered) < WOMEN_SHARE:
            result.warnings.append(_("Women are %(share)s of the invitees whose gender is recorded.",
                                     share=percent(women / len(gendered))))
        if not any(s.age_group == "youth" or "youth" in (s.groups or []) for s in invitees):
            result.warnings.append(_("No invitee is young or represents young people."))

    for sector in SECTORS:
        if not mapped_by[sector]:
            result.prompts.append(str(SECTOR_PROMPTS[sector]))
    represented = Counter(g for s in stakeholders for g in (s.groups or []))
    for group in GROUPS:
        if group in GROUP_PROMPTS and not represented[group] and not (
                group == "women" and any(s.gender == "woman" for s in stakeholders)) and not (
                group == "youth" and any(s.age_group == "youth" for s in stakeholders)):
            result.prompts.append(str(GROUP_PROMPTS[group]))

    def tally(key, codes):
        return [(code, sum(1 for s in stakeholders if key(s, code)), sum(1 for s in invitees if key(s, code)))
                for code in codes]

    from .models import AGE_GROUPS, GENDERS

    result.genders = tally(lambda s, c: s.gender == c, GENDERS)
    result.ages = tally(lambda s, c: s.age_group == c, AGE_GROUPS)
    result.groups = tally(lambda s, c: c in (s.groups or []), GROUPS)
    for s in invitees:
        result.replies.setdefault(s.sector, Counter())[s.invitation] += 1
    return result


def _text(lazy, **values) -> str:
    """A lazy string with named values, in the current language."""
    return str(lazy) % values


__all__ = ["check", "Balance", "Share", "percent", "group_label"]
