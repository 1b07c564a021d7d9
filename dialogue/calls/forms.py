"""Forms of phase 0: the call (its texts per language, dates, reviewers), its criteria, the
public application form, a reviewer's review, a coordinator's decision, the ranking's filters.

Every bad answer is refused at its field with a message; the services check the same limits
again, so nothing the form lets through is refused by the database.
"""
from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from wtforms import (
    BooleanField, DateField, EmailField, FieldList, FormField, HiddenField, IntegerField, RadioField,
    SelectField, StringField, SubmitField, TextAreaField, TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..forms import Email, Form, MultiCheckboxField, SubForm, VersionField, strip_spaces
from ..i18n import _, _l, available_languages, country_choices, is_country, language_in_sentence, language_name
from ..models import EMAIL_MAX, NAME_MAX, ORGANISATION_MAX
from . import labels
from .models import (
    ANSWER_MAX, COMMENT_MAX, CRITERION_LABEL_MAX, DECISIONS, DESCRIPTION_MAX, PHONE_MAX, REASON_MAX, SCORE_MAX,
    SCORE_MIN, SECTOR_ANSWER_MAX, SECTORS, TITLE_MAX, WEIGHT_MAX, WEIGHT_MIN,
)

#: the years a call may open or close in (keeps odd dates out of the time-zone arithmetic)
FIRST_YEAR, LAST_YEAR = 2000, 2100

#: time zones of the programme's countries first, then every other (the same list as a
#: meeting's; the core cannot import phase 2)
COMMON_ZONES = ("UTC", "Atlantic/Cape_Verde", "America/Guayaquil", "Africa/Nairobi", "Africa/Lagos",
                "Africa/Kampala", "Europe/Brussels")


@lru_cache(maxsize=1)
def _zones() -> tuple[tuple[str, str], ...]:
    others = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return tuple((z, z.replace("_", " ")) for z in (*COMMON_ZONES, *(z for z in others if z not in COMMON_ZONES)))


def zone_choices() -> list[tuple[str, str]]:
    return list(_zones())


# -- the call ----------------------------------------------------------------------------------
class CallFormBase(Form):
    """The call's settings; ``call_form()`` adds a title and a description per interface language."""

    languages = MultiCheckboxField(
        _l("Languages of the call"),
        description=_l("Applicants may apply in any of them. Give the title (and the description) in each."))
    opens_on = DateField(_l("Opens on"), validators=[InputRequired(message=_l("Give the date."))])
    opens_time = TimeField(_l("Opens at (time)"), validators=[InputRequired(message=_l("Give the time."))])
    closes_on = DateField(_l("Closes on"), validators=[InputRequired(message=_l("Give the date."))])
    closes_time = TimeField(_l("Closes at (time)"), validators=[InputRequired(message=_l("Give the time."))])
    timezone = SelectField(_l("Time zone"), validators=[DataRequired()], validate_choice=False,
                           description=_l("The dates and times above are in this time zone."))
    reviewer_ids = MultiCheckboxField(
        _l("Reviewers"), coerce=int,
        description=_l("Accounts with the role reviewer, and coordinators. Create reviewers' accounts under Accounts."))
    version = VersionField()
    submit = SubmitField(_l("Save the call"))

    def __init__(self, *args, reviewers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = [(code, language_name(code)) for code in available_languages()]
        self.timezone.choices = zone_choices()
        self.reviewer_ids.choices = [(u.id, u.name or u.email) for u in reviewers]
        for code in available_languages():
            self[f"title_{code}"].label.text = _("Title in %(language)s", language=language_in_sentence(code))
            self[f"description_{code}"].label.text = _("Description in %(language)s",
                                                        language=language_in_sentence(code))

    @property
    def language_fields(self):
        """(code, title field, description field) for every interface language."""
        return [(code, self[f"title_{code}"], self[f"description_{code}"]) for code in available_languages()]

    def validate_languages(self, field):
        if not field.data:
            raise ValidationError(_("Choose at least one language."))
        if any(code not in available_languages() for code in field.data):
            raise ValidationError(_("Choose the languages from the list."))

    def validate_timezone(self, field):
        if field.data not in available_timezones():
            raise ValidationError(_("Choose a time zone from the list."))

    def validate_opens_on(self, field):
        if field.data and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
            raise ValidationError(_("Give a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR))

    def validate_closes_on(self, field):
        if field.data and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
            raise ValidationError(_("Give a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR))
        if not self._dates_given():
            return
        opens, closes = self.times()
        for moment in (opens, closes):
            # a time skipped when the clocks go forward does not exist there
            if moment.astimezone(timezone.utc).astimezone(moment.tzinfo).replace(tzinfo=None) != \
                    moment.replace(tzinfo=None):
                raise ValidationError(_("This time does not exist in that time zone (the clocks change that "
                                        "night). Choose another time."))
        if closes.astimezone(timezone.utc) <= opens.astimezone(timezone.utc):
            raise ValidationError(_("The call must close after it opens."))

    def _dates_given(self) -> bool:
        if self.timezone.data not in available_timezones():
            return False
        for name in ("opens_on", "opens_time", "closes_on", "closes_time"):
            if getattr(self, name).data is None:
                return False
        return all(FIRST_YEAR <= d.year <= LAST_YEAR for d in (self.opens_on.data, self.closes_on.data))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for code in self.languages.data or []:
            title = self[f"title_{code}"] if f"title_{code}" in self else None
            if title is not None and not (title.data or "").strip() and not title.errors:
                title.errors.append(_("Give the title in %(language)s.", language=language_in_sentence(code)))
                ok = False
        return ok

    def times(self) -> tuple[datetime, datetime]:
        zone = ZoneInfo(self.timezone.data)
        opens = datetime.combine(self.opens_on.data, self.opens_time.data, tzinfo=zone)
        closes = datetime.combine(self.closes_on.data, self.closes_time.data, tzinfo=zone)
        return opens, closes

    def values(self) -> dict:
        opens, closes = self.times()
        chosen = [code for code in available_languages() if code in (self.languages.data or [])]
        return {
            "titles": {code: self[f"title_{code}"].data or "" for code in chosen},
            "descriptions": {code: self[f"description_{code}"].data or "" for code in chosen},
            "languages": chosen,
            "opens_at": opens, "closes_at": closes, "timezone": self.timezone.data,
            "reviewer_ids": list(self.reviewer_ids.data or []),
        }

    def fill_from(self, call) -> None:
        self.languages.data = list(call.languages or [])
        for code in available_languages():
            self[f"title_{code}"].data = (call.titles or {}).get(code, "")
            self[f"description_{code}"].data = (call.descriptions or {}).get(code, "")
        self.opens_on.data, self.opens_time.data = call.local_opens.date(), call.local_opens.time().replace(tzinfo=None)
        self.closes_on.data = call.local_closes.date()
        self.closes_time.data = call.local_closes.time().replace(tzinfo=None)
        self.timezone.data = call.timezone
        self.reviewer_ids.data = [u.id for u in call.reviewers]
        self.version.data = str(call.version)


@lru_cache(maxsize=8)
def _call_form_class(languages: tuple[str, ...]):
    fields = {}
    for code in languages:
        fields[f"title_{code}"] = StringField(_l("Title"), validators=[Length(max=TITLE_MAX)], filters=[strip_spaces])
        fields[f"description_{code}"] = TextAreaField(
            _l("Description"), validators=[Length(max=DESCRIPTION_MAX)], filters=[strip_spaces], render_kw={"rows": 6})
    return type("CallForm", (CallFormBase,), fields)


def call_form(*args, **kwargs) -> CallFormBase:
    """The call's form, with a title and a description field for every interface language."""
    return _call_form_class(tuple(available_languages()))(*args, **kwargs)


# -- the criteria --------------------------------------------------------------------------------
class CriterionRow(SubForm):
    uuid = HiddenField()
    label = StringField(_l("Criterion"), validators=[Length(max=CRITERION_LABEL_MAX)], filters=[strip_spaces])
    weight = IntegerField(
        _l("Weight"),
        validators=[InputRequired(message=_l("Give a weight from %(min)d to %(max)d.", min=WEIGHT_MIN, max=WEIGHT_MAX)),
                    NumberRange(min=WEIGHT_MIN, max=WEIGHT_MAX,
                                message=_l("Give a weight from %(min)d to %(max)d.", min=WEIGHT_MIN, max=WEIGHT_MAX))],
        render_kw={"min": WEIGHT_MIN, "max": WEIGHT_MAX, "inputmode": "numeric"})
    remove = BooleanField(_l("Remove"))


class CriteriaForm(Form):
    criteria = FieldList(FormField(CriterionRow), min_entries=0, max_entries=20)
    new_label = StringField(_l("Add a criterion"), validators=[Length(max=CRITERION_LABEL_MAX)], filters=[strip_spaces],
                            description=_l("Optional: a criterion of this call's own, in your language."))
    new_weight = IntegerField(
        _l("Its weight"), default=1,
        validators=[Optional(), NumberRange(min=WEIGHT_MIN, max=WEIGHT_MAX,
                                            message=_l("Give a weight from %(min)d to %(max)d.", min=WEIGHT_MIN,
                                                       max=WEIGHT_MAX))],
        render_kw={"min": WEIGHT_MIN, "max": WEIGHT_MAX, "inputmode": "numeric"})
    submit = SubmitField(_l("Save the criteria"))

    def rows(self) -> list[dict]:
        return [{"uuid": entry.form.uuid.data, "label": entry.form.label.data or "", "weight": entry.form.weight.data,
                 "remove": bool(entry.form.remove.data)} for entry in self.criteria]


# -- the public application form -----------------------------------------------------------------
def _required(message):
    return DataRequired(message=message)


class ApplicationForm(Form):
    organisation = StringField(labels.ANSWER_LABELS["organisation"], filters=[strip_spaces], validators=[
        _required(_l("Give the name of your organisation.")), Length(max=ORGANISATION_MAX)])
    country = SelectField(labels.ANSWER_LABELS["country"], validate_choice=False,
                          validators=[_required(_l("Choose a country from the list."))])
    contact_person = StringField(labels.ANSWER_LABELS["contact_person"], filters=[strip_spaces], validators=[
        _required(_l("Give the name of the person we may contact.")), Length(max=NAME_MAX)],
        render_kw={"autocomplete": "name"})
    contact_email = EmailField(labels.ANSWER_LABELS["contact_email"], filters=[strip_spaces], validators=[
        _required(_l("Give an e-mail address we can reach you at.")), Email(), Length(max=EMAIL_MAX)],
        render_kw={"autocomplete": "email"})
    contact_phone = StringField(labels.ANSWER_LABELS["contact_phone"], filters=[strip_spaces],
                                validators=[Length(max=PHONE_MAX)], render_kw={"autocomplete": "tel"})
    challenge = TextAreaField(
        labels.ANSWER_LABELS["challenge"], filters=[strip_spaces], render_kw={"rows": 6},
        validators=[_required(_l("Describe the challenge you propose.")), Length(max=ANSWER_MAX)],
        description=_l("In a few sentences: the problem that people in your place need to address together."))
    why_now = TextAreaField(
        labels.ANSWER_LABELS["why_now"], filters=[strip_spaces], render_kw={"rows": 4},
        validators=[_required(_l("Say why it matters locally, and why now.")), Length(max=ANSWER_MAX)])
    how_reached = TextAreaField(
        labels.ANSWER_LABELS["how_reached"], filters=[strip_spaces], render_kw={"rows": 4},
        validators=[_required(_l("Say how you would reach them.")), Length(max=ANSWER_MAX)])
    willingness = TextAreaField(
        labels.ANSWER_LABELS["willingness"], filters=[strip_spaces], render_kw={"rows": 4},
        validators=[_required(_l("Tell us about your willingness to convene them.")), Length(max=ANSWER_MAX)])
    capacity = TextAreaField(
        labels.ANSWER_LABELS["capacity"], filters=[strip_spaces], render_kw={"rows": 4},
        validators=[_required(_l("Tell us about your capacity to convene them.")), Length(max=ANSWER_MAX)],
        description=_l("People, time, places, relationships: what you can put into it."))
    motivation = TextAreaField(
        labels.ANSWER_LABELS["motivation"], filters=[strip_spaces], render_kw={"rows": 4},
        validators=[_required(_l("Tell us about your motivation.")), Length(max=ANSWER_MAX)],
        description=_l("Why you would keep the platform going after the first dialogue."))
    experience = TextAreaField(labels.ANSWER_LABELS["experience"], filters=[strip_spaces], render_kw={"rows": 4},
                               validators=[Length(max=ANSWER_MAX)])
    consent = BooleanField(
        _l("I agree that the programme keeps these answers and my contact details to assess the application"),
        validators=[_required(_l("We can assess the application only with your agreement."))])
    #: the honeypot: hidden from people by CSS, filled in by robots
    website = StringField(_l("Leave this empty"), validators=[Length(max=200)])
    submit = SubmitField(_l("Send the application"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _("Choose a country"))] + country_choices()
        self.stakeholder_errors: list[str] = []

    @property
    def sector_fields(self):
        return [(code, self[f"sector_{code}"]) for code in SECTORS]

    def validate_country(self, field):
        if field.data and not is_country(field.data):
            raise ValidationError(_("Choose a country from the list."))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not any((field.data or "").strip() for _code, field in self.sector_fields):
            self.stakeholder_errors.append(_("Name the stakeholders of at least one sector."))
            ok = False
        return ok

    def values(self) -> dict:
        return {
            "organisation": self.organisation.data, "country": (self.country.data or "").upper(),
            "contact_person": self.contact_person.data, "contact_email": self.contact_email.data,
            "contact_phone": self.contact_phone.data or "",
            **{name: getattr(self, name).data or "" for name in
               ("challenge", "why_now", "how_reached", "willingness", "capacity", "motivation", "experience")},
            "stakeholders_by_sector": {code: field.data or "" for code, field in self.sector_fields if field.data},
        }


for _code in SECTORS:
    setattr(ApplicationForm, f"sector_{_code}", TextAreaField(
        labels.SECTOR_LABELS[_code], filters=[strip_spaces], render_kw={"rows": 2},
        validators=[Length(max=SECTOR_ANSWER_MAX)]))
del _code


# -- a review ----------------------------------------------------------------------------------------
def _score_or_none(value):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ReviewFormBase(Form):
    conflict = BooleanField(
        _l("I have a conflict of interest with this applicant"),
        description=_l("For instance: you work with them, advise them or compete with them. You then score nothing."))
    comment = TextAreaField(_l("Your comment"), validators=[Length(max=COMMENT_MAX)], filters=[strip_spaces],
                            render_kw={"rows": 4}, description=_l("Seen by the coordinators and the other reviewers."))
    submit = SubmitField(_l("Send the review"))

    criteria: list = []

    def score_fields(self):
        """(criterion, score field, note field) in the call's order."""
        return [(c, self[f"score_{c.id}"], self[f"note_{c.id}"]) for c in self.criteria]

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not self.conflict.data:
            for _criterion, score, _note in self.score_fields():
                if score.data is None or not SCORE_MIN <= score.data <= SCORE_MAX:
                    score.errors = list(score.errors) + [_("Give a score from %(min)d to %(max)d.", min=SCORE_MIN,
                                                           max=SCORE_MAX)]
                    ok = False
        return ok

    def scores(self) -> dict:
        return {c.id: (score.data, note.data or "") for c, score, note in self.score_fields()
                if score.data is not None}

    def fill_from(self, review) -> None:
        self.conflict.data = review.conflict_of_interest
        self.comment.data = review.comment
        for score in review.scores:
            if f"score_{score.criterion_id}" in self:
                self[f"score_{score.criterion_id}"].data = score.value
                self[f"note_{score.criterion_id}"].data = score.comment


def review_form(criteria, lang: str, *args, **kwargs) -> ReviewFormBase:
    """The review form for a call's criteria: a score 1–5 and a note per criterion."""
    fields = {"criteria": list(criteria)}
    for criterion in criteria:
        fields[f"score_{criterion.id}"] = RadioField(
            criterion.label(lang), coerce=_score_or_none, validate_choice=False, validators=[Optional()],
            choices=[(v, labels.SCORE_LABELS[v]) for v in range(SCORE_MIN, SCORE_MAX + 1)])
        fields[f"note_{criterion.id}"] = TextAreaField(
            _l("Note on this criterion (optional)"), validators=[Length(max=COMMENT_MAX)], filters=[strip_spaces],
            render_kw={"rows": 2})
    return type("ReviewForm", (ReviewFormBase,), fields)(*args, **kwargs)


# -- a decision ----------------------------------------------------------------------------------------
class DecisionForm(Form):
    decision = RadioField(_l("Decision"), validate_choice=False,
                          validators=[InputRequired(message=_l("Choose a decision."))])
    reason = TextAreaField(
        _l("Reason"), filters=[strip_spaces], render_kw={"rows": 4},
        validators=[DataRequired(message=_l("Give the reason for the decision.")), Length(max=REASON_MAX)],
        description=_l("Printed in the decision letter to the applicant."))
    version = VersionField()
    submit = SubmitField(_l("Record the decision"))

    def __init__(self, application, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision.choices = [(code, labels.DECISION_LABELS[code]) for code in DECISIONS
                                 if application.can_take(code)]

    def validate_decision(self, field):
        if field.data not in {code for code, _label in self.decision.choices}:
            raise ValidationError(_("Choose one of the decisions offered."))


# -- the ranking's filters (a GET form) ----------------------------------------------------------------
class RankingFilterForm(Form):
    country = SelectField(_l("Country"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
