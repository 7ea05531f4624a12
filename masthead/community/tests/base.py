"""What the community's view tests share: a calm scorer, comments posted through the actions,
and small readers of the rendered HTML."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

from bs4 import BeautifulSoup, Tag
from django.http import HttpResponse
from wagtail.models import Site

from masthead.accounts.models import User
from masthead.community import scoring
from masthead.community.actions import post_comment
from masthead.community.models import Comment, CommunitySettings
from masthead.lib.testing import NewsroomTestCase
from masthead.news.models import ArticlePage

# The real model takes a second to load and its verdict on test sentences is not what these
# tests are about; tests of the toxicity flow patch in a verdict of their own.
CALM = scoring.Score(0.01, "", "test")
HTMX = {"HTTP_HX_REQUEST": "true"}


def soup(response: HttpResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def text_of(node: Tag | None) -> str:
    assert node is not None, "element not found"
    return " ".join(node.get_text(" ").split())


def top_level_ids(page: BeautifulSoup) -> list[int]:
    """The comments of the main list, in the order shown (Editors' picks left out)."""
    return [
        int(li["id"].removeprefix("comment-"))
        for li in page.select("#comment-list > li.comment--depth-0")
    ]


class CommunityTestCase(NewsroomTestCase):
    """The shared cast, with a scorer that finds nothing wrong in any comment."""

    @classmethod
    def setUpClass(cls) -> None:
        # Started before setUpTestData, so comments built there are scored calmly too.
        patcher = mock.patch("masthead.community.scoring.score_comment", return_value=CALM)
        patcher.start()
        cls.addClassCleanup(patcher.stop)
        super().setUpClass()

    @classmethod
    def comment(
        cls,
        author: User,
        text: str,
        parent: Comment | None = None,
        *,
        page: ArticlePage | None = None,
        when: dt.datetime | None = None,
    ) -> Comment:
        """Post through the real action and insist it is published."""
        posted = post_comment(author, page or cls.article, body=text, parent=parent, now=when)
        assert posted.outcome == "published" and posted.comment is not None, posted
        return posted.comment

    @staticmethod
    def configure(**values: Any) -> CommunitySettings:
        settings = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
        for name, value in values.items():
            setattr(settings, name, value)
        settings.save()
        return settings

    @staticmethod
    def community() -> CommunitySettings:
        return CommunitySettings.for_site(Site.objects.get(is_default_site=True))
