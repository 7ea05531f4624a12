"""What readers' browsers report about appeals, and the questions asked of the support app.

Tracking is counted per (campaign, variant, day) with one conditional UPDATE; only the first
event of a day for a variant inserts its row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from masthead.campaigns.models import DailyTally

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from masthead.accounts.models import User

Event = Literal["view", "click", "dismiss"]
COUNTER: dict[str, str] = {"view": "views", "click": "clicks", "dismiss": "dismissals"}


def record_event(*, campaign_id: int, variant: str, event: Event) -> None:
    """Add one view, click or dismissal to today's counters of a campaign's variant.

    Trusts its input: the tracking view checks that the campaign is live and has the variant.
    """
    column = COUNTER[event]
    day = timezone.localdate()
    rows = DailyTally.objects.filter(campaign_id=campaign_id, variant=variant, day=day)
    if rows.update(**{column: F(column) + 1}):
        return
    try:
        with transaction.atomic():
            DailyTally.objects.create(
                campaign_id=campaign_id, variant=variant, day=day, **{column: 1}
            )
    except IntegrityError:  # another request made today's row first: count on it
        rows.update(**{column: F(column) + 1})


def reader_is_supporter(user: User | AnonymousUser) -> bool:
    """Whether a signed-in reader is a supporter, as the support app decides.

    Until the support app provides `is_supporter`, nobody is.
    """
    if not user.is_authenticated:
        return False
    try:
        from masthead.support.actions import is_supporter  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    return bool(is_supporter(user))


def declare_reader_support(user: User) -> bool:
    """Record "I already support" for a signed-in reader through the support app.

    Returns False when the support app cannot record it (not installed yet): the reader's
    browser still remembers the choice.
    """
    try:
        from masthead.support.actions import declare_support  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    declare_support(user)
    return True
