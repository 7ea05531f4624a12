"""Operator-facing endpoints."""

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """200 when the database and the cache answer, 503 otherwise: for load balancers, monitors."""
    checks: dict[str, str] = {}
    for name, probe in (("database", _database), ("cache", _cache)):
        try:
            probe()
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("health-probe", "1", 10)
    if cache.get("health-probe") != "1":
        raise RuntimeError("cache did not return what was stored")
