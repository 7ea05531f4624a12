"""What search engines and social networks read about an article: JSON-LD, Open Graph, canonical."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from masthead.news.models import ArticlePage
    from masthead.photos.models import Photo


@dataclass
class ArticleMetadata:
    canonical_url: str
    image_url: str = ""
    image_alt: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    structured_data: dict[str, Any] = field(default_factory=dict)

    def json_ld(self) -> SafeString:
        """The structured data as a script body that cannot close its own <script> element."""
        text = json.dumps(self.structured_data, ensure_ascii=False, indent=None)
        for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            text = text.replace(char, escape)
        return mark_safe(text)  # noqa: S308 - every character that could end the script is escaped


def _absolute(request: HttpRequest, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else request.build_absolute_uri(url)


def article_metadata(
    article: ArticlePage, request: HttpRequest, *, photo: Photo | None
) -> ArticleMetadata:
    from masthead.news.models import LD_IMAGE_FILTERS, OG_IMAGE_FILTER, PublicationSettings

    publication = PublicationSettings.for_request(request)
    canonical = article.get_full_url(request) or request.build_absolute_uri()
    section = article.get_parent()
    tags = [tag.name for tag in article.tags.all()]
    meta = ArticleMetadata(
        canonical_url=canonical, section=section.title if section else "", tags=tags
    )

    images: list[str] = []
    if photo is not None:
        renditions = photo.get_renditions(OG_IMAGE_FILTER, *LD_IMAGE_FILTERS)
        meta.image_url = _absolute(request, renditions[OG_IMAGE_FILTER].url)
        meta.image_alt = photo.alt_text
        images = [_absolute(request, renditions[spec].url) for spec in LD_IMAGE_FILTERS]

    authors: list[dict[str, str]]
    names = [author.name for author in article.authors]
    if names:
        authors = [{"@type": "Person", "name": name} for name in names]
    elif article.agency is not None:
        authors = [{"@type": "Organization", "name": article.agency.name}]
    else:
        authors = [{"@type": "Organization", "name": publication.name}]

    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": article.title[:110],
        "description": article.standfirst,
        "author": authors,
        "publisher": {"@type": "Organization", "name": publication.name},
        "isAccessibleForFree": True,
    }
    if images:
        data["image"] = images
    if article.first_published_at:
        data["datePublished"] = article.first_published_at.isoformat()
    if article.last_published_at:
        data["dateModified"] = article.last_published_at.isoformat()
    if meta.section:
        data["articleSection"] = meta.section
    if tags:
        data["keywords"] = tags
    if article.dateline:
        data["dateline"] = article.dateline
    if article.copyright_line:
        data["copyrightNotice"] = article.copyright_line
    meta.structured_data = data
    return meta
