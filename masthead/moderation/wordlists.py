"""Banned and suspect words: find a listed word or phrase in a comment, however it is disguised.

Editors keep the lists in the admin, one entry a line. A comment is reduced once to a sequence of
normalised words, and each word (and each run of up to as many words as the longest phrase) is
looked up in a dict, so the work grows with the comment, never with the list: a 10,000-entry list
costs what a 10-entry one does. No regular expression is built per entry.

How text is normalised (the same steps apply to the entries, except where said):

- Case, accents and compatibility forms do not count: "STÚPID", "stupid" and "stupid" in
  full-width letters are one word (NFKD, combining marks dropped, casefold). Invisible format
  characters such as zero-width spaces and soft hyphens are dropped, so they cannot split a word.
- Words are runs of letters and digits; "@" and "$" count as letters (they stand for a and s),
  and apostrophes inside a word are dropped, so "don't" is "dont". Everything else separates
  words, and matching is on whole words only: "class" does not contain "ass", "Scunthorpe" is
  one word and matches nothing but itself.
- Stretched letters: a letter written three or more times in a row may stand for one or two of
  it ("stuuupid", "assss"). A doubled letter is taken as written, because English doubles
  letters all the time ("pass", "cook") and almost never triples them. Entries are stored with
  any run of three or more shortened to two.
- Digits and symbols for letters: 0→o, 1→i or l, 3→e, 4→a, 5→s, @→a, $→s ("1d10t", "$h1t",
  "a$$"). Only in words with at least two letters (counting @ and $), so a number ("455", "2024")
  or a code with a single letter ("the A55", "A4 paper", "4G", "F1") keeps its digits. A word is
  also always tried as written, so an entry like "88" still matches "88". Entries are not
  substituted: editors type the word, not its disguises.
- Spelled out: three or more single characters in a row, each separated from the next by exactly
  one character ("s.t.u.p.i.d", "s t u p i d", "i-d-i-o-t"), are read as one word. Ordinary text
  rarely has three one-letter words in a row; initials usually come with a full stop and a
  space ("J. R. R."), two characters, and are left alone.
- Phrases match as consecutive normalised words, so "go back to" also matches "Go back, to".

An entry line may carry a comment after "#"; blank lines and surrounding spaces are ignored.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator

__all__ = ["WordList"]

# Letters and digits (not "_"), plus the symbols that stand for letters and the apostrophes
# that hold a contraction together. Apostrophes are dropped after matching.
_WORD = re.compile(r"(?:[^\W_]|[@$'\u2019])+")
_APOSTROPHES = str.maketrans("", "", "'\u2019")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SUBSTITUTES = str.maketrans({"0": "o", "3": "e", "4": "a", "5": "s", "@": "a", "$": "s"})
_SUBSTITUTABLE = frozenset("01345@$")
# "1" alone is ambiguous (i or l); it is expanded separately.
_ONE_AS = ("i", "l")
# A letter (not a digit) three or more times in a row.
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
# Each ambiguous spot doubles the forms tried; past this many, only the all-one-way forms are
# tried, so a hostile comment ("1111aaaa1111…") cannot make one word cost hundreds of lookups.
_MAX_CHOICES = 2
_MIN_SPELLED_OUT = 3


def _fold(text: str) -> str:
    """Case-, accent- and width-insensitive form of the text."""
    if not text.isascii():
        # Only the non-ASCII characters need looking at, and most comments have few.
        text = _NON_ASCII.sub(_drop_marks, unicodedata.normalize("NFKD", text))
    return text.casefold()


def _drop_marks(match: re.Match[str]) -> str:
    ch = match.group()
    return "" if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf" else ch


def _raw_words(folded: str) -> Iterator[tuple[str, int, int]]:
    for match in _WORD.finditer(folded):
        word = match.group()
        if "'" in word or "\u2019" in word:
            word = word.translate(_APOSTROPHES)
            if not word:
                continue
        yield word, match.start(), match.end()


def _words(text: str) -> list[str]:
    """The comment's words, with spelled-out words ("s.t.u.p.i.d") joined into one."""
    words: list[str] = []
    spelled: list[str] = []  # the single characters seen in a row so far
    last_end = -2
    for word, start, end in _raw_words(_fold(text)):
        if len(word) == 1:
            if spelled and start - last_end != 1:
                _flush_spelled(spelled, words)
            spelled.append(word)
        else:
            if spelled:
                _flush_spelled(spelled, words)
            words.append(word)
        last_end = end
    _flush_spelled(spelled, words)
    return words


def _flush_spelled(spelled: list[str], words: list[str]) -> None:
    if len(spelled) >= _MIN_SPELLED_OUT:
        words.append("".join(spelled))
    else:
        words.extend(spelled)
    spelled.clear()


def _variants(word: str, spots: list[tuple[int, int, tuple[str, str]]]) -> list[str]:
    """Every way of replacing each spot `word[start:end]` by one of its two options.

    Past _MAX_CHOICES spots, only "every spot takes its first option" and "every spot takes its
    second" are tried.
    """
    if not spots:
        return [word]
    picks: Iterable[tuple[int, ...]]
    if len(spots) > _MAX_CHOICES:
        picks = [(0,) * len(spots), (1,) * len(spots)]
    else:
        picks = itertools.product((0, 1), repeat=len(spots))
    variants = []
    for pick in picks:
        parts, last = [], 0
        for (start, end, options), choice in zip(spots, pick, strict=True):
            parts += [word[last:start], options[choice]]
            last = end
        parts.append(word[last:])
        variants.append("".join(parts))
    return variants


# Most words of a comment are common words that other comments used too.
@functools.lru_cache(maxsize=8192)
def _forms(word: str) -> tuple[str, ...]:
    """The spellings a comment word may stand for, each to be looked up as is."""
    if word.isalpha() and not _STRETCHED.search(word):
        return (word,)  # the common case: an ordinary word
    spellings = [word]
    if not _SUBSTITUTABLE.isdisjoint(word) and (
        sum(ch.isalpha() or ch in "@$" for ch in word) >= 2
    ):
        substituted = word.translate(_SUBSTITUTES)
        ones = [(i, i + 1, _ONE_AS) for i, ch in enumerate(substituted) if ch == "1"]
        spellings += _variants(substituted, ones)
    forms: dict[str, None] = {}  # ordered and without repeats
    for spelling in spellings:
        runs = [(m.start(), m.end(), (m[1], m[1] * 2)) for m in _STRETCHED.finditer(spelling)]
        forms.update(dict.fromkeys(_variants(spelling, runs)))
    return tuple(forms)


def _entry_key(line: str) -> tuple[str, ...]:
    """An entry as the admin has it ("Go back  to # reported 2026") as normalised words."""
    entry = line.split("#", 1)[0]
    return tuple(_STRETCHED.sub(r"\1\1", word) for word, _, _ in _raw_words(_fold(entry)))


class WordList:
    """A banned or suspect word list, ready to search comments with.

    Built from the lines an editor typed; never changed afterwards, so one instance may be
    shared by threads and cached (see `from_text`).
    """

    def __init__(self, lines: Iterable[str]) -> None:
        # Normalised entry → the entry as the editor typed it, which goes into the decision log.
        self._words: dict[str, str] = {}
        self._phrases: dict[tuple[str, ...], str] = {}
        # The first words of phrases, and every longer proper prefix of one: a search stops
        # extending a run of words as soon as no phrase can start with it.
        self._first_words: set[str] = set()
        self._prefixes: set[tuple[str, ...]] = set()
        self._longest = 1
        for line in lines:
            key = _entry_key(line)
            typed = line.split("#", 1)[0].strip()
            if len(key) == 1:
                self._words.setdefault(key[0], typed)
            elif key:
                self._phrases.setdefault(key, typed)
                self._first_words.add(key[0])
                self._prefixes.update(key[:n] for n in range(2, len(key)))
                self._longest = max(self._longest, len(key))

    @classmethod
    def from_text(cls, text: str) -> WordList:
        """The list for the text of an admin field, one entry a line, parsed once per process.

        The same text gives the same (cached) instance; an edited list is new text, so it is
        parsed afresh and the old version ages out of the bounded cache.
        """
        return _from_text(text)

    def __len__(self) -> int:
        return len(self._words) + len(self._phrases)

    def __repr__(self) -> str:
        return f"<WordList of {len(self)} entries>"

    def find(self, text: str) -> str | None:
        """The entry that occurs first in `text` (as the editor typed it), or None.

        Where a word and a longer phrase start at the same place, the phrase wins. See the
        module docstring for what counts as an occurrence.
        """
        if not len(self):
            return None
        words = [_forms(word) for word in _words(text)]
        for start, forms in enumerate(words):
            if not self._first_words.isdisjoint(forms):
                phrase = self._phrase_at(words, start)
                if phrase is not None:
                    return phrase
            for form in forms:
                entry = self._words.get(form)
                if entry is not None:
                    return entry
        return None

    def _phrase_at(self, words: list[tuple[str, ...]], start: int) -> str | None:
        """The longest phrase starting at words[start], if any."""
        runs: list[tuple[str, ...]] = [
            (form,) for form in words[start] if form in self._first_words
        ]
        found = None
        for forms in words[start + 1 : start + self._longest]:
            extended: list[tuple[str, ...]] = []
            for run in runs:
                for form in forms:
                    key = (*run, form)
                    entry = self._phrases.get(key)
                    if entry is not None:
                        found = entry
                    if key in self._prefixes:
                        extended.append(key)
            runs = extended
            if not runs:
                break
        return found


# A site has a few lists (banned, suspect) and each edit makes a new text; 32 keeps the current
# ones of several sites while old versions fall out.
@functools.lru_cache(maxsize=32)
def _from_text(text: str) -> WordList:
    return WordList(text.splitlines())
