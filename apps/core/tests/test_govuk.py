import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError

from apps.core import govuk
from apps.core.forms import GovUKDateField
from apps.core.govuk import render_component, render_error_summary, render_field, summary_rows
from apps.core.markdown import render_markdown


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name")
    email = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    colour = forms.ChoiceField(label="Colour", choices=[("", "Pick"), ("r", "Red"), ("b", "Blue")])
    size = forms.ChoiceField(
        label="Size", choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect
    )
    tags = forms.MultipleChoiceField(
        label="Tags", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="I agree", required=False)
    born = GovUKDateField(label="Date of birth", required=False)


def test_each_widget_becomes_its_gov_uk_component():
    form = ExampleForm()
    assert 'class="govuk-input' in render_field(form["name"])
    assert "Your full name" in render_field(form["name"])
    assert 'autocomplete="email"' in render_field(form["email"])
    assert "govuk-textarea" in render_field(form["notes"])
    assert "govuk-select" in render_field(form["colour"])
    assert "govuk-radios" in render_field(form["size"])
    assert "govuk-checkboxes" in render_field(form["tags"])
    assert "govuk-checkboxes" in render_field(form["agree"])
    assert "govuk-date-input" in render_field(form["born"])


def test_errors_show_on_the_field_and_in_a_summary_linking_to_it():
    form = ExampleForm(
        data={"email": "not-an-email", "born_day": "31", "born_month": "2", "born_year": "2020"}
    )
    assert not form.is_valid()
    summary = render_error_summary(form)
    assert "There is a problem" in summary
    assert 'href="#id_name"' in summary
    assert 'href="#id_size"' in summary
    assert 'href="#id_born_day"' in summary
    assert "Date of birth must be a real date" in summary
    assert "govuk-error-message" in render_field(form["email"])
    assert "govuk-form-group--error" in render_field(form["size"])


def test_a_valid_form_has_no_summary_and_dates_parse():
    form = ExampleForm(
        data={
            "name": "A",
            "email": "a@b.example",
            "colour": "r",
            "size": "s",
            "tags": ["a"],
            "born_day": "3",
            "born_month": "4",
            "born_year": "1980",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["born"] == datetime.date(1980, 4, 3)
    assert render_error_summary(form) == ""


def test_a_date_missing_its_year_says_so():
    form = ExampleForm(data={"born_day": "3", "born_month": "4", "born_year": ""})
    form.is_valid()
    assert form.errors["born"] == ["Date of birth must include a year"]


def test_a_day_too_large_for_any_calendar_is_not_a_real_date():
    # Found by fuzzing: int() takes any length, datetime.date overflows instead of refusing.
    form = ExampleForm(
        data={"born_day": "99999999999999999999", "born_month": "4", "born_year": "1980"}
    )
    assert not form.is_valid()
    assert form.errors["born"] == ["Date of birth must be a real date"]


def test_values_are_escaped():
    form = ExampleForm(data={"name": "<script>alert(1)</script>"})
    html = render_field(form["name"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_kept_renderings_keep_safe_html_and_plain_text_apart():
    """The same characters as text already marked safe and as plain text render apart
    (kept as HTML, escaped), whichever was rendered, and kept, first."""
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    for first_safe in (True, False):
        govuk._render.cache_clear()
        values = [mark_safe("<b>Bins</b>"), "<b>Bins</b>"]
        if not first_safe:
            values.reverse()
        rendered = {type(v).__name__: render_component("inset-text", {"text": v}) for v in values}
        assert "<b>Bins</b>" in rendered["SafeString"]
        assert "&lt;b&gt;Bins&lt;/b&gt;" in rendered["str"]
    # Kept: the second time is the same text, found without rendering again.
    params = {"text": "Missed bin", "classes": None, "id": 7, "flag": True}
    assert render_component("inset-text", params) == render_component("inset-text", params)
    assert govuk._render.cache_info().hits >= 1
    # A lazy translation is kept under the text it gives.
    assert render_component("inset-text", {"text": gettext_lazy("Yes")}) == render_component(
        "inset-text", {"text": "Yes"}
    )


def test_summary_rows_show_a_dash_for_nothing():
    rows = summary_rows([("Phone", None), ("Email", "a@b.example")])
    assert rows[0]["value"]["text"] == "—"
    assert rows[1]["value"]["text"] == "a@b.example"


def test_markdown_keeps_formatting_and_drops_scripts_and_javascript_links():
    html = render_markdown("**Ask** for the [form](javascript:alert(1))\n\n<script>x()</script>")
    assert "<strong>Ask</strong>" in html
    assert "javascript" not in html
    assert "<script>" not in html
    assert 'class="govuk-body"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999", "1.5", "x"])
def test_choosing_records_by_a_key_no_database_can_hold_is_refused(value):
    # Found by fuzzing: Django asks the database about each chosen key; SQLite raised.
    from django.contrib.auth.models import Group

    from apps.core.forms import RecordsChoiceField

    field = RecordsChoiceField(queryset=Group.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([value])
    assert refused.value.code == "invalid_pk_value"


@pytest.mark.django_db
def test_choosing_records_still_finds_them():
    from django.contrib.auth.models import Group

    from apps.core.forms import RecordsChoiceField

    group = Group.objects.create(name="Chosen")
    assert list(RecordsChoiceField(queryset=Group.objects.all()).clean([str(group.pk)])) == [group]
