"""This phase's figures for the coordinators' portfolio and comparison (being written)."""
from __future__ import annotations


def collect(dialogues) -> dict:
    return {}
