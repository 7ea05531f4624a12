"""manage.py ingest PATH...: import IPTC ninjs wire items from files or folders."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.wire.actions import ingest_paths


class Command(BaseCommand):
    help = (
        "Import IPTC ninjs (1.x or 2.x) wire items from JSON files or folders of them. "
        "Prints one line per item; exits non-zero if any item failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="JSON files or folders")

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        results = ingest_paths(paths)
        if not results:
            raise CommandError("No .json files found in " + ", ".join(map(str, paths)))
        for result in results:
            style = self.style.SUCCESS if result.ok else self.style.ERROR
            self.stdout.write(style(str(result)))
        failed = sum(not r.ok for r in results)
        summary = f"{len(results) - failed} of {len(results)} items handled"
        if failed:
            raise CommandError(f"{summary}; {failed} failed (see above).")
        self.stdout.write(summary + ".")
