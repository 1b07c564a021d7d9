from __future__ import annotations

from wtforms import SelectField, SubmitField, TextAreaField
from wtforms.validators import Length

from ..forms import Form, VersionField, strip_spaces
from ..i18n import _l, working_language_choices
from .models import TEXT_MAX


def _part(label, description):
    return TextAreaField(label, description=description, validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                         render_kw={"rows": 8})


class NarrativeForm(Form):
    content_language = SelectField(
        _l("Language of what you write here"),
        description=_l("The narrative is stored in this language; translations into the others are made on the translations page."),
    )
    summary = _part(_l("Summary"), _l("The whole story in a few paragraphs: the challenge, who came to the table, what they agreed and what has changed since. Many readers read only this."))
    context = _part(_l("Context and challenge"), _l("The situation before the dialogue: the place, who is affected, what had been tried, and why it needed several sectors at one table. The common challenge is printed after it."))
    partner = _part(_l("The convening partner"), _l("Your organisation: who you are, your work on this challenge, why you convened the dialogue and who in your team did it."))
    reflections = _part(_l("Reflections"), _l("Looking back as the convening partner: what you learned, what you would do differently, what others should know before they start."))
    next_steps = _part(_l("Next steps"), _l("What happens now: the platform's next meetings, the commitments still open, the support you need."))
    version = VersionField()
    submit = SubmitField(_l("Save the narrative"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.content_language.choices = working_language_choices()
