"""The Celery application: background work (imports, SLA checks, reports, notifications)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "firstpoint.settings")

app = Celery("firstpoint")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
