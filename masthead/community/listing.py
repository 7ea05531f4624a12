"""Reading a thread a page at a time, in a fixed number of queries however long it grows.

Top-level comments come in pages ordered by the reader's choice, each with its first few replies;
"show more" and "show replies" continue from a cursor, never an offset, so page 500 of a thread
with 30,000 comments costs what page 1 costs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.dateparse import parse_datetime

from masthead.community.models import Comment, Recommendation, Thread

Sort = Literal["newest", "oldest", "best"]
SORTS: dict[str, str] = {"newest": "Newest", "oldest": "Oldest", "best": "Most recommended"}
PAGE_SIZE = 20
REPLIES_SHOWN = 3
REPLIES_PAGE_SIZE = 50
FEATURED_SHOWN = 5


def parse_sort(raw: str | None) -> Sort:
    return raw if raw in SORTS else "newest"  # type: ignore[return-value]


@dataclass(frozen=True)
class Cursor:
    """Where the last comment shown sat in the chosen order: its sort value and id."""

    value: str
    pk: int

    def encode(self) -> str:
        return f"{self.value}_{self.pk}"

    @classmethod
    def decode(cls, raw: str | None) -> Cursor | None:
        if not raw:
            return None
        value, _, pk = raw.rpartition("_")
        if not value or not pk.isdigit():
            return None
        return cls(value, int(pk))


@dataclass
class Node:
    comment: Comment
    children: list[Node] = field(default_factory=list)


@dataclass
class ThreadPage:
    thread: Thread | None
    sort: Sort
    roots: list[Node]
    featured: list[Comment]
    next_cursor: Cursor | None
    recommended: set[int]
    cursor: Cursor | None = None

    @property
    def is_first(self) -> bool:
        return self.cursor is None


def _after(queryset: QuerySet[Comment], sort: Sort, cursor: Cursor) -> QuerySet[Comment]:
    if sort == "best":
        if not cursor.value.lstrip("-").isdigit():
            return queryset
        count = int(cursor.value)
        return queryset.filter(
            Q(recommend_count__lt=count) | Q(recommend_count=count, id__lt=cursor.pk)
        )
    when = parse_datetime(cursor.value)
    if when is None or when.tzinfo is None:
        return queryset  # a mangled link shows the first page rather than an error
    if sort == "oldest":
        return queryset.filter(Q(created_at__gt=when) | Q(created_at=when, id__gt=cursor.pk))
    return queryset.filter(Q(created_at__lt=when) | Q(created_at=when, id__lt=cursor.pk))


ORDER: dict[Sort, tuple[str, str]] = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "best": ("-recommend_count", "-id"),
}


def cursor_for(comment: Comment, sort: Sort) -> Cursor:
    if sort == "best":
        return Cursor(str(comment.recommend_count), comment.pk)
    return Cursor(comment.created_at.isoformat(), comment.pk)


def cursor_including(comment: Comment, sort: Sort) -> Cursor:
    """A cursor whose page starts with this comment (for permalinks)."""
    step = -1 if sort == "oldest" else 1
    base = cursor_for(comment, sort)
    return Cursor(base.value, comment.pk + step)


def thread_page(
    thread: Thread | None,
    *,
    user: object,
    sort: Sort = "newest",
    cursor: Cursor | None = None,
    size: int = PAGE_SIZE,
) -> ThreadPage:
    if thread is None:
        return ThreadPage(None, sort, [], [], None, set(), cursor)
    top: QuerySet[Comment] = (
        Comment.objects.visible_to(user)
        .filter(thread=thread, depth=0)
        .select_related("author")
        .order_by(*ORDER[sort])
    )
    if cursor is not None:
        top = _after(top, sort, cursor)
    roots = list(top[: size + 1])
    next_cursor = cursor_for(roots[size - 1], sort) if len(roots) > size else None
    roots = roots[:size]
    nodes = attach_replies(roots, user=user, limit=REPLIES_SHOWN)
    featured: list[Comment] = []
    if cursor is None and thread.featured_count:
        featured = list(
            Comment.objects.filter(thread=thread, featured=True, status=Comment.Status.PUBLISHED)
            .select_related("author")
            .order_by("-created_at")[:FEATURED_SHOWN]
        )
    shown = [c.pk for c in walk(nodes)] + [c.pk for c in featured]
    return ThreadPage(
        thread,
        sort,
        nodes,
        featured,
        next_cursor,
        recommended_by(user, shown),
        cursor,
    )


def ranked_replies(
    roots: list[Comment],
    *,
    user: object,
    limit: int,
    after: tuple[dt.datetime, int] | None = None,
) -> list[Comment]:
    """The first `limit` replies (oldest first) of each top comment, in one query."""
    if not roots:
        return []
    replies: QuerySet[Comment] = Comment.objects.visible_to(user).filter(root__in=roots)
    if after is not None:
        when, pk = after
        replies = replies.filter(Q(created_at__gt=when) | Q(created_at=when, id__gt=pk))
    return list(
        replies.select_related("author")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("root_id")],
                order_by=[F("created_at").asc(), F("id").asc()],
            )
        )
        .filter(rank__lte=limit)
        .order_by("created_at", "id")
    )


def nest(roots: list[Comment], replies: list[Comment]) -> list[Node]:
    """Hang replies (oldest first) under their parents, in the order of the top comments."""
    nodes = {root.pk: Node(root) for root in roots}
    by_id: dict[int, Node] = dict(nodes)
    for reply in replies:
        node = Node(reply)
        by_id[reply.pk] = node
        # A reply whose parent is not shown (held, or past the limit) hangs from the top comment.
        parent = by_id.get(reply.parent_id or 0) or by_id[reply.root_id or 0]
        parent.children.append(node)
    return [nodes[root.pk] for root in roots]


def attach_replies(roots: list[Comment], *, user: object, limit: int) -> list[Node]:
    return nest(roots, ranked_replies(roots, user=user, limit=limit))


def walk(nodes: list[Node]) -> list[Comment]:
    found: list[Comment] = []
    for node in nodes:
        found.append(node.comment)
        found.extend(walk(node.children))
    return found


def recommended_by(user: object, comment_ids: list[int]) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not comment_ids:
        return set()
    return set(
        Recommendation.objects.filter(reader=user, comment_id__in=comment_ids).values_list(  # type: ignore[misc]
            "comment_id", flat=True
        )
    )


def replies_page(
    root: Comment, *, user: object, after: tuple[dt.datetime, int] | None = None
) -> tuple[Node, tuple[dt.datetime, int] | None]:
    """A top comment with the next page of its replies, for "show more replies"."""
    replies = ranked_replies([root], user=user, limit=REPLIES_PAGE_SIZE + 1, after=after)
    more = None
    if len(replies) > REPLIES_PAGE_SIZE:  # one more than a page was fetched: there is a next
        replies = replies[:REPLIES_PAGE_SIZE]
        more = (replies[-1].created_at, replies[-1].pk)
    [node] = nest([root], replies)
    return node, more
