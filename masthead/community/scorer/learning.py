"""Learning from the newsroom: moderators' decisions as examples, and measuring a candidate.

Every comment a moderator approved or restored is an example of a comment to keep; every one a
moderator rejected is one to hold (the latest decision on a comment counts). Rejections for
being off topic or misinformation are left out: the scorer judges how a comment is written,
not whether it is true or relevant. A rejection for harassment, hate or spam also teaches the
category; the others teach only hold or keep.

Examples are deduplicated by their normalised text (the latest decision wins), and texts that
are also in the corpus are left to the corpus. The site's examples are split like the corpus
(corpus.held_out, the same hash of the text): the held-out fifth is never trained on and measures
candidates on the site's own comments.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from masthead.community.scorer import corpus
from masthead.community.scorer.corpus import Example, split_key

__all__ = ["SiteExamples", "compare", "measure", "site_examples"]

# Moderators' reasons for a rejection that say what kind of abuse it was.
REASON_CATEGORY = {"harassment": "harassment", "hate": "hate", "spam": "spam"}
# Reasons about truth or relevance, which the words of a comment do not show.
NOT_ABOUT_WORDING = frozenset({"off_topic", "misinformation"})
# A candidate may lose this much ROC AUC on the corpus's held-out split and still count as not
# worse: on 669 examples, retraining with a few dozen new ones moves it by about this much.
CORPUS_TOLERANCE = 0.005


@dataclass
class SiteExamples:
    train: list[Example] = field(default_factory=list)
    held_out: list[Example] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.train) + len(self.held_out)

    @property
    def ok(self) -> int:
        return sum(not e.hold for e in self.train)

    @property
    def hold(self) -> int:
        return sum(e.hold for e in self.train)

    def digest(self) -> str:
        """Changes whenever what would be learnt changes."""
        lines = sorted(f"{e.hold:d}\t{e.category}\t{split_key(e.text)}" for e in self.train)
        return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def labelled_decisions() -> Iterable[tuple[str, str, str]]:
    """(action, reason, comment text) of the latest human decision on each comment."""
    from masthead.moderation.models import Decision

    latest: dict[int, tuple[str, str, str]] = {}
    rows = (
        Decision.objects.filter(
            moderator__isnull=False,
            comment__isnull=False,
            action__in=(Decision.Action.APPROVE, Decision.Action.RESTORE, Decision.Action.REJECT),
        )
        .order_by("created_at", "pk")
        .values_list("comment_id", "action", "reason", "comment__body")
    )
    for comment_id, action, reason, body in rows.iterator(chunk_size=2000):
        latest.pop(comment_id, None)  # keep dict order = order of each comment's last decision
        latest[comment_id] = (action, reason, body)
    return latest.values()


def site_examples(*, weight: float, corpus_examples: Sequence[Example]) -> SiteExamples:
    """The site's moderated comments as examples (see the module docstring)."""
    from masthead.moderation.models import Decision

    in_corpus = {split_key(e.text) for e in corpus_examples}
    by_text: dict[str, Example] = {}
    for action, reason, body in labelled_decisions():
        key = split_key(body or "")
        if not key or key in in_corpus:
            continue
        if action == Decision.Action.REJECT:
            if reason in NOT_ABOUT_WORDING:
                by_text.pop(key, None)
                continue
            example = Example(body, True, REASON_CATEGORY.get(reason, ""), weight, "site")
        else:
            example = Example(body, False, "", weight, "site")
        by_text.pop(key, None)
        by_text[key] = example
    found = SiteExamples()
    for example in by_text.values():
        (found.held_out if corpus.held_out(example.text) else found.train).append(example)
    return found


def measure(model: Any, examples: Sequence[Example], *, threshold: float) -> dict[str, Any] | None:
    """Figures (training.Figures as a dict) for a model on examples; None without examples."""
    from masthead.community.scorer import training

    if not examples:
        return None
    return training.evaluate(
        training.score_all(model, examples), examples, threshold=threshold
    ).as_dict()


@dataclass(frozen=True)
class Comparison:
    better_or_equal: bool
    reasons: list[str]


def _site_measure(figures: dict[str, Any] | None) -> tuple[str, float] | None:
    if not figures:
        return None
    if figures.get("auc") is not None:
        return "AUC", float(figures["auc"])
    return "accuracy", float(figures["accuracy"])


def compare(candidate: dict[str, Any], active: dict[str, Any], *, active_label: str) -> Comparison:
    """Whether the candidate is not worse than the active model, and why, in words.

    Not worse: its corpus held-out AUC is at most CORPUS_TOLERANCE below, and on the site's
    held-out decisions its AUC (or, when they are all of one kind, its accuracy at the
    threshold) is at least as high.
    """
    reasons = []
    ok = True
    cand_auc, active_auc = candidate["corpus"]["auc"], active["corpus"]["auc"]
    if cand_auc < active_auc - CORPUS_TOLERANCE:
        ok = False
        reasons.append(f"corpus AUC {cand_auc:.4f} is below {active_label}'s {active_auc:.4f}")
    else:
        reasons.append(f"corpus AUC {cand_auc:.4f} against {active_label}'s {active_auc:.4f}")
    mine, theirs = _site_measure(candidate.get("site")), _site_measure(active.get("site"))
    if mine is not None and theirs is not None:  # measured on the same examples, the same way
        name = mine[0]
        if mine[1] < theirs[1]:
            ok = False
            reasons.append(f"site {name} {mine[1]:.4f} is below {active_label}'s {theirs[1]:.4f}")
        else:
            reasons.append(f"site {name} {mine[1]:.4f} against {active_label}'s {theirs[1]:.4f}")
    return Comparison(ok, reasons)
