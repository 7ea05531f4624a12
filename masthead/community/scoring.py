"""The toxicity scorer: the one module that runs it, configures it and is replaced in tests.

By default comments are scored by Masthead's own abuse scorer (LinearScorer, see
masthead.community.scorer): a linear model over character and word n-grams, trained on a corpus
of news comments written for the project and retrained on the site's own moderators' decisions.
It runs in-process with NumPy: no network, well under a millisecond for a usual comment. It gives
the probability that a comment should be held and the kind of abuse it looks like (threat,
harassment, hate, spam...). alt-profanity-check remains available (ProfanityCheckScorer). A
newsroom may name another class in settings.COMMENT_SCORER; anything with a `name` and a
`score(text) -> Score` will do.

Callers use `score_comment()`. It either returns the scorer's real verdict or raises
ScorerUnavailable (the scorer failed, took too long, or is not installed), and the caller then
holds the comment for a moderator. It never guesses a score.
"""

from __future__ import annotations

import concurrent.futures
import importlib
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

__all__ = [
    "LinearScorer",
    "ProfanityCheckScorer",
    "Score",
    "Scorer",
    "ScorerUnavailable",
    "get_scorer",
    "score_comment",
]

logger = logging.getLogger(__name__)

DEFAULT_SCORER = "masthead.community.scoring.LinearScorer"
DEFAULT_TIMEOUT_SECONDS = 2.0
DEFAULT_RECHECK_SECONDS = 30.0
# Scoring is a few milliseconds of CPU, and the machines have two cores. A scorer that hangs
# keeps its thread; with the pool full, later calls wait in its queue, run out of time and are
# held too, instead of piling up threads.
POOL_THREADS = 2


@dataclass(frozen=True)
class Score:
    """A scorer's verdict on one comment, as it goes into the decision log."""

    probability: float  # 0..1, how likely the comment breaks the guidelines
    category: str  # what stands out, e.g. "profanity"; "" when nothing does
    scorer: str  # name and version of the model


class ScorerUnavailable(Exception):
    """The scorer failed, timed out or is not installed: hold the comment for a moderator."""


class Scorer(Protocol):
    name: str

    def score(self, text: str) -> Score: ...


PredictProb = Callable[[Sequence[str]], Sequence[float]]

# After ., ! or ? and a space, or at a line break: good enough for a bag-of-words model, which
# loses nothing if "Mr. Smith" is cut in two.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\u2026])\s+|\n+")


def _load_profanity_check() -> PredictProb:
    """Import alt-profanity-check, which loads its model from the package as it is imported."""
    try:
        module = importlib.import_module("profanity_check")
    except ImportError as error:
        raise ScorerUnavailable(
            f"alt-profanity-check is not installed ({error}); "
            "install it or set COMMENT_SCORER to another scorer"
        ) from error
    predict_prob: PredictProb = module.predict_prob
    return predict_prob


class ProfanityCheckScorer:
    """alt-profanity-check: the probability that a comment is profane or abusive.

    The model was trained on short English social-media posts and weighs words, not context.
    Scored whole, a long comment dilutes one abusive sentence to nothing ("You are all stupid."
    after 2,000 civil characters scores 0.04 against 1.0 alone), so each sentence is scored
    too, in the same call, and the highest probability is the comment's. The price is that a
    sentence of crime reporting ("The rapist was jailed", 0.98) or a mild oath ("hell") scores
    high wherever it stands. Its verdict is a reason to hold a comment for a person, never one
    to reject it on its own.
    """

    # The model's own decision boundary: above it, it would call the text profane.
    THRESHOLD = 0.5

    def __init__(self) -> None:
        try:
            version = metadata.version("alt-profanity-check")
        except metadata.PackageNotFoundError:
            version = "not installed"
        self.name = f"alt-profanity-check {version}"
        self._predict_prob: PredictProb | None = None
        self._lock = threading.Lock()

    def _model(self) -> PredictProb:
        # Loaded on first use, not at import: web processes that never score stay small, and
        # the lock makes two first comments at once share one load.
        if self._predict_prob is None:
            with self._lock:
                if self._predict_prob is None:
                    self._predict_prob = _load_profanity_check()
        return self._predict_prob

    def load(self) -> None:
        """Load the model now (about a second, once per process), outside any time budget."""
        self._model()

    def score(self, text: str) -> Score:
        """Score one comment's plain text: the highest of the whole and of each sentence."""
        sentences = [part for part in _SENTENCE_BREAK.split(text) if part.strip()]
        texts = [text, *sentences] if len(sentences) > 1 else [text]
        probability = float(max(self._model()(texts)))
        category = "profanity" if probability >= self.THRESHOLD else ""
        return Score(probability=probability, category=category, scorer=self.name)


class LinearScorer:
    """Masthead's own abuse scorer: the active retrained version, else the shipped model.

    Which model is active is looked up through the shared cache at most every
    COMMENT_SCORER_RECHECK_SECONDS (see masthead.community.scorer.store), in `load()`, which
    score_comment() calls outside the time budget; a new version is loaded there, once per
    process. If no model can be read (the shipped file is missing or corrupt), `load()` raises
    ScorerUnavailable and comments are held; it tries again at the next check.
    """

    def __init__(self) -> None:
        self.name = "masthead-linear"
        self._loaded: Any = None  # store.LoadedModel once loaded
        self._failure: ScorerUnavailable | None = None
        self._next_check = 0.0
        self._lock = threading.Lock()

    def load(self) -> None:
        """Make sure the active model is loaded; cheap between checks."""
        if time.monotonic() < self._next_check:
            if self._failure is not None:
                raise self._failure
            return
        with self._lock:
            now = time.monotonic()
            if now < self._next_check:
                if self._failure is not None:
                    raise self._failure
                return
            from masthead.community.scorer import store
            from masthead.community.scorer.model import ModelError

            interval = float(
                getattr(settings, "COMMENT_SCORER_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS)
            )
            self._next_check = now + interval
            try:
                version_id = store.active_version_id()
                if self._loaded is None or self._loaded.version_id != version_id:
                    self._loaded = store.load_model(version_id)
                    logger.info("comment scorer loaded model %s", self._loaded.label)
            except ModelError as error:
                self._loaded = None
                self._failure = ScorerUnavailable(f"{self.name}: {error}")
                raise self._failure from error
            except Exception:
                # The database or cache cannot say which version is active (it is down, or not
                # migrated yet): ask again next time, and meanwhile keep the model loaded, or
                # use the shipped one.
                logger.warning("cannot tell the active scorer version", exc_info=True)
                self._next_check = 0.0
                if self._loaded is None:
                    try:
                        self._loaded = store.load_shipped()
                    except ModelError as error:
                        self._failure = ScorerUnavailable(f"{self.name}: {error}")
                        raise self._failure from error
            self._failure = None

    def score(self, text: str) -> Score:
        if self._loaded is None:  # score_comment() loads first, in the caller's thread
            self.load()
        loaded = self._loaded
        if loaded is None:  # another thread's check just failed
            raise ScorerUnavailable(f"{self.name}: no model loaded")
        probability, category = loaded.model.score(text)
        return Score(
            probability=probability, category=category, scorer=f"{self.name} {loaded.label}"
        )


_scorers: dict[str, Scorer] = {}
_scorers_lock = threading.Lock()


def get_scorer() -> Scorer:
    """The scorer named by settings.COMMENT_SCORER (a dotted path to a class), made once.

    Cached per path, so a test that overrides the setting gets its own scorer and the real
    one keeps its loaded model. Raises ScorerUnavailable if the class cannot be imported or
    made.
    """
    path = getattr(settings, "COMMENT_SCORER", DEFAULT_SCORER) or DEFAULT_SCORER
    scorer = _scorers.get(path)
    if scorer is not None:
        return scorer
    with _scorers_lock:
        if path not in _scorers:
            try:
                _scorers[path] = import_string(path)()
            except Exception as error:
                raise ScorerUnavailable(
                    f"COMMENT_SCORER {path!r} could not be loaded: {error!r}"
                ) from error
        return _scorers[path]


_pool: concurrent.futures.ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _get_pool() -> concurrent.futures.ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = concurrent.futures.ThreadPoolExecutor(
                max_workers=POOL_THREADS, thread_name_prefix="comment-scorer"
            )
        return _pool


def score_comment(text: str, *, timeout: float | None = None) -> Score:
    """Score a comment's plain text within a time budget, or raise ScorerUnavailable.

    The budget is `timeout` seconds, else settings.COMMENT_SCORER_TIMEOUT (default 2.0), and
    counts from this call, so time spent waiting for a free thread counts too. Any failure is
    raised as ScorerUnavailable saying what failed; the comment should then be held. A scorer
    still running when the budget is spent finishes in the background and its result is
    dropped.
    """
    budget = (
        timeout
        if timeout is not None
        else float(getattr(settings, "COMMENT_SCORER_TIMEOUT", DEFAULT_TIMEOUT_SECONDS))
    )
    try:
        scorer = get_scorer()
        # The budget is for scoring a comment; a process's one-off model load is not a timeout.
        if (load := getattr(scorer, "load", None)) is not None:
            try:
                load()
            except Exception as error:
                raise ScorerUnavailable(f"{scorer.name} could not load: {error!r}") from error
        future = _get_pool().submit(scorer.score, text)
        try:
            result = future.result(timeout=budget)
        except concurrent.futures.TimeoutError:
            future.cancel()  # if it is still queued, it never runs
            raise ScorerUnavailable(f"{scorer.name} took longer than {budget:g} s") from None
        except ScorerUnavailable:
            raise
        except Exception as error:
            raise ScorerUnavailable(f"{scorer.name} failed: {error!r}") from error
        return _checked(result, scorer)
    except ScorerUnavailable as error:
        # The caller holds the comment quietly; whoever runs the site needs to hear of it.
        logger.warning("comment scorer unavailable: %s", error)
        raise


def _checked(result: object, scorer: Scorer) -> Score:
    """A scorer that answers nonsense is as unavailable as one that does not answer."""
    if not isinstance(result, Score):
        raise ScorerUnavailable(f"{scorer.name} returned {result!r}, not a Score")
    probability = result.probability
    if (
        isinstance(probability, bool)
        or not isinstance(probability, int | float)
        or not 0.0 <= probability <= 1.0  # also false for NaN
    ):
        raise ScorerUnavailable(f"{scorer.name} returned probability {probability!r}")
    return result
