"""Photos sent with reports: staff see them through a permission check, whatever their
moderation; the public (Open311) only once someone who works the request has approved them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from apps.accounts.roles import Role
from apps.accounts.tests.factories import DepartmentFactory, TeamFactory, UserFactory
from apps.cases import services
from apps.cases.models import ServiceRequestPhoto
from apps.catalogue.tests.factories import ServiceFactory
from apps.core.tests.images import jpeg_with_gps, png_bytes

from .factories import raise_request

pytestmark = pytest.mark.django_db

Moderation = ServiceRequestPhoto.Moderation


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def waste():
    return DepartmentFactory(name="Waste", slug="waste")


@pytest.fixture
def photo(waste):
    request = raise_request(
        service=ServiceFactory(department=waste, reportable=True, name="Missed bin")
    )
    return services.service_request_photo_add(
        request=request, image_bytes=jpeg_with_gps(), filename="bin.jpg"
    )


def officer(department, **fields):
    return UserFactory(
        roles=[Role.CLIENT_SERVICE_OFFICER], team=TeamFactory(department=department), **fields
    )


def photo_url(photo):
    return f"/requests/{photo.request.reference}/photos/{photo.pk}/"


def moderate_url(photo):
    return f"/requests/{photo.request.reference}/photos/{photo.pk}/moderation/"


def internal_notes(photo):
    return list(photo.request.updates.filter(is_public=False).values_list("text", flat=True))


# Services


def test_a_new_photo_awaits_moderation():
    photo = services.service_request_photo_add(
        request=raise_request(), image_bytes=jpeg_with_gps(), filename="bin.jpg"
    )
    assert photo.moderation == Moderation.AWAITING
    assert photo.moderated_by is None and photo.moderated_at is None


def test_an_officer_of_the_department_approves_then_rejects_and_both_are_noted(photo, waste):
    approver, rejecter = officer(waste), officer(waste)
    approved = services.service_request_photo_approve(photo=photo, approved_by=approver)
    approved.refresh_from_db()
    assert approved.moderation == Moderation.APPROVED
    assert approved.moderated_by == approver and approved.moderated_at is not None

    rejected = services.service_request_photo_reject(photo=photo, rejected_by=rejecter)
    rejected.refresh_from_db()
    assert rejected.moderation == Moderation.REJECTED
    assert rejected.moderated_by == rejecter and rejected.moderated_at >= approved.moderated_at
    # The photo keeps the latest decision; the request's internal notes keep both.
    notes = internal_notes(photo)
    assert any("approved for publication" in n for n in notes)
    assert any("rejected for publication" in n for n in notes)


def test_a_team_manager_may_moderate_any_department_s_photos(photo):
    manager = UserFactory(roles=[Role.TEAM_MANAGER])
    services.service_request_photo_approve(photo=photo, approved_by=manager)
    photo.refresh_from_db()
    assert photo.moderation == Moderation.APPROVED and photo.moderated_by == manager


def test_the_same_decision_twice_keeps_the_first_on_record(photo, waste):
    first, second = officer(waste), officer(waste)
    services.service_request_photo_approve(photo=photo, approved_by=first)
    services.service_request_photo_approve(photo=photo, approved_by=second)
    photo.refresh_from_db()
    assert photo.moderated_by == first
    assert sum("approved" in n for n in internal_notes(photo)) == 1


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda: officer(DepartmentFactory(slug="parking")), id="other-department"),
        pytest.param(lambda: UserFactory(roles=[Role.ADVISOR]), id="advisor"),
        pytest.param(lambda: UserFactory(roles=[Role.HEAD_OF_SERVICE]), id="head-of-service"),
    ],
)
@pytest.mark.parametrize(
    "decide",
    [
        lambda photo, user: services.service_request_photo_approve(photo=photo, approved_by=user),
        lambda photo, user: services.service_request_photo_reject(photo=photo, rejected_by=user),
    ],
    ids=["approve", "reject"],
)
def test_nobody_else_may_moderate_and_nothing_is_written(photo, who, decide):
    notes_before = internal_notes(photo)
    with pytest.raises(PermissionDenied):
        decide(photo, who())
    photo.refresh_from_db()
    assert photo.moderation == Moderation.AWAITING and photo.moderated_by is None
    assert internal_notes(photo) == notes_before


def test_the_database_refuses_a_decision_without_who_and_when(photo):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceRequestPhoto.objects.filter(pk=photo.pk).update(moderation=Moderation.APPROVED)


# The staff view of a photo


def test_staff_who_may_see_the_request_see_the_photo_with_private_headers(client, photo):
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    response = client.get(photo_url(photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    photo.image.open("rb")
    assert b"".join(response.streaming_content) == photo.image.read()


def test_a_png_is_served_as_a_png(client):
    photo = services.service_request_photo_add(
        request=raise_request(), image_bytes=png_bytes(), filename="a.png"
    )
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    response = client.get(photo_url(photo))
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_signed_out_or_without_the_permission_the_photo_is_refused(client, photo):
    response = client.get(photo_url(photo))
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    for role in (Role.COMMUNICATIONS, Role.IT_SERVICES, Role.ASSESSOR):
        client.force_login(UserFactory(roles=[role]))
        assert client.get(photo_url(photo)).status_code == 403


def test_another_request_s_reference_or_an_unknown_photo_is_not_found(client, photo):
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    other = raise_request()
    assert client.get(f"/requests/{other.reference}/photos/{photo.pk}/").status_code == 404
    assert client.get(f"/requests/{photo.request.reference}/photos/999999/").status_code == 404


def test_a_photo_missing_from_storage_is_not_found_not_a_server_error(client, photo):
    photo.image.storage.delete(photo.image.name)
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    assert client.get(photo_url(photo)).status_code == 404


def test_media_is_not_served_from_its_folder(client, photo):
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    assert client.get(f"/media/{photo.image.name}").status_code == 404


# Moderating from the request's page


def test_an_officer_approves_from_the_request_page(client, photo, waste):
    client.force_login(officer(waste))
    response = client.post(moderate_url(photo), {"decision": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/requests/{photo.request.reference}/"
    assert "Photo approved for publication" in response.content.decode()
    photo.refresh_from_db()
    assert photo.moderation == Moderation.APPROVED


def test_an_officer_rejects_from_the_request_page(client, photo, waste):
    client.force_login(officer(waste))
    assert client.post(moderate_url(photo), {"decision": "reject"}).status_code == 302
    photo.refresh_from_db()
    assert photo.moderation == Moderation.REJECTED


@pytest.mark.parametrize("data", [{}, {"decision": "publish"}, {"decision": "\x00"}])
def test_a_decision_that_is_neither_is_explained_and_changes_nothing(client, photo, waste, data):
    client.force_login(officer(waste))
    response = client.post(moderate_url(photo), data, follow=True)
    assert response.status_code == 200
    assert "Choose whether to approve or reject the photo" in response.content.decode()
    photo.refresh_from_db()
    assert photo.moderation == Moderation.AWAITING


def test_moderation_is_refused_to_the_wrong_department_and_to_roles_without_it(client, photo):
    for user in (
        officer(DepartmentFactory(slug="parking")),
        UserFactory(roles=[Role.ADVISOR]),
        UserFactory(roles=[Role.QUALITY_LEAD]),
    ):
        client.force_login(user)
        assert client.post(moderate_url(photo), {"decision": "approve"}).status_code == 403
    photo.refresh_from_db()
    assert photo.moderation == Moderation.AWAITING


def test_moderation_answers_only_a_post(client, photo, waste):
    client.force_login(officer(waste))
    assert client.get(moderate_url(photo)).status_code == 405


# The request's page


def test_the_page_shows_the_photos_with_alt_text_and_their_state_in_bounded_queries(
    client, photo, waste, django_assert_max_num_queries
):
    moderator = officer(waste, full_name="Rita Rejecter")
    services.service_request_photo_reject(photo=photo, rejected_by=moderator)
    for _ in range(4):
        services.service_request_photo_add(
            request=photo.request, image_bytes=jpeg_with_gps(), filename="more.jpg"
        )
    client.force_login(officer(waste))
    page = f"/requests/{photo.request.reference}/"
    with django_assert_max_num_queries(10):
        html = client.get(page).content.decode()
    assert html.count('alt="Photo ') == 5
    assert 'alt="Photo 1 sent with the report of Missed bin"' in html
    assert f'src="{photo_url(photo)}"' in html
    assert "Rejected" in html and "by Rita Rejecter" in html
    assert html.count("Awaiting moderation") == 4
    assert "Approve photo 1 for publication" in html and "Reject photo 1" not in html
    assert "Reject photo 2" in html


def test_the_page_s_queries_do_not_grow_with_its_photos(
    client, photo, waste, django_assert_num_queries
):
    manager = UserFactory(roles=[Role.TEAM_MANAGER])
    services.service_request_photo_approve(photo=photo, approved_by=manager)
    client.force_login(officer(waste))
    page = f"/requests/{photo.request.reference}/"
    client.get(page)
    with CaptureQueriesContext(connection) as one_photo:
        client.get(page)
    for _ in range(5):
        more = services.service_request_photo_add(
            request=photo.request, image_bytes=jpeg_with_gps(), filename="more.jpg"
        )
        services.service_request_photo_approve(
            photo=more, approved_by=UserFactory(roles=[Role.TEAM_MANAGER])
        )
    with django_assert_num_queries(len(one_photo)):
        html = client.get(page).content.decode()
    assert html.count('alt="Photo ') == 6


def test_staff_who_may_not_moderate_see_the_photos_but_no_buttons(client, photo):
    client.force_login(UserFactory(roles=[Role.ADVISOR]))
    html = client.get(f"/requests/{photo.request.reference}/").content.decode()
    assert 'alt="Photo 1 sent with the report of Missed bin"' in html
    assert "Awaiting moderation" in html
    assert "Approve photo 1" not in html and moderate_url(photo) not in html
