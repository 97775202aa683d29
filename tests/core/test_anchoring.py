"""Describing a span as W3C selectors and finding it again (annotator.core.anchoring)."""

from __future__ import annotations

import re
import tracemalloc

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from annotator.core.anchoring import CONTEXT, Anchored, Selectors, anchor, describe
from annotator.core.models import AnchorStatus

# Latin, Cyrillic, Hebrew and Arabic (right to left), combining marks, emoji and other astral
# characters (a skin-tone modifier, flag halves), the ZWJ joiner, CJK, white space of several kinds.
ALPHABET = st.sampled_from(
    list("abcdeéxyz ЖжшАБ אבגד عربي ")
    + ["\u0301", "\u0308", "\u200d", "\u05b8"]
    + ["😀", "👍", "\U0001f3fd", "𝔘", "𐍈", "\U0001f1eb", "\U0001f1f7", "中", "文"]
    + [" ", "\n", "\t", "\u00a0"]
)
TEXTS = st.text(ALPHABET, min_size=1, max_size=200)


@st.composite
def text_and_span(draw, texts=TEXTS):
    text = draw(texts)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@given(text_and_span())
def test_describe_then_anchor_returns_the_same_span(case):
    text, start, end = case
    selectors = describe(text, start, end)
    assert selectors.exact == text[start:end]
    assert len(selectors.prefix) <= CONTEXT and len(selectors.suffix) <= CONTEXT
    assert anchor(text, selectors) == Anchored(start, end, AnchorStatus.EXACT)


@given(text_and_span(), st.text(ALPHABET, min_size=1, max_size=80))
def test_anchor_finds_the_span_after_text_is_inserted_before_it(case, inserted):
    text, start, end = case
    assume(end > start and text[start:end].strip())
    selectors = describe(text, start, end)
    new = inserted + text
    shifted = start + len(inserted)
    # Only meaningful when the quote with its context is unique and no longer at its old offset.
    assume(new.count(selectors.prefix + selectors.exact + selectors.suffix) == 1)
    assume(new[start:end] != selectors.exact)
    assume(new.count(selectors.exact) == 1 or len(selectors.prefix) == CONTEXT)

    found = anchor(new, selectors)

    assert found is not None
    assert new[found.start : found.end] == selectors.exact
    if new.count(selectors.exact) == 1:
        assert (found.start, found.end) == (shifted, shifted + end - start)
        assert found.status is AnchorStatus.MOVED


@given(text_and_span())
def test_anchor_of_a_removed_quote_is_none(case):
    text, start, end = case
    selectors = describe(text, start, end)
    new = text[:start] + text[end:]
    assume(selectors.exact.strip())
    assume(selectors.exact not in new)
    assume(" ".join(selectors.exact.split()) not in " ".join(new.split()))
    assume(new[start:end] != selectors.exact)

    assert anchor(new, selectors) is None


@given(st.text(ALPHABET, min_size=0, max_size=40), st.text(ALPHABET, min_size=0, max_size=40))
def test_ambiguity_is_resolved_by_context(filler_a, filler_b):
    quote = "the same words"
    first = f"Alpha beta gamma {quote} delta epsilon."
    second = f"Omega psi chi {quote} phi upsilon."
    text = f"{first}{filler_a}\n\n{second}"
    start = text.index(quote, text.index("Omega"))
    selectors = describe(text, start, start + len(quote))
    new = filler_b + "Intro line.\n" + text  # shifts both occurrences
    assume(new.count(quote) == 2 and new[start : start + len(quote)] != quote)

    found = anchor(new, selectors)

    expected = new.index(quote, new.index("Omega"))
    assert found == Anchored(expected, expected + len(quote), AnchorStatus.MOVED)


def test_anchor_prefers_the_nearer_occurrence_when_context_ties():
    text = "x one two x\n" * 3
    selectors = Selectors(start=26, end=33, exact="one two", prefix="", suffix="")
    found = anchor("pad " + text, selectors)
    assert found == Anchored(30, 37, AnchorStatus.MOVED)  # 4 from the old offset, not 8 or 20


def test_whitespace_only_differences_are_found():
    text = "A line that was\nwrapped here and there."
    selectors = describe(text, 2, len(text) - 1)
    rewrapped = "A line that\nwas wrapped here\nand there."
    found = anchor(rewrapped, selectors)
    assert found is not None
    assert rewrapped[found.start : found.end] == "line that\nwas wrapped here\nand there"


def test_describe_rejects_a_span_outside_the_text():
    with pytest.raises(ValueError, match="outside"):
        describe("short", 2, 9)
    with pytest.raises(ValueError):
        describe("short", 3, 2)


def test_empty_span_is_kept_where_it_was_while_in_range():
    assert anchor("abc", Selectors(1, 1, "")) == Anchored(1, 1, AnchorStatus.EXACT)
    assert anchor("abc", Selectors(5, 5, "")) is None


def test_w3c_round_trip_and_missing_selectors():
    selectors = describe("Hello wonderful world", 6, 15)
    assert Selectors.from_w3c(selectors.to_w3c()) == selectors
    only_quote = Selectors.from_w3c({"type": "TextQuoteSelector", "exact": "wonderful"})
    assert (only_quote.start, only_quote.exact) == (-1, "wonderful")
    # A quote-only selector that occurs once is placed as is; several places need review.
    assert anchor("a wonderful day", only_quote) == Anchored(2, 11, AnchorStatus.EXACT)
    assert anchor("wonderful, wonderful", only_quote).status is AnchorStatus.MOVED
    with pytest.raises(ValueError, match="no TextQuoteSelector"):
        Selectors.from_w3c([{"type": "CssSelector"}])


def test_astral_characters_count_as_one_code_point():
    text = "😀 emoji 👍🏽 and 𝔘nicode"
    start = text.index("👍🏽")
    selectors = describe(text, start, start + 2)
    assert selectors.exact == "👍🏽"
    assert anchor("x" + text, selectors) == Anchored(start + 1, start + 3, AnchorStatus.MOVED)
    assert re.fullmatch(".", selectors.exact[0])


# Quotes that differ in white space only -------------------------------------------------------

SPACEY = st.text(st.sampled_from(list("ab é😀") + ["\n", "\t", "\u00a0", "\u3000", "\r"]))


def regex_occurrences(text: str, exact: str) -> list[tuple[int, int]]:
    """The rule the search keeps: the quote's words with any white space between them."""
    words = exact.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    spans, at = [], 0
    while (found := pattern.search(text, at)) is not None:
        spans.append(found.span())
        at = found.start() + 1
    return spans


@given(SPACEY, SPACEY)
def test_the_loose_search_finds_what_the_word_regex_finds(text, exact):
    from annotator.core.anchoring import _loose_occurrences

    assert list(_loose_occurrences(text, exact)) == regex_occurrences(text, exact)


@given(SPACEY, st.data())
def test_a_rewrapped_passage_is_found_at_its_place(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    passage = text[start:end]
    assume(passage.strip())
    rewrapped = " ".join(passage.split())
    found = anchor(text, Selectors(-1, -1, rewrapped))
    assert found is not None
    assert " ".join(text[found.start : found.end].split()) == rewrapped


def test_a_huge_rewrapped_quote_is_searched_in_memory_linear_in_its_size():
    # A regex built from the quote took 7.5 GB for 50 MB: the search may hold a few copies.
    lines = [f"Talks {n:05} stalled again in the spring, officials said.\n" for n in range(20_000)]
    text = "".join(lines)  # 1.2 MB
    start = len("".join(lines[:5]))
    quote = "".join(lines[5:15_000]).replace("\n", " ")  # 0.9 MB, rewrapped
    tracemalloc.start()
    try:
        found = anchor(text, Selectors(-1, -1, quote))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found is not None and found.start == start
    assert peak < 8 * (len(text) + len(quote))


def test_a_quote_longer_than_the_text_is_not_even_folded():
    quote = "word " * 400_000
    tracemalloc.start()
    try:
        assert anchor("a short text", Selectors(-1, -1, quote)) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < len(quote) // 4
