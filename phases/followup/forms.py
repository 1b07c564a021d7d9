"""Forms of phase 3."""
from __future__ import annotations

from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from dialogue.forms import Form, MultiCheckboxField, VersionField, strip_spaces
from dialogue.i18n import _, _l

from . import labels
from .models import EVIDENCE_MAX, FREQUENCIES, STATUSES, TEXT_MAX, TITLE_MAX




class CommitmentForm(Form):
    title = TextAreaField(_l("What will be done"), validators=[DataRequired(), Length(max=TITLE_MAX)],
                          filters=[strip_spaces], render_kw={"rows": 3})
    owners = MultiCheckboxField(_l("Who commits"), description=_l(
        "One or more stakeholders from the register. Commitments shared across sectors are the point."))
    outcome = SelectField(_l("Comes from"), validators=[Optional()])
    due_date = DateField(_l("By when"), validators=[Optional()])
    indicator = TextAreaField(_l("How we will see it is done"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                              render_kw={"rows": 2})
    resources = TextAreaField(_l("Resources needed"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                              render_kw={"rows": 2})
    support = TextAreaField(_l("Support asked of others"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                            render_kw={"rows": 2})
    public = BooleanField(_l("May be shown in the case study"), default=True)
    confirm_early = BooleanField(_l("Yes, the due date is before the meeting it came from"))
    version = VersionField()
    submit = SubmitField(_l("Save the commitment"))

    def __init__(self, stakeholders, outcomes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners.choices = [(s.uuid, s.shown_as(True)) for s in stakeholders if s.erased_at is None]
        self.outcome.choices = [("", _("Not linked"))] + [(o.uuid, o.text[:120]) for o in outcomes]

    def validate_owners(self, field):
        if not field.data:
            raise ValidationError(_("Choose at least one stakeholder who commits."))


class UpdateForm(Form):
    status = SelectField(_l("Status"), choices=[(s, labels.STATUS_LABELS[s]) for s in STATUSES])
    progress = IntegerField(
        _l("Progress (%)"), validators=[InputRequired(message=_l("Give the progress from 0 to 100.")),
                                        NumberRange(min=0, max=100, message=_l("Give the progress from 0 to 100."))],
        render_kw={"min": 0, "max": 100, "inputmode": "numeric"},
    )
    note = TextAreaField(_l("What happened"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                         render_kw={"rows": 3})
    evidence = StringField(_l("Evidence"), validators=[Length(max=EVIDENCE_MAX)], filters=[strip_spaces],
                           description=_l("Where it can be seen: a document, a web address, a photo."))
    submit = SubmitField(_l("Send the update"))


class PlatformForm(Form):
    established = BooleanField(_l("A lasting local platform has been set up"))
    name = StringField(_l("Its name"), validators=[Length(max=200)], filters=[strip_spaces])
    member_ids = MultiCheckboxField(_l("Members"), coerce=int)
    frequency = SelectField(_l("How often it meets"))
    next_meeting = DateField(_l("Next meeting"), validators=[Optional()])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces], render_kw={"rows": 3})
    version = VersionField()
    submit = SubmitField(_l("Save"))

    def __init__(self, stakeholders, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.member_ids.choices = [(s.id, s.shown_as(True)) for s in stakeholders if s.erased_at is None]
        self.frequency.choices = [("", _("Not decided"))] + [(f, labels.FREQUENCY_LABELS[f]) for f in FREQUENCIES]


class LessonForm(Form):
    worked = TextAreaField(_l("What worked"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                           render_kw={"rows": 3})
    did_not_work = TextAreaField(_l("What did not work"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                                 render_kw={"rows": 3})
    would_change = TextAreaField(_l("What we would change"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                                 render_kw={"rows": 3})
    surprised = TextAreaField(_l("What surprised us"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                              render_kw={"rows": 3})
    version = VersionField()
    submit = SubmitField(_l("Save the lessons"))
