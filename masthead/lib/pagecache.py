"""Whole-page cache for readers who are not signed in.

Most traffic to a news site is anonymous readers on a handful of pages. For them the rendered HTML
is the same, so it is kept in the shared cache and served before URL routing, templates or the
database are touched. Signed-in readers (anyone with a session cookie) always get a fresh page.

Pages opt in by calling `mark_cacheable(response)`. Anything published, unpublished, moved or
re-captioned calls `purge()`, which moves every key to a new generation: one cache write, and no
page can outlive the change that made it stale. A change to one page only (a new comment) calls
`purge_path(path)`, which does the same for that path and every query string on it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
HEADER = "X-Page-Cache"
_CACHEABLE = "_masthead_cacheable"


def mark_cacheable(response: HttpResponseBase) -> HttpResponseBase:
    setattr(response, _CACHEABLE, True)
    return response


def purge() -> None:
    """Invalidate every cached page at once."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: any new value orphans the old keys
        cache.set(GENERATION_KEY, 1, timeout=None)


def purge_path(path: str) -> None:
    """Invalidate the cached copies of one page (any host, any query string)."""
    key = _path_key(path)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _path_key(path: str) -> str:
    return f"pagecache:path:{_digest(path)}"


def _versions(request: HttpRequest) -> tuple[int, int]:
    """The global generation and this path's version, in one round trip to the cache."""
    path_key = _path_key(request.path)
    found = cache.get_many([GENERATION_KEY, path_key])
    if GENERATION_KEY not in found:
        cache.add(GENERATION_KEY, 1, timeout=None)
        found[GENERATION_KEY] = cache.get(GENERATION_KEY) or 1
    return int(found[GENERATION_KEY]), int(found.get(path_key) or 0)


def _key(request: HttpRequest) -> str:
    generation, version = _versions(request)
    url = f"{request.get_host()}{request.get_full_path()}"
    return f"pagecache:{generation}:{version}:{_digest(url)}"


def _applies(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # A flash message waiting in a cookie (after signing out, say) belongs on this page.
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class PageCacheMiddleware:
    """Serve and store anonymous pages. Sits just inside WhiteNoise, so a hit skips sessions,
    authentication, CSRF, routing and the database entirely."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _applies(request):
            return self.get_response(request)
        try:
            key = _key(request)
            cached = cache.get(key)
        except Exception:
            logger.warning("page cache unavailable; serving uncached", exc_info=True)
            return self.get_response(request)
        if cached is not None:
            content, headers = cached
            hit = HttpResponse(content)
            for name, value in headers.items():
                hit[name] = value
            hit[HEADER] = "hit"
            return hit
        response = self.get_response(request)
        if isinstance(response, HttpResponse) and _storable(request, response):
            headers = {k: v for k, v in response.headers.items() if k.lower() != "set-cookie"}
            try:
                cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("page cache unavailable; page not stored", exc_info=True)
            else:
                response[HEADER] = "miss"
        return response


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Only pages that opted in, rendered whole, and carrying nothing personal.

    A cookie on the response (a new session, a CSRF token) means the page is personal.
    """
    if not getattr(response, _CACHEABLE, False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified)
