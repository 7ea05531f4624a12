"""Fitting a scorer with scikit-learn, and measuring one. Never imported by a web request.

Fitting is deterministic: the same examples in the same order give the same model, byte for
byte (liblinear and lbfgs with a fixed random_state, no parallel reductions).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from threadpoolctl import threadpool_limits

from masthead.community.scorer import text as textmod
from masthead.community.scorer.categories import HOLD_CATEGORIES
from masthead.community.scorer.corpus import Example
from masthead.community.scorer.model import Block, LinearModel

__all__ = ["Figures", "Options", "evaluate", "fit"]

STOP_WORDS = frozenset(ENGLISH_STOP_WORDS)


@dataclass(frozen=True)
class Options:
    """How a model is fitted and scores.

    Chosen by five-fold cross-validation on the training split only; the held-out split played
    no part. C from 1 to 30, character n-grams from 1-5 to 2-6, min_df 1 to 3 and naive-Bayes
    scaling all gave a ROC AUC within 0.005 of 0.964 (whole comments). Scoring every sentence
    and keeping the highest, as the profanity-check scorer does, fell to 0.92 and flagged a
    quarter of the hard negatives; windows of 30 words with a penalty of 1 (LinearModel.score)
    kept 0.96 and caught about 65% of abuse buried after three civil comments (18% without).
    Fragments of acceptable comments and no single function words cost about 0.003 of AUC and
    stopped most short, bland comments being held ("Hello all.", "Four."): final figures 0.961
    AUC, 82% of threats and 8% of hard negatives above 0.5.
    """

    hold_c: float = 10.0  # inverse regularisation of the hold/ok model
    category_c: float = 10.0  # and of the category model
    min_df: int = 2  # n-grams in fewer training texts than this are dropped
    # Each acceptable example also lends a random stretch of up to `fragment_words` of its words
    # as an acceptable example of this weight (see fragments()).
    fragment_weight: float = 0.3
    fragment_words: int = 6
    window: int = 30  # see LinearModel.score()
    window_penalty: float = 1.0
    seed: int = 2026


def char_features(text: str) -> list[str]:
    return [gram for word in textmod.normalise(text) for gram in textmod.char_grams(word)]


def word_features(text: str) -> list[str]:
    """Words and word pairs, without single function words ("you", "all", "one").

    On their own such words said more about the corpus than about abuse ("Hello all." was held);
    the character n-grams and the word pairs still see them. Scoring needs no list: a word left
    out of training is simply not in the model's vocabulary.
    """
    return [gram for gram in textmod.word_grams(textmod.normalise(text)) if gram not in STOP_WORDS]


def _vectoriser(analyzer: Any, min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer=analyzer, sublinear_tf=True, min_df=min_df, dtype=np.float32, norm="l2"
    )


def fragments(examples: Sequence[Example], options: Options) -> list[Example]:
    """Short stretches of acceptable comments, as acceptable examples.

    The corpus has few comments as short and bland as many real ones ("Hello all.", "Nobody
    will answer this one."), and without these the model took a word or two such as "all" or
    "one", common in abuse aimed at people, as enough to hold a comment. A stretch of an
    acceptable comment is acceptable too; at a low weight they teach that little is said by a
    few ordinary words.
    """
    if not options.fragment_weight:
        return []
    rng = random.Random(options.seed)
    found = []
    for example in examples:
        words = example.text.split()
        if example.hold or not words:
            continue
        length = rng.randint(1, min(options.fragment_words, len(words)))
        start = rng.randint(0, len(words) - length)
        found.append(
            Example(
                " ".join(words[start : start + length]),
                hold=False,
                category=example.category,
                weight=example.weight * options.fragment_weight,
                source="fragment",
            )
        )
    return found


def fit(examples: Sequence[Example], options: Options = Options()) -> LinearModel:
    """Train both models on the examples (each weighted by its .weight).

    On one thread: the problem is small, and a multi-threaded BLAS on a busy machine made it
    ten times slower (and a worker should not take every core anyway).
    """
    with threadpool_limits(limits=1):
        return _fit(examples, options)


def _fit(examples: Sequence[Example], options: Options) -> LinearModel:
    holds = [e for e in examples if e.hold]
    if len(holds) == len(examples) or not holds:
        raise ValueError("training needs examples of both comments to keep and to hold")
    counted = examples
    examples = [*examples, *fragments(examples, options)]
    texts = [e.text for e in examples]
    char_vec = _vectoriser(char_features, options.min_df)
    word_vec = _vectoriser(word_features, options.min_df)
    matrix = sp.hstack([char_vec.fit_transform(texts), word_vec.fit_transform(texts)]).tocsr()
    labels = np.array([e.hold for e in examples], dtype=int)
    weights = np.array([e.weight for e in examples], dtype=float)

    hold_model = LogisticRegression(
        C=options.hold_c,
        class_weight="balanced",
        solver="liblinear",
        max_iter=1000,
        random_state=options.seed,
    )
    hold_model.fit(matrix, labels, sample_weight=weights)

    rows = [n for n, e in enumerate(examples) if e.hold and e.category in HOLD_CATEGORIES]
    present = [c for c in HOLD_CATEGORIES if any(examples[n].category == c for n in rows)]
    category_model = LogisticRegression(
        C=options.category_c,
        class_weight="balanced",
        solver="lbfgs",
        max_iter=2000,
        random_state=options.seed,
    )
    if len(present) < 2:
        raise ValueError("training needs held examples of at least two categories")
    category_model.fit(
        matrix[rows],
        [examples[n].category for n in rows],
        sample_weight=weights[rows],
    )
    order = [list(category_model.classes_).index(c) for c in present]
    category_coef, category_intercept = category_model.coef_, category_model.intercept_
    if len(present) == 2:  # scikit-learn keeps one row for two classes: that of the second
        category_coef = np.vstack([np.zeros_like(category_coef[0]), category_coef[0]])
        category_intercept = np.array([0.0, category_intercept[0]])

    model = LinearModel(
        chars=_block(char_vec),
        words=_block(word_vec),
        hold_coef=hold_model.coef_[0].astype(np.float32),
        hold_intercept=float(hold_model.intercept_[0]),
        categories=tuple(present),
        category_coef=category_coef[order].astype(np.float32),
        category_intercept=category_intercept[order].astype(np.float32),
        window=options.window,
        window_penalty=options.window_penalty,
        meta={
            "options": asdict(options),
            "trained_on": {
                "corpus": sum(e.source == "corpus" for e in counted),
                "site_ok": sum(e.source == "site" and not e.hold for e in counted),
                "site_hold": sum(e.source == "site" and e.hold for e in counted),
            },
        },
    )
    _check_agreement(model, hold_model, char_vec, word_vec, texts[:200])
    return model


def _block(vectoriser: TfidfVectorizer) -> Block:
    terms = [""] * len(vectoriser.vocabulary_)
    for term, column in vectoriser.vocabulary_.items():
        terms[column] = term
    return Block.from_terms(terms, vectoriser.idf_.astype(np.float32))


def _check_agreement(
    model: LinearModel,
    hold_model: LogisticRegression,
    char_vec: TfidfVectorizer,
    word_vec: TfidfVectorizer,
    texts: list[str],
) -> None:
    """Our NumPy scoring must give what scikit-learn gives, or the model is not what we tested."""
    matrix = sp.hstack([char_vec.transform(texts), word_vec.transform(texts)]).tocsr()
    expected = hold_model.predict_proba(matrix)[:, 1]
    ours = np.array([model.hold_probability(textmod.normalise(t)) for t in texts])
    if not np.allclose(expected, ours, atol=1e-4):
        worst = float(np.max(np.abs(expected - ours)))
        raise AssertionError(f"NumPy scoring differs from scikit-learn's by up to {worst:.6f}")


# Measuring -----------------------------------------------------------------------------------


@dataclass
class Figures:
    """How a scorer did on a set of labelled examples, at one threshold."""

    examples: int
    held: int  # how many of them should be held
    threshold: float
    auc: float | None  # ROC AUC of P(hold); None without examples of both kinds
    accuracy: float | None = None  # on the right side of the threshold
    recall: dict[str, float | None] = field(default_factory=dict)  # per hold category
    hold_recall: float | None = None  # all categories together
    false_positive_rate: float | None = None  # ok comments above the threshold
    hard_negative_fpr: float | None = None  # hard negatives above the threshold
    category_accuracy: float | None = None  # held comments given their own category

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def evaluate(
    scores: Sequence[tuple[float, str]], examples: Sequence[Example], *, threshold: float
) -> Figures:
    """Figures for scores (probability, category) given to the examples, in the same order.

    A comment counts as flagged when its probability is above the threshold, as in screening.
    """
    if len(scores) != len(examples):
        raise ValueError("one score per example")
    labels = [e.hold for e in examples]
    probabilities = [p for p, _ in scores]
    auc = None
    if any(labels) and not all(labels):
        auc = round(float(roc_auc_score(labels, probabilities)), 4)
    flagged = [p > threshold for p in probabilities]
    recall = {}
    for category in HOLD_CATEGORIES:
        rows = [n for n, e in enumerate(examples) if e.hold and e.category == category]
        recall[category] = _share(sum(flagged[n] for n in rows), len(rows))
    held_rows = [n for n, e in enumerate(examples) if e.hold]
    ok_rows = [n for n, e in enumerate(examples) if not e.hold]
    hard_rows = [n for n in ok_rows if examples[n].category == "hard_negative"]
    categorised = [n for n in held_rows if examples[n].category in HOLD_CATEGORIES]
    return Figures(
        examples=len(examples),
        held=len(held_rows),
        threshold=threshold,
        auc=auc,
        accuracy=_share(
            sum(f == e.hold for f, e in zip(flagged, examples, strict=True)), len(examples)
        ),
        recall=recall,
        hold_recall=_share(sum(flagged[n] for n in held_rows), len(held_rows)),
        false_positive_rate=_share(sum(flagged[n] for n in ok_rows), len(ok_rows)),
        hard_negative_fpr=_share(sum(flagged[n] for n in hard_rows), len(hard_rows)),
        category_accuracy=_share(
            sum(scores[n][1] == examples[n].category for n in categorised), len(categorised)
        ),
    )


def score_all(model: LinearModel, examples: Sequence[Example]) -> list[tuple[float, str]]:
    return [model.score(e.text) for e in examples]


def is_finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)
