"""Build the demo newsroom: sections, people, photos, articles, one wire story, and logins.

Idempotent: running it again updates what it made and creates nothing twice. Articles go through
Wagtail revisions and the wire story through the real ninjs ingest, so the demo exercises the same
paths an editor and an agency feed do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site, Workflow, WorkflowPage
from wagtail.rich_text import RichText

from masthead.campaigns import demo as campaign_demo
from masthead.community.actions import post_comment, recommend_comment
from masthead.community.models import Comment, CommunitySettings, Recommendation
from masthead.moderation.actions import feature_comment
from masthead.news.models import (
    Agency,
    ArticleAuthor,
    ArticlePage,
    Author,
    HomePage,
    InfoPage,
    PublicationSettings,
    SectionPage,
)
from masthead.newsroom import demo_comments, demo_moderation
from masthead.newsroom import demo_content as content
from masthead.newsroom.demo_photos import paint
from masthead.photos.models import Photo
from masthead.wire.actions import ingest_paths

DEMO_PASSWORD = "masthead-demo"  # noqa: S105 - printed for the demo on purpose


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    email: str
    groups: tuple[str, ...]
    superuser: bool = False


LOGINS = (
    DemoLogin(
        "editor (sub-editor: approves and publishes)",
        "editor",
        "editor@example.org",
        ("Sub-editors",),
    ),
    DemoLogin("writer (submits for approval)", "writer", "writer@example.org", ("Writers",)),
    DemoLogin("moderator", "moderator", "moderator@example.org", ("Moderators",)),
    DemoLogin(
        "moderation lead (decides appeals, sees e-mail addresses)",
        "lead",
        "lead@example.org",
        ("Moderation leads",),
    ),
    DemoLogin(
        "publisher (appeal campaigns, their results, contributions)",
        "publisher",
        "publisher@example.org",
        ("Publishers",),
    ),
    DemoLogin("reader", "reader", "reader@example.org", ()),
    DemoLogin("administrator", "admin", "admin@example.org", (), superuser=True),
)


def build(now: dt.datetime | None = None) -> HomePage:
    """Create or refresh the whole demo newsroom; return its home page."""
    now = now or timezone.now()
    with transaction.atomic():
        home = _home()
        sections = {s["slug"]: _section(home, s) for s in content.SECTIONS}
        _info_pages(home)
        authors = {a["slug"]: _author(a) for a in content.AUTHORS}
        agency = _agency(sections)
        publication = PublicationSettings.for_site(Site.objects.get(root_page=home))
        publication.wire_section = sections[content.WIRE_STORY["section"]]
        publication.save()
        for article in content.ARTICLES:
            _article(sections[article["section"]], article, authors, now)
        _users()
        _workflow(home)
        _community(home)
    _wire_story(agency, now)
    _comments(now)
    demo_moderation.build(now)
    campaign_demo.build()
    return home


def _home() -> HomePage:
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    # Wagtail's "Welcome to your new Wagtail site!" placeholder is not newsroom content.
    placeholder = root.get_children().filter(slug="home", content_type__model="page")
    if home is None and placeholder.exists():
        Site.objects.filter(root_page__in=placeholder).update(root_page=root)
        placeholder.delete()
    if home is None:
        home = HomePage(title="Home", slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    # Absolute URLs (canonical, feeds, sitemaps) use the site's host, so match SITE_URL.
    url = urlsplit(settings.SITE_URL)
    site.hostname = url.hostname or "localhost"
    site.port = url.port or (443 if url.scheme == "https" else 80)
    site.site_name = PublicationSettings._meta.get_field("name").default
    site.save()
    return home


def _section(home: HomePage, data: dict[str, str]) -> SectionPage:
    section = SectionPage.objects.child_of(home).filter(slug=data["slug"]).first()
    if section is None:
        section = SectionPage(title=data["title"], slug=data["slug"], intro=data["intro"])
        home.add_child(instance=section)
    else:
        section.title, section.intro = data["title"], data["intro"]
    section.save_revision().publish()
    return section


def _info_pages(home: HomePage) -> None:
    pages = [
        (
            "Community guidelines",
            "community-guidelines",
            "<p>These are our readers' own conversations. Be civil, be constructive and stay on "
            "topic: criticise ideas, not people.</p><h2>What we remove</h2><ul><li>Abuse, "
            "harassment and threats</li><li>Hate against any group</li><li>Spam and "
            "advertising</li><li>Content that breaks the law</li></ul><p>Moderators explain "
            "every decision and every decision can be appealed.</p>",
        ),
        (
            "About us",
            "about",
            "<p>The Harwick Courier is an independent newsroom funded by its readers.</p>",
        ),
    ]
    for title, slug, body in pages:
        page = InfoPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = InfoPage(title=title, slug=slug, body=body)
            home.add_child(instance=page)
        else:
            page.title, page.body = title, body
        page.save_revision().publish()


def _author(data: dict[str, str]) -> Author:
    author, _ = Author.objects.update_or_create(
        slug=data["slug"], defaults={"name": data["name"], "role": data["role"], "bio": data["bio"]}
    )
    return author


def _agency(sections: dict[str, SectionPage]) -> Agency:
    data = content.AGENCY
    agency, _ = Agency.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "copyright_holder": data["copyright_holder"],
            "aliases": data["short_name"],
            "auto_publish": True,
            "section": sections[content.WIRE_STORY["section"]],
        },
    )
    return agency


def _photo(data: dict[str, Any], *, seed: str) -> Photo:
    jpeg = paint(data["scene"], data["palette"], seed=seed)
    file_hash = hashlib.sha1(jpeg, usedforsecurity=False).hexdigest()
    photo = Photo.objects.filter(file_hash=file_hash).first()
    if photo is None:
        photo = Photo(file=ImageFile(ContentFile(jpeg), name=f"{seed}.jpg"), file_hash=file_hash)
    photo.title = data["title"]
    photo.description = data["alt"]
    photo.caption = data["caption"]
    photo.photographer = data["photographer"]
    photo.credit_line = data["credit"]
    photo.save()
    return photo


def _article(
    section: SectionPage, data: dict[str, Any], authors: dict[str, Author], now: dt.datetime
) -> ArticlePage:
    page = ArticlePage.objects.child_of(section).filter(slug=data["slug"]).first()
    fields = {
        "title": data["headline"],
        "standfirst": data["standfirst"],
        "dateline": data["dateline"],
        "lead_photo": _photo(data["photo"], seed=data["slug"]),
        "body": [
            (kind, RichText(f"<p>{value}</p>") if kind == "paragraph" else value)
            for kind, value in data["body"]
        ],
    }
    if page is None:
        page = ArticlePage(slug=data["slug"], **fields)
        section.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.byline_authors.set(  # type: ignore[attr-defined]
        [
            ArticleAuthor(author=authors[slug], sort_order=order)
            for order, slug in enumerate(data["authors"])
        ]
    )
    page.tags.set(data["tags"])
    page.save_revision().publish()
    _backdate(page, now - dt.timedelta(hours=data["hours_ago"]))
    return page


def _backdate(page: Page, when: dt.datetime) -> None:
    """Give demo stories a spread of publication times, as a real front page has."""
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


def _wire_story(agency: Agency, now: dt.datetime) -> None:
    """Deliver the wire story as an agency would: ninjs 2.x JSON next to its picture."""
    story = content.WIRE_STORY
    with tempfile.TemporaryDirectory(prefix="demo-wire-") as folder:
        root = Path(folder)
        (root / "fisheries.jpg").write_bytes(
            paint(story["photo"]["scene"], story["photo"]["palette"], seed=story["slug"])
        )
        (root / "fisheries.json").write_text(json.dumps(ninjs_for(story, now)), encoding="utf-8")
        results = ingest_paths([root / "fisheries.json"])
    failed = [str(r) for r in results if not r.ok]
    if failed:
        raise RuntimeError("The demo wire story did not go in: " + "; ".join(failed))
    page_id = results[0].page_id
    if page_id is not None and results[0].outcome == "created":
        _backdate(Page.objects.get(pk=page_id), now - dt.timedelta(hours=story["hours_ago"]))


def ninjs_for(story: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The demo wire story as an IPTC ninjs 2.x item, picture association included."""
    body = []
    for kind, value in story["body"]:
        if kind == "paragraph":
            body.append(f"<p>{value}</p>")
        elif kind == "crosshead":
            body.append(f"<h2>{value}</h2>")
        else:
            body.append(
                f"<blockquote><p>{value['text']}</p><cite>{value['attribution']}</cite></blockquote>"
            )
    photo = story["photo"]
    return {
        "$schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
        "uri": f"urn:newsml:northwire.example:2026:{story['slug']}",
        "version": "1",
        "type": "text",
        "pubstatus": "usable",
        "firstcreated": (now - dt.timedelta(hours=story["hours_ago"])).isoformat(),
        "versioncreated": (now - dt.timedelta(hours=story["hours_ago"])).isoformat(),
        "language": "en",
        "headlines": [{"role": "main", "value": story["headline"]}],
        "descriptions": [{"role": "summary", "value": story["standfirst"]}],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": "".join(body)}],
        "by": story["byline"],
        "located": story["located"],
        "copyrightholder": content.AGENCY["copyright_holder"],
        "copyrightnotice": story["copyright_notice"],
        "usageterms": story["usage_terms"],
        "keywords": story["tags"],
        "associations": [
            {
                "name": "featureimage",
                "role": "featureimage",
                "type": "picture",
                "uri": f"urn:newsml:northwire.example:2026:{story['slug']}:picture",
                "headlines": [{"value": photo["title"]}],
                "descriptions": [
                    {"role": "caption", "value": photo["caption"]},
                    {"role": "alt", "value": photo["alt"]},
                ],
                "by": photo["photographer"],
                "creditline": photo["credit"],
                "copyrightholder": photo["copyright_holder"],
                "renditions": [
                    {
                        "name": "original",
                        "href": "fisheries.jpg",
                        "contenttype": "image/jpeg",
                        "width": 1600,
                        "height": 1000,
                    }
                ],
            }
        ],
    }


def _users() -> None:
    User = get_user_model()
    for login in LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = User(username=login.username, email=login.email)
            user.set_password(DEMO_PASSWORD)
        user.first_name = login.username.capitalize()
        user.display_name = user.display_name or f"Demo {login.username}"
        user.is_superuser = user.is_staff = login.superuser
        user.save()
        user.groups.set(Group.objects.filter(name__in=login.groups))
        # Demo logins sign in on the site at once: their addresses count as confirmed.
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )


def _community(home: HomePage) -> None:
    community = CommunitySettings.for_site(Site.objects.get(root_page=home))
    community.policy_page = InfoPage.objects.child_of(home).get(slug="community-guidelines")
    community.save()


def _comments(now: dt.datetime) -> None:
    """The demo readers' conversations, posted through the same action and screening as any
    reader's. Demo readers are regulars, so the hold on first comments is lifted while they post;
    anything else the screening holds stays held, for the moderation queue."""
    readers = {
        person["username"]: demo_moderation.demo_reader(person, joined=now - dt.timedelta(days=400))
        for person in demo_comments.READERS
    }
    community = CommunitySettings.for_site(Site.objects.get(is_default_site=True))
    held_first = community.hold_first_comments
    CommunitySettings.objects.filter(pk=community.pk).update(hold_first_comments=0)
    try:
        posted = _post_demo_comments(readers, now)
    finally:
        CommunitySettings.objects.filter(pk=community.pk).update(hold_first_comments=held_first)
    editor = get_user_model().objects.get(username="admin")
    for data in demo_comments.COMMENTS:
        comment = posted.get(str(data["key"]))
        if comment is None or comment.status != Comment.Status.PUBLISHED:
            continue
        for username in data["recommends"]:  # type: ignore[attr-defined]
            if not Recommendation.objects.filter(
                comment=comment, reader=readers[username]
            ).exists():
                recommend_comment(readers[username], comment)
        if data["featured"]:
            feature_comment(editor, comment)


def _post_demo_comments(readers: dict[str, Any], now: dt.datetime) -> dict[str, Comment]:
    posted: dict[str, Comment] = {}
    hours_ago = {a["slug"]: a["hours_ago"] for a in content.ARTICLES}

    def when(data: dict[str, Any]) -> dt.datetime:
        published = now - dt.timedelta(hours=hours_ago[str(data["article"])])
        return published + dt.timedelta(minutes=int(data["minutes_after"]))

    # In the order they were written, as the rate limits expect of real readers.
    for data in sorted(demo_comments.COMMENTS, key=when):
        slug = str(data["article"])
        page = ArticlePage.objects.filter(slug=slug).first()
        if page is None:
            continue
        author = readers[str(data["reader"])]
        existing = Comment.objects.filter(thread__page=page, author=author, body=data["text"])
        if (comment := existing.first()) is not None:
            posted[str(data["key"])] = comment
            continue
        parent = posted.get(str(data["reply_to"])) if data["reply_to"] else None
        result = post_comment(
            author,
            page,
            body=str(data["text"]),
            parent=parent if parent and parent.status == Comment.Status.PUBLISHED else None,
            confirmed=True,
            now=when(data),
        )
        if result.comment is not None:
            posted[str(data["key"])] = result.comment
    return posted


def _workflow(home: HomePage) -> None:
    """Writers submit, sub-editors approve: the workflow Wagtail set up, on our home page."""
    workflow = Workflow.objects.filter(name="Sub-editor approval", active=True).first()
    if workflow is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
