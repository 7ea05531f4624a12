import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from masthead.lib.ratelimit import Interval, Quota, client_ip


@pytest.fixture(autouse=True)
def _clean() -> None:
    cache.clear()


def test_an_interval_says_how_long_to_wait_and_a_refusal_does_not_extend_it() -> None:
    limit = Interval("test", 30)
    assert limit.retry_after("ada", now=1000) == 0
    limit.record("ada", now=1000)
    assert limit.retry_after("ada", now=1010) == 20
    assert limit.retry_after("ada", now=1029.5) == 1
    assert limit.retry_after("ben", now=1010) == 0
    assert limit.retry_after("ada", now=1030) == 0


def test_a_quota_counts_within_its_window() -> None:
    limit = Quota("test", 2, 3600)
    limit.record("1.2.3.4", now=7200)
    assert limit.retry_after("1.2.3.4", now=7300) == 0
    limit.record("1.2.3.4", now=7300)
    assert limit.retry_after("1.2.3.4", now=7400) == 3600 - 200
    assert limit.retry_after("1.2.3.4", now=10800) == 0  # the next window


def test_zero_switches_a_limit_off() -> None:
    Interval("off", 0).record("x")
    assert Interval("off", 0).retry_after("x") == 0
    Quota("off", 0, 60).record("x")
    assert Quota("off", 0, 60).retry_after("x") == 0


def test_the_client_address_is_remote_addr_without_proxies() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert client_ip(request) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_claims() -> None:
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(request) == "203.0.113.9"
