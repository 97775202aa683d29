"""Word snapping of selections (core code points)."""

import pytest

from annotator.ui.words import snap_to_words

TEXT = "Putin’s visit to Beijing – his first trip abroad since café\u0301 naïve."


def span_of(text, word):
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize(
    ("partial", "expected"),
    [
        ("sit to Bei", "visit to Beijing"),
        ("tin", "Putin’s"),
        ("P", "Putin’s"),
        ("first", "first"),
        (" his ", "his"),
        ("caf", "café\u0301"),
        ("ïv", "naïve"),
    ],
)
def test_partial_words_grow_to_whole_words(partial, expected):
    start, end = span_of(TEXT, partial)
    s, e = snap_to_words(TEXT, start, end)
    assert TEXT[s:e] == expected


def test_whitespace_only_and_empty_selections_stay():
    start = TEXT.index(" to ")
    assert snap_to_words(TEXT, start, start + 1) == (start, start + 1)
    assert snap_to_words(TEXT, 3, 3) == (3, 3)


def test_reversed_spans_are_ordered_and_clamped():
    assert snap_to_words("hello world", 8, 2) == (0, 11)
    assert snap_to_words("hello", -3, 99) == (0, 5)


def test_punctuation_is_not_pulled_in():
    text = "(quoted) words."
    s, e = snap_to_words(text, 2, 5)
    assert text[s:e] == "quoted"


def test_unspaced_scripts_do_not_swallow_sentences():
    text = "漢字かなカナ交じり文"
    assert snap_to_words(text, 1, 3) == (1, 3)


def test_hyphenated_words_snap_per_part():
    text = "the Sino-Soviet split"
    s, e = snap_to_words(text, text.index("ovi"), text.index("ovi") + 2)
    assert text[s:e] == "Soviet"
