"""What every page's header needs to know about the signed-in reader's notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Window
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject, cached_property

from masthead.accounts.models import Notification

UNREAD = Q(read_at__isnull=True)
AWAITING_ACK = Q(needs_ack=True, acknowledged_at__isnull=True)


class Inbox:
    """The reader's unread count and oldest unacknowledged warning, fetched together, once, on
    first use: a page that shows neither (an htmx partial, a JSON answer) pays no query, and a
    reader who is not signed in never does."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def _summary(self) -> tuple[int, Notification | None]:
        user = self.request.user
        if not user.is_authenticated:
            return 0, None
        # One row: the oldest warning still waiting if there is one (else any unread
        # notification), carrying the count of unread ones over all the rows, which the
        # window function takes before the LIMIT. The filter is the partial index's condition.
        first = (
            Notification.objects.filter(UNREAD | AWAITING_ACK, reader_id=user.pk)
            .annotate(
                unread=Window(Count("id", filter=UNREAD)),
                awaiting_ack=ExpressionWrapper(AWAITING_ACK, output_field=BooleanField()),
            )
            .order_by("-awaiting_ack", "created_at", "id")
            .first()
        )
        if first is None:
            return 0, None
        return first.unread, first if first.awaiting_ack else None  # type: ignore[attr-defined]

    @property
    def unread(self) -> int:
        return self._summary[0]

    @property
    def pending_warning(self) -> Notification | None:
        return self._summary[1]


def notifications(request: HttpRequest) -> dict[str, Any]:
    inbox = Inbox(request)
    return {
        "unread_notifications": SimpleLazyObject(lambda: inbox.unread),
        "pending_warning": SimpleLazyObject(lambda: inbox.pending_warning),
    }
