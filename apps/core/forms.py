"""Form pieces every app shares: the GOV.UK date field and the stale-edit guard."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .govuk import DateInputWidget


class GovUKDateField(forms.DateField):
    """A date entered as day, month and year, with the GOV.UK pattern's error messages."""

    widget = DateInputWidget

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if not isinstance(value, list | tuple):
            return super().to_python(value)
        day, month, year = (str(v or "").strip() for v in value)
        if not (day or month or year):
            return None
        missing = [
            name
            for name, part in ((_("day"), day), (_("month"), month), (_("year"), year))
            if not part
        ]
        if missing:
            raise ValidationError(
                _("%(label)s must include a %(parts)s")
                % {"label": self.label or _("Date"), "parts": _(" and ").join(map(str, missing))},
                code="incomplete",
            )
        try:
            if len(year) != 4:
                raise ValueError
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(
                _("%(label)s must be a real date") % {"label": self.label or _("Date")},
                code="invalid",
            ) from None


class VersionedForm(forms.Form):
    """Carries the version the editor started from, so a stale edit is caught, not saved."""

    version = forms.IntegerField(widget=forms.HiddenInput)


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the fields it names that the form
    has, the rest at the top of the error summary."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
