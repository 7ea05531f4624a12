import pytest
from django.conf import settings
from django.db import connection


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite settings; CI runs both databases")
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions() -> None:
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == settings.SQLITE_BUSY_TIMEOUT_SECONDS * 1000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert connection.transaction_mode == "IMMEDIATE"


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs in CI's PostgreSQL pass")
def test_database_url_switches_to_postgresql() -> None:
    assert settings.DATABASE_URL.startswith("postgres")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone()[0] == 1


def test_redis_url_switches_the_cache_to_redis() -> None:
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.REDIS_URL:
        assert backend == "django.core.cache.backends.redis.RedisCache"
        from django.core.cache import cache

        cache.set("probe", "1")
        assert cache.get("probe") == "1"
    else:
        assert "redis" not in backend
