"""Signals other areas listen to, so the catalogue does not import them.

`service_version_recorded` is sent inside the transaction that records a new version of a
service (sender=ServiceVersion, version=the ServiceVersion). A receiver that fails rolls
the change back: the workforce area opens a coordinated training need for a new service
or a legislation change in the same transaction.
"""

from django.dispatch import Signal

service_version_recorded = Signal()
