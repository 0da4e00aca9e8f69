import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from apps.accounts.demo import DEMO_PASSWORD, USERS, demo_email
from apps.accounts.models import User
from apps.accounts.roles import ROLE_PERMISSIONS, Role
from apps.accounts.services import role_permissions, roles_sync
from apps.accounts.tests.factories import TEST_PASSWORD, UserFactory
from apps.catalogue.models import Service

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group_with_exactly_its_permissions():
    """roles.py's permissions and those each app declares on its AppConfig, no more."""
    roles_sync()
    merged = role_permissions()
    assert set(ROLE_PERMISSIONS[Role.ADVISOR]) < set(merged[Role.ADVISOR])  # apps add theirs
    for role, codenames in merged.items():
        group = Group.objects.get(name=Role(role).label)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert held == set(codenames), role


def test_an_advisor_can_read_but_not_change_the_catalogue(make_user):
    advisor = make_user(Role.ADVISOR)
    assert advisor.has_perm("catalogue.view_service")
    assert not advisor.has_perm("catalogue.change_service")
    admin = make_user(Role.ADMINISTRATOR)
    assert admin.has_perm("catalogue.change_service")


def test_sign_in_with_email_and_password(client):
    user = UserFactory(email="amira@council.example")
    response = client.post(
        "/sign-in/", {"username": "Amira@Council.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/staff/").context["user"] == user


def test_a_wrong_password_gets_the_error_summary_and_no_session(client):
    UserFactory(email="amira@council.example")
    response = client.post("/sign-in/", {"username": "amira@council.example", "password": "wrong"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body
    assert "_auth_user_id" not in client.session


def test_an_empty_sign_in_says_what_is_missing(client):
    body = client.post("/sign-in/", {}).content.decode()
    assert "Enter your email address" in body
    assert "Enter your password" in body


def test_sign_in_is_throttled_after_five_failures(client, settings):
    UserFactory(email="amira@council.example")
    for _ in range(5):
        client.post("/sign-in/", {"username": "amira@council.example", "password": "wrong"})
    response = client.post(
        "/sign-in/", {"username": "amira@council.example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post(client_as):
    client = client_as(Role.ADVISOR)
    assert client.get("/sign-out/").status_code == 200
    assert "_auth_user_id" in client.session
    client.post("/sign-out/")
    assert "_auth_user_id" not in client.session


def test_user_list_is_for_administrators_and_exports_csv(client_as, django_assert_max_num_queries):
    client = client_as(Role.ADMINISTRATOR)
    for _ in range(30):
        UserFactory(roles=[Role.ADVISOR])
    with django_assert_max_num_queries(12):
        response = client.get("/users/")
    assert response.status_code == 200
    csv_body = b"".join(client.get("/users/?format=csv").streaming_content).decode()
    assert csv_body.count("\n") == 32  # header, 30 advisors and the administrator
    assert "Customer service advisor" in csv_body


def test_user_list_is_refused_to_advisors(client_as):
    assert client_as(Role.ADVISOR).get("/users/").status_code == 403


def test_user_list_filters_by_role(client_as):
    client = client_as(Role.ADMINISTRATOR)
    UserFactory(full_name="Zed Advisor", roles=[Role.ADVISOR])
    UserFactory(full_name="Yan Manager", roles=[Role.TEAM_MANAGER])
    body = client.get("/users/", {"role": str(Role.TEAM_MANAGER.label)}).content.decode()
    assert "Yan Manager" in body
    assert "Zed Advisor" not in body


def test_seed_demo_is_idempotent_and_gives_every_role_a_login():
    call_command("seed_demo", verbosity=0)
    counts = (User.objects.count(), Service.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (User.objects.count(), Service.objects.count()) == counts
    assert counts[1] >= 40
    for role, local_part, *_ in USERS:
        user = User.objects.get(email=demo_email(local_part))
        assert user.check_password(DEMO_PASSWORD)
        assert user.groups.filter(name=Role(role).label).exists()
    assert {r for r, *_ in USERS} == set(Role)
