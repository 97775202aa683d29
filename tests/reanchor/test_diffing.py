"""The hierarchical diff and mapping positions through it (reanchor.diffing, reanchor.alignment)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.reanchor.alignment import Alignment
from annotator.reanchor.diffing import diff
from annotator.reanchor.fold import canonical, fold, same_words

PIECES = st.sampled_from(
    ["The ", "treaty ", "was ", "signed", ". ", "\n\n", "Moscow ", "and ", "😀", "é", "a", "  "]
)
TEXTS = st.lists(PIECES, max_size=60).map("".join)


def apply(ops: list[tuple[str, int]], a: str, b: str) -> tuple[str, str]:
    """Rebuild both texts from the operations, checking that equal parts are equal."""
    i = j = 0
    old, new = [], []
    for op, n in ops:
        assert n > 0
        if op == "=":
            assert a[i : i + n] == b[j : j + n]
            old.append(a[i : i + n])
            new.append(b[j : j + n])
            i, j = i + n, j + n
        elif op == "-":
            old.append(a[i : i + n])
            i += n
        else:
            new.append(b[j : j + n])
            j += n
    return "".join(old), "".join(new)


@given(TEXTS, TEXTS)
def test_diff_accounts_for_every_character_of_both_texts(a, b):
    ops = diff(a, b)
    assert apply(ops, a, b) == (a, b)


@given(TEXTS, TEXTS, TEXTS)
def test_unchanged_surroundings_map_exactly(head, middle, tail):
    old = head + "Middle part stays." + tail
    new = head + middle + "Middle part stays." + tail
    alignment = Alignment.of(diff(old, new), old, new)
    start = len(head)
    mapped = alignment.map_start(start + 7), alignment.map_end(start + 11)
    assert new[mapped[0] : mapped[1]] == "part"


def test_large_reflowed_text_is_diffed_by_sentences_not_given_up():
    sentence = "Sentence number {} talks about trade between the two countries at length. "
    old = "".join(sentence.format(i) for i in range(20_000))  # about 1.5 MB
    new = old.replace("number 10000 talks", "number 10000 speaks")
    ops = diff(old, new)
    assert apply(ops, old, new) == (old, new)
    changed = sum(n for op, n in ops if op != "=")
    assert changed <= 10  # the word "talks" against "speaks", not the whole text


def test_deletion_slides_to_the_paragraph_boundary():
    # "x. B." minus " B." could also be read as deleting ". B" and keeping the last full stop.
    old = "First paragraph ends here.\n\nSecond one goes.\n\nThird."
    new = "First paragraph ends here.\n\nThird."
    alignment = Alignment.of(diff(old, new), old, new)
    end = old.index("here.") + len("here.")
    assert alignment.map_end(end) == new.index("here.") + len("here.")


def test_edited_last_word_does_not_swallow_an_inserted_paragraph():
    old = "We want a committed partnership.\n\nNext topic starts."
    new = "We want a committed pxrtnership.\n\nA brand new paragraph.\n\nNext topic starts."
    alignment = Alignment.of(diff(old, new), old, new)
    start, end = old.index("committed"), old.index("partnership.") + len("partnership.")
    assert new[alignment.map_start(start) : alignment.map_end(end)] == "committed pxrtnership."


def test_inserted_ranges_are_reported_in_new_coordinates():
    old = "Alpha beta gamma."
    new = "Alpha new words beta gamma. Tail."
    ranges = Alignment.of(diff(old, new)).inserted()
    assert "".join(new[s:e] for s, e in ranges).split() == ["new", "words", "Tail."]


def test_fold_keeps_length_and_makes_typography_plain():
    text = "“Quoted” – ‘single’ — end…\u00a0\r\nnext"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == "\"Quoted\" - 'single' - end.   next"


def test_canonical_ignores_whitespace_dashes_and_ellipses():
    assert same_words("He said “no” — then… left", 'He said "no" -- then...\nleft')
    assert canonical("  a \n\n b  ") == "a b"
    assert not same_words("He said no", "He said yes")


def test_a_sentence_edited_in_place_is_compared_word_by_word_though_a_copy_arrives():
    # The line got a typo here, and the same line, intact, was added further on: as many copies
    # left as arrived, which reads like a move, but an edited version stands in its place, so
    # it is an edit, not a sentence to hold whole for the moved-passage search.
    line = "Your email address will not be published, the editors said."
    filler = [
        "The opening paragraph sets out what the summit was meant to achieve in the end.",
        "The middle paragraph goes on about the pipeline, the price and the banks involved.",
        "The closing paragraph asks what either side can still expect from the other one.",
    ]
    middle = " ".join(filler)  # long enough that the diff keeps it rather than the line
    old = "\n\n".join([filler[0], line, middle, filler[2]])
    new = "\n\n".join([filler[0], line.replace("email", "emial"), middle, line, filler[2]])
    alignment = Alignment.of(diff(old, new), old, new)
    start = old.index(line)
    assert alignment.kept(start, start + len(line), old) >= 0.9 * len(line.replace(" ", ""))
