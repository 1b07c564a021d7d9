"""The coordinators' portfolio and comparison pages.

``GET /portfolio/`` lists every dialogue (filters by country, phase and case-study status in
the query string); ``GET /portfolio/portfolio.csv`` gives the same rows as a spreadsheet;
``GET /portfolio/compare?d=<uuid>&d=<uuid>…`` sets at most twelve dialogues side by side
(without ``d``: the dialogues the filters show). Coordinators only; counts and sectors, never
a person (``dialogue/review/portfolio.py``).
"""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from flask_login import login_required
from wtforms import SelectField

from .. import csvfiles
from ..access import coordinator_required
from ..forms import Form
from ..i18n import _, _l, country_name, current_language
from ..labels import case_study_status_label, phase_label
from ..models import PHASES
from . import portfolio as service

bp = Blueprint("portfolio", __name__, url_prefix="/portfolio")


class FilterForm(Form):
    """The portfolio's filters, read from the query string (a GET form: no CSRF token)."""

    country = SelectField(_l("Country"), validate_choice=False)
    phase = SelectField(_l("Phase"), validate_choice=False)
    status = SelectField(_l("Case study"), validate_choice=False)


def _filters() -> service.Filters:
    """The filters asked for in the query string; a value the filters cannot take is ignored."""
    args = request.args
    country = (args.get("country") or "").strip().upper()
    phase = args.get("phase") or ""
    status = args.get("status") or ""
    return service.Filters(
        country=country if len(country) == 2 and country.isalpha() else "",
        phase=phase if phase in PHASES else "",
        status=status if status in service.statuses() else "",
    )


def _form(data: service.Portfolio) -> FilterForm:
    """The filter form as the page shows it: what the portfolio offers, the query's choice kept."""
    form = FilterForm(formdata=request.args, meta={"csrf": False})
    form.country.choices = [("", _("All countries"))] + [(c, country_name(c)) for c in data.countries]
    form.phase.choices = [("", _("All phases"))] + [(p, str(phase_label(p))) for p in data.phases]
    form.status.choices = [("", _("Any status"))] + [(s, str(case_study_status_label(s))) for s in data.statuses]
    form.country.data = (form.country.data or "").upper()
    return form


@bp.route("/")
@login_required
@coordinator_required
def index():
    filters = _filters()
    page = request.args.get("page", "1")
    data = service.portfolio(filters, page=int(page) if page.isdigit() else 1)
    return render_template("review/portfolio.html", data=data, rows=data.rows, form=_form(data), filters=filters,
                           compare_max=service.COMPARE_MAX, sector_names=service.sector_names(data.rows))


@bp.route("/portfolio.csv")
@login_required
@coordinator_required
def export_csv():
    filters = _filters()
    lang = current_language()
    body = csvfiles.write(service.csv_rows(service.rows(filters), lang), lang=lang)
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="portfolio.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/compare")
@login_required
@coordinator_required
def compare():
    asked = request.args.getlist("d")
    filters = _filters()
    if asked:
        uuids = service.parse_uuids(asked)
        rows = service.chosen(uuids[:service.COMPARE_MAX])
        wanted = len(uuids)
    else:
        found = service.portfolio(filters, limit=service.COMPARE_MAX)
        rows, wanted = found.rows, found.matching
    result = service.comparison(rows, current_language())
    return render_template("review/compare.html", comparison=result, rows=result.rows, wanted=wanted,
                           compare_max=service.COMPARE_MAX, filters=filters, chosen=bool(asked))
