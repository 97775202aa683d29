"""Dense copy-edits: many small changes close together (issue 13), and what each rule guards."""

from __future__ import annotations

from random import Random

from annotator.core.anchoring import Selectors, describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import Placement, reanchor

EXACT, EDITED, MOVED, ORPHAN = (
    AnchorStatus.EXACT,
    AnchorStatus.EDITED,
    AnchorStatus.MOVED,
    AnchorStatus.ORPHAN,
)
WORDS = "river village winter boat harbour storm fisherman nets market bridge church mill".split()


def at(text: str, quote: str) -> Selectors:
    start = text.index(quote)
    return describe(text, start, start + len(quote))


def placed(text: str, placement: Placement) -> str | None:
    if placement.start is None:
        return None
    return text[placement.start : placement.end]


def copy_edited_story() -> tuple[str, str, list[str]]:
    """200 sentences in paragraphs of ten; a middle word replaced in two sentences of three."""
    rng = Random(5)
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12))).capitalize() + "."
        for _ in range(200)
    ]
    sentences[100] = "The old fisherman drowned."
    sentences[101] = "Tom saw the boat sink near the harbour."
    edited = []
    for i, sentence in enumerate(sentences):
        words = sentence.split(" ")
        if i % 3 and i != 100:
            words[len(words) // 2] = "copyedited"
        if i == 101:
            words[0] = "Nobody"  # the words right after the one-word quote change too
        edited.append(" ".join(words))
    old, new = (
        "\n\n".join(" ".join(s[k : k + 10]) for k in range(0, 200, 10)) for s in (sentences, edited)
    )
    unchanged = [s for i, s in enumerate(sentences) if i % 3 == 0 and i != 0]
    return old, new, unchanged


def test_a_copy_edited_text_keeps_every_unchanged_sentence_exact_in_place():
    # A sentence with one word changed is one changed token to a sentence diff: weighed there,
    # the edits swallowed the unchanged sentences between them and, past 6,000 characters, the
    # whole stretch counted as deleted and inserted. Its quotes were then "moved" or orphaned.
    old, new, unchanged = copy_edited_story()
    selectors = [at(old, "drowned."), *(at(old, sentence) for sentence in unchanged)]

    placements = reanchor(old, new, selectors)

    assert placements[0] == Placement(new.index("drowned."), new.index("drowned.") + 8, EXACT)
    for sentence, placement in zip(unchanged, placements[1:], strict=True):
        assert placement.status is EXACT
        assert placement.start == new.index(sentence)


def test_two_replaced_words_in_a_row_are_replaced_word_for_word():
    old = "The policy of the US is aimed at weakening Russia in every possible way."
    new = "The policy of the US is leader pressure weakening Russia in every possible way."
    [placement] = reanchor(old, new, [at(old, "at weakening Russia")])
    assert placement.status is EDITED
    assert placed(new, placement) == "pressure weakening Russia"


def test_an_unchanged_word_between_two_replaced_ones_is_still_there():
    old = "Later that year the boy of the dog came home from the long war in the east."
    new = "Later that year the policy of the treaty came home from the long war in the east."
    [placement] = reanchor(old, new, [at(old, "of")])
    assert placement == Placement(new.index("of"), new.index("of") + 2, EXACT)
