"""The cast every test module shares, and small builders for photos and articles.

Build data through the same code editors use (Wagtail revisions), so tests see what readers see.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.test import TestCase
from django.utils import timezone
from PIL import Image
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from masthead.accounts.models import User
from masthead.community.models import CommunitySettings
from masthead.news.models import (
    Agency,
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    PublicationSettings,
    SectionPage,
)
from masthead.photos.models import Photo

PASSWORD = "correct horse battery staple"  # noqa: S105 - test users only


def make_user(username: str, *groups: str, verified: bool = False, **fields: Any) -> User:
    fields.setdefault("display_name", username.replace("_", " ").title())
    fields.setdefault("date_joined", timezone.now() - dt.timedelta(days=30))
    user = User.objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, **fields
    )
    user.groups.set(Group.objects.filter(name__in=groups))
    if verified:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def jpeg_bytes(width: int = 320, height: int = 200, colour: str = "#336699") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG")
    return out.getvalue()


def make_photo(**fields: Any) -> Photo:
    fields.setdefault("title", "Harbour at dusk")
    fields.setdefault("description", "Cranes over the harbour at dusk")
    fields.setdefault("caption", "The harbour at dusk.")
    fields.setdefault("credit_line", "Vale Picture Desk")
    photo = Photo(file=ImageFile(io.BytesIO(jpeg_bytes()), name="photo.jpg"), **fields)
    photo.save()
    return photo


def make_home() -> HomePage:
    """A home page as the site root, replacing Wagtail's placeholder."""
    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="courier-home")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


def make_section(home: HomePage, title: str = "Politics") -> SectionPage:
    section = SectionPage(title=title, slug=title.lower(), intro=f"All about {title.lower()}.")
    home.add_child(instance=section)
    section.save_revision().publish()
    return section


def make_article(
    section: SectionPage,
    *,
    published_at: dt.datetime | None = None,
    authors: list[Author] | None = None,
    tags: list[str] | None = None,
    live: bool = True,
    **fields: Any,
) -> ArticlePage:
    fields.setdefault("title", "Council approves harbour plan")
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-")[:50])
    fields.setdefault("standfirst", "The vote ends two years of argument over the old quay.")
    fields.setdefault(
        "body",
        [
            ("paragraph", RichText("<p>The council voted <b>seven to two</b> on Tuesday.</p>")),
            ("crosshead", "What happens next"),
            ("quote", {"text": "It is a good day for the town.", "attribution": "Ada Lane"}),
            ("paragraph", RichText("<p>Work starts in spring.</p>")),
        ],
    )
    article = ArticlePage(live=False, **fields)
    for order, author in enumerate(authors or []):
        article.byline_authors.add(  # type: ignore[attr-defined]
            ArticleAuthor(author=author, sort_order=order)
        )
    if tags:
        article.tags.add(*tags)
    section.add_child(instance=article)
    revision = article.save_revision()
    if live:
        revision.publish()
        if published_at is not None:
            Page.objects.filter(pk=article.pk).update(
                first_published_at=published_at, last_published_at=published_at
            )
        article.refresh_from_db()
    return article


class NewsroomTestCase(TestCase):
    """The cast, built once per test class:

    - reader, second_reader: verified readers; may comment, reply, recommend and report
    - newcomer: signed up but has not confirmed their e-mail; may read, not comment
    - writer (Writers): may draft and submit articles, may not publish or ingest
    - editor (Sub-editors): may publish articles and ingest wire copy
    - moderator (Moderators): may enter the admin; may not edit articles
    - home > politics > article: a published article by two authors with a lead photo
    - agency: "Northwire", whose copy lands in politics as a draft
    """

    reader: User
    second_reader: User
    newcomer: User
    writer: User
    editor: User
    moderator: User
    home: HomePage
    politics: SectionPage
    ada: Author
    ben: Author
    photo: Photo
    agency: Agency
    article: ArticlePage

    @classmethod
    def setUpTestData(cls) -> None:
        cls.reader = make_user("reader", verified=True)
        cls.second_reader = make_user("second_reader", verified=True)
        cls.newcomer = make_user("newcomer")
        cls.writer = make_user("writer", "Writers")
        cls.editor = make_user("editor", "Sub-editors")
        cls.moderator = make_user("moderator", "Moderators")
        cls.home = make_home()
        cls.politics = make_section(cls.home, "Politics")
        cls.ada = Author.objects.create(name="Ada Lane", slug="ada-lane", role="Political editor")
        cls.ben = Author.objects.create(name="Ben Okafor", slug="ben-okafor")
        cls.photo = make_photo()
        cls.agency = Agency.objects.create(
            name="Northwire", slug="northwire", copyright_holder="Northwire News Agency"
        )
        site = Site.objects.get(is_default_site=True)
        settings = PublicationSettings.for_site(site)
        settings.wire_section = cls.politics
        settings.save()
        # Screening rules and rate limits are tested on their own; elsewhere a regular's comment
        # is published at once.
        community = CommunitySettings.for_site(site)
        community.hold_first_comments = 0
        community.seconds_between_comments = community.seconds_between_comments_new_reader = 0
        community.save()
        cls.article = make_article(
            cls.politics,
            authors=[cls.ada, cls.ben],
            lead_photo=cls.photo,
            dateline="HARWICK",
            tags=["harbour", "council"],
            published_at=timezone.now() - dt.timedelta(hours=2),
        )
