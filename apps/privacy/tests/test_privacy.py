import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.contacts.models import Contact
from apps.customers.models import Customer
from apps.customers.tests.factories import CustomerFactory
from apps.privacy import services
from apps.privacy.models import RetentionRule, RetentionRun, SubjectRequest

pytestmark = pytest.mark.django_db


def _contact(customer, advisor, when):
    contact = Contact.objects.create(
        customer=customer,
        channel="phone",
        advisor=advisor,
        started_at=when,
        reason="Missed bin",
        outcome="resolved",
        notes="Lives at number 4, hard of hearing",
    )
    return contact


class TestRetention:
    def test_old_records_are_anonymised_and_recent_ones_kept(self, make_user):
        advisor = make_user(Role.ADVISOR)
        now = timezone.now()
        old_customer = CustomerFactory(first_name="Olive", email="olive@example.org")
        recent_customer = CustomerFactory(first_name="Rita")
        Customer.objects.filter(pk=old_customer.pk).update(
            updated_at=now - datetime.timedelta(days=365 * 7)
        )
        old_contact = _contact(old_customer, advisor, now - datetime.timedelta(days=365 * 7))
        recent_contact = _contact(recent_customer, advisor, now - datetime.timedelta(days=10))

        runs = {run.record_type: run.count for run in services.retention_apply(now=now)}

        old_customer.refresh_from_db()
        assert old_customer.first_name == "" and old_customer.email == ""
        assert not old_customer.history.exists()
        old_contact.refresh_from_db()
        assert old_contact.customer is None and old_contact.notes == ""
        assert old_contact.reason == "Missed bin"  # the figures survive
        recent_contact.refresh_from_db()
        assert recent_contact.customer == recent_customer
        assert runs["customers"] == 1 and runs["contacts"] == 1
        assert RetentionRun.objects.filter(record_type="customers", count=1).exists()
        # Applying again changes nothing more.
        again = {run.record_type: run.count for run in services.retention_apply(now=now)}
        assert again["customers"] == 0 and again["contacts"] == 0

    def test_a_paused_rule_is_not_applied(self, make_user):
        services.retention_rules_ensure()
        RetentionRule.objects.filter(record_type="contacts").update(is_active=False)
        advisor = make_user(Role.ADVISOR)
        contact = _contact(
            CustomerFactory(), advisor, timezone.now() - datetime.timedelta(days=365 * 10)
        )
        services.retention_apply()
        contact.refresh_from_db()
        assert contact.customer is not None


class TestSubjectRequests:
    def test_the_export_holds_everything_about_the_customer(self, client_as):
        client = client_as(Role.ADMINISTRATOR)
        customer = CustomerFactory(first_name="Sam", email="sam@example.org")
        _contact(customer, client.user, timezone.now())
        item = services.subject_request_record(
            kind="access",
            customer=customer,
            received_on=datetime.date(2026, 1, 31),
            identity_checked=True,
            user=client.user,
        )
        assert item.due_on == datetime.date(2026, 2, 28)
        url = reverse("privacy:request", args=[item.pk])
        data = json.loads(client.get(url + "?format=json").content)
        headings = {s["heading"]: s["records"] for s in data["sections"]}
        assert headings["Customer record"][0]["first_name"] == "Sam"
        assert headings["Contacts"][0]["notes"] == "Lives at number 4, hard of hearing"
        assert "Complaints, compliments and comments" in headings
        assert "Staff safety warnings" in headings
        pdf = client.get(url + "?format=pdf")
        assert pdf.content.startswith(b"%PDF")

    def test_erasure_is_refused_while_a_request_is_open_then_done(self, make_user):
        from apps.cases.tests.factories import raise_request

        admin = make_user(Role.ADMINISTRATOR)
        customer = CustomerFactory(first_name="Erin")
        service_request = raise_request(customer=customer)
        item = services.subject_request_record(
            kind="erasure",
            customer=customer,
            received_on=datetime.date.today(),
            identity_checked=True,
            user=admin,
        )
        with pytest.raises(ValidationError):
            services.erasure_carry_out(request=item, user=admin)
        type(service_request).objects.filter(pk=service_request.pk).update(status="closed")
        services.erasure_carry_out(request=item, user=admin)
        customer.refresh_from_db()
        assert customer.first_name == ""
        item.refresh_from_db()
        assert item.status == SubjectRequest.Status.COMPLETED
        assert item.customer_reference == customer.reference

    def test_only_administrators_handle_requests(self, client_as):
        client = client_as(Role.ADVISOR)
        assert client.get(reverse("privacy:requests")).status_code == 403
        customer = CustomerFactory()
        assert (
            client.get(reverse("privacy:request-new") + f"?customer={customer.pk}").status_code
            == 403
        )
