"""Rate limits kept in the shared cache, so every web process counts the same hits.

Each limit answers "how long until this may happen again?" before the action, and records the
hit after it, so a refused attempt does not extend the wait.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Interval:
    """At most one event per `seconds` for each identity (a reader, an address)."""

    scope: str
    seconds: int

    def _key(self, identity: str) -> str:
        return f"ratelimit:{self.scope}:{identity}"

    def retry_after(self, identity: str, now: float | None = None) -> int:
        if self.seconds <= 0:
            return 0
        now = time.time() if now is None else now
        last = cache.get(self._key(identity))
        if last is None:
            return 0
        return max(0, int(last + self.seconds - now + 0.999))

    def record(self, identity: str, now: float | None = None) -> None:
        if self.seconds > 0:
            now = time.time() if now is None else now
            cache.set(self._key(identity), now, timeout=self.seconds)


@dataclass(frozen=True)
class Quota:
    """At most `limit` events per fixed window of `seconds` for each identity."""

    scope: str
    limit: int
    seconds: int

    def _key(self, identity: str, now: float) -> str:
        return f"ratelimit:{self.scope}:{identity}:{int(now // self.seconds)}"

    def retry_after(self, identity: str, now: float | None = None) -> int:
        if self.limit <= 0:
            return 0
        now = time.time() if now is None else now
        if (cache.get(self._key(identity, now)) or 0) < self.limit:
            return 0
        return max(1, int(self.seconds - now % self.seconds + 0.999))

    def record(self, identity: str, now: float | None = None) -> None:
        if self.limit > 0:
            now = time.time() if now is None else now
            key = self._key(identity, now)
            if not cache.add(key, 1, timeout=self.seconds):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add and incr
                    cache.add(key, 1, timeout=self.seconds)


def client_ip(request: HttpRequest) -> str | None:
    """The reader's address. Behind N trusted proxies (TRUSTED_PROXIES=N), it is the Nth address
    from the right of X-Forwarded-For: anything further left could be made up by the client."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None
