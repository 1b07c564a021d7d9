"""Forms of phase 1."""
from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField, FieldList, HiddenField, IntegerField, RadioField, SelectField, StringField, SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from dialogue.forms import Form, MultiCheckboxField, VersionField, strip_spaces
from dialogue.i18n import _, _l, working_language_choices
from dialogue.models import CHALLENGE_MAX
from dialogue.text import clean

from . import labels
from .csv_io import COLUMN_LABELS
from .models import (
    AGE_GROUPS, CONTACT_MAX, DO_NO_HARM, GENDERS, GROUPS, INVITATION_STATES, LEVELS, NOTES_MAX, ORGANISATION_MAX,
    PERSON_MAX, REASONS, ROLE_MAX, SCOPES, SECTORS, STAKE_MAX, STANCES, TEXT_MAX,
)




def _choices(codes, table, blank=None):
    choices = [(code, table[code]) for code in codes]
    return ([("", blank)] if blank is not None else []) + choices


class ChallengeForm(Form):
    statement = TextAreaField(
        _l("The problem"), validators=[DataRequired(), Length(max=CHALLENGE_MAX)], filters=[strip_spaces],
        description=_l("In a few sentences: the problem that the stakeholders need to address together."),
        render_kw={"rows": 5},
    )
    scope = RadioField(_l("Scope"), choices=_choices(SCOPES, labels.SCOPE_LABELS),
                       validators=[InputRequired(message=_l("Choose the scope."))])
    objectives = TextAreaField(
        _l("Objectives"), validators=[DataRequired(), Length(max=TEXT_MAX)], filters=[strip_spaces],
        description=_l("What the dialogue should achieve; one objective per line."), render_kw={"rows": 4},
    )
    reasons = MultiCheckboxField(
        _l("Why it needs several sectors at one table"), choices=_choices(REASONS, labels.REASON_LABELS),
        description=_l("Tick what applies. If nothing does, a dialogue may not be the right tool."),
    )
    context_note = TextAreaField(
        _l("Context"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
        description=_l("What has been tried before, who holds power, what is changing now."), render_kw={"rows": 4},
    )
    risk_note = TextAreaField(
        _l("Risks and power imbalances"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
        description=_l("Who could be harmed by taking part, how power is unequal, what could inflame a conflict."),
        render_kw={"rows": 4},
    )
    do_no_harm = MultiCheckboxField(_l("Do-no-harm checklist"), choices=_choices(DO_NO_HARM, labels.DO_NO_HARM_LABELS))
    version = VersionField()
    dialogue_version = VersionField()
    submit = SubmitField(_l("Save the challenge"))

    def values(self) -> dict:
        return {
            "statement": self.statement.data,
            "scope": self.scope.data,
            "objectives": self.objectives.data,
            "reasons": [r for r in REASONS if r in (self.reasons.data or [])],
            "context_note": self.context_note.data or "",
            "risk_note": self.risk_note.data or "",
            "do_no_harm": [c for c in DO_NO_HARM if c in (self.do_no_harm.data or [])],
        }


class StakeholderForm(Form):
    organisation = StringField(COLUMN_LABELS["organisation"], validators=[Length(max=ORGANISATION_MAX)],
                               filters=[strip_spaces])
    person = StringField(
        COLUMN_LABELS["person"], validators=[Length(max=PERSON_MAX)], filters=[strip_spaces],
        description=_l("Optional. Leave it empty when you map an organisation, not a person."),
    )
    role = StringField(COLUMN_LABELS["role"], validators=[Length(max=ROLE_MAX)], filters=[strip_spaces])
    sector = SelectField(COLUMN_LABELS["sector"], validators=[DataRequired(message=_l("Choose the sector."))])
    level = SelectField(COLUMN_LABELS["level"], choices=_choices(LEVELS, labels.LEVEL_LABELS), default="local")
    stake = TextAreaField(
        COLUMN_LABELS["stake"], validators=[Length(max=STAKE_MAX)], filters=[strip_spaces], render_kw={"rows": 3},
        description=_l("What they gain or lose, what they bring."),
    )
    influence = IntegerField(
        COLUMN_LABELS["influence"], default=3,
        validators=[InputRequired(message=_l("Give a number from 1 to 5.")),
                    NumberRange(min=1, max=5, message=_l("Give a number from 1 to 5."))],
        description=_l("How much they can change the outcome: 1 very little, 5 a great deal."),
        render_kw={"min": 1, "max": 5, "inputmode": "numeric"},
    )
    interest = IntegerField(
        COLUMN_LABELS["interest"], default=3,
        validators=[InputRequired(message=_l("Give a number from 1 to 5.")),
                    NumberRange(min=1, max=5, message=_l("Give a number from 1 to 5."))],
        description=_l("How much the challenge affects or concerns them: 1 very little, 5 a great deal."),
        render_kw={"min": 1, "max": 5, "inputmode": "numeric"},
    )
    stance = SelectField(COLUMN_LABELS["stance"], choices=_choices(STANCES, labels.STANCE_LABELS), default="unknown")
    gender = SelectField(COLUMN_LABELS["gender"], validators=[Optional()])
    age_group = SelectField(COLUMN_LABELS["age_group"], validators=[Optional()])
    groups = MultiCheckboxField(COLUMN_LABELS["groups"], choices=_choices(GROUPS, labels.GROUP_LABELS))
    preferred_language = SelectField(COLUMN_LABELS["preferred_language"], validators=[Optional()])
    contact = StringField(
        COLUMN_LABELS["contact"], validators=[Length(max=CONTACT_MAX)], filters=[strip_spaces],
        description=_l("Phone or e-mail. Seen only by the dialogue's members."),
    )
    consent_contact = BooleanField(_l("They agree to be contacted"))
    consent_named = BooleanField(
        _l("They agree to be named in reports"),
        description=_l("Without it, reports and other people outside the dialogue see only the organisation."),
    )
    at_risk = BooleanField(
        _l("This person is at risk"),
        description=_l("Taking part could expose them to harm. Outside the dialogue they appear only as a "
                       "pseudonym, and the dialogue package leaves the server only encrypted."),
    )
    notes = TextAreaField(COLUMN_LABELS["notes"], validators=[Length(max=NOTES_MAX)], filters=[strip_spaces],
                          render_kw={"rows": 3})
    invitation = SelectField(COLUMN_LABELS["invitation"],
                             choices=[("", labels.INVITATION_LABELS[""])]
                             + _choices(INVITATION_STATES, labels.INVITATION_LABELS))
    version = VersionField()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sector.choices = _choices(SECTORS, labels.SECTOR_LABELS, blank=_("Choose a sector"))
        self.gender.choices = _choices(GENDERS, labels.GENDER_LABELS, blank=_("Not recorded"))
        self.age_group.choices = _choices(AGE_GROUPS, labels.AGE_GROUP_LABELS, blank=_("Not recorded"))
        self.preferred_language.choices = [("", _("Not recorded"))] + working_language_choices()

    def validate_organisation(self, field):
        if not field.data and not self.person.data:
            raise ValidationError(_("Give the organisation or the person."))

    def values(self) -> dict:
        return {
            "organisation": self.organisation.data or "",
            "person": self.person.data or "",
            "role": self.role.data or "",
            "sector": self.sector.data,
            "level": self.level.data,
            "stake": self.stake.data or "",
            "influence": self.influence.data,
            "interest": self.interest.data,
            "stance": self.stance.data,
            "gender": self.gender.data or "",
            "age_group": self.age_group.data or "",
            "groups": list(self.groups.data or []),
            "preferred_language": self.preferred_language.data or "",
            "contact": self.contact.data or "",
            "consent_contact": bool(self.consent_contact.data),
            "consent_named": bool(self.consent_named.data),
            "at_risk": bool(self.at_risk.data),
            "notes": self.notes.data or "",
            # a form without the field (a walk-in) leaves it to its service
            "invitation": (self.invitation.data or "") if self.invitation is not None else "",
        }


class UploadForm(Form):
    file = FileField(_l("CSV file"), validators=[FileRequired(message=_l("Choose a file."))])
    submit = SubmitField(_l("Read the file"))


class MappingForm(Form):
    """The preview screen: the file's text travels back with the chosen column for each header."""

    #: cleaned as the file was on upload (``csv_io.read``): it comes back from the browser
    text = HiddenField(filters=[clean])
    columns = FieldList(SelectField(validate_choice=False))
    submit = SubmitField(_l("Import these stakeholders"))

    def set_choices(self):
        choices = [("", _("Do not import"))] + [(key, label) for key, label in COLUMN_LABELS.items()]
        for entry in self.columns:
            entry.choices = choices

    def validate_columns(self, field):
        for entry in field:
            if entry.data and entry.data not in COLUMN_LABELS:
                raise ValidationError(_("Choose a field from the list."))


class InvitationForm(Form):
    """One select per stakeholder, named ``inv-<uuid>`` (built in the view from the register)."""

    submit = SubmitField(_l("Save the invitations"))


class CompleteForm(Form):
    reason = TextAreaField(
        _l("Why a sector is missing"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces], render_kw={"rows": 3},
        description=_l("Needed when government, the private sector or civil society has no stakeholder in the register."),
    )
    submit = SubmitField(_l("Mark the phase complete"))
