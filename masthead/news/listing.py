"""Latest-first article lists with cursor pagination, so page 500 costs what page 1 costs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils.dateparse import parse_datetime
from wagtail import hooks

if TYPE_CHECKING:
    from masthead.news.models import ArticlePage

PAGE_SIZE = 20
TEASER_FILTER = "fill-640x360"


@dataclass(frozen=True)
class ArticleCursor:
    """Position after the last article shown: its publication time and id (ties broken by id)."""

    published_at: dt.datetime
    page_id: int

    def encode(self) -> str:
        return f"{self.published_at.isoformat()}_{self.page_id}"

    @classmethod
    def decode(cls, raw: str) -> ArticleCursor | None:
        stamp, _, page_id = raw.rpartition("_")
        try:
            published_at = parse_datetime(stamp)
            number = int(page_id)
        except ValueError:
            return None
        if published_at is None or published_at.tzinfo is None:
            return None
        return cls(published_at, number)

    @classmethod
    def from_request(cls, request: HttpRequest) -> ArticleCursor | None:
        # A bad cursor (an edited or truncated link) shows the first page rather than an error.
        raw = request.GET.get("after", "")
        return cls.decode(raw) if raw else None


def latest_articles(
    scope: QuerySet[ArticlePage], *, cursor: ArticleCursor | None = None, size: int = PAGE_SIZE
) -> tuple[list[ArticlePage], ArticleCursor | None]:
    """One page of articles, newest first, with their teaser renditions; and the next cursor."""
    from masthead.photos.models import Photo

    queryset = (
        scope.filter(first_published_at__isnull=False)
        # Photos and their teaser renditions in two queries, however many teasers there are.
        .prefetch_related(
            Prefetch("lead_photo", queryset=Photo.objects.prefetch_renditions(TEASER_FILTER))
        )
        .order_by("-first_published_at", "-id")
    )
    if cursor is not None:
        queryset = queryset.filter(
            Q(first_published_at__lt=cursor.published_at)
            | Q(first_published_at=cursor.published_at, id__lt=cursor.page_id)
        )
    articles = list(queryset[: size + 1])
    # Other apps add what they know about the listed articles (comment counts) in one go.
    for annotate in hooks.get_hooks("masthead_articles_listed"):
        annotate(articles[:size])
    next_cursor = None
    if len(articles) > size:
        articles = articles[:size]
        last = articles[-1]
        assert last.first_published_at is not None
        next_cursor = ArticleCursor(last.first_published_at, last.pk)
    return articles, next_cursor
