"""Every operation of the OpenAPI document, fuzzed by schemathesis through the WSGI app:
no input may cause a server error. Deterministic and bounded: 20 examples an operation under
`make fuzz`, a third of them under `make test`."""

import pytest
import schemathesis
from django.contrib.auth.models import Permission
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from apps.accounts.tests.factories import UserFactory
from apps.cases.models import Source
from apps.open311.services import api_key_issue
from apps.open311.tests.helpers import public_request, reportable_service
from tests.fuzz.support import fuzz_examples

# Loaded when the module is collected (the schema view touches no database). The lazy
# loader, schemathesis.pytest.from_fixture, does not work with pytest 9 (it sets the
# removed Item._nodeid).
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_the_test_connection_open():
    """The WSGI handler closes database connections when a response finishes, which would
    close the test's own transaction on PostgreSQL; Django's test client unhooks the same
    signal for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def staff(db, client):
    """Some data to find, a member of staff with the API's view permissions, and a key."""
    service = reportable_service(sla_working_days=3)
    public_request(service, latitude=51.5, longitude=-0.1)
    public_request(service, source=Source.ADVISOR)
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_service", "view_servicerequest"])
    )
    client.force_login(user)
    _, key = api_key_issue(name="schemathesis", created_by=user, rate_limit_per_hour=100000)
    return {"sessionid": client.cookies["sessionid"].value, "api_key": key}


@schema.parametrize()
@settings(
    max_examples=fuzz_examples(20),
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_a_server_error(case, staff):
    if isinstance(case.body, dict) and "api_key" in case.body:
        # Get past the key (a body without one still tests the 403) and, when the generated
        # code is empty, name the real service, so the fuzzing reaches the validation.
        case.body["api_key"] = staff["api_key"]
        if case.body.get("service_code") == "":
            case.body["service_code"] = "missed-bin"
    response = case.call(headers={"Host": "localhost"}, cookies={"sessionid": staff["sessionid"]})
    case.validate_response(response, checks=[not_a_server_error])
