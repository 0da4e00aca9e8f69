"""The Celery application: background work (imports, SLA checks, reports, notifications)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "firstpoint.settings")

app = Celery("firstpoint")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def add_app_schedules(sender, **kwargs):
    """Add each app's `beat_schedule` (declared on its AppConfig) to settings' own.

    An app keeps its scheduled tasks beside its code: `beat_schedule = {"name":
    {"task": "app.task", "schedule": seconds}}` in apps.py.
    """
    from django.apps import apps

    sender.conf.beat_schedule = {**sender.conf.beat_schedule, **app_schedules(apps)}


def app_schedules(apps) -> dict:
    schedule = {}
    for config in apps.get_app_configs():
        schedule.update(getattr(config, "beat_schedule", {}))
    return schedule
