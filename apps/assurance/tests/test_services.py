import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.roles import Role
from apps.assurance import selectors, services
from apps.assurance.models import (
    Accreditation,
    Evidence,
    Framework,
    IssuedReport,
    Rating,
    Requirement,
)
from apps.core.reporting import SectionContent, Table, section

from .factories import AccreditationFactory

pytestmark = pytest.mark.django_db


def element(code, framework="cse"):
    return Requirement.objects.get(framework__code=framework, code=code)


class TestFrameworks:
    def test_shipped_frameworks_are_loaded_after_migrate(self):
        cse = Framework.objects.get(code="cse")
        criteria = cse.requirements.filter(level=1).order_by("position")
        assert [c.code for c in criteria] == ["1", "2", "3", "4", "5"]
        assert criteria[0].title == "Customer Insight"
        assert cse.requirements.filter(is_element=True).count() == 52
        assert Framework.objects.filter(code="cca-global-standard").exists()

    def test_a_new_framework_loads_from_a_file(self):
        text = json.dumps(
            {
                "code": "ics-servicemark",
                "name": "ServiceMark",
                "version": "2025",
                "criteria": [
                    {
                        "code": "S1",
                        "title": "Customer experience",
                        "children": [{"code": "S1.1", "title": "Customers rate us highly"}],
                    }
                ],
            }
        )
        framework = services.framework_load(text=text)
        assert list(framework.requirements.values_list("code", "is_element", "level")) == [
            ("S1", False, 1),
            ("S1.1", True, 2),
        ]

    def test_a_bad_file_is_refused_with_line_and_column_and_loads_nothing(self):
        before = Requirement.objects.count()
        with pytest.raises(services.FrameworkFileError) as caught:
            services.framework_load(text='{"code": "x",\n "name": }')
        assert "Line 2, column" in caught.value.messages[0]
        with pytest.raises(services.FrameworkFileError) as caught:
            services.framework_load(
                text=json.dumps(
                    {
                        "code": "x",
                        "name": "X",
                        "version": "1",
                        "criteria": [{"code": "", "title": "T"}, {"code": "A", "title": ""}],
                    }
                )
            )
        assert any("criteria[0].code" in m for m in caught.value.messages)
        assert any("criteria[1].title" in m for m in caught.value.messages)
        assert Requirement.objects.count() == before
        assert not Framework.objects.filter(code="x").exists()

    def test_reloading_keeps_ratings_attached(self, make_user):
        accreditation = AccreditationFactory()
        services.element_assess(
            accreditation=accreditation,
            requirement=element("1.1.1"),
            rating=Rating.COMPLIANT,
            user=make_user(Role.QUALITY_LEAD),
        )
        data = json.loads((services.FRAMEWORKS_DIR / "cse.json").read_text())
        data["criteria"][0]["children"][0]["children"][0]["title"] = "Revised wording"
        services.framework_load(text=json.dumps(data))
        assessment = accreditation.assessments.get()
        assert assessment.requirement.title == "Revised wording"
        assert assessment.rating == Rating.COMPLIANT


class TestEvidence:
    def test_a_record_link_survives_edits_to_its_source(self, make_user):
        """Evidence points at a record's address, which edits to the record do not change."""
        from apps.catalogue.services import service_update
        from apps.catalogue.tests.factories import ServiceFactory

        service = ServiceFactory(name="Missed bins")
        accreditation = AccreditationFactory()
        evidence = services.evidence_add(
            accreditation=accreditation,
            requirements=[element("3.1.1")],
            kind=Evidence.Kind.RECORD,
            title="Service page",
            path=f"http://borchester.example/services/{service.slug}/",
            user=make_user(Role.QUALITY_LEAD),
        )
        assert evidence.path == f"/services/{service.slug}/"
        service_update(
            service=service,
            expected_version=service.version,
            changed_by=None,
            change_type="routine",
            change_summary="Wording",
            summary="A new summary",
        )
        evidence.refresh_from_db()
        client_user = make_user(Role.QUALITY_LEAD)
        from django.test import Client

        client = Client()
        client.force_login(client_user)
        response = client.get(evidence.path)
        assert response.status_code == 200
        assert "A new summary" in response.content.decode()

    def test_a_link_to_no_page_is_refused(self, make_user):
        with pytest.raises(ValidationError) as caught:
            services.evidence_add(
                accreditation=AccreditationFactory(),
                requirements=[element("3.1.1")],
                kind=Evidence.Kind.RECORD,
                title="Nowhere",
                path="/no-such-page/here/",
                user=make_user(Role.QUALITY_LEAD),
            )
        assert "path" in caught.value.error_dict
        assert not Evidence.objects.exists()

    def test_a_document_is_checked_by_its_content(self, make_user, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        accreditation = AccreditationFactory()
        fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
        with pytest.raises(ValidationError):
            services.evidence_add(
                accreditation=accreditation,
                requirements=[element("1.3.1")],
                kind=Evidence.Kind.DOCUMENT,
                title="Survey report",
                document=fake,
                user=make_user(Role.QUALITY_LEAD),
            )
        real = SimpleUploadedFile("report.pdf", b"%PDF-1.7\n...", "application/pdf")
        evidence = services.evidence_add(
            accreditation=accreditation,
            requirements=[element("1.3.1")],
            kind=Evidence.Kind.DOCUMENT,
            title="Survey report",
            document=real,
            user=make_user(Role.QUALITY_LEAD),
        )
        assert evidence.document_name == "report.pdf"
        assert Evidence.objects.count() == 1

    def test_elements_of_another_framework_are_refused(self, make_user):
        with pytest.raises(ValidationError):
            services.evidence_add(
                accreditation=AccreditationFactory(),
                requirements=[element("A.1", "cca-global-standard")],
                kind=Evidence.Kind.NOTE,
                title="Statement",
                description="We do this",
                user=make_user(Role.QUALITY_LEAD),
            )


class TestAssessorAccess:
    def test_an_assessor_reads_only_accreditations_with_a_grant_in_force(self, make_user):
        assessor = make_user(Role.ASSESSOR)
        granted, other = AccreditationFactory(), AccreditationFactory()
        today = datetime.date.today()
        grant = services.grant_create(
            accreditation=granted,
            assessor=assessor,
            starts=today,
            ends=today + datetime.timedelta(days=7),
            granted_by=None,
        )
        assert list(selectors.accreditations_for(assessor)) == [granted]
        services.grant_revoke(grant=grant)
        assert list(selectors.accreditations_for(assessor)) == []
        services.grant_create(
            accreditation=other,
            assessor=assessor,
            starts=today - datetime.timedelta(days=10),
            ends=today - datetime.timedelta(days=1),
            granted_by=None,
        )
        assert list(selectors.accreditations_for(assessor)) == []

    def test_only_assessors_can_be_given_access(self, make_user):
        with pytest.raises(ValidationError):
            services.grant_create(
                accreditation=AccreditationFactory(),
                assessor=make_user(Role.ADVISOR),
                starts=datetime.date.today(),
                ends=datetime.date.today(),
                granted_by=None,
            )


class TestVisitsAndReminders:
    def test_an_accrediting_visit_sets_the_certificate(self, make_user):
        accreditation = AccreditationFactory()
        services.visit_record(
            accreditation=accreditation,
            kind="initial",
            visit_date=datetime.date(2026, 6, 10),
            assessing_body="An assessing body",
            outcome="accredited",
            certificate_expires=datetime.date(2029, 6, 9),
            user=None,
        )
        accreditation.refresh_from_db()
        assert accreditation.status == Accreditation.Status.ACCREDITED
        assert accreditation.certificate_awarded == datetime.date(2026, 6, 10)

    def test_reminder_goes_once_when_reaccreditation_is_near(self, make_user):
        from apps.core.models import OutboxMessage

        make_user(Role.QUALITY_LEAD, email="quality@example.org")
        AccreditationFactory(certificate_expires=datetime.date(2027, 3, 1), reminder_days=90)
        assert services.accreditation_reminders_send(today=datetime.date(2026, 11, 1)) == 0
        assert services.accreditation_reminders_send(today=datetime.date(2026, 12, 5)) == 1
        assert services.accreditation_reminders_send(today=datetime.date(2026, 12, 6)) == 0
        assert OutboxMessage.objects.filter(to="quality@example.org").count() == 1


# A section whose figures the tests can change, to show an issued report does not move.
LIVE = {"value": 1}


@section("test_live_figure", "A live figure", order=999, meetings={"liaison"})
def live_figure(start, end):
    from decimal import Decimal

    from django.utils.translation import gettext_lazy

    return SectionContent(
        paragraphs=[f"The figure is {LIVE['value']}"],
        tables=[
            Table(
                caption=gettext_lazy("Figure"),
                head=["Name", "Value", "Money", "On"],
                rows=[["figure", LIVE["value"], Decimal("12.50"), start]],
            )
        ],
    )


class TestCommitteeReports:
    def test_an_issued_report_does_not_change_when_data_changes_later(self, make_user):
        head = make_user(Role.HEAD_OF_SERVICE)
        report = services.report_create(
            meeting="liaison",
            title="Liaison, October",
            period_start=datetime.date(2026, 10, 1),
            period_end=datetime.date(2026, 10, 31),
            user=head,
        )
        assert "test_live_figure" in report.sections
        LIVE["value"] = 1
        first = services.report_issue(report=report, user=head)
        LIVE["value"] = 99
        stored = IssuedReport.objects.get(pk=first.pk)
        live_section = next(s for s in stored.content["sections"] if s["key"] == "test_live_figure")
        assert live_section["content"]["paragraphs"] == ["The figure is 1"]
        assert bytes(stored.pdf).startswith(b"%PDF")
        second = services.report_issue(report=report, user=head)
        assert second.version == 2
        live_section = next(s for s in second.content["sections"] if s["key"] == "test_live_figure")
        assert live_section["content"]["paragraphs"] == ["The figure is 99"]

    def test_a_failing_section_does_not_stop_the_report(self, make_user, monkeypatch):
        report = services.report_create(
            meeting="liaison",
            title="Liaison",
            period_start=datetime.date(2026, 10, 1),
            period_end=datetime.date(2026, 10, 31),
            user=None,
        )

        def broken(start, end):
            raise RuntimeError("boom")

        from apps.core import reporting

        monkeypatch.setitem(
            reporting._REGISTRY,
            "test_live_figure",
            reporting.Section("test_live_figure", "Broken", 999, frozenset({"liaison"}), broken),
        )
        built = services.report_build(report)
        broken_section = next(s for s in built["sections"] if s["key"] == "test_live_figure")
        assert "could not be built" in broken_section["content"]["paragraphs"][0]

    def test_a_period_that_ends_before_it_starts_is_refused(self):
        with pytest.raises(ValidationError):
            services.report_create(
                meeting="scrutiny",
                title="Backwards",
                period_start=datetime.date(2026, 10, 31),
                period_end=datetime.date(2026, 10, 1),
                user=None,
            )
