"""Scheduled work on service requests."""

from celery import shared_task

from . import services


@shared_task(name="cases.mark_breaches")
def mark_breaches() -> int:
    """Mark requests past their SLA and tell their departments (see the service)."""
    return services.service_requests_mark_breaches()
