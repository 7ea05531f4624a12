"""manage.py train_scorer: build the shipped abuse-scorer model from the corpus, reproducibly."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.community.scorer import corpus, learning, store, training
from masthead.community.scorer.categories import DEFAULT_HOLD_THRESHOLD


class Command(BaseCommand):
    help = (
        "Train the abuse scorer on the corpus's training split (fixed seed: the same corpus "
        "gives the same file, byte for byte) and write the model shipped with Masthead. "
        "Prints how it measures on the held-out split. With --site, retrain on the site's "
        "moderator decisions now, as the daily task does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=f"Where to write the model (default: {store.SHIPPED_MODEL}).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the file at --output is not what training gives.",
        )
        parser.add_argument(
            "--site",
            action="store_true",
            help="Retrain on the corpus and the site's decisions, as the daily task does.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["site"]:
            from masthead.community.scorer.actions import retrain_scorer

            self.stdout.write(retrain_scorer().message)
            return
        output: Path = options["output"] or store.SHIPPED_MODEL
        examples = corpus.load()
        train = [e for e in examples if not corpus.held_out(e.text)]
        test = [e for e in examples if corpus.held_out(e.text)]
        self.stdout.write(
            f"Training on {len(train)} corpus examples; {len(test)} held out, never trained on."
        )
        model = training.fit(train)
        data = model.to_bytes()
        digest = hashlib.sha256(data).hexdigest()
        figures = learning.measure(model, test, threshold=DEFAULT_HOLD_THRESHOLD)
        assert figures is not None
        self.stdout.write(
            f"Held-out ROC AUC {figures['auc']:.4f}; at {DEFAULT_HOLD_THRESHOLD}: "
            f"{figures['hold_recall']:.1%} of abuse held, hard negatives flagged "
            f"{figures['hard_negative_fpr']:.1%}, "
            f"category right {figures['category_accuracy']:.1%}."
        )
        self.stdout.write(
            "Recall by category: "
            + ", ".join(f"{name} {value:.0%}" for name, value in figures["recall"].items())
        )
        if options["check"]:
            existing = output.read_bytes() if output.exists() else b""
            if hashlib.sha256(existing).hexdigest() != digest:
                raise CommandError(f"{output} differs from what training gives (sha256 {digest}).")
            self.stdout.write(self.style.SUCCESS(f"{output} is up to date (sha256 {digest[:12]})."))
            return
        output.write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {output} ({len(data) / 1e6:.2f} MB, sha256 {digest[:12]}).")
        )
