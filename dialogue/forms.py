"""Forms of the core: login, accounts, dialogues, members, language; and :class:`Form`, the
base of every form of the app.

Every form derives from :class:`Form` (or, nested in a ``FormField``, :class:`SubForm`): its
``Meta.bind_field`` puts :func:`dialogue.text.clean` first among the filters of every string
field (``StringField``, ``EmailField``, ``TextAreaField`` and the like), so what people type
loses control and bidi-override characters and is stored in NFC before any validator (a
``Length`` counts what is saved). Text areas keep their line breaks; single-line fields turn
them into spaces. Passwords are left exactly as typed, and hidden fields (versions, ids, the
CSV file's text on the import preview) are checked where they are used.
"""
from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import Form as PlainForm
from wtforms import (
    BooleanField, EmailField, HiddenField, IntegerField, PasswordField, SelectField,
    SelectMultipleField, StringField, SubmitField, TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from . import models as m
from .i18n import _, _l, available_languages, country_choices, is_country, language_name, working_language_choices
from .services import PASSWORD_MAX, PASSWORD_MIN
from .text import clean, clean_line


def stale_message() -> str:
    """What a form says when someone else saved the same record while it was open."""
    return _("Someone else saved this while you were editing it. Your changes are not saved: "
             "open the page again to see theirs, then make yours.")


class CleaningMeta:
    """``Meta`` that cleans every string field's value (``dialogue.text``'s rule) before the
    field's own filters and validators."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        if isinstance(field, StringField) and not isinstance(field, (PasswordField, HiddenField)):
            first = clean if isinstance(field, TextAreaField) else clean_line
            field.filters = (first, *tuple(field.filters or ()))
        return field


class Form(FlaskForm):
    """The base of every form of the app (CSRF as ``FlaskForm``, text cleaned as above)."""

    class Meta(CleaningMeta):
        pass


class SubForm(PlainForm):
    """A form nested in a ``FormField`` (no CSRF token of its own), cleaned like :class:`Form`."""

    class Meta(CleaningMeta):
        pass


class VersionField(HiddenField):
    """The version of a record when its form was opened (``Mapped`` ``version`` column): digits
    only. Anything else (a page tampered with) is refused as a stale save, so a view's
    ``int(form.version.data or 0)`` never meets text."""

    def pre_validate(self, form):
        value = "" if self.data is None else str(self.data)
        if value and (not value.isascii() or not value.isdigit() or len(value) > 18):
            raise ValidationError(stale_message())


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def strip_spaces(value):
    return value.strip() if isinstance(value, str) else value


#: local@label.label…: the domain's labels hold no dot, so matching takes linear time (a
#: domain part of ``[^@]+\.[^@]+`` backtracks quadratically on a long address)
_EMAIL_SHAPE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\".]+(?:\.[^@\s<>()\[\],;:\".]+)+$")


class Email:
    """An e-mail address of the usual shape (local@domain.tld).

    WTForms' own ``Email`` needs the ``email_validator`` package; this one needs nothing and
    keeps WTForms' translated message. Whether the address exists, only a mail can tell.
    """

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        if len(field.data or "") > m.EMAIL_MAX:
            return  # the field's Length says so, once
        if not _EMAIL_SHAPE.match(field.data or ""):
            raise ValidationError(self.message or _("Enter a valid e-mail address."))


class LoginForm(Form):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=m.EMAIL_MAX)],
                       filters=[strip_spaces], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Log in"))


class SecondStepForm(Form):
    code = StringField(
        _l("Code"), validators=[DataRequired(), Length(max=20)], filters=[strip_spaces],
        description=_l("The six-digit code from your authenticator app, or one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True},
    )
    submit = SubmitField(_l("Continue"))


class TwoFactorSetupForm(Form):
    code = StringField(
        _l("Code from the app"), validators=[DataRequired(), Length(max=20)], filters=[strip_spaces],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Turn on"))


class ReauthForm(Form):
    password = PasswordField(_l("Password"), validators=[Length(max=PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password", "autofocus": True})
    code = StringField(_l("Or a code from your authenticator app"), validators=[Length(max=20)], filters=[strip_spaces],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    submit = SubmitField(_l("Confirm"))


class SetPasswordForm(Form):
    password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
                   message=_l("Use between %(min)d and %(max)d characters.", min=PASSWORD_MIN, max=PASSWORD_MAX)),
        ],
        description=_l("At least %(min)d characters. A few unrelated words make a good password.", min=PASSWORD_MIN),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), Length(max=PASSWORD_MAX),
                    EqualTo("password", message=_l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set password"))


class ChangePasswordForm(SetPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                            render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Change password"))


class LanguageForm(Form):
    lang = SelectField(_l("Language"), validators=[DataRequired()])
    next = HiddenField()
    submit = SubmitField(_l("Change language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang.choices = [(code, language_name(code)) for code in available_languages()]


class UserForm(Form):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=m.EMAIL_MAX)],
                       filters=[strip_spaces])
    name = StringField(_l("Name"), validators=[Length(max=m.NAME_MAX)], filters=[strip_spaces])
    role = SelectField(
        _l("Role"),
        choices=[("partner", _l("Partner (convening organisation)")), ("coordinator", _l("Coordinator"))],
        default="partner",
    )
    submit = SubmitField(_l("Create account"))


class DialogueForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=m.TITLE_MAX)], filters=[strip_spaces])
    # validate_country checks the code (one message, not WTForms' "Not a valid choice" as well)
    country = SelectField(_l("Country"), validators=[DataRequired()], validate_choice=False)
    locality = StringField(
        _l("Locality"), validators=[Length(max=m.LOCALITY_MAX)], filters=[strip_spaces],
        description=_l("Town, district, county or region where the dialogue takes place."),
    )
    languages = MultiCheckboxField(_l("Working languages"),
                                   validators=[InputRequired(message=_l("Choose at least one working language."))])
    content_language = SelectField(
        _l("Language of what you write here"),
        description=_l("The title and the challenge are stored in this language."),
    )
    organisation = StringField(_l("Convening organisation"), validators=[DataRequired(), Length(max=m.ORGANISATION_MAX)],
                               filters=[strip_spaces])
    challenge = TextAreaField(
        _l("The common challenge"),
        validators=[DataRequired(), Length(max=m.CHALLENGE_MAX)],
        filters=[strip_spaces],
        description=_l("In a few sentences: the problem that the stakeholders need to address together."),
        render_kw={"rows": 6},
    )
    version = VersionField()
    submit = SubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _("Choose a country"))] + country_choices()
        languages = working_language_choices()
        self.languages.choices = languages
        self.content_language.choices = languages

    def values(self) -> dict:
        """The dialogue's fields as the services take them."""
        return {
            "title": self.title.data,
            "country": self.country.data.upper(),
            "locality": self.locality.data or "",
            "languages": self.languages.data,
            "organisation": self.organisation.data,
            "challenge": self.challenge.data,
            "content_language": self.content_language.data,
        }

    def validate_country(self, field):
        if not is_country(field.data):
            raise ValidationError(_("Choose a country from the list."))

    def validate_languages(self, field):
        if not field.data:
            raise ValidationError(_("Choose at least one working language."))


class MemberForm(Form):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=m.EMAIL_MAX)],
                       filters=[strip_spaces])
    name = StringField(_l("Name"), validators=[Length(max=m.NAME_MAX)], filters=[strip_spaces])
    role = SelectField(
        _l("Role in this dialogue"),
        choices=[("facilitator", _l("Facilitator")), ("lead", _l("Lead"))],
        default="facilitator",
    )
    submit = SubmitField(_l("Invite"))


class ConfirmForm(Form):
    """A bare form for buttons that change state: it carries the CSRF token."""

    submit = SubmitField(_l("Confirm"))


class DocumentForm(Form):
    lang = SelectField(_l("Language of the document"))
    submit = SubmitField(_l("Download PDF"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang.choices = [(code, language_name(code)) for code in available_languages()]
