"""Turning agency wire items (IPTC ninjs) into articles: create, update, kill, embargo.

`ingest_paths` is what the command and the admin upload call; it validates every item before it
touches the database, imports each item in its own transaction, and reports one line per item.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from masthead.news.models import (
    RESERVED_SLUGS,
    Agency,
    ArticlePage,
    PublicationSettings,
    SectionPage,
)
from masthead.photos.models import Photo
from masthead.wire import pictures
from masthead.wire.body import html_to_blocks
from masthead.wire.models import WireItem
from masthead.wire.ninjs import NinjsError, WirePicture, WireStory, load_file

logger = logging.getLogger(__name__)

Outcome = Literal["created", "updated", "ignored", "withdrawn", "failed"]
User = AbstractUser | AnonymousUser
MAX_TAGS = 12
# Real story bodies are tens of kilobytes; the sanitiser slows badly on huge, deeply nested input.
MAX_BODY_CHARS = 500_000


@dataclass(frozen=True)
class IngestResult:
    source: str
    outcome: Outcome
    message: str
    uri: str = ""
    page_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.outcome != "failed"

    def __str__(self) -> str:
        return f"{self.source}: {self.outcome}: {self.message}"


class IngestError(Exception):
    """One item cannot go in; `field` names the ninjs field to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_can_ingest(user: User | None) -> None:
    """Only people with the wire permission may ingest; None means the command line (trusted)."""
    if user is not None and not user.has_perm("wire.ingest_wire"):
        raise PermissionDenied("You do not have permission to ingest wire copy.")


def wire_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The JSON files named, and those found in the folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.suffix.lower() == ".json" and p.is_file()
            )
        else:
            yield path


def ingest_paths(paths: Iterable[Path], *, user: User | None = None) -> list[IngestResult]:
    """Ingest every item of every file; a bad item is reported and skipped, the others go in."""
    check_can_ingest(user)
    results: list[IngestResult] = []
    for path in wire_files(paths):
        if not path.exists():
            results.append(IngestResult(str(path), "failed", "(file): no such file or folder"))
            continue
        for index, item in enumerate(load_file(path)):
            source = str(path) if index == 0 else f"{path}[{index}]"
            if isinstance(item, NinjsError):
                results.append(IngestResult(source, "failed", str(item)))
                continue
            results.append(ingest_story(item, source=source, user=user))
    for result in results:
        log = logger.warning if result.outcome == "failed" else logger.info
        log("wire ingest %s", result)
    return results


def ingest_story(story: WireStory, *, source: str, user: User | None = None) -> IngestResult:
    """Create, update or withdraw the article for one parsed wire story.

    Trusts that `story` came from `ninjs.parse_item`; checks everything that needs the database or
    the picture file before writing, so a failing item leaves nothing behind.
    """
    check_can_ingest(user)
    try:
        with transaction.atomic():
            return _ingest(story, source=source, user=_real_user(user))
    except IngestError as exc:
        return IngestResult(source, "failed", str(exc), uri=story.uri)
    except ValidationError as exc:
        # The page refused the item (a rule on the model): report it like any other bad field.
        problems = "; ".join(
            f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()
        )
        return IngestResult(source, "failed", f"(article) {problems}", uri=story.uri)


def _real_user(user: User | None) -> AbstractUser | None:
    return user if isinstance(user, AbstractUser) else None


def _ingest(story: WireStory, *, source: str, user: AbstractUser | None) -> IngestResult:
    item = WireItem.objects.select_for_update().filter(uri=story.uri).first()
    if item is not None and story.version <= item.version:
        return IngestResult(
            source,
            "ignored",
            f"version {story.version} of {story.uri} is not newer than version {item.version}, "
            "already ingested",
            uri=story.uri,
            page_id=item.page_id,
        )
    page = item.page if item is not None else None
    agency = match_agency(story)

    if story.pubstatus != "usable":
        what = _withdraw(page, user=user) if page else "nothing was published for it"
        _record(item, story, page=page, agency=agency, source=source)
        return IngestResult(
            source,
            "withdrawn",
            f"{story.uri} is {story.pubstatus} by the agency: {what}",
            uri=story.uri,
            page_id=page.pk if page else None,
        )

    # Everything that can fail is checked before the picture is written to storage, so a
    # failing item leaves no orphan file behind the rolled-back rows.
    section = _section_for(agency) if page is None else None
    fields = _article_fields(story, agency=agency)
    fields["lead_photo"] = _photo_for(story.picture, story=story) if story.picture else None
    keywords = [k[:100] for k in story.keywords[:MAX_TAGS]]  # taggit's limit

    if section is not None:
        page = ArticlePage(slug=_unique_slug(section, story.headline), live=False, **fields)
        page.tags.add(*keywords)
        section.add_child(instance=page)
        outcome: Outcome = "created"
    else:
        assert page is not None
        latest = page.get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(latest, name, value)
        latest.tags.set(keywords)
        # A story the agency killed and then re-released is usable again.
        latest.locked, latest.locked_by, latest.locked_at = False, None, None
        page = latest
        outcome = "updated"

    revision = page.save_revision(user=user, log_action=True)
    publish = agency is not None and agency.auto_publish
    if publish and user is not None and not page.permissions_for_user(user).can_publish():
        publish = False
        note = " (you may not publish, so the desk must)"
    else:
        note = ""
    if publish:
        # With a go-live time in the future, Wagtail schedules the revision instead.
        revision.publish(user=user)
    _record(item, story, page=page, agency=agency, source=source)

    if publish and story.embargoed and story.embargoed > timezone.now():
        state = f"scheduled for {timezone.localtime(story.embargoed):%Y-%m-%d %H:%M} (embargo)"
    elif publish:
        state = "published"
    else:
        state = "saved as a draft for the desk" + note
    return IngestResult(source, outcome, f'"{page.title}" {state}', uri=story.uri, page_id=page.pk)


def _withdraw(page: ArticlePage, *, user: AbstractUser | None) -> str:
    """Take a killed story down, cancel any scheduled publication, and lock it against use."""
    page = page.specific
    was_live = page.live
    if was_live:
        page.unpublish(user=user, log_action=True)
    cancelled = page.revisions.filter(approved_go_live_at__isnull=False).update(
        approved_go_live_at=None
    )
    # Locked with nobody holding the lock: the desk must unlock it on purpose to use it again.
    ArticlePage.objects.filter(pk=page.pk).update(
        locked=True, locked_by=None, locked_at=timezone.now(), go_live_at=None
    )
    if was_live:
        return f'"{page.title}" taken down and locked'
    if cancelled:
        return f'"{page.title}" will not go live at its embargo; locked'
    return f'draft "{page.title}" locked so it is not published'


def _record(
    item: WireItem | None,
    story: WireStory,
    *,
    page: ArticlePage | None,
    agency: Agency | None,
    source: str,
) -> None:
    if item is None:
        item = WireItem(uri=story.uri)
    item.version = story.version
    item.pubstatus = story.pubstatus
    item.page = page
    item.agency = agency or item.agency
    item.source = source[-500:]
    item.save()


def match_agency(story: WireStory) -> Agency | None:
    """The agency whose name or alias appears as the story's by-line or copyright holder."""
    wanted = {n.strip().casefold() for n in (story.byline, story.copyright_holder) if n.strip()}
    if not wanted:
        return None
    for agency in Agency.objects.all():
        if agency.names() & wanted:
            return agency
    return None


def _section_for(agency: Agency | None) -> SectionPage:
    if agency is not None and agency.section is not None:
        return agency.section
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        section = PublicationSettings.for_site(site).wire_section
        if section is not None:
            return section
    raise IngestError(
        "(section)",
        "there is no section for wire copy: choose one under Settings > Publication "
        "(wire section) or on the agency",
    )


def _unique_slug(section: Page, headline: str) -> str:
    base = slugify(headline)[:80].strip("-") or "wire-story"
    siblings = section.get_children().filter(slug__startswith=base)
    taken = RESERVED_SLUGS | set(siblings.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _article_fields(story: WireStory, *, agency: Agency | None) -> dict[str, Any]:
    if len(story.body_html) > MAX_BODY_CHARS:
        raise IngestError(
            "bodies", f"the body is longer than {MAX_BODY_CHARS:,} characters; split the story"
        )
    blocks = html_to_blocks(story.body_html)
    body = [(kind, RichText(value) if kind == "paragraph" else value) for kind, value in blocks]
    standfirst = story.standfirst or _first_sentence(blocks)
    if not standfirst:
        raise IngestError("descriptions", "no summary and no body text to take a standfirst from")
    return {
        "title": Truncator(story.headline).chars(255),
        "standfirst": Truncator(standfirst).chars(300),
        "dateline": Truncator(story.located).chars(100),
        "agency": agency,
        "copyright_notice": story.copyright_notice[:255],
        "copyright_holder": story.copyright_holder[:255],
        "usage_terms": story.usage_terms,
        "lead_caption": "",
        "lead_credit": "",
        "body": body,
        "go_live_at": story.embargoed
        if story.embargoed and story.embargoed > timezone.now()
        else None,
    }


def _first_sentence(blocks: list[tuple[str, Any]]) -> str:
    for kind, value in blocks:
        if kind == "paragraph":
            text = strip_tags(value).strip()
            if text:
                sentence, dot, _ = text.partition(". ")
                return sentence + dot.strip()
    return ""


def _photo_for(picture: WirePicture, *, story: WireStory) -> Photo:
    """The lead photo: an existing photo with the same bytes is reused, its rights refreshed."""
    field = "picture"
    try:
        if picture.path is not None:
            data = pictures.read_local(picture.path)
        else:
            data = pictures.fetch_remote(picture.href)
        name = Path(picture.path.name if picture.path else picture.href.rsplit("/", 1)[-1])
        pictures.check_image(data, name.name)
    except pictures.PictureError as exc:
        raise IngestError(f"{field} ({picture.href})", str(exc)) from exc

    file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    photo = Photo.objects.filter(file_hash=file_hash).first()
    if photo is None:
        from django.core.files.base import ContentFile

        photo = Photo(file=ImageFile(ContentFile(data), name=name.name or "wire.jpg"))
        photo.file_hash = file_hash
    alt = picture.alt_text or picture.caption or story.headline
    photo.title = Truncator(picture.caption or story.headline).chars(255)
    photo.description = Truncator(alt).chars(255)
    photo.caption = picture.caption
    photo.photographer = picture.photographer[:255]
    photo.credit_line = (picture.credit_line or picture.copyright_holder)[:255]
    photo.copyright_notice = picture.copyright_notice[:255]
    photo.usage_terms = picture.usage_terms
    photo.save()
    return photo
