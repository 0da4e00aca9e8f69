"""Fixtures every test can use: users in each role, and a signed-in client for a role."""

import pytest

from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory


@pytest.fixture
def make_user(db):
    """make_user(Role.ADVISOR, email=...) creates a user holding that role."""

    def make(role: str | None = None, **fields):
        return UserFactory(roles=[role] if role else [], **fields)

    return make


@pytest.fixture
def client_as(client, make_user):
    """client_as(Role.ADMINISTRATOR) signs in a new user with that role and returns the client."""

    def sign_in(role: str, **fields):
        user = make_user(role, **fields)
        client.force_login(user)
        client.user = user
        return client

    return sign_in


@pytest.fixture
def advisor_client(client_as):
    return client_as(Role.ADVISOR)


@pytest.fixture
def admin_client_(client_as):
    return client_as(Role.ADMINISTRATOR)
