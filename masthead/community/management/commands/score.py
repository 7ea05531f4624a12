"""manage.py score FILE: the abuse scorer's verdict on each comment of a JSON Lines file."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.community import scoring


class Command(BaseCommand):
    help = (
        "Score comments before trusting the scorer with them: reads JSON Lines (FILE, or - for "
        'standard input), one object with a "text" field a line, and writes each object back '
        'with "score" (0 to 1) and "category" added. Bad lines are reported on standard error '
        "with their line number and skipped; the exit status is then 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A JSON Lines file, or - for standard input.")
        parser.add_argument(
            "--model",
            type=Path,
            default=None,
            help="Score with this model file instead of the scorer the site uses now.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        score = self._scorer(options["model"])
        name = options["file"]
        if name == "-":
            bad = self._score_lines(sys.stdin.buffer, score)
        else:
            try:
                with open(name, "rb") as lines:
                    bad = self._score_lines(lines, score)
            except OSError as error:
                raise CommandError(f"{name}: {error.strerror}") from error
        if bad:
            raise CommandError(f"{bad} bad line{'s' if bad != 1 else ''} skipped.")

    def _scorer(self, model_path: Path | None) -> Any:
        """A function text -> (probability, category)."""
        if model_path is not None:
            from masthead.community.scorer.model import LinearModel, ModelError

            try:
                model = LinearModel.from_bytes(model_path.read_bytes())
            except (OSError, ModelError) as error:
                raise CommandError(f"{model_path}: {error}") from error
            return model.score
        try:
            scorer = scoring.get_scorer()
            if (load := getattr(scorer, "load", None)) is not None:
                load()
        except scoring.ScorerUnavailable as error:
            raise CommandError(f"The scorer is unavailable: {error}") from error

        def score(text: str) -> tuple[float, str]:
            verdict = scorer.score(text)
            return verdict.probability, verdict.category

        return score

    def _score_lines(self, lines: Iterable[bytes], score: Any) -> int:
        out = self.stdout
        bad = 0
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
                if not isinstance(row, dict):
                    raise ValueError("not a JSON object")
                text = row.get("text")
                if not isinstance(text, str):
                    raise ValueError('no "text" string')
            except (UnicodeDecodeError, ValueError) as error:
                bad += 1
                self.stderr.write(f"line {number}: {error}")
                continue
            probability, category = score(text)
            row["score"] = round(probability, 4)
            row["category"] = category
            out.write(json.dumps(row, ensure_ascii=False))
        return bad
