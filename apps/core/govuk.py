"""GOV.UK Frontend components from Python: the real macros, rendered once compiled.

govuk-frontend-django ships the GOV.UK macros (through govuk-frontend-jinja) and template
tags for fixed components, but no form-field rendering yet. This module renders any
component by name from a dict of the macro's documented parameters, and maps a Django
BoundField onto the right component, so templates never hand-write GOV.UK markup.
"""

from functools import lru_cache

from django import forms
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment, PackageLoader, PrefixLoader, select_autoescape


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        autoescape=select_autoescape(default=True, default_for_string=True),
        # The macros come from an installed package: never look at their files again (it
        # was hundreds of stat calls a page).
        auto_reload=False,
    )


def _macro_name(component: str) -> str:
    return "govuk" + "".join(part.capitalize() for part in component.split("-"))


@lru_cache(maxsize=64)
def _template(component: str):
    macro = _macro_name(component)
    return _environment().from_string(
        f"{{%- from 'govuk_frontend_jinja/components/{component}/macro.html' "
        f"import {macro} -%}}{{{{ {macro}(params) }}}}"
    )


def _key(value):
    """A hashable form of a component's parameters that keeps apart what renders apart:
    text already marked safe (kept as HTML) and the same text not (escaped)."""
    if isinstance(value, dict):
        return tuple((k, _key(v)) for k, v in value.items() if v is not None)
    if isinstance(value, list | tuple):
        return ("list", *(_key(v) for v in value))
    if hasattr(value, "__html__"):
        return ("html", str(value.__html__()))
    if isinstance(value, bool | int | float | type(None)):
        return (type(value).__name__, value)
    return ("text", str(value))  # str, and lazy translations in the active language


@lru_cache(maxsize=512)
def _render(component: str, key) -> str:
    return _template(component).render(params=_unkey(key))


def _unkey(key):
    kind = key[0] if key and isinstance(key[0], str) else None
    if kind == "list":
        return [_unkey(v) for v in key[1:]]
    if kind == "html":
        return mark_safe(key[1])
    if kind in ("text", "bool", "int", "float", "NoneType"):
        return key[1]
    return {k: _unkey(v) for k, v in key}


def render_component(component: str, params: dict) -> SafeString:
    """Render a GOV.UK Frontend component (for example "summary-list") with its parameters.

    The macros are pure functions of their parameters, and most pages render the same
    components with the same parameters for everyone (a form's empty fields, its list of
    services), so the last 512 renderings are kept."""
    return mark_safe(_render(component, _key(params)))


def _text(value) -> str | None:
    return None if value is None else str(value)


def _error_message(field) -> dict | None:
    if not field.errors:
        return None
    return {"text": " ".join(str(e) for e in field.errors)}


def _widget_attributes(widget) -> dict:
    return {k: v for k, v in widget.attrs.items() if k not in {"class", "id"}}


def field_anchor(field) -> str:
    """The id an error summary link should jump to for this field."""
    widget = field.field.widget
    if isinstance(widget, DateInputWidget):
        return f"{field.auto_id}_day"
    return field.auto_id or field.html_name


def render_field(
    field,
    *,
    classes: str | None = None,
    label_classes: str | None = None,
    page_heading: bool = False,
) -> SafeString:
    """The GOV.UK component for one Django form field, with label, hint and error."""
    widget = field.field.widget
    label_text = _text(field.label)
    hint = {"text": _text(field.help_text)} if field.help_text else None
    error = _error_message(field)
    legend = {
        "text": label_text,
        "classes": label_classes
        or ("govuk-fieldset__legend--l" if page_heading else "govuk-fieldset__legend--s"),
        "isPageHeading": page_heading,
    }
    label = {
        "text": label_text,
        "classes": label_classes or ("govuk-label--l" if page_heading else "govuk-label--s"),
        "isPageHeading": page_heading,
    }
    value = field.value()

    if isinstance(widget, DateInputWidget):
        parts = widget.decompress(value) if not isinstance(value, list) else value
        return render_component(
            "date-input",
            {
                "id": field.auto_id,
                "fieldset": {"legend": legend},
                "hint": hint,
                "errorMessage": error,
                "items": [
                    {
                        "id": f"{field.auto_id}_{name}",
                        "name": f"{field.html_name}_{name}",
                        "label": text,
                        "value": _text(parts[i]) if parts and parts[i] is not None else None,
                        "classes": f"govuk-input--width-{width}"
                        + (" govuk-input--error" if error else ""),
                        "inputmode": "numeric",
                    }
                    for i, (name, text, width) in enumerate(
                        (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
                    )
                ],
            },
        )
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        many = isinstance(widget, forms.CheckboxSelectMultiple)
        chosen = {str(v) for v in (value or [])} if many else {str(value)}
        options = [
            (option_value, option_label)
            for option_value, option_label in field.field.choices
            if many or option_value != ""
        ]
        # The first item carries the field's own id, so labels and error links land on it.
        items = [
            {
                "value": str(option_value),
                "text": str(option_label),
                "id": field.auto_id if index == 0 else f"{field.auto_id}_{index}",
                "checked": str(option_value) in chosen,
            }
            for index, (option_value, option_label) in enumerate(options)
        ]
        return render_component(
            "checkboxes" if many else "radios",
            {
                "name": field.html_name,
                "idPrefix": field.auto_id,
                "fieldset": {"legend": legend},
                "hint": hint,
                "errorMessage": error,
                "classes": classes,
                "items": items,
                "attributes": _widget_attributes(widget) or None,
            },
        )
    if isinstance(widget, forms.CheckboxInput):
        return render_component(
            "checkboxes",
            {
                "name": field.html_name,
                "idPrefix": field.auto_id,
                "hint": None,
                "errorMessage": error,
                "classes": classes or "govuk-checkboxes--small",
                "items": [
                    {
                        "value": "on",
                        "text": label_text,
                        "id": field.auto_id,
                        "checked": bool(value),
                        "hint": hint,
                    }
                ],
            },
        )
    if isinstance(widget, forms.Select):
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        return render_component(
            "select",
            {
                "id": field.auto_id,
                "name": field.html_name,
                "label": label,
                "hint": hint,
                "errorMessage": error,
                "classes": classes,
                "attributes": _widget_attributes(widget) or None,
                "items": [
                    {
                        "value": str(option_value),
                        "text": str(option_label),
                        "selected": str(option_value) in chosen,
                    }
                    for option_value, option_label in field.field.choices
                ],
            },
        )
    if isinstance(widget, forms.Textarea):
        return render_component(
            "textarea",
            {
                "id": field.auto_id,
                "name": field.html_name,
                "label": label,
                "hint": hint,
                "errorMessage": error,
                "classes": classes,
                "rows": widget.attrs.get("rows", 5),
                "value": _text(value) if value is not None else None,
                "attributes": {
                    k: v for k, v in _widget_attributes(widget).items() if k not in {"rows", "cols"}
                }
                or None,
            },
        )
    if isinstance(widget, forms.FileInput):
        return render_component(
            "file-upload",
            {
                "id": field.auto_id,
                "name": field.html_name,
                "label": label,
                "hint": hint,
                "errorMessage": error,
                "classes": classes,
            },
        )
    attributes = _widget_attributes(widget)
    input_type = getattr(widget, "input_type", "text")
    if input_type == "password":
        value = None
    return render_component(
        "input",
        {
            "id": field.auto_id,
            "name": field.html_name,
            "type": input_type,
            "label": label,
            "hint": hint,
            "errorMessage": error,
            "classes": classes or widget.attrs.get("class"),
            "value": _text(value) if value not in (None, "") else None,
            "autocomplete": attributes.pop("autocomplete", None),
            "spellcheck": attributes.pop("spellcheck", None),
            "inputmode": attributes.pop("inputmode", None),
            "attributes": attributes or None,
        },
    )


def render_error_summary(*forms_) -> SafeString:
    """The GOV.UK error summary for one or more bound forms, linking to each field."""
    error_list = []
    for form in forms_:
        if form is None or not form.is_bound or not form.errors:
            continue
        for error in form.non_field_errors():
            error_list.append({"text": str(error)})
        for field in form:
            for error in field.errors:
                error_list.append({"text": str(error), "href": f"#{field_anchor(field)}"})
    if not error_list:
        return mark_safe("")
    return render_component(
        "error-summary", {"titleText": "There is a problem", "errorList": error_list}
    )


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes, as the GOV.UK date input pattern asks."""

    def __init__(self, attrs=None):
        super().__init__(
            widgets={"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput},
            attrs=attrs,
        )

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


def summary_rows(pairs) -> list[dict]:
    """Rows of a GOV.UK summary list from (key, value) pairs; a None or empty value shows a dash."""
    return [
        {"key": {"text": str(key)}, "value": {"text": "—" if value in (None, "") else str(value)}}
        for key, value in pairs
    ]
