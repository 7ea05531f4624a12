from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from masthead.news import views as news_views
from masthead.newsroom import views as newsroom_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("news-sitemap.xml", news_views.news_sitemap, name="news_sitemap"),
    path("healthz", newsroom_views.health, name="health"),
    path("community/", include("masthead.community.urls")),
    path("moderation/", include("masthead.moderation.urls")),
    path("accounts/", include("masthead.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("support/", include("masthead.support.urls")),
    path("campaigns/", include("masthead.campaigns.urls")),
]

if settings.SERVE_MEDIA:
    # One-machine installs serve photos themselves; bigger ones let the front web server do it.
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Everything else is a page of the tree; this must stay last.
urlpatterns.append(path("", include(wagtail_urls)))
