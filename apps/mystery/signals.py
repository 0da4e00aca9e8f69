"""Signals other apps connect to.

`positive_finding_shared` is sent (sender=Finding, finding=obj) in the transaction that
shares a positive finding, so the monthly award nominations can pick it up.
"""

from django.dispatch import Signal

positive_finding_shared = Signal()
