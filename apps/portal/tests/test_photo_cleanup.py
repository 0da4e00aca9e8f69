"""Photos kept between the steps of a report the resident never sent are deleted after a day,
by a task scheduled daily."""

import datetime
import os
import time

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from apps.portal import photos
from apps.portal.tasks import discard_abandoned_photos
from firstpoint.celery import app as celery_app
from firstpoint.celery import app_schedules


def _age(name: str, *, hours: float) -> None:
    then = time.time() - hours * 60 * 60
    os.utime(default_storage.path(name), (then, then))


def test_kept_photos_older_than_a_day_go_and_fresher_ones_stay():
    abandoned = photos.photo_keep(b"abandoned", "image/jpeg")
    also_abandoned = photos.photo_keep(b"abandoned too", "image/png")
    in_progress = photos.photo_keep(b"in progress", "image/jpeg")
    nearly_a_day = photos.photo_keep(b"nearly a day", "image/jpeg")
    _age(abandoned, hours=49)
    _age(also_abandoned, hours=25)
    _age(nearly_a_day, hours=23)

    assert discard_abandoned_photos() == 2

    assert photos.photo_read(abandoned) is None
    assert photos.photo_read(also_abandoned) is None
    assert photos.photo_read(in_progress) == b"in progress"
    assert photos.photo_read(nearly_a_day) == b"nearly a day"


def test_nothing_outside_the_temporary_folder_is_touched():
    sent = default_storage.save("request-photos/2026/01/sent.jpg", ContentFile(b"sent"))
    _age(sent, hours=72)
    _age(photos.photo_keep(b"abandoned", "image/jpeg"), hours=72)
    assert discard_abandoned_photos() == 1
    assert default_storage.exists(sent)


def test_with_no_photos_kept_yet_there_is_nothing_to_do():
    assert not default_storage.exists(photos.TEMPORARY_FOLDER)
    assert discard_abandoned_photos() == 0


def test_the_age_can_be_chosen():
    name = photos.photo_keep(b"x", "image/jpeg")
    _age(name, hours=2)
    assert photos.photos_discard_abandoned(older_than=datetime.timedelta(hours=3)) == 0
    assert photos.photos_discard_abandoned(older_than=datetime.timedelta(hours=1)) == 1
    assert photos.photo_read(name) is None


def test_the_task_runs_daily():
    schedule = apps.get_app_config("portal").beat_schedule
    (entry,) = [e for e in schedule.values() if e["task"] == "portal.discard_abandoned_photos"]
    assert entry["schedule"] == 24 * 60 * 60
    assert "portal.discard_abandoned_photos" in celery_app.tasks
    assert entry in app_schedules(apps).values()  # reaches Celery beat with the others


@pytest.mark.parametrize("name", ["request-photos/a.jpg", "tmp/portal/../request-photos/a.jpg"])
def test_discarding_one_photo_deletes_only_a_name_the_portal_issued(name):
    sent = default_storage.save("request-photos/a.jpg", ContentFile(b"sent"))
    photos.photo_discard(name)
    assert default_storage.exists(sent)
