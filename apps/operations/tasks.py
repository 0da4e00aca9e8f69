from celery import shared_task

from . import services


@shared_task(name="operations.expire_safety_warnings")
def expire_safety_warnings() -> int:
    """Daily: safety warnings past their review date without review stop being shown."""
    return services.safety_warnings_expire()
