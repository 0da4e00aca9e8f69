import datetime

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="surveys.sample_yesterday")
def sample_yesterday() -> int:
    """Invite the day's random sample of yesterday's contacts to the independent survey."""
    return services.contacts_sample(day=timezone.localdate() - datetime.timedelta(days=1))
