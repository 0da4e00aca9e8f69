from celery import shared_task

from . import services


@shared_task(name="assurance.send_reminders")
def send_reminders() -> int:
    return services.accreditation_reminders_send()
