"""Machine-readable views of the newsroom: the Google News sitemap."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Site

from masthead.news.models import ArticlePage, PublicationSettings

# Google News reads only articles of the last two days, and at most 1,000 of them.
NEWS_SITEMAP_WINDOW = dt.timedelta(hours=48)
NEWS_SITEMAP_LIMIT = 1000


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    site = Site.find_for_request(request)
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    articles = ArticlePage.objects.live().public().filter(first_published_at__gte=since)
    if site is not None:
        articles = articles.descendant_of(site.root_page, inclusive=True)
    articles = articles.order_by("-first_published_at")[:NEWS_SITEMAP_LIMIT]
    return TemplateResponse(
        request,
        "news/news_sitemap.xml",
        {"articles": articles, "publication": PublicationSettings.for_request(request)},
        content_type="application/xml; charset=utf-8",
    )
