"""Forms of the core: login, accounts, dialogues, members, language."""
from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, EmailField, HiddenField, IntegerField, PasswordField, SelectField,
    SelectMultipleField, StringField, SubmitField, TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from . import models as m
from .i18n import _, _l, available_languages, country_choices, is_country, language_name, working_language_choices
from .services import PASSWORD_MAX, PASSWORD_MIN


def stale_message() -> str:
    """What a form says when someone else saved the same record while it was open."""
    return _("Someone else saved this while you were editing it. Your changes are not saved: "
             "open the page again to see theirs, then make yours.")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def strip_spaces(value):
    return value.strip() if isinstance(value, str) else value


_EMAIL_SHAPE = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$")


class Email:
    """An e-mail address of the usual shape (local@domain.tld).

    WTForms' own ``Email`` needs the ``email_validator`` package; this one needs nothing and
    keeps WTForms' translated message. Whether the address exists, only a mail can tell.
    """

    def __init__(self, message=None):
        self.message = message

    def __call__(self, form, field):
        if not _EMAIL_SHAPE.match(field.data or ""):
            raise ValidationError(self.message or _("Enter a valid e-mail address."))


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=m.EMAIL_MAX)],
                       filters=[strip_spaces], render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Log in"))


class SecondStepForm(FlaskForm):
    code = StringField(
        _l("Code"), validators=[DataRequired(), Length(max=20)], filters=[strip_spaces],
        description=_l("The six-digit code from your authenticator app, or one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True},
    )
    submit = SubmitField(_l("Continue"))


class TwoFactorSetupForm(FlaskForm):
    code = StringField(
        _l("Code from the app"), validators=[DataRequired(), Length(max=20)], filters=[strip_spaces],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Turn on"))


class ReauthForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[Length(max=PASSWORD_MAX)],
                             render_kw={"autocomplete": "current-password", "autofocus": True})
    code = StringField(_l("Or a code from your authenticator app"), validators=[Length(max=20)], filters=[strip_spaces],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    submit = SubmitField(_l("Confirm"))


class SetPasswordForm(FlaskForm):
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
        validators=[DataRequired(), EqualTo("password", message=_l("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set password"))


class ChangePasswordForm(SetPasswordForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=PASSWORD_MAX)],
                            render_kw={"autocomplete": "current-password"})
    submit = SubmitField(_l("Change password"))


class LanguageForm(FlaskForm):
    lang = SelectField(_l("Language"), validators=[DataRequired()])
    next = HiddenField()
    submit = SubmitField(_l("Change language"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang.choices = [(code, language_name(code)) for code in available_languages()]


class UserForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=m.EMAIL_MAX)],
                       filters=[strip_spaces])
    name = StringField(_l("Name"), validators=[Length(max=m.NAME_MAX)], filters=[strip_spaces])
    role = SelectField(
        _l("Role"),
        choices=[("partner", _l("Partner (convening organisation)")), ("coordinator", _l("Coordinator"))],
        default="partner",
    )
    submit = SubmitField(_l("Create account"))


class DialogueForm(FlaskForm):
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
    version = HiddenField()
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


class MemberForm(FlaskForm):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Email(), Length(max=m.EMAIL_MAX)],
                       filters=[strip_spaces])
    name = StringField(_l("Name"), validators=[Length(max=m.NAME_MAX)], filters=[strip_spaces])
    role = SelectField(
        _l("Role in this dialogue"),
        choices=[("facilitator", _l("Facilitator")), ("lead", _l("Lead"))],
        default="facilitator",
    )
    submit = SubmitField(_l("Invite"))


class ConfirmForm(FlaskForm):
    """A bare form for buttons that change state: it carries the CSRF token."""

    submit = SubmitField(_l("Confirm"))


class DocumentForm(FlaskForm):
    lang = SelectField(_l("Language of the document"))
    submit = SubmitField(_l("Download PDF"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lang.choices = [(code, language_name(code)) for code in available_languages()]
