"""RSS for the whole site and for each section, newest articles first."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Rss201rev2Feed

from masthead.news.listing import latest_articles

if TYPE_CHECKING:
    from masthead.news.models import ArticlePage, FrontPage

FEED_SIZE = 30


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, front: FrontPage) -> None:
        super().__init__()
        self.front = front
        self.request: HttpRequest | None = None

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> FrontPage:
        self.request = request
        return self.front

    def title(self, front: FrontPage) -> str:
        from masthead.news.models import PublicationSettings

        name = PublicationSettings.for_request(self.request).name if self.request else front.title
        return name if front.depth <= 2 else f"{front.title} | {name}"

    def link(self, front: FrontPage) -> str:
        return front.get_url(self.request) or "/"

    def description(self, front: FrontPage) -> str:
        return getattr(front, "intro", "") or f"The latest from {front.title}"

    def items(self, front: FrontPage) -> list[ArticlePage]:
        articles, _ = latest_articles(front.article_scope(), size=FEED_SIZE)
        return articles

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.standfirst

    def item_link(self, item: ArticlePage) -> str:
        return item.get_url(self.request) or "/"

    def item_guid(self, item: ArticlePage) -> str:
        return item.get_full_url(self.request) or str(item.pk)

    def item_pubdate(self, item: ArticlePage) -> dt.datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage) -> dt.datetime | None:
        return item.last_published_at
