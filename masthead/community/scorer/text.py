"""How the scorer reads a comment: disguises undone, then cut into words and n-grams.

The same functions serve training and scoring, so the model always sees text the way it was
trained on it. Any change to what they produce changes every feature: bump NORMALISER_VERSION,
which is written into each model file, and retrain (`manage.py train_scorer`).

Normalisation, in order (the ideas are those of the word lists in masthead.moderation.wordlists):

- Case, accents, compatibility forms (full-width letters) and invisible format characters
  (zero-width spaces, soft hyphens) do not count.
- Links and e-mail addresses become a `_link_` or `_email_` word, followed by the words of the
  host name without its ending ("paydayhub.example/x" is "_link_ paydayhub"), and "@name" replies
  become `_user_`: who is addressed is not what makes a comment abusive.
- Digits and symbols standing for letters are read as the letters (0→o, 1→i, 3→e, 4→a, 5→s,
  7→t, @→a, $→s, !→i, |→i) in words with at least two letters ("1d10t", "$h1t", "sh!t"); other
  digits all become 0, so "£650" and "£1,000" look alike. A word's apostrophes are dropped.
- Letters written three or more times in a row count twice ("stuuupid" is "stuupid"), and a
  run of masking asterisks counts once ("f***ing" is "f*ing").
- Three or more single characters in a row, each one character apart ("s.t.u.p.i.d",
  "i d i o t"), are read as one word.
- Emoji and other pictographs are words of their own; other punctuation is dropped.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

__all__ = [
    "NORMALISER_VERSION",
    "char_grams",
    "normalise",
    "word_grams",
]

NORMALISER_VERSION = 1
CHAR_NGRAMS = (2, 5)  # shortest and longest, in characters, within a word padded by spaces

_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
    r"\.(?:com|net|org|info|biz|xyz|top|io|ly|me|co|uk|eu|ru|cn|example|test|invalid)\b"
    r"(?:/[^\s<>\"]*)?"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MENTION = re.compile(r"(?<![\w@])@[\w.-]+")
_HOST_ENDINGS = frozenset(
    "www com net org info biz xyz top io ly me co uk eu ru cn example test invalid".split()  # noqa: SIM905
)
# A raw word: letters, digits, the symbols that stand for letters, masking asterisks and
# apostrophes. Markers such as _link_ keep their underscores.
_RAW_WORD = re.compile(
    r"_(?:link|email|user)_"
    r"|[^\W_]+(?:[@$*!|'\u2019]+[^\W_]*)*"
    r"|[@$\u00a3\u20ac][^\W_]+"  # "$h1t", "@ss", "\u00a3650"
    r"|[\u2600-\u27bf\U0001f000-\U0001faff]"  # emoji and pictographs, one word each
)
_SUBSTITUTES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
    | {"|": "i"}
)
_SUBSTITUTABLE = frozenset("013457@$!|")
_DIGITS = re.compile(r"\d")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_ASTERISKS = re.compile(r"\*+")
_APOSTROPHES = str.maketrans("", "", "'\u2019")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _fold(text: str) -> str:
    if not text.isascii():
        text = _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFKD", text))
    return text.casefold()


def _drop_marks(match: re.Match[str]) -> str:
    ch = match.group()
    if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf":
        return ""
    return ch


def _link_words(match: re.Match[str]) -> str:
    link = match.group()
    host = re.sub(r"^(?:https?://)?", "", link).split("/", 1)[0]
    words = [w for w in re.split(r"[.-]", host) if w and w not in _HOST_ENDINGS]
    return " _link_ " + " ".join(words) + " "


@functools.lru_cache(maxsize=65536)
def _clean_word(raw: str) -> str:
    """One raw word as the model sees it (see the module docstring)."""
    if raw.startswith("_"):
        return raw
    word = raw.translate(_APOSTROPHES).strip("!|")
    if not word:
        return ""
    # Only in words with two letters or more, so numbers and codes ("2024", "the A55", "4G")
    # keep their digits, which then become 0 like any other.
    if not _SUBSTITUTABLE.isdisjoint(word) and sum(ch.isalpha() or ch in "@$" for ch in word) >= 2:
        word = word.translate(_SUBSTITUTES)
    word = _DIGITS.sub("0", word)
    word = _ASTERISKS.sub("*", word)
    return _STRETCHED.sub(r"\1\1", word)


def normalise(text: str) -> list[str]:
    """The words of one piece of text, normalised (see the module docstring)."""
    folded = _fold(text)
    if "@" in folded:
        folded = _EMAIL.sub(" _email_ ", folded)
        folded = _MENTION.sub(" _user_ ", folded)
    if "." in folded:
        folded = _LINK.sub(_link_words, folded)
    words: list[str] = []
    spelled: list[str] = []  # single characters in a row, each one character from the last
    last_end = -2
    for match in _RAW_WORD.finditer(folded):
        raw = match.group()
        if len(raw) == 1 and raw.isalnum():
            if spelled and match.start() - last_end != 1:
                _flush(spelled, words)
            spelled.append(raw)
        else:
            _flush(spelled, words)
            word = _clean_word(raw)
            if word:
                words.append(word)
        last_end = match.end()
    _flush(spelled, words)
    return words


def _flush(spelled: list[str], words: list[str]) -> None:
    if len(spelled) >= 3:
        words.append(_clean_word("".join(spelled)))
    else:
        words.extend(_clean_word(ch) for ch in spelled)
    spelled.clear()


@functools.lru_cache(maxsize=65536)
def char_grams(word: str) -> tuple[str, ...]:
    """The character n-grams of one word padded with a space each side ("char_wb")."""
    padded = f" {word} "
    low, high = CHAR_NGRAMS
    return tuple(
        padded[start : start + n]
        for n in range(low, min(high, len(padded)) + 1)
        for start in range(len(padded) - n + 1)
    )


def word_grams(words: list[str]) -> list[str]:
    """Single words and pairs of neighbouring words."""
    return [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]
