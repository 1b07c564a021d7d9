"""The one place a view gets a dialogue for the current user.

load → check: anonymous users are sent to log in; anyone who may not see the dialogue gets
404 (its existence is not confirmed); a member (or coordinator) who lacks the right for the
action gets 403.
"""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user
from sqlalchemy.orm import selectinload

from .extensions import db, login_manager
from .models import Dialogue, Membership

#: the actions a view may ask for; each is a ``Dialogue.can_<action>`` method
ACTIONS = ("view", "edit", "manage", "manage_members", "download", "export", "submit", "review", "delete")


def get_dialogue(dialogue_uuid, action: str = "view") -> Dialogue:
    """Load a dialogue by its uuid for the current user, or answer 401/404/403."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    dialogue = db.one_or_404(
        db.select(Dialogue)
        .where(Dialogue.uuid == str(dialogue_uuid))
        .options(selectinload(Dialogue.memberships).selectinload(Membership.user))
    )
    if not dialogue.can_view(current_user) or dialogue.deleted_at is not None:
        # a deleted dialogue is gone for everyone; coordinators restore it from /deleted/
        abort(404)
    if not getattr(dialogue, f"can_{action}")(current_user):
        abort(403)
    return dialogue


def coordinator_required(view):
    """For the coordinators' own pages (accounts, calls): others get 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if not current_user.is_coordinator:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def dialogue_access(action: str):
    """Decorate a view taking ``dialogue_uuid``: it receives the loaded ``dialogue`` instead.

    The action is kept on the view (``view.dialogue_action``) so the access test can walk
    every rule of ``app.url_map`` and check that none forgot it.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(dialogue_uuid, **kwargs):
            return view(get_dialogue(dialogue_uuid, action), **kwargs)

        wrapped.dialogue_action = action
        return wrapped

    return decorator
