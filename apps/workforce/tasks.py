from celery import shared_task

from . import services


@shared_task(name="workforce.remind_overdue_training")
def remind_overdue_training() -> int:
    return services.training_reminders_send()
