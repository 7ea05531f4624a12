"""An every-N-seconds clock that enqueues periodic tasks, at most once per period across workers.

Each worker process runs the clock in a thread. Before enqueuing, a worker claims the period with
`cache.add` (atomic in Redis, and effectively so in the file cache of a one-machine install), so
several workers on several machines enqueue each periodic task once per period between them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import close_old_connections
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    task: Any  # a django_tasks Task
    seconds: int

    @property
    def name(self) -> str:
        return str(self.task.module_path)


SCHEDULE: list[Periodic] = []


def every(*, seconds: int = 0, minutes: int = 0) -> Callable[[Any], Any]:
    """Register a task (decorate above `@task()`) to be enqueued once every period."""
    period = seconds + 60 * minutes
    if period < 1:
        raise ValueError("A periodic task needs a period of at least one second.")

    def register(task: Any) -> Any:
        SCHEDULE.append(Periodic(task, period))
        return task

    return register


def tick(now: float | None = None) -> list[str]:
    """Enqueue every task whose current period nobody has claimed yet; return their names."""
    now = time.time() if now is None else now
    enqueued = []
    for periodic in SCHEDULE:
        bucket = int(now // periodic.seconds)
        key = f"clock:{periodic.name}:{bucket}"
        if cache.add(key, "claimed", timeout=periodic.seconds * 2):
            periodic.task.enqueue()
            enqueued.append(periodic.name)
    return enqueued


def run(stop: threading.Event, *, poll_seconds: float = 5.0) -> None:
    """The clock thread's loop: tick, sleep, until `stop` is set. Errors are logged, not fatal."""
    autodiscover_modules("tasks")
    logger.info("clock started with %s", ", ".join(p.name for p in SCHEDULE) or "no tasks")
    while not stop.is_set():
        try:
            for name in tick():
                logger.info("clock enqueued %s", name)
        except Exception:
            logger.exception("clock tick failed; trying again")
        finally:
            close_old_connections()
        stop.wait(poll_seconds)
