"""Form pieces every app shares: the GOV.UK date field, a safe choice of several records
and the stale-edit guard."""

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
        except (ValueError, OverflowError):  # a day of 99999999999999999999 overflows
            raise ValidationError(
                _("%(label)s must be a real date") % {"label": self.label or _("Date")},
                code="invalid",
            ) from None


# Larger than any integer key: SQLite refuses to bind one (OverflowError) and Django's form
# asks the database about each value chosen before it checks them.
_LARGEST_KEY = 2**63 - 1


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Several records chosen by their keys (check boxes). A value that is no whole number
    in the range of a database key is refused as not one of the choices, before any query:
    Django would otherwise pass 99999999999999999999 to the database, which fails."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else None
        if field is not None and field.get_internal_type().endswith("AutoField"):
            for candidate in value:
                try:
                    whole = int(str(candidate).strip())
                except ValueError:
                    whole = None
                if whole is None or not -_LARGEST_KEY <= whole <= _LARGEST_KEY:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": candidate},
                    )
        return super()._check_values(value)


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
