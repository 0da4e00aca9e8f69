import pytest

from apps.customers.forms import CustomerForm, format_postcode

pytestmark = pytest.mark.django_db


def test_customer_form_works_with_a_prefix_for_inline_use():
    form = CustomerForm(
        {
            "new-kind": "resident",
            "new-first_name": "Eddie",
            "new-last_name": "Grundy",
            "new-date_of_birth_day": "",
            "new-date_of_birth_month": "",
            "new-date_of_birth_year": "",
            "new-postcode": "bc9  8wb",
            "new-phone": "+44 7700 900 111",
        },
        prefix="new",
    )
    assert form.is_valid(), form.errors
    fields = form.customer_fields()
    assert fields["postcode"] == "BC9 8WB"
    assert fields["date_of_birth"] is None
    assert fields["accessibility_needs"] == []
    assert fields["preferred_channel"] == ""


def test_customer_form_rejects_letters_in_a_phone_number():
    form = CustomerForm(
        {"kind": "resident", "first_name": "A", "last_name": "B", "phone": "call me"}
    )
    assert not form.is_valid()
    assert "numbers" in form.errors["phone"][0]


@pytest.mark.parametrize(
    "typed, shown", [("bc12ab", "BC1 2AB"), ("SW1A 1AA", "SW1A 1AA"), (" m1 1ae ", "M1 1AE")]
)
def test_postcodes_are_shown_in_the_standard_format(typed, shown):
    assert format_postcode(typed) == shown
