"""Phase 0: calls for expressions of interest, review and selection of convening partners.

A coordinator opens a call (its texts in each of its languages, the dates in a time zone, the
criteria with weights, the reviewers); anyone with its public link applies without an account;
reviewers declare a conflict of interest or score each criterion 1 to 5; the coordinator ranks
the applications by weighted average, shortlists, selects or declines them with a reason, and
prints the review pack and the decision letters. Selecting an application starts the partner's
dialogue, pre-filled from it, and opens their account with a one-time link.

A core package (phase 0 comes before any dialogue exists; it imports no phase). The app
factory registers its blueprints (``bp``, ``public``) and its package section
(``APPLICATION_SECTION``, among the core's closing sections). Layout: ``models.py``,
``services.py`` (state changes, the ranking), ``access.py`` (loading a call or an application for
the current user), ``forms.py``, ``views.py``, ``documents.py`` (PDFs), ``package.py``,
``labels.py``, ``demo.py``.
"""
from ..audit import ACTION_LABELS
from ..i18n import _l
from . import models  # noqa: F401  (its tables)
from .package import APPLICATION_SECTION
from .views import bp, public

ACTION_LABELS.update({
    "calls.created": _l("created a call for expressions of interest"),
    "calls.updated": _l("changed a call"),
    "calls.opened": _l("opened a call"),
    "calls.closed": _l("closed a call"),
    "calls.criteria_saved": _l("changed the criteria of a call"),
    "calls.application_received": _l("received an application"),
    "calls.review_submitted": _l("reviewed an application"),
    "calls.decided": _l("decided on an application"),
})

__all__ = ["APPLICATION_SECTION", "bp", "public"]
