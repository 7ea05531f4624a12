"""Masthead's abuse scorer against alt-profanity-check, on the corpus's held-out split, same run.

    .venv/bin/python benchmarks/scorer.py [--train] [--repeat 3]

Scores every held-out comment of corpus/*.jsonl (about one in five, chosen by a hash of the text
and never trained on; see corpus/README.md) with both scorers, as screening uses them: Masthead's
shipped model (masthead/community/scorer/shipped_model.npz; --train trains a fresh one on the
training split first) and ProfanityCheckScorer (alt-profanity-check, each sentence scored too).

Prints, for each: ROC AUC of the probability against the labels; at each scorer's threshold
(Masthead's default hold threshold; profanity-check's own 0.5), the share of each kind of abuse
that would be held and the share of acceptable comments, and of hard negatives (violent or crude
words in innocent use), that would be held too; how often Masthead names the right category; two
harder cases built from held-out comments (an abusive comment after three civil ones, and four
civil comments run together); the share of the demo newsroom's comments (civil, written apart
from the corpus) flagged; and comments scored per second on one thread, with the time for
a 2,000-character comment. Goals from the issue: AUC >= 0.95, at least 4 in 5 threats held, at
most 1 in 10 hard negatives flagged.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from masthead.community.scorer import corpus, training
from masthead.community.scorer.categories import (
    DEFAULT_HOLD_THRESHOLD,
    HOLD_CATEGORIES,
)
from masthead.community.scorer.corpus import Example
from masthead.community.scorer.model import LinearModel
from masthead.community.scorer.store import SHIPPED_MODEL
from masthead.newsroom.demo_comments import COMMENTS

# The demo newsroom's readers' comments, written for the demo and not for the corpus: all civil,
# longer and more varied than most corpus lines. A check on comments from outside the corpus.
DEMO = [str(comment["text"]) for comment in COMMENTS]

Score = Callable[[str], tuple[float, str]]


@dataclass
class Result:
    name: str
    threshold: float
    figures: training.Figures
    buried_recall: float
    long_civil_fpr: float
    demo_fpr: float
    per_second: float
    long_ms: float


def masthead_scorer(train: bool) -> tuple[str, Score]:
    if train:
        examples = [e for e in corpus.load() if not corpus.held_out(e.text)]
        return "Masthead (trained now)", training.fit(examples).score
    return "Masthead (shipped)", LinearModel.from_bytes(SHIPPED_MODEL.read_bytes()).score


def profanity_scorer() -> tuple[str, Score]:
    from masthead.community.scoring import ProfanityCheckScorer

    scorer = ProfanityCheckScorer()
    scorer.load()

    def score(text: str) -> tuple[float, str]:
        verdict = scorer.score(text)
        return verdict.probability, verdict.category

    return scorer.name, score


def harder_cases(test: Sequence[Example], rng: random.Random) -> tuple[list[str], list[str]]:
    """Abuse after three civil comments; four civil comments run together."""
    civil = [e.text for e in test if not e.hold and e.category in ("ordinary", "heated")]
    acceptable = [e.text for e in test if not e.hold]
    buried = [" ".join([*rng.sample(civil, 3), e.text]) for e in test if e.hold]
    long_civil = [" ".join(rng.sample(acceptable, 4)) for _ in range(300)]
    return buried, long_civil


def comments_per_second(score: Score, texts: Sequence[str], repeat: int) -> float:
    """Best of `repeat` passes over the texts, on this thread only."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            score(text)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def long_comment_ms(score: Score, texts: Sequence[str]) -> float:
    comment = " ".join(texts)[:2000]
    timings = []
    for _ in range(50):
        start = time.perf_counter()
        score(comment)
        timings.append(time.perf_counter() - start)
    return 1000 * statistics.median(timings)


def run(
    name: str,
    score: Score,
    threshold: float,
    test: Sequence[Example],
    cases: tuple[list[str], list[str]],
    repeat: int,
) -> Result:
    scores = [score(e.text) for e in test]
    buried, long_civil = cases
    return Result(
        name=name,
        threshold=threshold,
        figures=training.evaluate(scores, test, threshold=threshold),
        buried_recall=sum(score(t)[0] > threshold for t in buried) / len(buried),
        long_civil_fpr=sum(score(t)[0] > threshold for t in long_civil) / len(long_civil),
        demo_fpr=sum(score(t)[0] > threshold for t in DEMO) / len(DEMO),
        per_second=comments_per_second(score, [e.text for e in test], repeat),
        long_ms=long_comment_ms(score, [e.text for e in test]),
    )


def share(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}%"


def print_table(results: list[Result], test: Sequence[Example]) -> None:
    width = 46
    header = "".join(f"{r.name[:26]:>28}" for r in results)
    print(f"{'':{width}}{header}")

    def row(label: str, cells: list[str]) -> None:
        print(f"{label:{width}}" + "".join(f"{cell:>28}" for cell in cells))

    row("threshold (held above)", [f"{r.threshold:g}" for r in results])
    row("ROC AUC (goal >= 0.95)", [f"{r.figures.auc:.4f}" for r in results])
    counts = {c: sum(e.hold and e.category == c for e in test) for c in HOLD_CATEGORIES}
    for category in HOLD_CATEGORIES:
        goal = " (goal >= 80%)" if category == "threat" else ""
        row(
            f"held: {category} (n={counts[category]}){goal}",
            [share(r.figures.recall[category]) for r in results],
        )
    row("held: all abuse", [share(r.figures.hold_recall) for r in results])
    hard = sum(e.category == "hard_negative" for e in test)
    row(
        f"flagged: hard negatives (n={hard}) (goal <= 10%)",
        [share(r.figures.hard_negative_fpr) for r in results],
    )
    ok = sum(not e.hold for e in test)
    row(
        f"flagged: all acceptable (n={ok})", [share(r.figures.false_positive_rate) for r in results]
    )
    row(
        "right category, of abuse",
        [
            share(r.figures.category_accuracy) if r.name.startswith("Masthead") else "n/a"
            for r in results
        ],
    )
    row("held: abuse after 3 civil comments", [share(r.buried_recall) for r in results])
    row("flagged: 4 civil comments joined", [share(r.long_civil_fpr) for r in results])
    row(
        f"flagged: demo comments (n={len(DEMO)}, all civil)",
        [share(r.demo_fpr) for r in results],
    )
    row("comments per second, one thread", [f"{r.per_second:,.0f}" for r in results])
    row("ms per comment (mean)", [f"{1000 / r.per_second:.3f}" for r in results])
    row("ms for a 2,000-character comment", [f"{r.long_ms:.2f}" for r in results])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="train a fresh model first")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the best counts")
    args = parser.parse_args()

    examples = corpus.load()
    test = [e for e in examples if corpus.held_out(e.text)]
    print(
        f"corpus: {len(examples)} comments; held out: {len(test)} "
        f"({sum(e.hold for e in test)} to hold, {sum(not e.hold for e in test)} acceptable)"
    )
    cases = harder_cases(test, random.Random(2026))
    ours_name, ours = masthead_scorer(args.train)
    theirs_name, theirs = profanity_scorer()
    results = [
        run(ours_name, ours, DEFAULT_HOLD_THRESHOLD, test, cases, args.repeat),
        run(theirs_name, theirs, 0.5, test, cases, args.repeat),
    ]
    print_table(results, test)


if __name__ == "__main__":
    main()
