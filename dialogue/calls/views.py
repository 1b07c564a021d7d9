"""Phase 0's pages. Thin: load and check through ``dialogue.calls.access``, validate a form,
call a service, commit once, redirect.

``calls`` (``/calls/…``, coordinators and reviewers): the calls, a call's settings, criteria and
status, the reviewer's list, an application with its reviews and the decision, the ranking with
its CSV, the review pack and the decision letters.

``call_public`` (``/calls/<call_token>/…``, anyone with the link): the call in the visitor's
language (any of the call's), the application form and its confirmation. A closed or
not-yet-open call says so and takes nothing. Robots fill the honeypot and get a thank-you; an
address sending too much gets 429 (``public_rate_limit``). These pages send no referrer and
ask not to be indexed, as the other pages behind a link do.
"""
from __future__ import annotations

from flask import (
    Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, session, url_for,
)
from flask_login import current_user, login_required

from .. import csvfiles
from ..access import coordinator_required
from ..auth import reauth_required
from ..extensions import db, limiter
from ..forms import ConfirmForm, DocumentForm, stale_message
from ..i18n import _, available_languages, country_name, current_language
from ..models import InvalidTransition, utcnow
from ..services import ServiceError, StaleEdit
from ..views import _deliver_link, public_rate_limit, take_link
from . import documents, services
from .access import application_access, call_access, calls_user_required
from .forms import ApplicationForm, CriteriaForm, DecisionForm, RankingFilterForm, call_form, review_form
from .labels import APPLICATION_STATUS_LABELS, TEMPLATE_GLOBALS
from .models import APPLICATION_STATUSES, SCORE_MAX, SCORE_MIN

bp = Blueprint("calls", __name__, url_prefix="/calls")
public = Blueprint("call_public", __name__, url_prefix="/calls")

#: rows per page of the ranking and the reviewer's list
PAGE_SIZE = 100


def _me():
    return current_user._get_current_object()


def _document_form():
    return DocumentForm(formdata=None, lang=current_language(), meta={"csrf": False})


def _service_message(exc: ServiceError) -> str:
    return {
        "languages": _("Choose at least one language."),
        "title": _("Give the title in every language of the call."),
        "title_long": _("The title is too long."),
        "description_long": _("The description is too long."),
        "dates": _("The call must close after it opens."),
        "reviewer": _("Choose the reviewers from the list."),
        "scored": _("The criteria can no longer change: applications have been scored."),
        "weight": _("Give a weight from 1 to 10."),
        "label": _("Give the criterion's wording."),
        "label_long": _("The wording is too long."),
        "none": _("Keep at least one criterion."),
        "unknown": _("This criterion is not part of the call. Open the page again."),
        "score": _("Give a score from %(min)d to %(max)d.", min=SCORE_MIN, max=SCORE_MAX),
        "long": _("This answer is too long."),
        "reason": _("Give the reason for the decision."),
        "decision": _("Choose one of the decisions offered."),
    }.get(exc.message, _("This could not be saved."))


def _field_error(form, exc: ServiceError) -> None:
    """Show a service's refusal at its field (or above the form)."""
    name = exc.field or ""
    target = form
    for part in name.split("-"):
        try:
            target = target[int(part)] if part.isdigit() else target[part]
        except (KeyError, IndexError, TypeError):
            target = None
            break
    if target is not None and hasattr(target, "errors") and target is not form:
        target.errors = list(target.errors) + [_service_message(exc)]
    else:
        flash(_service_message(exc), "error")


# -- the calls -------------------------------------------------------------------------------------
@bp.route("/")
@login_required
@calls_user_required
def index():
    return render_template("calls/index.html", rows=services.calls_for(_me()), lang=current_language())


@bp.route("/new", methods=["GET", "POST"])
@login_required
@coordinator_required
def new_call():
    form = call_form(reviewers=services.reviewer_candidates())
    if request.method == "GET":
        form.languages.data = [current_language()]
        form.timezone.data = "UTC"
    if form.validate_on_submit():
        try:
            call = services.create_call(_me(), **form.values())
        except ServiceError as exc:
            db.session.rollback()
            _field_error(form, exc)
        else:
            db.session.commit()
            flash(_("The call is saved as a draft. Check its criteria, then open it."), "success")
            return redirect(url_for("calls.call", call_uuid=call.uuid))
    return render_template("calls/call_form.html", form=form, call=None), 200 if not form.errors else 422


@bp.route("/<uuid:call_uuid>/")
@login_required
@call_access("view")
def call(call):
    return render_template(
        "calls/call.html", call=call, counts=services.count_applications(call), confirm_form=ConfirmForm(),
        can_manage=call.can_manage(current_user), is_reviewer=call.is_reviewer(current_user),
        public_url=url_for("call_public.call", call_token=call.public_token, _external=True),
        lang=current_language(), document_form=_document_form(), state=call.state(),
    )


@bp.route("/<uuid:call_uuid>/edit", methods=["GET", "POST"])
@login_required
@call_access("manage")
def edit_call(call):
    form = call_form(reviewers=services.reviewer_candidates())
    if request.method == "GET":
        form.fill_from(call)
    if form.validate_on_submit():
        try:
            services.update_call(call, _me(), version=int(form.version.data or 0), **form.values())
        except (ValueError, StaleEdit) as exc:
            db.session.rollback()
            if isinstance(exc, ServiceError) and not isinstance(exc, StaleEdit):
                _field_error(form, exc)
            else:
                form.version.errors = [stale_message()]
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("calls.call", call_uuid=call.uuid))
    return render_template("calls/call_form.html", form=form, call=call), 200 if not form.errors else 422


@bp.route("/<uuid:call_uuid>/criteria", methods=["GET", "POST"])
@login_required
@call_access("manage")
def criteria(call):
    locked = call.has_scores()
    form = CriteriaForm()
    lang = current_language()
    if request.method == "GET":
        for criterion in call.criteria:
            form.criteria.append_entry({"uuid": criterion.uuid, "label": criterion.label(lang),
                                        "weight": criterion.weight})
    elif locked:
        flash(_("The criteria can no longer change: applications have been scored."), "error")
        return redirect(url_for("calls.criteria", call_uuid=call.uuid))
    elif form.validate_on_submit():
        try:
            services.save_criteria(call, _me(), form.rows(), lang=lang, new_label=form.new_label.data or "",
                                   new_weight=form.new_weight.data)
        except ServiceError as exc:
            db.session.rollback()
            _field_error(form, exc)
        else:
            db.session.commit()
            flash(_("The criteria are saved."), "success")
            return redirect(url_for("calls.call", call_uuid=call.uuid))
    return render_template("calls/criteria.html", call=call, form=form, locked=locked), 200 if not form.errors else 422


@bp.route("/<uuid:call_uuid>/open", methods=["POST"])
@login_required
@call_access("manage")
def open_call(call):
    if ConfirmForm().validate_on_submit():
        try:
            services.open_call(call, _me())
        except InvalidTransition:
            db.session.rollback()
            flash(_("The call is open already."), "info")
        else:
            db.session.commit()
            flash(_("The call is open. Share its public link."), "success")
    return redirect(url_for("calls.call", call_uuid=call.uuid))


@bp.route("/<uuid:call_uuid>/close", methods=["POST"])
@login_required
@call_access("manage")
def close_call(call):
    if ConfirmForm().validate_on_submit():
        try:
            services.close_call(call, _me())
        except InvalidTransition:
            db.session.rollback()
            flash(_("Only an open call can be closed."), "error")
        else:
            db.session.commit()
            flash(_("The call is closed: it takes no more applications."), "success")
    return redirect(url_for("calls.call", call_uuid=call.uuid))


# -- the reviewer's list -------------------------------------------------------------------------------
def _page(rows, endpoint: str, **args):
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    return rows[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], number, pages, \
        (lambda n: url_for(endpoint, **args, page=n))


@bp.route("/<uuid:call_uuid>/assigned")
@login_required
@call_access("review")
def assigned(call):
    rows = services.reviewer_list(call, _me())
    shown, page, pages, page_url = _page(rows, "calls.assigned", call_uuid=call.uuid)
    done = sum(1 for r in rows if r.state != "todo")
    return render_template("calls/assigned.html", call=call, rows=shown, total=len(rows), done=done, page=page,
                           pages=pages, page_url=page_url, lang=current_language())


# -- the ranking -----------------------------------------------------------------------------------------
def _filters() -> tuple[str, str]:
    country = (request.args.get("country") or "").strip().upper()
    status = request.args.get("status") or ""
    return (country if len(country) == 2 and country.isalpha() else "",
            status if status in APPLICATION_STATUSES else "")


@bp.route("/<uuid:call_uuid>/ranking")
@login_required
@call_access("manage")
def ranking(call):
    country, status = _filters()
    # the arithmetic runs over every application; only the page's rows load theirs
    data = services.ranking(call, country=country, status=status, applications=False)
    form = RankingFilterForm(formdata=request.args, meta={"csrf": False})
    form.country.choices = [("", _("All countries"))] + [(c, country_name(c)) for c in data.countries]
    form.status.choices = [("", _("Any status"))] + [(s, str(APPLICATION_STATUS_LABELS[s])) for s in APPLICATION_STATUSES]
    form.country.data, form.status.data = country, status
    query = {k: v for k, v in (("country", country), ("status", status)) if v}
    shown, page, pages, page_url = _page(data.rows, "calls.ranking", call_uuid=call.uuid, **query)
    services.load_applications(shown)
    return render_template("calls/ranking.html", call=call, data=data, rows=shown, form=form, query=query,
                           page=page, pages=pages, page_url=page_url, lang=current_language(),
                           document_form=_document_form())


@bp.route("/<uuid:call_uuid>/ranking.csv")
@login_required
@call_access("manage")
@reauth_required
def ranking_csv(call):
    country, status = _filters()
    lang = current_language()
    body = csvfiles.write(services.csv_rows(services.ranking(call, country=country, status=status), lang), lang=lang)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="ranking.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/<uuid:call_uuid>/review-pack.pdf")
@login_required
@call_access("download_pack")
def review_pack(call):
    country, status = _filters()
    lang = request.args.get("lang") or current_language()
    with_scores = call.can_manage(current_user)
    return documents.download(
        lambda: documents.render_review_pack(call, lang, with_scores=with_scores, country=country, status=status),
        _("Review pack"))


# -- an application -------------------------------------------------------------------------------------
def _application_page(application, *, review_form_=None, decision_form=None, status=200):
    user = _me()
    own = services.review_of(application, user) if application.call.is_reviewer(user) else None
    lang = current_language()
    if review_form_ is None and application.can_review(user):
        review_form_ = review_form(application.call.criteria, lang)
        if own is not None:
            review_form_.fill_from(own)
    if decision_form is None and application.can_decide(user) and not application.is_decided:
        decision_form = DecisionForm(application)
        decision_form.version.data = str(application.version)
    see_scores = application.can_see_scores(user, own)
    return render_template(
        "calls/application.html", application=application, call=application.call, own=own,
        reviews=services.reviews_of(application) if see_scores else [], see_scores=see_scores,
        review_form=review_form_, decision_form=decision_form, can_decide=application.can_decide(user),
        sectors=services.sector_answers(application), issued=take_link() if application.can_decide(user) else None,
        lang=lang, letter=application.status in documents.LETTER_STATUSES,
    ), status


@bp.route("/applications/<uuid:application_uuid>/")
@login_required
@application_access("view")
def application(application):
    return _application_page(application)


@bp.route("/applications/<uuid:application_uuid>/review", methods=["POST"])
@login_required
@application_access("review")
def submit_review(application):
    form = review_form(application.call.criteria, current_language())
    if form.validate_on_submit():
        try:
            services.submit_review(application, _me(), conflict=bool(form.conflict.data), scores=form.scores(),
                                   comment=form.comment.data or "")
        except ServiceError as exc:
            db.session.rollback()
            _field_error(form, exc)
        except StaleEdit:
            db.session.rollback()
            form.comment.errors = [stale_message()]
        else:
            db.session.commit()
            flash(_("Your review is sent. You now see the other reviewers' scores."), "success")
            return redirect(url_for("calls.application", application_uuid=application.uuid) + "#reviews")
    return _application_page(application, review_form_=form, status=422)


@bp.route("/applications/<uuid:application_uuid>/decide", methods=["POST"])
@login_required
@application_access("decide")
def decide(application):
    form = DecisionForm(application)
    if form.validate_on_submit():
        try:
            result = services.decide(application, _me(), decision=form.decision.data, reason=form.reason.data,
                                     version=int(form.version.data or 0) or None)
        except ServiceError as exc:
            db.session.rollback()
            if isinstance(exc, StaleEdit):
                form.reason.errors = [stale_message()]
            else:
                _field_error(form, exc)
        except InvalidTransition:
            db.session.rollback()
            form.decision.errors = [_("This decision is no longer possible: the application is %(status)s.",
                                      status=APPLICATION_STATUS_LABELS.get(application.status, application.status))]
        else:
            db.session.commit()
            if result.token:
                _deliver_link(result.partner, result.token)
            if result.dialogue is not None:
                flash(_("The application is selected. Its dialogue is started, with %(name)s as lead.",
                        name=result.partner.display_name), "success")
            else:
                flash(_("The decision is recorded."), "success")
            return redirect(url_for("calls.application", application_uuid=application.uuid))
    return _application_page(application, decision_form=form, status=422)


@bp.route("/applications/<uuid:application_uuid>/letter.pdf")
@login_required
@application_access("decide")
def letter(application):
    return documents.download(lambda: documents.render_letter(application), _("Decision letter"))


# -- the public pages --------------------------------------------------------------------------------------
@public.url_value_preprocessor
def _call_and_its_language(endpoint, values):
    """Find the call and choose the page's language before anything reads the locale: the
    ``?lang=`` asked for when the call is written in it, else the visitor's own (their choice
    in the header, then their browser's) when the call has it, else the call's first."""
    call = services.call_by_token((values or {}).get("call_token") or "")
    g.public_call = call
    if call is None:
        return
    offered = [code for code in (call.languages or []) if code in available_languages()] or ["en"]
    lang = request.args.get("lang")
    if lang not in offered:
        lang = session.get("lang") if session.get("lang") in offered else (
            request.accept_languages.best_match(offered) or offered[0])
    g.force_lang = g.call_lang = lang


def _public_call():
    call = g.get("public_call")
    if call is None:
        abort(404)
    return call, g.call_lang


def _private(response, status: int | None = None):
    """A page behind a link: no referrer (the link is the key), not indexed."""
    response = current_app.make_response(response if status is None else (response, status))
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _call_page(call, lang: str, status: int = 200):
    closed_early = call.status == "closed" and utcnow() < call.closes_at
    return _private(render_template("calls/public_call.html", call=call, lang=lang, state=call.state(),
                                    closed_early=closed_early), status)


@public.route("/<call_token>/", endpoint="call")
@limiter.limit(public_rate_limit)
def public_call(call_token: str):
    call, lang = _public_call()
    return _call_page(call, lang)


@public.route("/<call_token>/apply", methods=["GET", "POST"])
@limiter.limit(public_rate_limit)
def apply(call_token: str):
    call, lang = _public_call()
    if not call.accepts_applications():
        # a closed or not-yet-open call says so and takes nothing, whatever is posted
        return _call_page(call, lang, 200 if request.method == "GET" else 409)
    form = ApplicationForm()
    if form.validate_on_submit():
        if form.website.data:  # a robot filled the honeypot: thank it and keep nothing
            _remember_applied(call, None)
            return _private(redirect(url_for("call_public.applied", call_token=call.public_token, lang=lang)))
        try:
            application = services.submit_application(call, language=lang, **form.values())
        except ServiceError as exc:
            db.session.rollback()
            if exc.message == "closed":  # it closed while the form was being filled in
                return _call_page(call, lang, 409)
            if exc.field == "stakeholders":
                form.stakeholder_errors.append(_("Name the stakeholders of at least one sector."))
            else:
                _field_error(form, exc)
        else:
            db.session.commit()
            _remember_applied(call, application.reference)
            return _private(redirect(url_for("call_public.applied", call_token=call.public_token, lang=lang)))
    return _private(render_template("calls/apply.html", call=call, lang=lang, form=form),
                    200 if not (form.errors or form.stakeholder_errors) else 422)


#: where the confirmation waits, in the visitor's session: {public token: reference}
APPLIED_KEY = "calls_applied"


def _remember_applied(call, reference: str | None) -> None:
    """The confirmation is shown from the session: a reload never sends the application twice."""
    applied = dict(list((session.get(APPLIED_KEY) or {}).items())[-4:])  # a few calls at most
    applied[call.public_token] = reference or ""
    session[APPLIED_KEY] = applied


@public.route("/<call_token>/applied")
@limiter.limit(public_rate_limit)
def applied(call_token: str):
    """The confirmation with the reference number: only to the browser that sent the application."""
    call, lang = _public_call()
    applied = session.get(APPLIED_KEY) or {}
    if call.public_token not in applied:
        return _private(redirect(url_for("call_public.call", call_token=call.public_token, lang=lang)))
    return _private(render_template("calls/applied.html", call=call, lang=lang, reference=applied[call.public_token]))


@bp.record_once
def _template_globals(state):
    state.app.jinja_env.globals.update(TEMPLATE_GLOBALS)
