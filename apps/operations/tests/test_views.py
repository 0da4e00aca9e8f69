import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.roles import Role
from apps.accounts.tests.factories import SiteFactory, TeamFactory
from apps.contacts.tests.factories import ContactFactory
from apps.customers.tests.factories import CustomerFactory
from apps.operations import services
from apps.operations.models import DowntimeIncident, PublicationVersion, RemovalTask

from .factories import (
    IncidentFactory,
    ITRecommendationFactory,
    PublicationFactory,
    SafetyWarningFactory,
    SecurityIncidentFactory,
    SystemFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


def _issue(by, publication, sites):
    return services.publication_issue(
        by=by,
        publication=publication,
        issued_on=datetime.date(2026, 1, 1),
        review_on=datetime.date(2027, 1, 1),
        formats=["standard"],
        document=pdf_upload(),
        distribution_points=sites,
    )


def test_incident_list_query_count_is_bounded(client_as, django_assert_max_num_queries):
    client = client_as(Role.IT_SERVICES)
    site = SiteFactory()
    for _ in range(15):
        incident = IncidentFactory()
        incident.sites.add(site)
        ContactFactory(
            system_unavailable=True,
            unavailable_system=incident.system.name,
            started_at=incident.started_at + datetime.timedelta(minutes=5),
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("operations:incidents"))
    assert response.status_code == 200
    assert response.content.decode().count(site.name) == 15
    csv = client.get(reverse("operations:incidents") + "?format=csv")
    assert b"Contacts affected" in b"".join(csv.streaming_content)


def test_register_query_count_is_bounded(client_as, make_user, django_assert_max_num_queries):
    client = client_as(Role.COMMUNICATIONS)
    comms = client.user
    sites = [SiteFactory(), SiteFactory()]
    for _ in range(12):
        publication = PublicationFactory()
        _issue(comms, publication, sites)
        _issue(comms, publication, sites[:1])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("operations:register"))
    assert response.status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("operations:removals")).status_code == 200


def test_it_services_logs_an_incident_and_bad_input_writes_nothing(client_as):
    client = client_as(Role.IT_SERVICES)
    system = SystemFactory()
    url = reverse("operations:incident-add")
    response = client.post(
        url,
        {
            "system": system.pk,
            "summary": "Down",
            "start_date_day": "3",
            "start_date_month": "3",
            "start_date_year": "2026",
            "start_time": "25:99",
            "planned": "no",
            "root_cause": "unknown",
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not DowntimeIncident.objects.exists()
    response = client.post(
        url,
        {
            "system": system.pk,
            "summary": "Down",
            "start_date_day": "3",
            "start_date_month": "3",
            "start_date_year": "2026",
            "start_time": "09:00",
            "end_date_day": "3",
            "end_date_month": "3",
            "end_date_year": "2026",
            "end_time": "08:00",
            "planned": "no",
            "root_cause": "unknown",
        },
    )
    assert "The end must be after the start" in response.content.decode()
    assert not DowntimeIncident.objects.exists()


def test_pages_need_their_permissions(client_as):
    client = client_as(Role.ADVISOR)
    assert client.get(reverse("operations:home")).status_code == 200
    for name in ("incidents", "register", "security", "systems", "reviews"):
        assert client.get(reverse(f"operations:{name}")).status_code == 403, name
    assert client.get(reverse("operations:security-incident-add")).status_code == 200
    assert client.get(reverse("operations:incident", args=[999])).status_code == 403


def test_member_reads_downtime_and_security_summaries(client_as):
    client = client_as(Role.MEMBER)
    IncidentFactory()
    ITRecommendationFactory()
    SecurityIncidentFactory()
    for name in ("incidents", "figures", "reviews", "security", "security-incidents"):
        assert client.get(reverse(f"operations:{name}")).status_code == 200, name
    assert client.get(reverse("operations:incident", args=[999])).status_code == 404
    assert client.get(reverse("operations:register")).status_code == 403
    assert client.get(reverse("operations:figures") + "?date_from_day=x").status_code == 200


def test_publications_are_public_and_withdrawn_versions_are_not_served(client, make_user):
    comms = make_user(Role.COMMUNICATIONS)
    publication = PublicationFactory(title="Your council tax explained")
    first = _issue(comms, publication, [SiteFactory()])
    second = _issue(comms, publication, [SiteFactory()])
    page = client.get(reverse("publications:list")).content.decode()
    assert "Your council tax explained" in page and "Version 2" in page
    response = client.get(reverse("publications:download", args=[second.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("publications:download", args=[first.pk])).status_code == 404


def test_issue_page_refuses_a_non_pdf(client_as):
    client = client_as(Role.COMMUNICATIONS)
    publication = PublicationFactory()
    site = SiteFactory(is_public=True)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("operations:publication-issue", args=[publication.pk]),
        {
            "issued_on_day": "1",
            "issued_on_month": "1",
            "issued_on_year": "2026",
            "review_on_day": "1",
            "review_on_month": "1",
            "review_on_year": "2027",
            "formats": ["standard"],
            "distribution_points": [site.pk],
            "document": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>"),
        },
    )
    assert response.status_code == 200
    assert "The electronic copy must be a PDF" in response.content.decode()
    assert not PublicationVersion.objects.exists()


def test_a_team_manager_confirms_removal_only_for_their_own_site(client_as, make_user):
    comms = make_user(Role.COMMUNICATIONS)
    here, there = SiteFactory(), SiteFactory()
    publication = PublicationFactory()
    _issue(comms, publication, [here, there])
    _issue(comms, publication, [here])
    client = client_as(Role.TEAM_MANAGER, team=TeamFactory(site=here))
    mine = RemovalTask.objects.get(site=here)
    theirs = RemovalTask.objects.get(site=there)
    assert client.post(reverse("operations:removal-confirm", args=[theirs.pk])).status_code == 403
    client.post(reverse("operations:removal-confirm", args=[mine.pk]))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.confirmed_at is not None and theirs.confirmed_at is None


def test_customer_page_shows_the_warning_to_advisors_not_back_office(client_as, make_user):
    warning = SafetyWarningFactory(reason="Has threatened staff")
    url = reverse("customers:detail", args=[warning.customer.pk])
    assert "Has threatened staff" in client_as(Role.ADVISOR).get(url).content.decode()
    assert (
        "Has threatened staff"
        not in client_as(Role.CLIENT_SERVICE_OFFICER).get(url).content.decode()
    )


def test_team_manager_adds_a_safety_warning(client_as):
    client = client_as(Role.TEAM_MANAGER)
    customer = CustomerFactory()
    review = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        reverse("operations:safety-warning-add", args=[customer.pk]),
        {
            "reason": "Threatened an advisor",
            "review_on_day": review.day,
            "review_on_month": review.month,
            "review_on_year": review.year,
        },
    )
    assert response.status_code == 302
    assert customer.safety_warnings.get().recorded_by == client.user
    assert client.get(reverse("operations:safety-warnings")).status_code == 200
    assert client.get(reverse("operations:safety-warning-add", args=[99999])).status_code == 404
