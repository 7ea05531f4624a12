"""The moderation queues: which comments each holds, in what order, and everything a card shows.

A queue page costs the same handful of queries however long the queue is: the page of comments
comes from a partial or composite index in key order (cursor paging, never OFFSET), and what
the cards add (reports, the rule that held it, the writer's record, claims) is fetched for the
page's comments in one grouped query each. Counts on the tabs stop at COUNT_CAP, so counting a
queue of a million costs what counting a thousand does.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from masthead.community.models import Comment, IllegalContentNotice, Report
from masthead.moderation.models import Appeal, Claim, Decision, Standing, Watch

if TYPE_CHECKING:
    from masthead.accounts.models import User

PAGE_SIZE = 20
COUNT_CAP = 1000

Order = Literal["newest", "oldest"]


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    help: str
    key: str  # the field the queue is ordered by (with "id" as the tie-break)
    filter: Q


COMMENT_QUEUES = {
    q.slug: q
    for q in (
        Queue(
            "reported",
            "Reported",
            "Comments readers reported that no moderator has decided on since.",
            "last_reported_at",
            Q(open_report_count__gt=0),
        ),
        Queue(
            "pending",
            "Pending",
            "Held by screening or hidden after reports: readers cannot see them yet.",
            "created_at",
            Q(status=Comment.Status.PENDING),
        ),
        Queue(
            "unmoderated",
            "Unmoderated",
            "Published straight away; no moderator has looked at them.",
            "created_at",
            Q(status=Comment.Status.PUBLISHED, reviewed_at__isnull=True),
        ),
        Queue(
            "approved",
            "Approved",
            "Published and approved by a moderator.",
            "created_at",
            Q(status=Comment.Status.PUBLISHED, reviewed_at__isnull=False),
        ),
        Queue(
            "rejected",
            "Rejected",
            "Taken out of view by a moderator or a rule.",
            "created_at",
            Q(status=Comment.Status.REJECTED),
        ),
    )
}
OTHER_QUEUES = {
    "appeals": "Appeals",
    "notices": "Illegal-content notices",
}
ALL_QUEUES = [*COMMENT_QUEUES, *OTHER_QUEUES]


@dataclass
class Filters:
    """What a moderator narrowed the queue to. Built from the query string by FilterForm."""

    article: int | None = None
    section_path: str | None = None
    watched_by: User | None = None
    text: str = ""
    reader: str = ""
    search_email: bool = False
    order: Order = "newest"


@dataclass(frozen=True)
class Cursor:
    """Where the next page starts: the last card's sort key and id."""

    key: str
    pk: int

    def encode(self) -> str:
        raw = json.dumps([self.key, self.pk]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str | None) -> Cursor | None:
        """None for a missing or mangled cursor: the first page, never an error page."""
        if not value:
            return None
        try:
            key, pk = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
            dt.datetime.fromisoformat(key)
            return cls(str(key), int(pk))
        except (ValueError, TypeError, binascii.Error, json.JSONDecodeError):
            return None


def comments_in(queue: Queue, filters: Filters) -> QuerySet[Comment]:
    qs = Comment.objects.filter(queue.filter)
    if filters.article:
        qs = qs.filter(thread__page_id=filters.article)
    if filters.section_path:
        qs = qs.filter(thread__page__path__startswith=filters.section_path)
    if filters.watched_by is not None:
        watched = Watch.objects.filter(moderator=filters.watched_by).values("page_id")
        qs = qs.filter(thread__page_id__in=watched)
    if filters.text:
        qs = qs.filter(body__icontains=filters.text)
    if filters.reader:
        who = Q(author__display_name__icontains=filters.reader) | Q(
            author__username__iexact=filters.reader
        )
        if filters.search_email:
            who |= Q(author__email__iexact=filters.reader)
        qs = qs.filter(who)
    return qs


@dataclass
class Page:
    cards: list[Card]
    next_cursor: str | None


def page_of(
    queue: Queue, filters: Filters, *, cursor: Cursor | None = None, size: int = PAGE_SIZE
) -> Page:
    """One page of the queue, in key order from the cursor; the cards fully loaded."""
    qs = comments_in(queue, filters).select_related("author", "thread__page", "parent__author")
    comments, next_cursor = _keyset(qs, queue.key, cursor, filters.order, size)
    return Page(cards=load_cards(comments), next_cursor=next_cursor)


@dataclass
class WriterRecord:
    """The writer as a card shows them: how long they have been here and how they behaved."""

    comments: int = 0
    rejected: int = 0
    warnings: int = 0
    suspensions: int = 0
    bans: int = 0
    standing: Standing | None = None

    @property
    def rejection_rate(self) -> float:
        return self.rejected / self.comments if self.comments else 0.0


@dataclass
class Card:
    comment: Comment
    reasons: list[tuple[str, int]] = field(default_factory=list)  # report reason, how many
    notes: list[str] = field(default_factory=list)  # what reporters wrote
    screening: Decision | None = None  # the automatic decision that held or rejected it
    writer: WriterRecord = field(default_factory=WriterRecord)
    claim: Claim | None = None

    @property
    def report_total(self) -> int:
        return sum(n for _, n in self.reasons)

    @property
    def held_because(self) -> str:
        """The rule that held or rejected it, with what it found, in a moderator's words."""
        decision = self.screening
        if decision is None:
            return ""
        detail = decision.detail or {}
        verb = {"hold": "Held", "reject": "Rejected", "hide": "Hidden"}.get(decision.action, "")
        rule = decision.rule
        if rule in ("banned_words", "suspect_words"):
            listed = "banned" if rule == "banned_words" else "suspect"
            return f'{verb}: {listed} word "{detail.get("matched", "")}"'
        if rule == "toxicity":
            from masthead.community.scorer.categories import label

            category = label(detail.get("category") or "") or "abuse"
            return f"{verb}: scorer rated it {detail.get('score', 0):.2f} ({category})"
        if rule == "reports":
            return f"{verb} after {detail.get('reports', '?')} reports"
        if rule == "links":
            return f"{verb}: {detail.get('links')} links (allowed {detail.get('allowed')})"
        if rule == "new_commenter":
            return f"{verb}: one of the reader's first comments"
        if rule == "premoderated":
            return f"{verb}: the reader is on pre-moderation"
        if rule == "scorer_unavailable":
            return f"{verb}: the abuse scorer was unavailable"
        if rule == "repeat":
            return f"{verb}: the same text again within minutes"
        return f"{verb} by rule {rule}"


NOTES_PER_PAGE = 200  # reporters' notes shown on one page of cards, newest first


def load_cards(comments: list[Comment], *, now: dt.datetime | None = None) -> list[Card]:
    """Everything the cards show, in a fixed number of grouped queries for the whole page."""
    if not comments:
        return []
    now = now or timezone.now()
    cards = {c.pk: Card(comment=c) for c in comments}
    ids = list(cards)

    reports = (
        Report.objects.filter(comment_id__in=ids, resolved_at__isnull=True)
        .values("comment_id", "reason__label")
        .annotate(n=Count("id"))
        .order_by("comment_id", "-n")
    )
    for row in reports:
        cards[row["comment_id"]].reasons.append((row["reason__label"], row["n"]))
    notes = (
        Report.objects.filter(comment_id__in=ids, resolved_at__isnull=True)
        .exclude(note="")
        .order_by("-created_at")
        .values_list("comment_id", "note")[:NOTES_PER_PAGE]
    )
    for comment_id, note in notes:
        cards[comment_id].notes.append(note)

    automatic = (
        Decision.objects.filter(
            comment_id__in=ids,
            action__in=(Decision.Action.HOLD, Decision.Action.REJECT, Decision.Action.HIDE),
        )
        .exclude(rule="")
        .order_by("created_at", "id")
    )
    for decision in automatic:
        cards[decision.comment_id].screening = decision  # type: ignore[index]  # the latest wins

    for claim in Claim.objects.filter(comment_id__in=ids, expires_at__gt=now).select_related(
        "moderator"
    ):
        cards[claim.comment_id].claim = claim

    records = writer_records({c.author_id for c in comments if c.author_id})
    for card in cards.values():
        if card.comment.author_id:
            card.writer = records[card.comment.author_id]
    return list(cards.values())


def writer_records(reader_ids: set[int]) -> dict[int, WriterRecord]:
    """Each reader's record, for all of them in three queries."""
    records: dict[int, WriterRecord] = defaultdict(WriterRecord)
    if not reader_ids:
        return records
    # COUNT(*), not COUNT(id): PostgreSQL then answers from the (author, status) index alone.
    by_status = (
        Comment.objects.filter(author_id__in=reader_ids)
        .values("author_id", "status")
        .annotate(n=Count("*"))
        .order_by()
    )
    for row in by_status:
        record = records[row["author_id"]]
        if row["status"] != Comment.Status.WITHDRAWN:
            record.comments += row["n"]
        if row["status"] == Comment.Status.REJECTED:
            record.rejected += row["n"]
    sanctions = (
        Decision.objects.filter(
            subject_id__in=reader_ids,
            action__in=(Decision.Action.WARN, Decision.Action.SUSPEND, Decision.Action.BAN),
        )
        .values("subject_id", "action")
        .annotate(n=Count("*"))
        .order_by()
    )
    for sanction in sanctions:
        record = records[sanction["subject_id"]]
        if sanction["action"] == Decision.Action.WARN:
            record.warnings = sanction["n"]
        elif sanction["action"] == Decision.Action.SUSPEND:
            record.suspensions = sanction["n"]
        else:
            record.bans = sanction["n"]
    for standing in Standing.objects.filter(reader_id__in=reader_ids):
        records[standing.reader_id].standing = standing
    return records


def capped_count(qs: QuerySet[Any]) -> int:
    """How many, counting no further than COUNT_CAP + 1 (shown as "1000+")."""
    return qs.order_by()[: COUNT_CAP + 1].count()


def counts() -> dict[str, int]:
    """The size of every queue, for the tabs: each a capped count over its index."""
    sizes = {
        slug: capped_count(Comment.objects.filter(q.filter)) for slug, q in COMMENT_QUEUES.items()
    }
    sizes["appeals"] = capped_count(Appeal.objects.filter(status=Appeal.Status.PENDING))
    sizes["notices"] = capped_count(
        IllegalContentNotice.objects.exclude(status=IllegalContentNotice.Status.DECIDED)
    )
    return sizes


def appeals_page(
    *, cursor: Cursor | None = None, order: Order = "oldest"
) -> tuple[list[Appeal], str | None]:
    qs = Appeal.objects.filter(status=Appeal.Status.PENDING).select_related(
        "reader",
        "statement__decision__moderator",
        "statement__comment__thread__page",
    )
    return _keyset(qs, "created_at", cursor, order)


def notices_page(
    *, cursor: Cursor | None = None, order: Order = "oldest"
) -> tuple[list[IllegalContentNotice], str | None]:
    qs = IllegalContentNotice.objects.exclude(
        status=IllegalContentNotice.Status.DECIDED
    ).select_related("comment__author", "comment__thread__page", "reviewer")
    return _keyset(qs, "created_at", cursor, order)


def _keyset(
    qs: QuerySet[Any], key: str, cursor: Cursor | None, order: Order, size: int = PAGE_SIZE
) -> tuple[list[Any], str | None]:
    """Rows in (key, id) order from the cursor on, and the cursor of the page after, if any."""
    if order == "newest":
        ordering = [f"-{key}", "-id"]
        if cursor is not None:
            at = dt.datetime.fromisoformat(cursor.key)
            qs = qs.filter(Q(**{f"{key}__lt": at}) | Q(**{key: at, "id__lt": cursor.pk}))
    else:
        ordering = [key, "id"]
        if cursor is not None:
            at = dt.datetime.fromisoformat(cursor.key)
            qs = qs.filter(Q(**{f"{key}__gt": at}) | Q(**{key: at, "id__gt": cursor.pk}))
    rows = list(qs.order_by(*ordering)[: size + 1])
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        return rows, Cursor(getattr(last, key).isoformat(), last.pk).encode()
    return rows, None


@dataclass
class History:
    """A reader as the reader panel shows them."""

    reader: User
    record: WriterRecord
    comments: list[Comment]
    next_cursor: str | None
    decisions: list[Decision]
    notes: list[Any]


HISTORY_DECISIONS = 20


def history_of(reader: User, *, cursor: Cursor | None = None) -> History:
    """The reader's comments (newest first, cursor-paged), the latest decisions about them and
    moderators' notes: a fixed number of queries however long their history."""
    from masthead.moderation.models import ModeratorNote

    comments, next_cursor = _keyset(
        Comment.objects.filter(author=reader).select_related("thread__page"),
        "created_at",
        cursor,
        "newest",
    )
    decisions = list(
        # Comment decisions name their author too; comments simply published are left out.
        Decision.objects.filter(subject=reader)
        .exclude(action=Decision.Action.PUBLISH)
        .select_related("moderator")
        .order_by("-created_at", "-id")[:HISTORY_DECISIONS]
    )
    notes = list(
        ModeratorNote.objects.filter(reader=reader)
        .select_related("author")
        .order_by("-created_at")[:HISTORY_DECISIONS]
    )
    return History(
        reader=reader,
        record=writer_records({reader.pk})[reader.pk],
        comments=comments,
        next_cursor=next_cursor,
        decisions=decisions,
        notes=notes,
    )
