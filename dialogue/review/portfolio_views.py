"""The coordinators' portfolio and comparison pages (being written)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("portfolio", __name__, url_prefix="/portfolio")
