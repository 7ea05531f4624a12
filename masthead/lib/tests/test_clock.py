import threading
from unittest import mock

import pytest
from django.core.cache import cache

from masthead.lib import clock
from masthead.news.tasks import publish_scheduled


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


def test_scheduled_publishing_is_on_the_every_minute_clock() -> None:
    assert any(p.task is publish_scheduled and p.seconds == 60 for p in clock.SCHEDULE)


def test_a_period_is_enqueued_once_however_many_workers_tick() -> None:
    task = mock.Mock(module_path="tests.every_minute")
    with mock.patch.object(clock, "SCHEDULE", [clock.Periodic(task, 60)]):
        assert clock.tick(now=600.0) == ["tests.every_minute"]
        assert clock.tick(now=610.0) == []  # a second worker, same minute
        assert clock.tick(now=659.0) == []
        assert clock.tick(now=660.0) == ["tests.every_minute"]  # next minute
    assert task.enqueue.call_count == 2


def test_a_period_must_be_at_least_a_second() -> None:
    with pytest.raises(ValueError, match="at least one second"):
        clock.every(seconds=0)


def test_the_clock_survives_a_failing_tick_and_stops_when_asked() -> None:
    stop = threading.Event()
    calls: list[int] = []

    def failing_tick() -> list[str]:
        calls.append(1)
        if len(calls) >= 2:
            stop.set()
        raise RuntimeError("database went away")

    with mock.patch.object(clock, "tick", failing_tick):
        clock.run(stop, poll_seconds=0.01)
    assert len(calls) == 2
