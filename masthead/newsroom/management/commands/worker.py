"""manage.py worker: run background tasks and the every-minute clock (scheduled publishing)."""

import threading
from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands import db_worker

from masthead.lib import clock


class Command(db_worker.Command):
    help = "Run background tasks from the database queue, and enqueue periodic tasks on time."

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # A reloading parent would run a second clock; reloading is for `runserver`, not workers.
        parser.set_defaults(reload=False)
        parser.add_argument(
            "--no-clock", action="store_false", dest="run_clock", help="Do not run the clock here."
        )

    def handle(self, *args: Any, run_clock: bool = True, **options: Any) -> None:  # type: ignore[override]
        if run_clock and not options.get("batch"):
            stop = threading.Event()
            threading.Thread(target=clock.run, args=(stop,), daemon=True, name="clock").start()
        super().handle(*args, **options)
