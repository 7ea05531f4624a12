"""Word-list search time for a 10,000-entry list against a 10-entry one, same comment, same run.

    .venv/bin/python benchmarks/wordlists.py [--repeat 2000]

Builds a 10,000-entry list of made-up words and phrases (and a 10-entry list of nine of its
words and one of its phrases), then times WordList.find() with timeit on a 2,000-character
comment that matches nothing, so every word is looked at. Prints the time per comment for each
list and their ratio: 1.0 means the list's size costs nothing, which is the point of the design.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from masthead.moderation.wordlists import WordList

COMMENT_SENTENCES = [
    "The council's budget leaves youth services short, and nobody on the committee said so.",
    "I read the minutes twice; the consultation ran for three weeks in August.",
    "Stuuupid decisions like this one cost us the library, the pool and the bus route.",
    "Café owners on the high street say rents went up 40% since 2024.",
    "Ask the 1d10t who signed it off: s.t.u.p.i.d is the only word for it.",
    "Why not publish the full report, with the figures the officers used?",
]


def made_up_entries(count: int, rng: random.Random) -> list[str]:
    """Pronounceable nonsense words, one in ten a two- or three-word phrase."""

    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 10)))

    return [
        " ".join(word() for _ in range(rng.choice((2, 3)))) if rng.random() < 0.1 else word()
        for _ in range(count)
    ]


def comment_of(length: int, rng: random.Random) -> str:
    text = ""
    while len(text) < length:
        text += rng.choice(COMMENT_SENTENCES) + " "
    return text[:length]


def per_call(func: object, repeat: int) -> float:
    """Best of five timeit runs, in seconds per call: the least disturbed by other processes."""
    timer = timeit.Timer(func)  # type: ignore[arg-type]
    return min(timer.repeat(repeat=5, number=repeat)) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000, help="calls per timing")
    args = parser.parse_args()

    rng = random.Random(2026)
    entries = made_up_entries(10_000, rng)
    large = WordList(entries)
    # The same shape as the large list: single words and a phrase (phrases cost a little more).
    words = [entry for entry in entries if " " not in entry]
    phrases = [entry for entry in entries if " " in entry]
    small = WordList([*words[:9], phrases[0]])
    assert len(small) == 10
    comment = comment_of(2000, rng)
    # A comment that matched would stop early and time less than a full scan.
    assert large.find(comment) is None and small.find(comment) is None

    small_time = per_call(lambda: small.find(comment), args.repeat)
    large_time = per_call(lambda: large.find(comment), args.repeat)
    parse_time = per_call(lambda: WordList(entries), 5)

    print(f"comment length:                       {len(comment)} characters")
    print(f"find(), 10-entry list:                {small_time * 1e6:9.1f} µs per comment")
    print(f"find(), {len(large):,}-entry list:            {large_time * 1e6:9.1f} µs per comment")
    print(f"ratio large/small:                    {large_time / small_time:9.3f}")
    print(f"parsing the {len(entries):,}-entry list (cached): {parse_time * 1e3:9.1f} ms")


if __name__ == "__main__":
    main()
