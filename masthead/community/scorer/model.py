"""A trained scorer: its weights, its file format and how it scores a comment.

Two logistic regressions share one set of features (TF-IDF over character n-grams within words
and over single words and word pairs, see `text`): one gives the probability that a comment
should be held, the other which kind of abuse it most looks like (multinomial over
corpus.HOLD_CATEGORIES, trained on held examples only).

Scoring needs NumPy only; scikit-learn is needed to train (see `training`), never to score, and
its transform is reproduced here exactly: per block, counts, then 1 + log(count), times idf, to unit
length (training checks that both agree on every model it builds).

The file is a NumPy .npz archive read with allow_pickle=False: arrays of numbers and UTF-8 text,
never pickled objects, so loading a model file cannot run code, whoever wrote it.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from masthead.community.scorer import text as textmod
from masthead.community.scorer.categories import CATEGORY_FLOOR

__all__ = ["CATEGORY_FLOOR", "FORMAT", "LinearModel", "ModelError"]

FORMAT = "masthead-linear-scorer/1"
# A word's column indices are cached: the words of comments repeat, n-gram lookups do not need to.
_WORD_CACHE_SIZE = 50_000

Floats = npt.NDArray[np.float32]
Columns = npt.NDArray[np.intp]
Vector = tuple[Columns, Floats]  # feature columns and their values, for a sparse dot product


class ModelError(Exception):
    """The model file is missing, corrupt, or was made for other code."""


@dataclass
class Block:
    """One TF-IDF block: its vocabulary (feature → column) and idf weights."""

    vocabulary: dict[str, int]
    idf: Floats

    @classmethod
    def from_terms(cls, terms: Sequence[str], idf: Floats) -> Block:
        return cls({term: n for n, term in enumerate(terms)}, idf)

    def terms(self) -> list[str]:
        ordered = [""] * len(self.vocabulary)
        for term, column in self.vocabulary.items():
            ordered[column] = term
        return ordered


@dataclass(frozen=True)
class Reading:
    """A normalised text's n-grams as vocabulary columns, in the order of its words."""

    length: int  # words
    chars: Columns  # the character n-grams of every word, word after word
    offsets: Columns  # chars[offsets[i]:offsets[i + 1]] are the n-grams of word i
    singles: Columns  # column of word i, -1 if not in the vocabulary
    pairs: Columns  # column of words i and i + 1, -1 if not in the vocabulary


@dataclass
class LinearModel:
    chars: Block
    words: Block
    hold_coef: Floats  # (n_features,)
    hold_intercept: float
    categories: tuple[str, ...]
    category_coef: Floats  # (n_categories, n_features)
    category_intercept: Floats  # (n_categories,)
    window: int = 30  # long comments are also scored in windows of this many words; 0: never
    window_penalty: float = 1.0  # subtracted from a window's log-odds (see score())
    meta: dict[str, Any] = field(default_factory=dict)
    _word_columns: dict[str, Columns] = field(default_factory=dict, repr=False)

    # Scoring ---------------------------------------------------------------------------------

    @property
    def n_features(self) -> int:
        return len(self.chars.vocabulary) + len(self.words.vocabulary)

    def _char_columns(self, word: str) -> Columns:
        columns = self._word_columns.get(word)
        if columns is None:
            vocabulary = self.chars.vocabulary
            found = [vocabulary.get(gram, -1) for gram in textmod.char_grams(word)]
            columns = np.array([c for c in found if c >= 0], dtype=np.intp)
            if len(self._word_columns) >= _WORD_CACHE_SIZE:
                self._word_columns.clear()
            self._word_columns[word] = columns
        return columns

    def read(self, words: list[str]) -> Reading:
        """Look a normalised text's n-grams up once; any stretch of it is then a cheap slice."""
        per_word = [self._char_columns(word) for word in words]
        offsets = np.zeros(len(words) + 1, dtype=np.intp)
        np.cumsum([len(columns) for columns in per_word], out=offsets[1:])
        vocabulary = self.words.vocabulary
        singles = np.array([vocabulary.get(w, -1) for w in words], dtype=np.intp)
        pairs = np.array(
            [vocabulary.get(f"{a} {b}", -1) for a, b in itertools.pairwise(words)],
            dtype=np.intp,
        )
        chars = np.concatenate(per_word) if per_word else np.zeros(0, dtype=np.intp)
        return Reading(len(words), chars, offsets, singles, pairs)

    def vector(self, reading: Reading, start: int = 0, end: int | None = None) -> Vector:
        """The feature vector of words[start:end], as (columns, values)."""
        end = reading.length if end is None else end
        chars = reading.chars[reading.offsets[start] : reading.offsets[end]]
        grams = np.concatenate(
            (reading.singles[start:end], reading.pairs[start : max(start, end - 1)])
        )
        grams = grams[grams >= 0]
        parts: list[Vector] = []
        for found, idf, shift in (
            (chars, self.chars.idf, 0),
            (grams, self.words.idf, len(self.chars.vocabulary)),
        ):
            if not len(found):
                continue
            columns, counts = np.unique(found, return_counts=True)
            values: Floats = (np.float32(1.0) + np.log(counts.astype(np.float32))) * idf[columns]
            values /= np.float32(math.sqrt(float(values @ values)))
            parts.append((columns + shift, values))
        if not parts:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float32)
        if len(parts) == 1:
            return parts[0]
        return np.concatenate((parts[0][0], parts[1][0])), np.concatenate(
            (parts[0][1], parts[1][1])
        )

    def _logit(self, vector: Vector) -> float:
        columns, values = vector
        return float(self.hold_coef[columns] @ values) + self.hold_intercept

    def _category(self, vector: Vector) -> str:
        columns, values = vector
        logits = self.category_coef[:, columns] @ values + self.category_intercept
        return self.categories[int(np.argmax(logits))]

    def hold_probability(self, words: list[str]) -> float:
        """P(hold) of a normalised text, taken whole."""
        return _sigmoid(self._logit(self.vector(self.read(words))))

    def windows(self, length: int) -> list[tuple[int, int]]:
        """Overlapping (start, end) stretches of `window` words in a long comment (the last may
        be shorter); none in a short comment."""
        size = self.window
        if not size or length <= size * 3 // 2:
            return []
        step = max(1, size // 2)
        return [
            (start, min(start + size, length)) for start in range(0, length - size + step, step)
        ]

    def score(self, text: str) -> tuple[float, str]:
        """P(hold) of a comment and the kind of abuse it most looks like ("" below the floor).

        The model was trained on comments of a few dozen words, and in a long comment one
        abusive sentence is diluted by the civil ones around it. So a long comment is also
        scored in overlapping windows of about a comment's length, and the highest counts;
        a window's log-odds are lowered by `window_penalty` first, because the more windows
        are scored the likelier one of them is a false alarm. The category is that of the
        piece (whole or window) that counted.
        """
        reading = self.read(textmod.normalise(text))
        best_vector = self.vector(reading)
        best = self._logit(best_vector)
        for start, end in self.windows(reading.length):
            vector = self.vector(reading, start, end)
            logit = self._logit(vector) - self.window_penalty
            if logit > best:
                best_vector, best = vector, logit
        probability = _sigmoid(best)
        category = self._category(best_vector) if probability >= CATEGORY_FLOOR else ""
        return probability, category

    # The file ------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        meta = {
            **self.meta,
            "format": FORMAT,
            "normaliser": textmod.NORMALISER_VERSION,
            "char_ngrams": list(textmod.CHAR_NGRAMS),
            "categories": list(self.categories),
            "hold_intercept": self.hold_intercept,
            "window": self.window,
            "window_penalty": self.window_penalty,
        }
        arrays: dict[str, npt.NDArray[Any]] = {
            "meta": _text_array(json.dumps(meta, sort_keys=True)),
            "char_terms": _text_array("\n".join(self.chars.terms())),
            "char_idf": self.chars.idf.astype(np.float32),
            "word_terms": _text_array("\n".join(self.words.terms())),
            "word_idf": self.words.idf.astype(np.float32),
            "hold_coef": self.hold_coef.astype(np.float32),
            "category_coef": self.category_coef.astype(np.float32),
            "category_intercept": self.category_intercept.astype(np.float32),
        }
        # What np.savez_compressed writes, but with fixed dates in the archive, so the same
        # model is the same bytes: `train_scorer` is reproducible down to the file's digest.
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, array in arrays.items():
                info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(info, "w") as member:
                    np.lib.format.write_array(member, array, allow_pickle=False)
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> LinearModel:
        """Read a model file; any problem with it raises ModelError saying what."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as archive:
                arrays = {name: archive[name] for name in archive.files}
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as error:
            raise ModelError(f"not a scorer model file ({error})") from error
        if meta.get("format") != FORMAT:
            raise ModelError(f"model format {meta.get('format')!r}, expected {FORMAT!r}")
        if meta.get("normaliser") != textmod.NORMALISER_VERSION or meta.get("char_ngrams") != list(
            textmod.CHAR_NGRAMS
        ):
            raise ModelError("the model was trained with other text normalisation: retrain it")
        try:
            chars = Block.from_terms(_split_terms(arrays["char_terms"]), arrays["char_idf"])
            words = Block.from_terms(_split_terms(arrays["word_terms"]), arrays["word_idf"])
            categories = tuple(meta["categories"])
            model = cls(
                chars=chars,
                words=words,
                hold_coef=arrays["hold_coef"],
                hold_intercept=float(meta["hold_intercept"]),
                categories=categories,
                category_coef=arrays["category_coef"],
                category_intercept=arrays["category_intercept"],
                window=int(meta["window"]),
                window_penalty=float(meta["window_penalty"]),
                meta=meta,
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"incomplete model file ({error!r})") from error
        model._check()
        return model

    def _check(self) -> None:
        n = self.n_features
        shapes_ok = (
            self.chars.idf.shape == (len(self.chars.vocabulary),)
            and self.words.idf.shape == (len(self.words.vocabulary),)
            and self.hold_coef.shape == (n,)
            and self.category_coef.shape == (len(self.categories), n)
            and self.category_intercept.shape == (len(self.categories),)
            and len(self.categories) > 0
        )
        if not shapes_ok:
            raise ModelError("the model's arrays do not fit together")
        for array in (
            self.chars.idf,
            self.words.idf,
            self.hold_coef,
            self.category_coef,
            self.category_intercept,
        ):
            if array.dtype != np.float32 or not np.isfinite(array).all():
                raise ModelError("the model's weights are not finite 32-bit numbers")
        if not math.isfinite(self.hold_intercept):
            raise ModelError("the model's intercept is not a finite number")


def _sigmoid(logit: float) -> float:
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    z = math.exp(logit)
    return z / (1.0 + z)


def _text_array(value: str) -> npt.NDArray[np.uint8]:
    return np.frombuffer(value.encode("utf-8"), dtype=np.uint8)


def _split_terms(array: npt.NDArray[Any]) -> list[str]:
    if array.dtype != np.uint8:
        raise ValueError("terms are not UTF-8 bytes")
    joined = array.tobytes().decode("utf-8")
    return joined.split("\n") if joined else []
