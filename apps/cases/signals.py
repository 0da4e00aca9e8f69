"""Signals other areas listen to, so cases does not import them.

`service_request_closed` is sent inside the transaction that closes a service request
(sender=ServiceRequest, request=the closed request): the surveys area invites the
resident to say how it went.

`compliment_recorded` is sent inside the transaction that records a compliment naming a
member of staff (sender=Complaint, compliment=the record): the recognition area turns it
into an award nomination.
"""

from django.dispatch import Signal

service_request_closed = Signal()
compliment_recorded = Signal()
