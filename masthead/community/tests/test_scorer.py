"""Masthead's own abuse scorer: what it reads, what it says, and the file it keeps its model in."""

from __future__ import annotations

import io
import zipfile
from unittest import mock

import numpy as np
import pytest
from django.test import override_settings

from masthead.community import scoring
from masthead.community.scorer import corpus, store, text, training
from masthead.community.scorer.model import LinearModel, ModelError
from masthead.community.scoring import LinearScorer, Score, get_scorer, score_comment


@pytest.fixture(scope="module")
def shipped() -> LinearModel:
    return LinearModel.from_bytes(store.SHIPPED_MODEL.read_bytes())


def small_corpus(every: int = 8) -> list[corpus.Example]:
    """Every n-th corpus example: enough to train in well under a second."""
    return corpus.load()[::every]


# Through the scorer interface --------------------------------------------------------------------


def test_the_default_scorer_is_mastheads_own_and_names_its_model() -> None:
    assert isinstance(get_scorer(), LinearScorer)
    with (
        mock.patch.dict(scoring._scorers, clear=True),
        mock.patch.object(store, "active_version_id", return_value=store.SHIPPED),
    ):
        score = score_comment("A fair point, well made.")
    assert isinstance(score, Score)
    assert score.scorer.startswith("masthead-linear shipped ")


@pytest.mark.parametrize(
    ("comment", "category"),
    [
        ("I know where you park, councillor. Enjoy the drive home while you still can.", "threat"),
        ("Everyone go and message her at work. Her number is on the school website.", "harassment"),
        ("Earn £500 a day from home, no experience needed! Click quickcash.example now", "spam"),
        ("You absolute clown, did your mum write this for you?", "insult"),
    ],
)
def test_it_holds_abuse_without_swear_words_and_names_its_kind(
    shipped: LinearModel, comment: str, category: str
) -> None:
    probability, named = shipped.score(comment)
    assert probability > 0.5
    assert named == category


@pytest.mark.parametrize(
    "comment",
    [
        "WHAT A SHOT from thirty yards! Killed it.",
        "The attack on the economy came from the Treasury's own forecasts.",
        "Thank you for this thoughtful article; I disagree on the tax figures.",
        "Scunthorpe were the better side for an hour, no question.",
    ],
)
def test_violent_or_crude_words_in_innocent_use_are_not_held(
    shipped: LinearModel, comment: str
) -> None:
    probability, category = shipped.score(comment)
    assert probability < 0.5
    assert category == ""


def test_disguises_are_read_through(shipped: LinearModel) -> None:
    plain, _ = shipped.score("you stupid idiot")
    for disguised in ("you s.t.u.p.i.d 1d10t", "you STUUUPID IDIOT", "you $tupid 1diot"):
        assert shipped.score(disguised)[0] > 0.5, disguised
    assert plain > 0.5


def test_an_abusive_sentence_is_not_diluted_to_nothing_by_a_long_civil_comment(
    shipped: LinearModel,
) -> None:
    civil = (
        "I read the council's budget report twice, and the real story is not the headline "
        "figure. The cuts to youth services are deeper than the summary admits. "
    )
    abuse = "Fuck off back to wherever you came from, you worthless piece of shit."
    assert shipped.score(civil * 8)[0] < 0.05
    for repeats in range(2, 9):  # 67 to 229 words
        padded = civil * repeats + abuse
        # Scored whole, the abuse fades as the comment grows; its windows keep it in sight.
        whole = shipped.hold_probability(text.normalise(padded))
        assert shipped.score(padded) > (max(0.5, 2 * whole), "profane_abuse"), repeats


# Reading text ----------------------------------------------------------------------------------


def test_text_is_normalised_before_the_model_sees_it() -> None:
    assert text.normalise("@Greg_T you're a 1d10t, s.t.u.p.i.d & f***ing STUUUPID!!!") == [
        "_user_",
        "youre",
        "a",
        "idiot",
        "stupid",
        "f*ing",
        "stuupid",
    ]
    assert text.normalise("Earn $650/day 👉 paydayhub.example/join") == [
        "earn",
        "$000",
        "day",
        "👉",
        "_link_",
        "paydayhub",
    ]
    # Numbers and codes keep their shape: only words with two letters or more are de-leeted.
    assert text.normalise("The A55 in 2024, 4G") == ["the", "a00", "in", "0000", "0g"]


def test_the_held_out_split_depends_on_the_text_alone() -> None:
    assert corpus.split_key("  Hello\tWORLD  ") == "hello world"
    assert corpus.held_out("Hello world") == corpus.held_out("  HELLO   world ")
    examples = corpus.load()
    held = sum(corpus.held_out(e.text) for e in examples)
    assert len(examples) >= 3000
    assert 0.17 < held / len(examples) < 0.23


# The model file --------------------------------------------------------------------------------


def test_training_is_reproducible_to_the_byte() -> None:
    examples = small_corpus()
    assert training.fit(examples).to_bytes() == training.fit(examples).to_bytes()


def test_the_model_file_gives_back_the_same_scores(shipped: LinearModel) -> None:
    again = LinearModel.from_bytes(shipped.to_bytes())
    for comment in ("Fuck off, Darren.", "Lovely sunset over the harbour tonight."):
        assert again.score(comment) == shipped.score(comment)


def test_the_shipped_model_is_small_enough_to_keep_in_the_repository() -> None:
    assert store.SHIPPED_MODEL.stat().st_size < 5_000_000


def test_a_model_file_with_pickled_objects_is_refused_not_run(shipped: LinearModel) -> None:
    original = zipfile.ZipFile(io.BytesIO(shipped.to_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in original.namelist():
            if name == "hold_coef.npy":
                with archive.open(name, "w") as member:
                    np.lib.format.write_array(
                        member, np.array([object()], dtype=object), allow_pickle=True
                    )
            else:
                archive.writestr(name, original.read(name))
    with pytest.raises(ModelError, match="not a scorer model file"):
        LinearModel.from_bytes(out.getvalue())


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"GIF89a" + data,
    ],
)
def test_a_damaged_model_file_is_refused(shipped: LinearModel, damage) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ModelError):
        LinearModel.from_bytes(damage(shipped.to_bytes()))


def test_a_model_made_for_other_text_normalisation_is_refused(shipped: LinearModel) -> None:
    data = shipped.to_bytes()
    with (
        mock.patch.object(text, "NORMALISER_VERSION", text.NORMALISER_VERSION + 1),
        pytest.raises(ModelError, match="other text normalisation"),
    ):
        LinearModel.from_bytes(data)


def test_numpy_scoring_matches_scikit_learn_for_every_model_trained() -> None:
    model = training.fit(small_corpus())  # fit() checks this itself, and raises if not
    assert model.n_features > 1000


def test_a_scorer_that_cannot_read_its_model_file_is_unavailable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nowhere.npz"
    with (
        override_settings(COMMENT_SCORER_MODEL=str(missing)),
        mock.patch.object(store, "active_version_id", return_value=store.SHIPPED),
        mock.patch.dict(scoring._scorers, clear=True),
        pytest.raises(scoring.ScorerUnavailable, match="cannot be read"),
    ):
        score_comment("anything")
