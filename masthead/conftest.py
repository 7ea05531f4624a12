import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _empty_caches() -> None:
    """Each test starts with empty caches: the page cache must not carry pages between tests."""
    for cache in caches.all():
        cache.clear()
