"""The one place a view of phase 0 gets a call or an application for the current user.

As ``dialogue/access.py`` does for dialogues: anonymous users are sent to log in; anyone who
may not see the call (a partner, a reviewer not assigned to it) gets 404; someone who sees it
but lacks the right for the action (a reviewer asking for the ranking or a decision) gets 403.
The action is kept on the view (``view.call_action``) so the tests can walk every rule.
"""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ..extensions import db, login_manager
from .models import Application, Call

#: each is a ``Call.can_<action>`` method
CALL_ACTIONS = ("view", "manage", "review", "download_pack", "edit_criteria")
#: each is an ``Application.can_<action>`` method
APPLICATION_ACTIONS = ("view", "review", "decide")


def may_use_calls(user) -> bool:
    """The calls pages are for coordinators and reviewers."""
    return bool(user is not None and user.is_authenticated and (user.is_coordinator or user.is_reviewer))


def _authenticated():
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    return current_user._get_current_object()


def calls_user_required(view):
    """For the list of calls: coordinators and reviewers; others get 403."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        user = _authenticated()
        if not may_use_calls(user):
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def get_call(call_uuid, action: str = "view") -> Call:
    if action not in CALL_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    user = _authenticated()
    call = db.one_or_404(db.select(Call).where(Call.uuid == str(call_uuid))
                         .options(selectinload(Call.reviewers), selectinload(Call.criteria)))
    if not call.can_view(user):
        abort(404)
    if not getattr(call, f"can_{action}")(user):
        abort(403)
    return call


def get_application(application_uuid, action: str = "view") -> Application:
    if action not in APPLICATION_ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    user = _authenticated()
    application = db.one_or_404(db.select(Application).where(Application.uuid == str(application_uuid)))
    if application.call is None or not application.can_view(user):
        abort(404)
    if not getattr(application, f"can_{action}")(user):
        abort(403)
    return application


def call_access(action: str):
    """Decorate a view taking ``call_uuid``: it receives the loaded ``call`` instead."""
    if action not in CALL_ACTIONS:
        raise ValueError(f"unknown action {action!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(call_uuid, **kwargs):
            return view(get_call(call_uuid, action), **kwargs)

        wrapped.call_action = action
        return wrapped

    return decorator


def application_access(action: str):
    """Decorate a view taking ``application_uuid``: it receives the loaded ``application``."""
    if action not in APPLICATION_ACTIONS:
        raise ValueError(f"unknown action {action!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(application_uuid, **kwargs):
            return view(get_application(application_uuid, action), **kwargs)

        wrapped.call_action = action
        return wrapped

    return decorator
