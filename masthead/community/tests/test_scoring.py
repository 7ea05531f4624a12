"""The toxicity scorer wrapper: the real local model, and every way it can fail to answer."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from unittest import mock

import pytest
from django.test import override_settings

from masthead.community import scoring
from masthead.community.scoring import (
    ProfanityCheckScorer,
    Score,
    ScorerUnavailable,
    get_scorer,
    score_comment,
)

HERE = "masthead.community.tests.test_scoring"
PROFANITY_CHECK = "masthead.community.scoring.ProfanityCheckScorer"


class FailingScorer:
    name = "failing 1.0"

    def score(self, text: str) -> Score:
        raise RuntimeError("model file is corrupt")


class SlowScorer:
    """Blocks until the test lets it go, so it never outlives the test in the thread pool."""

    name = "slow 1.0"
    release = threading.Event()

    def score(self, text: str) -> Score:
        self.release.wait(timeout=5)
        return Score(probability=0.1, category="", scorer=self.name)


class NonsenseScorer:
    name = "nonsense 1.0"

    def score(self, text: str) -> Score:
        return Score(probability=float("nan"), category="", scorer=self.name)


class FixedScorer:
    name = "fixed 1.0"

    def score(self, text: str) -> Score:
        return Score(probability=0.25, category="", scorer=self.name)


@pytest.fixture
def slow_scorer() -> Iterator[None]:
    SlowScorer.release.clear()
    with override_settings(COMMENT_SCORER=f"{HERE}.SlowScorer"):
        yield
    SlowScorer.release.set()


# alt-profanity-check, no longer the default but still available (Masthead's own scorer is
# tested in test_scorer.py) --------------------------------------------------------------------


@override_settings(COMMENT_SCORER=PROFANITY_CHECK)
def test_the_real_model_scores_abuse_higher_than_a_civil_comment() -> None:
    abusive = score_comment("You are a stupid fucking idiot and everyone here hates you.")
    civil = score_comment("Thank you for this thoughtful article; I disagree on the tax figures.")
    assert abusive.probability > 0.9 > 0.1 > civil.probability
    assert abusive.category == "profanity"
    assert civil.category == ""


@override_settings(COMMENT_SCORER=PROFANITY_CHECK)
def test_the_score_names_the_model_and_its_version() -> None:
    score = score_comment("A fair point, well made.")
    assert score.scorer.startswith("alt-profanity-check ")
    assert score.scorer[-1].isdigit()


@override_settings(COMMENT_SCORER=PROFANITY_CHECK)
def test_the_profanity_check_scorer_is_made_once() -> None:
    assert isinstance(get_scorer(), ProfanityCheckScorer)
    assert get_scorer() is get_scorer()


def test_the_model_is_loaded_once_however_many_comments_arrive_at_once() -> None:
    scorer = ProfanityCheckScorer()
    loads = mock.Mock(wraps=scoring._load_profanity_check)
    with mock.patch.object(scoring, "_load_profanity_check", loads):
        threads = [threading.Thread(target=scorer.score, args=(f"comment {n}",)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        scorer.score("and one more")
    loads.assert_called_once()


# When the scorer cannot answer, callers hear so ---------------------------------------------------


def test_a_failing_scorer_raises_scorer_unavailable() -> None:
    with (
        override_settings(COMMENT_SCORER=f"{HERE}.FailingScorer"),
        pytest.raises(ScorerUnavailable, match=r"failing 1\.0 failed: .*model file is corrupt"),
    ):
        score_comment("anything")


@pytest.mark.usefixtures("slow_scorer")
def test_a_slow_scorer_raises_scorer_unavailable_when_the_time_is_up() -> None:
    with pytest.raises(ScorerUnavailable, match=r"slow 1\.0 took longer than 0\.05 s"):
        score_comment("anything", timeout=0.05)


@pytest.mark.usefixtures("slow_scorer")
def test_the_time_budget_comes_from_settings() -> None:
    with (
        override_settings(COMMENT_SCORER_TIMEOUT=0.05),
        pytest.raises(ScorerUnavailable, match=r"took longer than 0\.05 s"),
    ):
        score_comment("anything")


def test_an_unknown_scorer_path_raises_scorer_unavailable() -> None:
    with (
        override_settings(COMMENT_SCORER="masthead.community.nowhere.Scorer"),
        pytest.raises(ScorerUnavailable, match=r"'masthead\.community\.nowhere\.Scorer'"),
    ):
        score_comment("anything")


def test_a_missing_package_raises_scorer_unavailable() -> None:
    # None in sys.modules makes `import profanity_check` fail as if it were not installed.
    with (
        mock.patch.dict(sys.modules, {"profanity_check": None}),
        pytest.raises(ScorerUnavailable, match="alt-profanity-check is not installed"),
    ):
        ProfanityCheckScorer().score("anything")


def test_a_missing_package_reaches_the_caller_as_scorer_unavailable() -> None:
    scorer = ProfanityCheckScorer()
    with (
        mock.patch.dict(sys.modules, {"profanity_check": None}),
        mock.patch.object(scoring, "get_scorer", return_value=scorer),
        pytest.raises(ScorerUnavailable, match="not installed"),
    ):
        score_comment("anything")


def test_a_scorer_answering_nonsense_is_unavailable_too() -> None:
    with (
        override_settings(COMMENT_SCORER=f"{HERE}.NonsenseScorer"),
        pytest.raises(ScorerUnavailable, match="returned probability nan"),
    ):
        score_comment("anything")


def test_another_scorer_can_be_named_in_settings() -> None:
    with override_settings(COMMENT_SCORER=f"{HERE}.FixedScorer"):
        assert score_comment("anything") == Score(0.25, "", "fixed 1.0")


@override_settings(COMMENT_SCORER=PROFANITY_CHECK)
def test_an_abusive_sentence_is_not_diluted_by_a_long_civil_comment() -> None:
    civil = (
        "I read the council's budget report twice, and the real story is not the headline "
        "figure. The cuts to youth services are deeper than the summary admits. "
    )
    comment = civil * 13 + "You are all stupid fucking idiots."
    assert len(comment) > 1900
    assert score_comment(comment).probability > 0.9
    assert score_comment(civil * 13).probability < 0.1
