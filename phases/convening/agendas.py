"""Ready-made agendas that follow the stages the MSP Guide's tool guide recommends:
connection, shared language, divergence, co-creation, convergence, commitment.

Each item: (day, title, minutes, method, stage, purpose, expected output). Titles and
purposes are translated when the agenda is applied, into the language the dialogue writes in.
"""
from __future__ import annotations

from dialogue.i18n import _l

T = {
    "welcome": _l("Welcome, introductions and ground rules"),
    "welcome_p": _l("Everyone knows who is in the room and how we will work together."),
    "challenge": _l("The challenge as each of us sees it"),
    "challenge_p": _l("A shared picture of the problem, in words everyone understands."),
    "facts": _l("What we know: facts and figures"),
    "facts_p": _l("A common base of evidence, presented by a neutral expert."),
    "views": _l("Interests and ideas: every sector speaks"),
    "views_p": _l("All perspectives on the table, including those that disagree."),
    "options": _l("Working groups: options for action"),
    "options_p": _l("Options built together across sectors."),
    "options_o": _l("A short list of options per group."),
    "agree": _l("Choosing together: what we agree on"),
    "agree_p": _l("Agreements, and the points still in disagreement, written down."),
    "agree_o": _l("Agreements and open points."),
    "commit": _l("Who does what, by when"),
    "commit_p": _l("Commitments with a person responsible and a date."),
    "commit_o": _l("Draft commitments."),
    "close": _l("Evaluation and closing"),
    "close_p": _l("Participants say what worked and what should change."),
    "coffee": _l("Coffee break"),
    "lunch": _l("Lunch"),
    "vision": _l("A shared vision"),
    "vision_p": _l("A short statement of where we want to be, that everyone can sign up to."),
    "vision_o": _l("A vision statement."),
    "recap": _l("Recap of day 1 and plan for day 2"),
    "recap_p": _l("Everyone starts day 2 from the same place."),
    "field": _l("Field visit"),
    "field_p": _l("Seeing the challenge on the ground together."),
}

HALF_DAY = [
    (1, "welcome", 30, "plenary", "connection", "welcome_p", None),
    (1, "challenge", 30, "small_groups", "shared_language", "challenge_p", None),
    (1, "views", 45, "fishbowl", "divergence", "views_p", None),
    (1, "coffee", 15, "break", "", None, None),
    (1, "options", 45, "world_cafe", "co_creation", "options_p", "options_o"),
    (1, "agree", 30, "plenary", "convergence", "agree_p", "agree_o"),
    (1, "commit", 20, "plenary", "commitment", "commit_p", "commit_o"),
    (1, "close", 15, "plenary", "", "close_p", None),
]

FULL_DAY = [
    (1, "welcome", 45, "plenary", "connection", "welcome_p", None),
    (1, "challenge", 45, "small_groups", "shared_language", "challenge_p", None),
    (1, "facts", 30, "panel", "shared_language", "facts_p", None),
    (1, "coffee", 20, "break", "", None, None),
    (1, "views", 60, "fishbowl", "divergence", "views_p", None),
    (1, "lunch", 60, "break", "", None, None),
    (1, "vision", 45, "small_groups", "co_creation", "vision_p", "vision_o"),
    (1, "options", 60, "world_cafe", "co_creation", "options_p", "options_o"),
    (1, "coffee", 15, "break", "", None, None),
    (1, "agree", 45, "plenary", "convergence", "agree_p", "agree_o"),
    (1, "commit", 30, "plenary", "commitment", "commit_p", "commit_o"),
    (1, "close", 15, "plenary", "", "close_p", None),
]

TWO_DAYS = [
    (1, "welcome", 60, "plenary", "connection", "welcome_p", None),
    (1, "challenge", 60, "small_groups", "shared_language", "challenge_p", None),
    (1, "coffee", 20, "break", "", None, None),
    (1, "facts", 60, "panel", "shared_language", "facts_p", None),
    (1, "lunch", 60, "break", "", None, None),
    (1, "field", 120, "other", "shared_language", "field_p", None),
    (1, "views", 60, "fishbowl", "divergence", "views_p", None),
    (2, "recap", 30, "plenary", "connection", "recap_p", None),
    (2, "vision", 60, "small_groups", "co_creation", "vision_p", "vision_o"),
    (2, "coffee", 20, "break", "", None, None),
    (2, "options", 90, "world_cafe", "co_creation", "options_p", "options_o"),
    (2, "lunch", 60, "break", "", None, None),
    (2, "agree", 60, "plenary", "convergence", "agree_p", "agree_o"),
    (2, "commit", 45, "plenary", "commitment", "commit_p", "commit_o"),
    (2, "close", 20, "plenary", "", "close_p", None),
]

TEMPLATES = {
    "half_day": (_l("Half day (about 4 hours)"), HALF_DAY),
    "full_day": (_l("Full day (about 7 hours)"), FULL_DAY),
    "two_days": (_l("Two days"), TWO_DAYS),
}


def items(template: str) -> list[dict]:
    """The template's items as plain values in the current language."""
    out = []
    for day, title, minutes, method, stage, purpose, output in TEMPLATES[template][1]:
        out.append({
            "day": day, "title": str(T[title]), "minutes": minutes, "method": method, "stage": stage,
            "purpose": str(T[purpose]) if purpose else "", "expected_output": str(T[output]) if output else "",
        })
    return out
