"""Phase 1's demo data: each demo dialogue's challenge and 25–40 fictional stakeholders
(``demo_data.py``), loaded through the phase's own services as a partner would enter them."""
from __future__ import annotations

from . import services
from .demo_data import CHALLENGES, STAKEHOLDERS


def load(dialogue, lead, facilitator) -> None:
    details = CHALLENGES.get(dialogue.country)
    if details is not None:
        services.save_challenge(dialogue, lead, version=None, dialogue_version=dialogue.version,
                                statement=dialogue.challenge, **details)
    rows = STAKEHOLDERS.get(dialogue.country, [])
    if rows:
        services.import_stakeholders(dialogue, facilitator, [dict(row) for row in rows])
