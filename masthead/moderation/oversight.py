"""The numbers on the oversight dashboard: how the queues stand, how fast and how consistently
moderators decide, and how often people overturn what the rules decided.

Each statistic is one aggregate query over the widest period, counting each shorter period with a
filtered aggregate, so the dashboard costs the same dozen queries whether the log holds ten
decisions or ten million. Only the median wait needs more: a count, then one row or two from the
middle of the ordered waits, for each period. That is exact, needs no database-specific
percentile function, and reads no more than two rows into Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
)
from django.utils import timezone

from masthead.community.models import Comment, IllegalContentNotice, Report
from masthead.moderation.models import Appeal, Decision

if TYPE_CHECKING:
    from masthead.accounts.models import User

PERIODS = (7, 30)
TOP_MODERATORS = 20

# Automatic decisions that keep a comment from readers, and the decisions by a person that
# say the rule was wrong.
AUTOMATIC_RESTRICTIONS = (Decision.Action.HOLD, Decision.Action.REJECT)
OVERTURNS = (Decision.Action.APPROVE, Decision.Action.RESTORE)


def staff_name(user: User | None) -> str:
    """How the back office names a moderator: full name, else username. Never an e-mail."""
    if user is None:
        return "a deleted account"
    return user.get_full_name() or user.get_username()


@dataclass(frozen=True)
class Period:
    days: int
    since: dt.datetime

    @property
    def label(self) -> str:
        return f"Last {self.days} days"


@dataclass(frozen=True)
class Share:
    """`part` of `whole`, e.g. automatic holds later approved out of all automatic holds."""

    part: int
    whole: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.part / self.whole, 1) if self.whole else None

    def __str__(self) -> str:
        if not self.whole:
            return "none in this period"
        return f"{self.part} of {self.whole} ({self.percent:g}%)"


@dataclass(frozen=True)
class Tally:
    """A row of counts, one per period, e.g. a moderator's decisions or reports for a reason."""

    label: str
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Wait:
    """The median time from a report to the decision that resolved it, over `resolved` reports."""

    median: dt.timedelta | None
    resolved: int

    def __str__(self) -> str:
        return format_duration(self.median) if self.median is not None else "no reports resolved"


@dataclass(frozen=True)
class Dashboard:
    now: dt.datetime
    periods: tuple[Period, ...]
    queues: list[tuple[str, int]]
    waits: tuple[Wait, ...]
    moderators: list[Tally]
    reasons: list[Tally]
    overturned: tuple[Share, ...]
    appeals: tuple[Share, ...]


def format_duration(value: dt.timedelta) -> str:
    """A wait as a moderator reads it: "45 s", "12 min", "3 h 05 min", "2 days 4 h"."""
    seconds = int(value.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86400
    if hours < 1:
        return f"{minutes} min"
    if days < 1:
        return f"{hours} h {minutes % 60:02d} min"
    return f"{days} day{'s' if days != 1 else ''} {hours % 24} h"


def periods(now: dt.datetime, days: Iterable[int] = PERIODS) -> tuple[Period, ...]:
    return tuple(Period(d, now - dt.timedelta(days=d)) for d in days)


def _widest(spans: tuple[Period, ...]) -> Period:
    return max(spans, key=lambda p: p.days)


def _plain(rows: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """values() rows, whose per-period keys are made at run time, beyond what mypy can type."""
    return cast("Iterable[dict[str, Any]]", rows)


def _per_period(
    spans: tuple[Period, ...], field: str, name: str, count: Callable[[Q], Aggregate]
) -> dict[str, Aggregate]:
    """One filtered aggregate per period, named `<name>_<days>`, to go in a single query."""
    return {f"{name}_{p.days}": count(Q(**{f"{field}__gte": p.since})) for p in spans}


def queue_sizes() -> list[tuple[str, int]]:
    """How many comments, appeals and notices wait for a person now. Three counts: the comment
    queues in one query over only the rows that are in some queue (each has a partial index)."""
    reported = Q(open_report_count__gt=0)
    pending = Q(status=Comment.Status.PENDING)
    unmoderated = Q(status=Comment.Status.PUBLISHED, reviewed_at__isnull=True)
    comments = Comment.objects.filter(reported | pending | unmoderated).aggregate(
        reported=Count("pk", filter=reported),
        pending=Count("pk", filter=pending),
        unmoderated=Count("pk", filter=unmoderated),
    )
    appeals = Appeal.objects.filter(status=Appeal.Status.PENDING).count()
    notices = IllegalContentNotice.objects.exclude(
        status=IllegalContentNotice.Status.DECIDED
    ).count()
    return [
        ("Reported comments (open reports)", comments["reported"]),
        ("Comments held for review", comments["pending"]),
        ("Published comments no moderator has reviewed", comments["unmoderated"]),
        ("Appeals awaiting review", appeals),
        ("Illegal-content notices not yet decided", notices),
    ]


def report_waits(spans: tuple[Period, ...], now: dt.datetime) -> tuple[Wait, ...]:
    """Median of resolved_at - created_at over the reports resolved in each period."""
    widest = _widest(spans)
    resolved = Report.objects.filter(resolved_at__gte=widest.since, resolved_at__lte=now)
    counts = resolved.aggregate(
        **_per_period(spans, "resolved_at", "n", lambda q: Count("pk", filter=q))
    )
    wait = ExpressionWrapper(F("resolved_at") - F("created_at"), output_field=DurationField())
    waits = []
    for p in spans:
        n = counts[f"n_{p.days}"]
        # The middle row, or the two middle rows of an even count; a slice of an empty
        # period still runs, so the page's query count does not depend on the data.
        middle = (
            resolved.filter(resolved_at__gte=p.since)
            .annotate(wait=wait)
            .order_by("wait", "pk")
            .values_list("wait", flat=True)[max(n - 1, 0) // 2 : n // 2 + 1]
        )
        values = list(middle)
        median = sum(values, dt.timedelta()) / len(values) if values else None
        waits.append(Wait(median, n))
    return tuple(waits)


def decisions_by_moderator(
    spans: tuple[Period, ...], now: dt.datetime, limit: int = TOP_MODERATORS
) -> list[Tally]:
    """The moderators who decided most in the widest period, with their count in each period."""
    widest = _widest(spans)
    rows = (
        Decision.objects.filter(
            created_at__gte=widest.since, created_at__lte=now, moderator__isnull=False
        )
        .values(
            "moderator_id", "moderator__username", "moderator__first_name", "moderator__last_name"
        )
        .annotate(**_per_period(spans, "created_at", "n", lambda q: Count("pk", filter=q)))
        .order_by(f"-n_{widest.days}", "moderator__username")[:limit]
    )
    tallies = []
    for row in _plain(rows):
        full = f"{row['moderator__first_name']} {row['moderator__last_name']}".strip()
        tallies.append(
            Tally(full or row["moderator__username"], tuple(row[f"n_{p.days}"] for p in spans))
        )
    return tallies


def reports_by_reason(spans: tuple[Period, ...], now: dt.datetime) -> list[Tally]:
    """Reports readers made in each period, by the reason they chose."""
    widest = _widest(spans)
    rows = (
        Report.objects.filter(created_at__gte=widest.since, created_at__lte=now)
        .values("reason_id", "reason__label")
        .annotate(**_per_period(spans, "created_at", "n", lambda q: Count("pk", filter=q)))
        .order_by(f"-n_{widest.days}", "reason__label")
    )
    return [
        Tally(row["reason__label"], tuple(row[f"n_{p.days}"] for p in spans))
        for row in _plain(rows)
    ]


def automatic_overturned(spans: tuple[Period, ...], now: dt.datetime) -> tuple[Share, ...]:
    """Of the comments a rule held or rejected in each period, how many a moderator later
    approved or restored. A comment counts once however many rules stopped it."""
    widest = _widest(spans)
    later_overturn = Decision.objects.filter(
        comment=OuterRef("comment"),
        moderator__isnull=False,
        action__in=OVERTURNS,
        created_at__gt=OuterRef("created_at"),
    )
    automatic = (
        Decision.objects.filter(
            created_at__gte=widest.since,
            created_at__lte=now,
            action__in=AUTOMATIC_RESTRICTIONS,
            comment__isnull=False,
        )
        .exclude(rule="")
        .annotate(overturned=Exists(later_overturn))
    )
    totals = automatic.aggregate(
        **_per_period(
            spans, "created_at", "stopped", lambda q: Count("comment", distinct=True, filter=q)
        ),
        **_per_period(
            spans,
            "created_at",
            "overturned",
            lambda q: Count("comment", distinct=True, filter=q & Q(overturned=True)),
        ),
    )
    return tuple(Share(totals[f"overturned_{p.days}"], totals[f"stopped_{p.days}"]) for p in spans)


def appeals_granted(spans: tuple[Period, ...], now: dt.datetime) -> tuple[Share, ...]:
    """Appeals granted out of appeals decided, in each period."""
    widest = _widest(spans)
    totals = Appeal.objects.filter(decided_at__gte=widest.since, decided_at__lte=now).aggregate(
        **_per_period(spans, "decided_at", "decided", lambda q: Count("pk", filter=q)),
        **_per_period(
            spans,
            "decided_at",
            "granted",
            lambda q: Count("pk", filter=q & Q(status=Appeal.Status.GRANTED)),
        ),
    )
    return tuple(Share(totals[f"granted_{p.days}"], totals[f"decided_{p.days}"]) for p in spans)


def dashboard(now: dt.datetime | None = None, days: Iterable[int] = PERIODS) -> Dashboard:
    now = now or timezone.now()
    spans = periods(now, days)
    return Dashboard(
        now=now,
        periods=spans,
        queues=queue_sizes(),
        waits=report_waits(spans, now),
        moderators=decisions_by_moderator(spans, now),
        reasons=reports_by_reason(spans, now),
        overturned=automatic_overturned(spans, now),
        appeals=appeals_granted(spans, now),
    )
