from __future__ import annotations

from wtforms import HiddenField, IntegerField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..forms import Form, strip_spaces
from ..i18n import _l
from .models import COMMENT_MAX, NOTE_MAX


class CommentForm(Form):
    section = HiddenField(validators=[DataRequired()])
    text = TextAreaField(_l("Your comment on this section"), validators=[DataRequired(), Length(max=COMMENT_MAX)],
                         filters=[strip_spaces], render_kw={"rows": 3})
    submit = SubmitField(_l("Add the comment"))


class DecisionForm(Form):
    note = TextAreaField(_l("A message to the partner"), validators=[Optional(), Length(max=NOTE_MAX)],
                         filters=[strip_spaces], render_kw={"rows": 3},
                         description=_l("Say what to change, or what you liked. The partner sees it with your comments."))
    request_changes = SubmitField(_l("Ask for changes"))
    approve = SubmitField(_l("Approve the case study"))


class CompareForm(Form):
    a = IntegerField(_l("Version"), validators=[DataRequired(), NumberRange(min=1)])
    b = IntegerField(_l("with version"), validators=[DataRequired(), NumberRange(min=1)])
    submit = SubmitField(_l("Compare"))
