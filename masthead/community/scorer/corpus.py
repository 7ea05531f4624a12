"""The labelled corpus in /corpus and its fixed held-out split.

Each line of corpus/*.jsonl is {"text", "label": "ok" | "hold", "category", "topic"}; see
corpus/README.md for who wrote it, how, and what it lacks.

The held-out split is decided by the text alone, so it needs no file of ids and never moves:
a line is held out when the SHA-256 of its split key (NFKC, casefolded, runs of white space made
one space, stripped; UTF-8) read as a big-endian integer from its first 8 hex digits is divisible
by 5. About one line in five is held out; the same text always lands on the same side, whichever
file it is in. Held-out lines are never used to train a model that is measured on them.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from masthead.community.scorer.categories import HOLD_CATEGORIES, OK_CATEGORIES

__all__ = [
    "CORPUS_DIR",
    "HOLD_CATEGORIES",
    "OK_CATEGORIES",
    "Example",
    "held_out",
    "load",
    "split_key",
]

CORPUS_DIR = Path(__file__).resolve().parents[3] / "corpus"


@dataclass(frozen=True)
class Example:
    text: str
    hold: bool
    category: str  # one of HOLD_CATEGORIES when hold; an OK_CATEGORIES name or "" otherwise
    weight: float = 1.0
    source: str = "corpus"  # "corpus", "site", or "fragment" (see training.fragments)


def split_key(text: str) -> str:
    """The text as the split sees it: NFKC, casefolded, white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def held_out(text: str) -> bool:
    """Whether a text is in the fixed held-out fifth (see the module docstring)."""
    digest = hashlib.sha256(split_key(text).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 5 == 0


def read_lines(lines: Iterable[str], *, origin: str = "corpus") -> Iterator[Example]:
    """Examples from JSON Lines; a malformed line raises ValueError naming it."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            label, category = row["label"], row["category"]
            if label not in ("ok", "hold") or not isinstance(row["text"], str):
                raise ValueError(f"label {label!r}")
            if label == "hold" and category not in HOLD_CATEGORIES:
                raise ValueError(f"hold category {category!r}")
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{origin}, line {number}: {error}") from error
        yield Example(text=row["text"], hold=label == "hold", category=category)


def load(directory: Path = CORPUS_DIR) -> list[Example]:
    """Every example of the corpus, in a stable order (files by name, then line)."""
    examples: list[Example] = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            examples.extend(read_lines(lines, origin=path.name))
    return examples
