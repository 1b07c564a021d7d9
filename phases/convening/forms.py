"""Forms of phase 2."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo, available_timezones

from wtforms import (
    DateField, IntegerField, RadioField, SelectField, StringField, SubmitField, TextAreaField, TimeField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from dialogue.forms import Form, MultiCheckboxField, VersionField, strip_spaces
from dialogue.text import clean
from dialogue.i18n import _, _l, working_language_choices
from phases.mapping.forms import StakeholderForm

from . import labels
from .models import (
    ADDRESS_MAX, ITEM_MINUTES_MAX, ITEM_TITLE_MAX, LINK_MAX, MEETING_KINDS, METHODS, OUTCOME_KINDS, STAGES, TEXT_MAX,
    TITLE_MAX, VENUE_MAX,
)




def _choices(codes, table):
    return [(code, table[code]) for code in codes]


#: the years a meeting may take place in (keeps odd dates out of the time-zone arithmetic)
FIRST_YEAR, LAST_YEAR = 2000, 2100

#: time zones of the programme's countries first, then every other
COMMON_ZONES = ("Atlantic/Cape_Verde", "America/Guayaquil", "Africa/Nairobi", "Africa/Lagos", "Africa/Kampala",
                "UTC")


def zone_choices() -> list[tuple[str, str]]:
    others = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [(z, z.replace("_", " ")) for z in COMMON_ZONES] + [(z, z.replace("_", " ")) for z in others
                                                               if z not in COMMON_ZONES]


class MeetingForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=TITLE_MAX)], filters=[strip_spaces])
    kind = SelectField(_l("Type"), choices=_choices(MEETING_KINDS, labels.MEETING_KIND_LABELS), default="main")
    date = DateField(_l("Date"), validators=[InputRequired(message=_l("Give the date."))])
    start = TimeField(_l("Starts at"), validators=[InputRequired(message=_l("Give the start time."))])
    end_date = DateField(_l("Last day"), validators=[Optional()],
                         description=_l("Only for a meeting of several days."))
    end = TimeField(_l("Ends at"), validators=[InputRequired(message=_l("Give the end time."))])
    timezone = SelectField(_l("Time zone"), validators=[DataRequired()], validate_choice=False)
    venue = StringField(_l("Venue"), validators=[Length(max=VENUE_MAX)], filters=[strip_spaces])
    address = TextAreaField(_l("Address"), validators=[Length(max=ADDRESS_MAX)], filters=[strip_spaces],
                            render_kw={"rows": 2})
    online_link = StringField(_l("Online link (optional)"), validators=[Length(max=LINK_MAX)], filters=[strip_spaces],
                              description=_l("For people who join from afar."))
    languages = MultiCheckboxField(_l("Languages spoken"))
    interpretation = TextAreaField(_l("Interpretation"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                                   description=_l("Which languages, by whom, whisper or booth."),
                                   render_kw={"rows": 2})
    facilitator_ids = MultiCheckboxField(_l("Facilitators"), coerce=int)
    ground_rules = TextAreaField(_l("Ground rules"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                                 description=_l("One rule per line. Start from the ready-made rules below and "
                                                "adapt them."), render_kw={"rows": 6})
    version = VersionField()
    submit = SubmitField(_l("Save the meeting"))

    def __init__(self, dialogue, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timezone.choices = zone_choices()
        self.languages.choices = working_language_choices()
        self.facilitator_ids.choices = [(m.user_id, m.user.display_name) for m in dialogue.memberships]

    def validate_timezone(self, field):
        if field.data not in available_timezones():
            raise ValidationError(_("Choose a time zone from the list."))

    def validate_end(self, field):
        if self.errors_in("date", "start", "end", "timezone"):
            return
        starts, ends = self.times()
        for moment in (starts, ends):
            # a time skipped when the clocks go forward does not exist there
            if moment.astimezone(timezone.utc).astimezone(moment.tzinfo).replace(tzinfo=None) != \
                    moment.replace(tzinfo=None):
                raise ValidationError(_("This time does not exist in that time zone (the clocks change that "
                                        "night). Choose another time."))
        if ends.astimezone(timezone.utc) <= starts.astimezone(timezone.utc):
            raise ValidationError(_("The meeting must end after it starts."))

    def validate_date(self, field):
        if field.data and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
            raise ValidationError(_("Give a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR))

    def validate_end_date(self, field):
        if field.data and not FIRST_YEAR <= field.data.year <= LAST_YEAR:
            raise ValidationError(_("Give a date between %(first)d and %(last)d.", first=FIRST_YEAR, last=LAST_YEAR))
        if field.data and self.date.data and field.data < self.date.data:
            raise ValidationError(_("The last day cannot be before the first."))
        if field.data and self.date.data and (field.data - self.date.data).days > 13:
            raise ValidationError(_("A meeting lasts at most two weeks."))

    def errors_in(self, *names) -> bool:
        if self.timezone.data not in available_timezones():
            return True
        if self.date.data and not FIRST_YEAR <= self.date.data.year <= LAST_YEAR:
            return True
        if self.end_date.data and not FIRST_YEAR <= self.end_date.data.year <= LAST_YEAR:
            return True
        return any(getattr(self, n).data is None or getattr(self, n).errors for n in names)

    def times(self) -> tuple[datetime, datetime]:
        zone = ZoneInfo(self.timezone.data)
        starts = datetime.combine(self.date.data, self.start.data, tzinfo=zone)
        ends = datetime.combine(self.end_date.data or self.date.data, self.end.data, tzinfo=zone)
        return starts, ends

    def values(self) -> dict:
        starts, ends = self.times()
        return {
            "title": self.title.data, "kind": self.kind.data, "starts_at": starts, "ends_at": ends,
            "timezone": self.timezone.data, "venue": self.venue.data or "", "address": self.address.data or "",
            "online_link": self.online_link.data or "", "languages": list(self.languages.data or []),
            "interpretation": self.interpretation.data or "",
            "facilitator_ids": [int(v) for v in (self.facilitator_ids.data or [])],
            "ground_rules": self.ground_rules.data or "",
        }

    def fill_from(self, meeting) -> None:
        start, end = meeting.local_start, meeting.local_end
        self.date.data, self.start.data = start.date(), start.time().replace(second=0, microsecond=0)
        self.end.data = end.time().replace(second=0, microsecond=0)
        self.end_date.data = end.date() if end.date() != start.date() else None
        self.version.data = str(meeting.version)

    def validate_online_link(self, field):
        if field.data and not field.data.lower().startswith(("https://", "http://")):
            raise ValidationError(_("Give a web address starting with https://"))


class ChecklistForm(Form):
    """One radio group per checklist item, named ``check-<code>`` (built in the template)."""

    version = VersionField()
    submit = SubmitField(_l("Save the checklist"))


class AgendaItemForm(Form):
    title = StringField(_l("Item"), validators=[DataRequired(), Length(max=ITEM_TITLE_MAX)], filters=[strip_spaces])
    minutes = IntegerField(
        _l("Minutes"), default=30,
        validators=[InputRequired(message=_l("Give the duration in minutes.")),
                    NumberRange(min=1, max=ITEM_MINUTES_MAX,
                                message=_l("Give a duration from 1 to %(max)d minutes.", max=ITEM_MINUTES_MAX))],
        render_kw={"min": 1, "max": ITEM_MINUTES_MAX, "inputmode": "numeric"},
    )
    day = IntegerField(_l("Day"), default=1, validators=[Optional(), NumberRange(min=1, max=14)],
                       render_kw={"min": 1, "max": 14, "inputmode": "numeric"})
    method = SelectField(_l("Method"), choices=_choices(METHODS, labels.METHOD_LABELS), default="plenary")
    stage = SelectField(_l("Stage of the meeting"))
    lead = StringField(_l("Led by"), validators=[Length(max=120)], filters=[strip_spaces])
    purpose = TextAreaField(_l("Purpose"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces], render_kw={"rows": 2})
    expected_output = TextAreaField(_l("Expected output"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                                    render_kw={"rows": 2})
    materials = TextAreaField(_l("Materials"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                              render_kw={"rows": 2})
    version = VersionField()
    submit = SubmitField(_l("Save the item"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage.choices = [("", _("No stage (a break, a formality)"))] + _choices(STAGES, labels.STAGE_LABELS)

    def values(self) -> dict:
        return {
            "title": self.title.data, "minutes": self.minutes.data, "day": self.day.data or 1,
            "method": self.method.data, "stage": self.stage.data or "", "lead": self.lead.data or "",
            "purpose": self.purpose.data or "", "expected_output": self.expected_output.data or "",
            "materials": self.materials.data or "",
        }


class TemplateForm(Form):
    template = SelectField(_l("Ready-made agenda"))
    submit = SubmitField(_l("Use this agenda"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .agendas import TEMPLATES

        self.template.choices = [(key, label) for key, (label, _items) in TEMPLATES.items()]


class WalkInForm(StakeholderForm):
    """A walk-in: the register's form, without the invitation (they came)."""

    invitation = None  # not asked: they came (the service records them as accepted)
    submit = SubmitField(_l("Check in"))


class RecordForm(Form):
    """Notes per agenda item (``notes-<uuid>`` with ``nv-<uuid>``, built in the template) and the reflection.

    ``RecordForm(obj=meeting)`` reads the notes of the meeting's items when it validates: each
    is cleaned as every text area is (``dialogue.text``), and one longer than ``TEXT_MAX`` gets
    its message in ``note_errors`` (shown next to it) and fails the form, so nothing is saved.
    """

    reflection = TextAreaField(_l("The facilitator's reflection"), validators=[Length(max=TEXT_MAX)],
                               filters=[strip_spaces], render_kw={"rows": 5},
                               description=_l("What went well, what did not, what you would do differently."))
    version = VersionField()
    submit = SubmitField(_l("Save the record"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._items = list(getattr(kwargs.get("obj"), "items", None) or [])
        #: item uuid -> (its version when the page was opened, the cleaned notes), as posted
        self.notes: dict[str, tuple[int, str]] = {}
        #: item uuid -> the message shown next to its notes
        self.note_errors: dict[str, str] = {}

    def validate(self, extra_validators=None):
        from flask import request

        ok = super().validate(extra_validators)
        for item in self._items:
            text = request.form.get(f"notes-{item.uuid}")
            if text is None:
                continue
            text = clean(text).strip()
            raw_version = request.form.get(f"nv-{item.uuid}", "")
            version = int(raw_version) if raw_version.isascii() and raw_version.isdigit() and len(raw_version) < 18 else 0
            self.notes[item.uuid] = (version, text)
            if len(text) > TEXT_MAX:
                # the words the stakeholder import uses for a cell over its limit
                self.note_errors[item.uuid] = _("“%(field)s” is longer than %(max)d characters.",
                                                field=_("Notes"), max=TEXT_MAX)
                ok = False
        return ok

    @property
    def errors(self):
        errors = super().errors
        return {**errors, "notes": list(self.note_errors.values())} if self.note_errors else errors

    def note_text(self, item) -> str:
        """What the item's notes field shows: what was posted, else what is saved."""
        return self.notes.get(item.uuid, (0, item.notes or ""))[1]


class OutcomeForm(Form):
    kind = SelectField(_l("Kind"), choices=_choices(OUTCOME_KINDS, labels.OUTCOME_LABELS))
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=TEXT_MAX)], filters=[strip_spaces],
                         render_kw={"rows": 3})
    version = VersionField()
    submit = SubmitField(_l("Save"))


class EvaluationForm(Form):
    useful = RadioField(_l("Was the meeting useful to you?"), coerce=int, validators=[Optional()],
                        choices=[(v, labels.SCALE_LABELS[v]) for v in range(1, 6)])
    heard = RadioField(_l("Was everyone heard?"), coerce=int, validators=[Optional()],
                       choices=[(v, labels.SCALE_LABELS[v]) for v in range(1, 6)])
    come_back = RadioField(_l("Would you come back?"), validators=[Optional()],
                           choices=[(c, labels.ANSWER_LABELS[c]) for c in ("yes", "maybe", "no")])
    change = TextAreaField(_l("What should change?"), validators=[Length(max=TEXT_MAX)], filters=[strip_spaces],
                           render_kw={"rows": 4})
    #: a honeypot for the public form: people leave it empty, robots fill it
    website = StringField(_l("Leave this empty"), validators=[Length(max=200)])
    submit = SubmitField(_l("Send"))

    def values(self) -> dict:
        return {"useful": self.useful.data or None, "heard": self.heard.data or None,
                "come_back": self.come_back.data or "", "change": self.change.data or ""}
