"""Banned and suspect word lists: what counts as an occurrence, and work independent of size."""

from __future__ import annotations

import random
import string
from typing import Any

import pytest

from masthead.moderation.wordlists import WordList


def words(*entries: str) -> WordList:
    return WordList(entries)


# Whole words ----------------------------------------------------------------------------------


def test_it_finds_a_listed_word() -> None:
    assert words("stupid").find("That is a stupid idea.") == "stupid"


def test_it_finds_nothing_in_clean_text() -> None:
    assert words("stupid").find("That is a clever idea.") is None


@pytest.mark.parametrize(
    "text",
    ["What a class act.", "Scunthorpe won.", "Pass the assessment.", "He was an assassin."],
)
def test_it_matches_whole_words_only(text: str) -> None:
    assert words("ass", "cunt").find(text) is None


def test_a_word_next_to_punctuation_is_still_a_whole_word() -> None:
    assert words("ass").find("You (ass)!") == "ass"


def test_it_returns_the_entry_that_occurs_first_in_the_text() -> None:
    assert words("idiot", "moron").find("A moron, an idiot.") == "moron"


def test_it_returns_the_entry_as_the_editor_typed_it() -> None:
    assert words("  Stupid  # reported by the desk").find("stupid") == "Stupid"


# Phrases --------------------------------------------------------------------------------------


def test_it_finds_a_phrase_as_consecutive_words() -> None:
    wordlist = words("go back to")
    assert wordlist.find("Why don't you go back to where you came from") == "go back to"
    assert wordlist.find("Go back, to!") == "go back to"


def test_a_phrase_does_not_match_when_its_words_are_apart() -> None:
    assert words("go back to").find("go back and then to") is None
    assert words("go back to").find("go back") is None


def test_the_longest_phrase_wins_where_two_entries_start_together() -> None:
    wordlist = words("go", "go back to")
    assert wordlist.find("just go back to it") == "go back to"
    assert wordlist.find("just go home") == "go"


def test_overlapping_phrase_prefixes_do_not_hide_a_later_match() -> None:
    assert words("go back to").find("go go back to") == "go back to"


# Case and accents -----------------------------------------------------------------------------


def test_case_does_not_matter() -> None:
    assert words("Stupid").find("STUPID") == "Stupid"
    assert words("straße").find("STRASSE") == "straße"


def test_accents_do_not_matter_either_way() -> None:
    assert words("stupid").find("stúpíd") == "stupid"
    assert words("crétin").find("cretin") == "crétin"


def test_full_width_letters_are_the_same_letters() -> None:
    assert words("stupid").find("\uff53\uff54\uff55\uff50\uff49\uff44") == "stupid"


def test_invisible_characters_cannot_split_a_word() -> None:
    assert words("stupid").find("stu\u200bpid and stu\u00adpid") == "stupid"


def test_words_in_other_scripts_match() -> None:
    assert words("дурак").find("Ты ДУРАК!") == "дурак"


# Obfuscation ----------------------------------------------------------------------------------


def test_a_letter_stretched_to_three_or_more_matches() -> None:
    wordlist = words("stupid", "ass")
    assert wordlist.find("stuuupid") == "stupid"
    assert wordlist.find("STUUUUUUPIIIID") == "stupid"
    assert wordlist.find("asssss") == "ass"


def test_a_doubled_letter_is_taken_as_written() -> None:
    assert words("stupid").find("stuupid") is None
    assert words("ass").find("as") is None


def test_an_entry_with_a_tripled_letter_matches_any_stretch_of_it() -> None:
    wordlist = words("kkk")
    assert wordlist.find("kkk") == "kkk"
    assert wordlist.find("kkkkkk") == "kkk"


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("st0pid", None),  # 0 is o, and "stopid" is not "stupid"
        ("1d10t", "idiot"),  # 1 as i
        ("ki11", "kill"),  # 1 as l
        ("l0ser", "loser"),
        ("m3ss", "mess"),
        ("b4stard", "bastard"),
        ("5tupid", "stupid"),
        ("@sshole", "asshole"),
        ("$tupid", "stupid"),
        ("a$$", "ass"),
        ("l00000ser", "loser"),  # substituted, then unstretched
    ],
)
def test_digits_and_symbols_stand_for_letters(text: str, entry: str | None) -> None:
    wordlist = words("idiot", "kill", "loser", "mess", "bastard", "stupid", "asshole", "ass")
    assert wordlist.find(f"you {text}!") == entry


@pytest.mark.parametrize("text", ["455 votes", "the A55 is shut", "A5 paper", "in 2024", "4G"])
def test_numbers_and_single_letter_codes_keep_their_digits(text: str) -> None:
    assert words("ass", "as", "ag").find(text) is None


def test_an_entry_with_digits_matches_as_written() -> None:
    assert words("88").find("88 balloons") == "88"


@pytest.mark.parametrize(
    "text",
    ["s.t.u.p.i.d", "s t u p i d", "S-T-U-P-I-D", "s_t_u_p_i_d", "s*t*u*p*i*d", "you s.t.u.p.i.d!"],
)
def test_a_spelled_out_word_matches(text: str) -> None:
    assert words("stupid").find(text) == "stupid"


@pytest.mark.parametrize(
    "text",
    [
        "A. S. S.",  # initials: a full stop and a space between letters
        "a b",  # only two
        "a s  s",  # two separators
        "Plan A, s, s",
    ],
)
def test_ordinary_single_letters_are_not_joined(text: str) -> None:
    assert words("ass", "as").find(text) is None


def test_a_spelled_out_word_may_be_obfuscated_too() -> None:
    assert words("idiot").find("1 d 1 0 t") == "idiot"


def test_a_phrase_matches_obfuscated_words() -> None:
    assert words("go back to").find("Goooo b4aaack to") == "go back to"


def test_contractions_match_with_or_without_the_apostrophe() -> None:
    wordlist = words("don't")
    assert wordlist.find("I dont care") == "don't"
    assert wordlist.find("I don\u2019t care") == "don't"


def test_a_hostile_word_cannot_make_the_search_blow_up() -> None:
    text = "1" * 50 + "a" * 50 + "1" * 50
    assert words("stupid").find(text) is None


# The list as the editor types it --------------------------------------------------------------


def test_blank_lines_comments_and_spaces_are_ignored() -> None:
    wordlist = WordList.from_text(
        "# Banned words, one a line\n\n   stupid   \n\t\nidiot # since March\n   # moron\n"
    )
    assert len(wordlist) == 2
    assert wordlist.find("moron") is None
    assert wordlist.find("idiot") == "idiot"


def test_duplicate_entries_count_once_and_the_first_spelling_is_kept() -> None:
    wordlist = WordList.from_text("Stupid\nSTUPID\nstupid")
    assert len(wordlist) == 1
    assert wordlist.find("stupid") == "Stupid"


def test_an_entry_of_punctuation_only_is_ignored() -> None:
    assert len(words("!!!", "---")) == 0


def test_an_empty_list_finds_nothing() -> None:
    assert WordList([]).find("anything at all") is None
    assert WordList.from_text("").find("anything") is None


def test_empty_text_matches_nothing() -> None:
    assert words("stupid").find("") is None


def test_from_text_parses_each_text_once() -> None:
    text = "stupid\nidiot\n# a list nobody else uses"
    assert WordList.from_text(text) is WordList.from_text(text)
    assert WordList.from_text(text + "\nmoron") is not WordList.from_text(text)


# Work independent of the list's size ----------------------------------------------------------


class CountingDict(dict[Any, Any]):
    lookups = 0

    def get(self, key: Any, default: Any = None) -> Any:
        type(self).lookups += 1
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        type(self).lookups += 1
        return super().__contains__(key)


class CountingSet(set[Any]):
    def __contains__(self, key: object) -> bool:
        CountingDict.lookups += 1
        return super().__contains__(key)

    def isdisjoint(self, other: Any) -> bool:
        CountingDict.lookups += len(other)
        return super().isdisjoint(other)


def lookups_for(wordlist: WordList, text: str) -> int:
    # White-box: the list's two tables are swapped for counting copies of themselves.
    wordlist._words = CountingDict(wordlist._words)
    wordlist._phrases = CountingDict(wordlist._phrases)
    wordlist._first_words = CountingSet(wordlist._first_words)
    wordlist._prefixes = CountingSet(wordlist._prefixes)
    CountingDict.lookups = 0
    assert wordlist.find(text) is None
    return CountingDict.lookups


def made_up_words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    letters = string.ascii_lowercase
    return ["".join(rng.choices(letters, k=rng.randint(5, 10))) for _ in range(count)]


def test_find_does_the_same_work_for_10_or_10000_entries() -> None:
    entries = made_up_words(10_000, seed=1)
    # Both lists hold a three-word phrase whose first two words occur in the comment.
    small = WordList([*entries[:9], "the budget fiasco"])
    large = WordList([*entries, "the budget fiasco", "go back to"])
    comment = (
        "The council's budget leaves youth services short; stuuupid 1d10t s.t.u.p.i.d "
        "decisions, say readers. "
    ) * 20
    assert len(large) == 10_002 and len(small) == 10
    small_lookups = lookups_for(small, comment)
    large_lookups = lookups_for(large, comment)
    assert small_lookups == large_lookups
    # And it is about the comment: a few lookups per word, nothing per entry.
    assert small_lookups < 10 * len(comment.split())
