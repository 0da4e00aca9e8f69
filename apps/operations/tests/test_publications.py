import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.roles import Role
from apps.accounts.tests.factories import SiteFactory, TeamFactory
from apps.operations import selectors, services
from apps.operations.models import PublicationVersion, RemovalTask

from .factories import PublicationFactory, pdf_upload

pytestmark = pytest.mark.django_db
ISSUED = datetime.date(2026, 1, 5)


def issue(by, publication, sites, **overrides):
    fields = {
        "issued_on": ISSUED,
        "review_on": ISSUED + datetime.timedelta(days=365),
        "formats": ["standard", "large_print"],
        "document": pdf_upload(),
        "distribution_points": sites,
    }
    fields.update(overrides)
    return services.publication_issue(by=by, publication=publication, **fields)


@pytest.fixture
def comms(make_user):
    return make_user(Role.COMMUNICATIONS)


def test_a_new_version_withdraws_the_old_with_a_removal_task_per_site_holding_it(comms):
    town_hall, eastgate, library = SiteFactory(), SiteFactory(), SiteFactory()
    publication = PublicationFactory()
    first = issue(comms, publication, [town_hall, eastgate])
    assert not RemovalTask.objects.exists()

    second = issue(comms, publication, [town_hall, library])

    first.refresh_from_db()
    assert first.withdrawn_at is not None and first.withdrawn_by == comms
    assert second.number == 2 and second.is_current
    tasks = RemovalTask.objects.filter(version=first)
    assert {t.site for t in tasks} == {town_hall, eastgate}
    assert not RemovalTask.objects.filter(version=second).exists()
    assert [v.pk for v in selectors.current_publications()] == [second.pk]
    holding = {row["site"] for row in selectors.sites_holding_obsolete_stock()}
    assert holding == {town_hall, eastgate}


def test_a_site_confirms_removal_and_drops_off_the_obsolete_stock_list(comms, make_user):
    town_hall, eastgate = SiteFactory(), SiteFactory()
    publication = PublicationFactory()
    issue(comms, publication, [town_hall, eastgate])
    issue(comms, publication, [town_hall])
    task = RemovalTask.objects.get(site=eastgate)
    elsewhere = make_user(Role.TEAM_MANAGER, team=TeamFactory(site=town_hall))
    with pytest.raises(PermissionDenied):
        services.removal_confirm(task=task, by=elsewhere)
    there = make_user(Role.TEAM_MANAGER, team=TeamFactory(site=eastgate))
    services.removal_confirm(task=task, by=there)
    task.refresh_from_db()
    assert task.confirmed_by == there
    assert {r["site"] for r in selectors.sites_holding_obsolete_stock()} == {town_hall}
    with pytest.raises(ValidationError):
        services.removal_confirm(task=task, by=there)


def test_only_the_communications_unit_issues_and_withdraws(make_user, comms):
    publication = PublicationFactory()
    manager = make_user(Role.TEAM_MANAGER)
    with pytest.raises(PermissionDenied):
        issue(manager, publication, [SiteFactory()])
    issue(comms, publication, [SiteFactory()])
    with pytest.raises(PermissionDenied):
        services.publication_withdraw(by=manager, publication=publication)
    services.publication_withdraw(by=comms, publication=publication)
    assert not selectors.current_publications().exists()
    assert RemovalTask.objects.count() == 1


@pytest.mark.parametrize(
    "content",
    [b"GIF89a not a pdf", b"%PDF-1.7\nthis is not really a pdf at all", b""],
)
def test_the_pdf_check_refuses_what_is_not_a_readable_pdf(comms, content):
    publication = PublicationFactory()
    upload = SimpleUploadedFile("leaflet.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        issue(comms, publication, [SiteFactory()], document=upload)
    assert "document" in error.value.error_dict
    assert not PublicationVersion.objects.exists()


def test_the_pdf_check_refuses_a_file_over_the_size_cap(monkeypatch):
    monkeypatch.setattr(services, "PDF_MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="smaller than"):
        services.pdf_check(pdf_upload())


def test_the_pdf_check_accepts_a_real_pdf():
    assert services.pdf_check(pdf_upload()).startswith(b"%PDF-")


def test_overdue_reviews_are_flagged(comms):
    old = PublicationFactory(title="Old")
    issue(
        comms,
        old,
        [SiteFactory()],
        issued_on=datetime.date(2024, 1, 1),
        review_on=datetime.date(2025, 1, 1),
    )
    fresh = PublicationFactory(title="Fresh")
    issue(
        comms,
        fresh,
        [SiteFactory()],
        issued_on=datetime.date(2026, 1, 1),
        review_on=datetime.date(2030, 1, 1),
    )
    today = datetime.date(2026, 6, 1)
    assert [v.publication for v in selectors.reviews_due(today=today)] == [old]
    assert [p.title for p in selectors.register(overdue=True, today=today)] == ["Old"]


def test_review_date_must_follow_issue(comms):
    with pytest.raises(ValidationError) as error:
        issue(comms, PublicationFactory(), [SiteFactory()], review_on=ISSUED)
    assert "review_on" in error.value.error_dict
