import pytest
from django.core.exceptions import ValidationError

from apps.accounts.tests.factories import DepartmentFactory
from apps.catalogue import selectors, services
from apps.catalogue.demo import SERVICES
from apps.catalogue.lgsl import lgsl_codes
from apps.catalogue.models import ChangeType, ReferralRoute, Service, ServiceVersion
from apps.catalogue.tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    fields = {
        "name": "Report a missed bin collection",
        "summary": "Tell us if your bin was missed.",
        "lgsl_code": 524,
        "department": DepartmentFactory(),
        "channel_phone": True,
        "referral_route": ReferralRoute.SERVICE_REQUEST,
        "sla_working_days": 2,
    }
    return {**fields, **overrides}


def test_create_keeps_version_one_with_who_and_why(make_user):
    admin = make_user()
    service = services.service_create(created_by=admin, change_summary="New", **_fields())
    assert service.version == 1
    assert service.slug == "report-a-missed-bin-collection"
    version = service.versions.get()
    assert (version.number, version.changed_by, version.change_type) == (
        1,
        admin,
        ChangeType.NEW_SERVICE,
    )
    assert version.data["sla_working_days"] == 2


def test_update_keeps_the_previous_version_and_flags_legislation_changes(make_user):
    service = services.service_create(created_by=None, **_fields())
    editor = make_user()
    services.service_update(
        service=service,
        expected_version=1,
        changed_by=editor,
        change_type=ChangeType.LEGISLATION_CHANGE,
        change_summary="Environment Act 2021",
        sla_working_days=3,
    )
    service.refresh_from_db()
    assert service.version == 2
    assert service.sla_working_days == 3
    v1, v2 = ServiceVersion.objects.filter(service=service).order_by("number")
    assert v1.data["sla_working_days"] == 2
    assert v2.data["sla_working_days"] == 3
    assert v2.change_type == ChangeType.LEGISLATION_CHANGE
    history = selectors.service_versions(service=service)
    assert history[0]["changed_fields"] == ["sla_working_days"]


def test_a_stale_edit_is_refused_and_changes_nothing():
    service = services.service_create(created_by=None, **_fields())
    services.service_update(
        service=service,
        expected_version=1,
        changed_by=None,
        change_type=ChangeType.ROUTINE,
        change_summary="first",
        sla_working_days=4,
    )
    with pytest.raises(services.StaleEdit):
        services.service_update(
            service=service,
            expected_version=1,
            changed_by=None,
            change_type=ChangeType.ROUTINE,
            change_summary="second",
            sla_working_days=9,
        )
    service.refresh_from_db()
    assert (service.version, service.sla_working_days) == (2, 4)
    assert service.versions.count() == 2


def test_bad_fields_write_nothing():
    with pytest.raises(ValidationError) as error:
        services.service_create(created_by=None, **_fields(lgsl_code=999999, channel_online=True))
    assert "lgsl_code" in error.value.message_dict
    assert not Service.objects.exists()
    assert not ServiceVersion.objects.exists()


def test_search_ranks_names_starting_with_the_words_first():
    ServiceFactory(name="Pay your Council Tax", summary="Council Tax payments")
    ServiceFactory(name="Council Tax discounts")
    ServiceFactory(name="Register a birth", summary="Not about tax")
    names = [s.name for s in selectors.service_list(search="council tax")]
    assert names == ["Council Tax discounts", "Pay your Council Tax"]
    assert [s.name for s in selectors.service_list(search="524")] != []


def test_public_list_hides_withdrawn_services_and_the_script():
    ServiceFactory(name="Offered", reportable=True)
    ServiceFactory(name="Withdrawn", is_active=False)
    public = list(selectors.public_service_list())
    assert [s.name for s in public] == ["Offered"]
    assert "script" in public[0].get_deferred_fields()


def test_every_demo_service_uses_a_code_from_the_shipped_lgsl_list():
    codes = lgsl_codes()
    for row in SERVICES:
        assert row[1] in codes, row[0]


def test_every_reportable_demo_service_has_its_questions_defined():
    from django.core.management import call_command

    from apps.catalogue.demo import ATTRIBUTES

    call_command("seed_demo", verbosity=0)
    reportable = set(Service.objects.filter(reportable=True).values_list("name", flat=True))
    assert reportable == set(ATTRIBUTES)
    missed_bin = Service.objects.get(name="Report a missed bin collection")
    codes = list(missed_bin.attributes.values_list("code", flat=True))
    assert codes == ["bin_type", "bin_out_by_7am"]
    assert missed_bin.attributes.get(code="bin_type").values[0] == {
        "key": "general",
        "name": "General waste (grey bin)",
    }
