"""Signals other areas listen to, so cases does not import them.

`service_request_closed` is sent inside the transaction that closes a service request
(sender=ServiceRequest, request=the closed request): the surveys area invites the
resident to say how it went.
"""

from django.dispatch import Signal

service_request_closed = Signal()
