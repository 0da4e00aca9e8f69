import datetime

import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.assurance import services
from apps.assurance.models import ElementAssessment, Evidence, Rating

from .factories import AccreditationFactory

pytestmark = pytest.mark.django_db


def test_the_accreditation_page_stays_within_its_query_budget(
    client_as, django_assert_max_num_queries
):
    client = client_as(Role.QUALITY_LEAD)
    accreditation = AccreditationFactory()
    for code in ("1.1.1", "1.1.2", "2.1.1", "5.3.2"):
        requirement = accreditation.framework.requirements.get(code=code)
        services.element_assess(
            accreditation=accreditation,
            requirement=requirement,
            rating="compliant",
            user=client.user,
        )
        services.evidence_add(
            accreditation=accreditation,
            requirements=[requirement],
            kind=Evidence.Kind.NOTE,
            title=f"Statement {code}",
            description="We do it",
            user=client.user,
        )
    with django_assert_max_num_queries(14):
        response = client.get(reverse("assurance:accreditation", args=[accreditation.pk]))
    assert response.status_code == 200
    assert "1.1.1 We know our customer groups" in response.content.decode()


def test_rating_an_element_needs_a_rating_and_writes_nothing_without_one(client_as):
    client = client_as(Role.QUALITY_LEAD)
    accreditation = AccreditationFactory()
    url = reverse("assurance:element", args=[accreditation.pk, "1.3.1"])
    response = client.post(url, {"rating": "", "commentary": "x"})
    assert response.status_code == 200
    assert "Choose a rating" in response.content.decode()
    assert not ElementAssessment.objects.exists()
    response = client.post(url, {"rating": Rating.PARTIAL, "commentary": "Most channels"})
    assert response.status_code == 302
    assert ElementAssessment.objects.get().rating == Rating.PARTIAL


def test_an_assessor_reads_with_a_grant_and_is_refused_without(client, make_user):
    assessor = make_user(Role.ASSESSOR)
    accreditation = AccreditationFactory()
    client.force_login(assessor)
    url = reverse("assurance:accreditation", args=[accreditation.pk])
    assert client.get(url).status_code == 403
    today = datetime.date.today()
    services.grant_create(
        accreditation=accreditation, assessor=assessor, starts=today, ends=today, granted_by=None
    )
    assert client.get(url).status_code == 200
    # Read-only: an assessor cannot rate or add evidence.
    element_url = reverse("assurance:element", args=[accreditation.pk, "1.3.1"])
    assert client.post(element_url, {"rating": "compliant"}).status_code == 403
    assert client.get(reverse("assurance:evidence-add", args=[accreditation.pk])).status_code == 403
    assert client.get(reverse("assurance:reports")).status_code == 403


def test_an_unknown_element_or_accreditation_is_not_found(client_as):
    client = client_as(Role.QUALITY_LEAD)
    accreditation = AccreditationFactory()
    assert (
        client.get(reverse("assurance:element", args=[accreditation.pk, "9.9.9"])).status_code
        == 404
    )
    assert client.get(reverse("assurance:accreditation", args=[99999])).status_code == 404


def test_a_framework_file_with_errors_lists_them(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as(Role.QUALITY_LEAD)
    upload = SimpleUploadedFile("f.json", b'{"code": "x", "name": "X"', "application/json")
    response = client.post(reverse("assurance:frameworks"), {"file": upload})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Line 1, column" in body


def test_issuing_a_report_and_reading_its_pdf(client_as, make_user):
    client = client_as(Role.HEAD_OF_SERVICE)
    response = client.post(
        reverse("assurance:report-new"),
        {
            "meeting": "working_group",
            "title": "Member Working Group, October 2026",
            "period_start_day": "1",
            "period_start_month": "10",
            "period_start_year": "2026",
            "period_end_day": "31",
            "period_end_month": "10",
            "period_end_year": "2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    report_url = response["Location"]
    assert client.get(report_url).status_code == 200
    response = client.post(report_url)
    assert response.status_code == 302
    issued_page = client.get(response["Location"])
    assert "Version 1" in issued_page.content.decode()
    pdf = client.get(response["Location"] + "pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # A member reads issued reports but cannot issue or draft.
    member = make_user(Role.MEMBER)
    client.force_login(member)
    assert client.get(report_url).status_code == 200
    assert client.post(report_url).status_code == 403
    assert client.get(reverse("assurance:report-new")).status_code == 403


def test_the_evidence_list_filters_and_exports(client_as):
    client = client_as(Role.QUALITY_LEAD)
    accreditation = AccreditationFactory()
    requirement = accreditation.framework.requirements.get(code="1.3.1")
    for title in ("Survey results", "Complaints report"):
        services.evidence_add(
            accreditation=accreditation,
            requirements=[requirement],
            kind=Evidence.Kind.NOTE,
            title=title,
            description="We do it",
            user=client.user,
        )
    url = reverse("assurance:evidence", args=[accreditation.pk])
    body = client.get(url + "?search=survey").content.decode()
    assert "Survey results" in body and "Complaints report" not in body
    csv = client.get(url + "?format=csv")
    assert b"Complaints report" in b"".join(csv.streaming_content)
