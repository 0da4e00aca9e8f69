from django.core.management.base import BaseCommand

from apps.core import tasks_outbox


class Command(BaseCommand):
    help = "Send the Celery tasks kept in the outbox while the broker was away."

    def handle(self, *args, **options):
        sent = tasks_outbox.relay()
        left = tasks_outbox.pending_count()
        self.stdout.write(f"Sent {sent} task(s); {left} still waiting.")
