"""The page tree of a newsroom (home, sections, articles) and the people and agencies behind it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from masthead.lib import pagecache
from masthead.news import blocks
from masthead.news.listing import ArticleCursor, latest_articles

if TYPE_CHECKING:
    from masthead.photos.models import Photo

# Routes that sections and the home page serve themselves; an article may not take these slugs.
RESERVED_SLUGS = frozenset({"feed"})

# Renditions of the lead photo: the responsive picture, Open Graph, and the three aspect ratios
# Google asks for in NewsArticle structured data.
LEAD_WIDTHS = (480, 800, 1200)
OG_IMAGE_FILTER = "fill-1200x630"
LD_IMAGE_FILTERS = ("fill-1200x1200", "fill-1200x900", "fill-1200x675")


@register_setting(icon="site")
class PublicationSettings(BaseSiteSetting):
    """What the publication calls itself, and where wire copy lands."""

    name = models.CharField(max_length=100, default="The Harwick Courier")
    tagline = models.CharField(max_length=200, blank=True, default="Independent news for the Vale")
    language = models.CharField(
        max_length=10, default="en", help_text="ISO 639 code, used by the Google News sitemap."
    )
    x_handle = models.CharField(
        "X (Twitter) handle", max_length=50, blank=True, help_text="Without the @."
    )
    logo = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    footer_text = models.TextField(
        blank=True,
        default="Reader-funded, independent journalism. Published with Masthead.",
    )
    wire_section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where ingested wire copy lands when its agency names no section of its own.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("tagline"),
        FieldPanel("language"),
        FieldPanel("x_handle"),
        FieldPanel("logo"),
        FieldPanel("footer_text"),
        FieldPanel("wire_section"),
    ]

    class Meta:
        verbose_name = "publication"


@register_snippet
class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    role = models.CharField(max_length=100, blank=True, help_text='e.g. "Political editor".')
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("role"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@register_snippet
class Agency(index.Indexed, models.Model):
    """A news agency whose copy we publish; its copyright line is derived, never typed."""

    name = models.CharField(max_length=100, help_text='As printed in bylines, e.g. "AFP".')
    slug = models.SlugField(unique=True)
    copyright_holder = models.CharField(max_length=200, blank=True)
    copyright_template = models.CharField(
        max_length=100,
        default="© {name} {year}",
        help_text="{name} is the agency's name, {year} the year the story was published.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names the wire uses for this agency (in by-lines or copyright holder), "
        "one per line.",
    )
    auto_publish = models.BooleanField(
        default=False, help_text="Publish its wire copy at once instead of landing it as a draft."
    )
    section = models.ForeignKey(
        "news.SectionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where its wire copy lands; leave empty for the publication's wire section.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("copyright_holder"),
        FieldPanel("copyright_template"),
        FieldPanel("aliases"),
        FieldPanel("auto_publish"),
        FieldPanel("section"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        try:
            self.copyright_template.format(name=self.name, year=2000)
        except (KeyError, IndexError, ValueError):
            raise ValidationError(
                {"copyright_template": "Use only {name} and {year} as placeholders."}
            ) from None

    def copyright_line(self, year: int) -> str:
        return self.copyright_template.format(name=self.name, year=year)

    def names(self) -> set[str]:
        """Every name the wire may use for this agency, case-folded, for matching."""
        names = {self.name, self.copyright_holder, *self.aliases.splitlines()}
        return {n.strip().casefold() for n in names if n.strip()}


class CachedPageMixin:
    """Anonymous readers may be served this page from the whole-page cache."""

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().serve(request, *args, **kwargs)  # type: ignore[misc]
        pagecache.mark_cacheable(response)
        return response


class FrontPage(CachedPageMixin, RoutablePageMixin, Page):
    """Common behaviour of pages that list the latest articles below them and offer a feed."""

    class Meta:
        abstract = True

    def article_scope(self) -> models.QuerySet[ArticlePage]:
        return ArticlePage.objects.live().public().descendant_of(self)

    @path("")
    def front(self, request: HttpRequest) -> HttpResponse:
        cursor = ArticleCursor.from_request(request)
        articles, next_cursor = latest_articles(self.article_scope(), cursor=cursor)
        return self.render(
            request,
            context_overrides={
                "articles": articles,
                "next_cursor": next_cursor,
                "cursor": cursor,
            },
        )

    @path("feed/")
    def feed(self, request: HttpRequest) -> HttpResponse:
        from masthead.news.feeds import ArticleFeed

        return ArticleFeed(self)(request)


class HomePage(FrontPage):
    subpage_types = ["news.SectionPage", "news.InfoPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "home page"


class SectionPage(FrontPage):
    intro = models.TextField(blank=True, help_text="One sentence shown under the section name.")

    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "section"


class InfoPage(CachedPageMixin, Page):
    """A plain page: the comments policy, about us, privacy notes."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    parent_page_types = ["news.HomePage", "news.InfoPage"]
    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = "information page"


class ArticleAuthor(Orderable):
    page = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="byline_authors")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="+")

    panels = [FieldPanel("author")]


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(CachedPageMixin, Page):
    standfirst = models.TextField(
        max_length=300, help_text="One sentence that sums the story up; shown under the headline."
    )
    lead_photo = models.ForeignKey(
        "photos.Photo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_caption = models.TextField(
        blank=True, help_text="Leave empty to use the photo's own caption."
    )
    lead_credit = models.CharField(
        max_length=255, blank=True, help_text="Leave empty to use the photo's own credit."
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For agency copy: the byline and the copyright line come from the agency.",
    )
    dateline = models.CharField(max_length=100, blank=True, help_text='e.g. "BRUSSELS".')
    body = StreamField(blocks.ArticleBodyBlock())
    # Filled by wire ingest; read-only in the editor so the copyright line is never typed by hand.
    copyright_notice = models.CharField(max_length=255, blank=True)
    copyright_holder = models.CharField(max_length=255, blank=True)
    usage_terms = models.TextField(blank=True)
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)

    parent_page_types = ["news.SectionPage"]
    subpage_types: list[str] = []

    content_panels = [
        FieldPanel("title", heading="Headline"),
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("lead_photo"), FieldPanel("lead_caption"), FieldPanel("lead_credit")],
            heading="Lead photo",
        ),
        MultiFieldPanel(
            [
                InlinePanel("byline_authors", label="Author", heading="Authors, in order"),
                FieldPanel("agency"),
                FieldPanel("dateline"),
            ],
            heading="Byline",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("copyright_notice", read_only=True),
                FieldPanel("copyright_holder", read_only=True),
                FieldPanel("usage_terms", read_only=True),
            ],
            heading="Agency rights (from the wire)",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
    ]

    class Meta:
        verbose_name = "article"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f'"{self.slug}" is the address of the section feed; choose another.'
        photo = self.lead_photo
        if photo is not None and not photo.description.strip():
            errors["lead_photo"] = blocks.NO_ALT_TEXT
        if errors:
            raise ValidationError(errors)

    # What the page shows ----------------------------------------------------------------------

    @property
    def section(self) -> Page | None:
        return self.get_parent()

    @property
    def caption(self) -> str:
        if self.lead_caption:
            return self.lead_caption
        return self.lead_photo.caption if self.lead_photo else ""

    @property
    def credit(self) -> str:
        if self.lead_credit:
            return self.lead_credit
        return self.lead_photo.credit if self.lead_photo else ""

    def shown_photo(self) -> Photo | None:
        """The lead photo, unless its usage rights have run out."""
        photo = self.lead_photo
        if photo is None or photo.rights_expired():
            return None
        return photo

    @cached_property
    def authors(self) -> list[Author]:
        return [link.author for link in self.byline_authors.select_related("author")]

    @property
    def byline_names(self) -> list[str]:
        names = [author.name for author in self.authors]
        if not names and self.agency is not None:
            names = [self.agency.name]
        return names

    @property
    def published_at(self) -> dt.datetime | None:
        return self.first_published_at

    @property
    def updated_at(self) -> dt.datetime | None:
        """When the story changed after it first went out, or None if it did not."""
        first, last = self.first_published_at, self.last_published_at
        if first and last and last - first > dt.timedelta(minutes=1):
            return last
        return None

    @property
    def copyright_line(self) -> str:
        """The ingested notice, else the agency's template filled with the publication year."""
        if self.copyright_notice:
            return self.copyright_notice
        year = (self.first_published_at or timezone.now()).year
        if self.agency is not None:
            return self.agency.copyright_line(year)
        if self.copyright_holder:
            return f"© {self.copyright_holder} {year}"
        return ""

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from masthead.news.metadata import article_metadata

        context = super().get_context(request, *args, **kwargs)
        context["photo"] = self.shown_photo()
        context["meta"] = article_metadata(self, request, photo=context["photo"])
        return context
