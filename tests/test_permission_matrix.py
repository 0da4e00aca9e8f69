"""Every staff page, for every role: allowed or refused exactly as the roles are designed.

The design is the permissions each role holds (accounts/roles.py plus each app's
`role_permissions`) and the permission each view requires. For every URL without
parameters, each role is signed in and the page requested: a role holding the view's
permissions must get the page, any other role a 403. Someone signed out is sent to sign in.
Pages for one record (with an id in the URL) are checked in each app's own tests.
"""

import datetime
import inspect

import pytest
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.test import Client

from apps.accounts.roles import Role
from apps.accounts.services import role_permissions
from apps.accounts.tests.factories import UserFactory
from tests.site_pages import staff_pages

pytestmark = pytest.mark.django_db


def _decorator_permissions(function) -> list[str]:
    """The permissions a function view's @permission_required decorators check."""
    found = []
    for cell in function.__closure__ or ():
        value = cell.cell_contents
        if callable(value) and getattr(value, "__name__", "") == "check_perms":
            found.extend(inspect.getclosurevars(value).nonlocals["perms"])
        elif inspect.isfunction(value) and value.__closure__:
            found.extend(_decorator_permissions(value))
    return found


def required_permissions(callback, view_class) -> list[str]:
    if view_class is None:
        return _decorator_permissions(callback)
    if not issubclass(view_class, PermissionRequiredMixin):
        return []
    view = view_class()
    view.kwargs, view.args = {}, ()
    required = view.get_permission_required()
    return [required] if isinstance(required, str) else list(required or [])


def test_there_are_staff_pages_to_check():
    paths = [path for path, _view in staff_pages()]
    assert "/customers/" in paths and "/contacts/log/" in paths
    assert len(paths) > 30


def test_every_role_is_allowed_or_refused_each_staff_page_as_designed():
    design = role_permissions()
    pages = staff_pages()
    wrong = []
    signed_out = Client()
    for role in Role:
        user = UserFactory(roles=[role], email=f"{role.value}@matrix.example")
        client = Client()
        client.force_login(user)
        held = set(design.get(role, []))
        for path, callback in pages:
            needed = required_permissions(callback, getattr(callback, "view_class", None))
            allowed = all(p in held for p in needed)
            status = client.get(path).status_code
            # 404: the page needs a record named in its query string (?customer=...).
            if allowed and status not in (200, 302, 404):
                wrong.append(f"{role.label} should get {path} but got {status}")
            if not allowed and status != 403:
                wrong.append(f"{role.label} should be refused {path} but got {status}")
    for path, _view in pages:
        response = signed_out.get(path)
        if response.status_code != 302 or "/sign-in/" not in response["Location"]:
            wrong.append(f"signed out: {path} gave {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_vulnerability_never_reaches_a_role_without_the_permission():
    """Pages, CSV exports, search results and the API: the support notes of a vulnerable
    customer appear only for roles that may see vulnerability."""
    from apps.customers import services as customer_services
    from apps.customers.tests.factories import CustomerFactory

    secret = "Carer visits on Tuesdays; severe anxiety"
    customer = CustomerFactory(first_name="Vera", last_name="Vulnerable", phone="01632 960123")
    recorder = UserFactory(roles=[Role.ADVISOR])
    customer_services.vulnerability_record(
        customer=customer,
        recorded_by=recorder,
        categories=["mental_health"],
        lawful_basis="consent",
        consent_given_by="Vera",
        support_notes=secret,
        review_date=datetime.date.today() + datetime.timedelta(days=90),
    )
    design = role_permissions()
    paths = [
        f"/customers/{customer.pk}/",
        "/customers/?q=Vulnerable",
        "/customers/?q=Vulnerable&format=csv",
        f"/customers/{customer.pk}/history/",
        "/api/requests/",
        "/api/services/",
    ]
    leaks = []
    for role in Role:
        may_see = "customers.view_vulnerability" in design.get(role, [])
        client = Client()
        client.force_login(UserFactory(roles=[role]))
        for path in paths:
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            shown = secret.encode() in body
            if shown and not may_see:
                leaks.append(f"{role.label} saw vulnerability at {path}")
            if may_see and path == f"/customers/{customer.pk}/" and not shown:
                leaks.append(f"{role.label} should see vulnerability at {path}")
    assert not leaks, "\n".join(leaks)


def test_safety_warnings_never_reach_a_role_without_the_permission():
    """A staff safety warning shows on the customer's page, search and exports only to roles
    that may see it."""
    from apps.customers.tests.factories import CustomerFactory
    from apps.operations import services as operations_services

    secret = "Threatened staff at the Civic Offices counter"
    customer = CustomerFactory(first_name="Sid", last_name="Warned")
    operations_services.safety_warning_add(
        customer=customer,
        recorded_by=UserFactory(roles=[Role.TEAM_MANAGER]),
        reason=secret,
        review_on=datetime.date.today() + datetime.timedelta(days=60),
    )
    design = role_permissions()
    paths = [
        f"/customers/{customer.pk}/",
        "/customers/?q=Warned",
        "/customers/?q=Warned&format=csv",
        f"/customers/{customer.pk}/history/",
        "/operations/",
    ]
    leaks = []
    for role in Role:
        may_see = "operations.view_safetywarning" in design.get(role, [])
        client = Client()
        client.force_login(UserFactory(roles=[role]))
        for path in paths:
            response = client.get(path)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            shown = secret.encode() in body
            if shown and not may_see:
                leaks.append(f"{role.label} saw the safety warning at {path}")
            if (
                may_see
                and path == f"/customers/{customer.pk}/"
                and response.status_code == 200
                and not shown
            ):
                leaks.append(f"{role.label} should see the safety warning at {path}")
    assert not leaks, "\n".join(leaks)
