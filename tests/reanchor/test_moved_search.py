"""Finding a passage that left its place (reanchor.search): when a candidate is, and is not, it.

Each test names the threshold of search.py it guards; with that threshold at 0, it fails.
"""

from __future__ import annotations

from random import Random

import pytest
from reanchor_texts import at, join, offset, paragraph, reanchor, sentence

from annotator.core.anchoring import describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import Placement

ORPHAN = Placement(None, None, AnchorStatus.ORPHAN)
FILLER = [
    "The opening paragraph sets out what the summit was meant to achieve in the end.",
    "The middle paragraph goes on about the pipeline, the price and the banks involved.",
    "The closing paragraph asks what either side can still expect from the other one.",
]
MORE = [
    "Another paragraph recalls the border treaty and the islands in the Amur river.",
    "Yet another describes the railway, the ports and the grain that passes through them.",
    "A last one wonders how long the friendship will last once the war in Ukraine is over.",
]
QUOTE = "the partnership between the two countries has no limits at all"
PARAGRAPH = f"Officials in Moscow said that {QUOTE}, according to a statement released on Friday."


def moved(paragraph: str) -> tuple[str, str]:
    """Old and new texts: PARAGRAPH second, then ``paragraph`` (its new version) last."""
    return join([FILLER[0], PARAGRAPH, *FILLER[1:]]), join([*FILLER, paragraph])


def test_a_moved_quote_with_a_few_words_replaced_is_found():
    old, new = moved(PARAGRAPH.replace("two countries", "both nations"))
    [placement] = reanchor(old, new, [at(old, QUOTE)])
    assert placement.status is AnchorStatus.MOVED
    assert new[placement.start : placement.end] == QUOTE.replace("two countries", "both nations")


def test_a_moved_passage_that_lost_most_of_its_wording_is_an_orphan():
    # Four of its eleven words replaced: too far from the quote (_FUZZY_CUTOFF) to say it is.
    edited = "the friendship between both nations knows no limits whatsoever"
    old, new = moved(PARAGRAPH.replace(QUOTE, edited))
    assert reanchor(old, new, [at(old, QUOTE)]) == [ORPHAN]


def test_an_edited_moved_passage_found_twice_is_an_orphan():
    # Its new version was pasted twice: two equally good places (_FUZZY_MARGIN).
    edited = PARAGRAPH.replace("two countries", "both nations")
    old = join([FILLER[0], PARAGRAPH, *FILLER[1:], "A coda to the whole article."])
    new = join([*FILLER, edited, "A coda to the whole article.", edited])
    assert reanchor(old, new, [at(old, QUOTE)]) == [ORPHAN]


def test_a_deleted_passage_does_not_land_on_its_words_in_other_surroundings():
    # The paragraph was deleted; a new one quotes the same words in a sentence of its own: the
    # context on each side must agree (_CONTEXT_NEEDED), the words alone are not the passage.
    old = join([FILLER[0], PARAGRAPH, *FILLER[1:]])
    quoting = f"Critics doubt whether {QUOTE} really holds after the latest quarrel over gas."
    new = join([FILLER[0], *FILLER[1:], quoting])
    assert reanchor(old, new, [at(old, QUOTE)]) == [ORPHAN]


def test_a_short_line_that_left_its_place_whole_is_found_where_it_arrived():
    # "Summary" gone from above and the one new "Summary" line below: too little context
    # (_EVIDENCE_NEEDED) to place the quote on its words, but its whole paragraph left one place
    # and arrived, word for word and once, at another. That is a move (MOVED, listed in Review),
    # the status a cut and paste gets; no copy that was there before can receive it.
    old = join([FILLER[0], "Summary", *FILLER[1:]])
    new = join([*FILLER, "Summary"])
    sel = describe(old, old.index("Summary"), old.index("Summary") + len("Summary"))
    [placement] = reanchor(old, new, [sel])
    assert placement.status is AnchorStatus.MOVED
    assert placement.start == new.rindex("Summary")


def test_a_short_line_is_not_reattached_when_only_part_of_its_paragraph_arrived():
    old = join([FILLER[0], "Summary of the talks", *FILLER[1:]])
    new = join([*FILLER, "Summary of the"])
    sel = describe(old, old.index("Summary"), old.index("Summary") + len("Summary"))
    assert reanchor(old, new, [sel]) == [ORPHAN]


def test_the_rest_of_its_paragraph_tells_a_moved_passage_from_a_look_alike():
    # Two inserted paragraphs hold the quote with the same 32 characters around it; only the
    # rest of the moved paragraph (_WIDE_CONTEXT) says which one it is.
    said = f"the diplomats agreed again and again that {QUOTE}, as one of them told us later."
    original = f"The talks in June were long. In the end {said} They went home by train."
    look_alike = f"A reporter asked about trade. At the press conference {said} Nobody cared."
    old = join([FILLER[0], original, *FILLER[1:], *MORE])
    new = join([*FILLER, *MORE[:2], look_alike, MORE[2], original])
    [placement] = reanchor(old, new, [at(old, QUOTE)])
    assert placement.status is AnchorStatus.MOVED
    assert placement.start == new.rindex(QUOTE)


def varied(original: str, rng, how: str) -> str:
    """A varied copy of a paragraph, its sentences reordered and one word, or one sentence,
    replaced (as the benchmark corpus varies its paragraphs)."""
    sentences = original.split(". ")
    rng.shuffle(sentences)
    if how == "sentence":
        sentences[rng.randrange(len(sentences))] = sentence(rng).rstrip(".")
    words = ". ".join(sentences).split(" ")
    if how == "word":
        words[rng.randrange(len(words))] = "variant"
    return " ".join(words)


@pytest.mark.parametrize("how", ["word", "sentence"])
@pytest.mark.parametrize("seed", range(6))
def test_reordered_paragraphs_with_varied_copies_never_land_on_a_copy(seed, how):
    # Every paragraph has two varied copies sharing its sentences, and all are shuffled: a
    # sentence must not stay "in place" in a copy while its paragraph went elsewhere. (Where a
    # copy differs by one word, a quote over that word may read as edited into the copy that
    # took its place, one word changed: a fair reading, so only EXACT and MOVED must be right.)
    rng = Random(seed)
    originals = [paragraph(rng) for _ in range(40)]
    parts = [
        copy
        for original in originals
        for copy in (original, varied(original, rng, how), varied(original, rng, how))
    ]
    rng.shuffle(parts)
    order = list(range(len(parts)))
    rng.shuffle(order)
    old, new = join(parts), join([parts[i] for i in order])
    picks = rng.sample(range(len(parts)), 30)
    selectors, expected = [], []
    for i in picks:
        words = parts[i].split(" ")
        a = len(" ".join(words[:2])) + 1
        b = a + len(" ".join(words[2:6]))
        selectors.append(describe(old, offset(parts, i) + a, offset(parts, i) + b))
        start = offset([parts[k] for k in order], order.index(i))
        expected.append((start + a, start + b))

    placements = reanchor(old, new, selectors)

    for placement, (start, end) in zip(placements, expected, strict=True):
        if placement.status in (AnchorStatus.EXACT, AnchorStatus.MOVED):
            assert (placement.start, placement.end) == (start, end)
        elif how == "sentence":
            assert placement.start is None or (placement.start, placement.end) == (start, end)
    assert sum(p.start is not None for p in placements) >= 25  # and most are found
