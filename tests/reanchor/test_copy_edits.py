"""Dense copy-edits: many small changes close together (issue 13), and what each rule guards."""

from __future__ import annotations

import re
from pathlib import Path
from random import Random

from reanchor_texts import reanchor

from annotator.core.anchoring import Selectors, describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import Placement

EXACT, EDITED, MOVED, ORPHAN = (
    AnchorStatus.EXACT,
    AnchorStatus.EDITED,
    AnchorStatus.MOVED,
    AnchorStatus.ORPHAN,
)
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
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


def test_a_quote_ending_on_a_word_boundary_is_not_exact_inside_a_longer_word():
    old = "Hua Chunying, responding to a question about the visit, said nothing new."
    new = "Hua Chunying, responding to alliance question about the visit, said nothing new."
    [placement] = reanchor(old, new, [at(old, "responding to a")])
    assert placement.status is EDITED
    assert placed(new, placement) == "responding to alliance"


def test_a_quote_keeping_half_its_words_is_edited_even_with_a_long_word_replaced():
    old = "Both sides swear to resist the perceived threat of intrusion from outside."
    new = "Both sides swear to alliance the perceived threat of intrusion from outside."
    [placement] = reanchor(old, new, [at(old, "to resist the")])
    assert placement.status is EDITED
    assert placed(new, placement) == "to alliance the"


def test_an_intact_short_quote_among_replaced_words_is_kept_in_place():
    # Every word within 32 characters of "drowned." was replaced, so the diff keeps less than
    # _SUPPORT characters of its context there; further out the sentence is intact, reached
    # through changes no larger than a copy-edit (_COPY_EDIT).
    old = (
        "In the cold spring of that year the village mourned. "
        "His tired old brother Tom drowned. Every neighbour was there at the long funeral "
        "in the small church by the river."
    )
    new = (
        "In the cold spring of that year the village mourned. "
        "Our bright young cousin Ann drowned. Some strangers came there at the long funeral "
        "in the small church by the river."
    )
    [placement] = reanchor(old, new, [at(old, "drowned.")])
    assert placement == Placement(new.index("drowned."), new.index("drowned.") + 8, EXACT)


def test_an_ellipsis_does_not_pin_an_edited_sentence_to_the_wrong_side():
    # Paragraphs of a seed article, copy-edited densely. Raw, the sentence diff paired an
    # ellipsis ("… ") with another one, leaving "take it for themselves." deleted on one side
    # of it and its edited version inserted on the other: a sentence that recurs (an ellipsis)
    # is now the same only between the same neighbours.
    text = (SEEDS / "002_91c312bc047a5841.txt").read_text(encoding="utf-8")
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()][23:27]
    replaced = [
        {8: "border", 14: "border", 25: "treaty", 33: "market", 39: "leader", 54: "trade",
         76: "pressure", 81: "leader"},
        {7: "policy", 10: "summit", 16: "alliance", 40: "energy", 45: "summit", 56: "summit",
         58: "border"},
        {},
        {17: "policy", 29: "energy", 46: "summit", 58: "trade", 76: "pressure", 94: "market",
         115: "leader", 136: "market", 143: "trade", 145: "pressure", 148: "summit",
         156: "summit", 161: "policy", 167: "market", 169: "pressure"},
    ]  # fmt: skip
    edited = []
    for paragraph, changes in zip(paragraphs, replaced, strict=True):
        words = paragraph.split(" ")
        edited.append(" ".join(changes.get(i, word) for i, word in enumerate(words)))
    old, new = "\n\n".join(paragraphs), "\n\n".join(edited)
    start = old.index("for themselves.")
    sel = describe(old, start, old.index("in dire") + len("in dire"))

    [placement] = reanchor(old, new, [sel])

    assert placement.status is EDITED
    assert placed(new, placement) == "for pressure … And summit is in dire"


def test_a_quote_found_where_its_rewritten_surroundings_were_is_not_moved():
    # Long rewritten stretches on both sides make the diff report the unchanged middle as
    # replaced too; the quote is found there, between the same kept text: it did not move.
    keep = "and the harbour master said the storm would break before the night fell on us"
    old = (
        "Opening line stays.\n\n"
        + " ".join(["fisherman nets river"] * 12)
        + f" {keep} "
        + " ".join(["church mill bridge"] * 12)
        + "\n\nClosing line stays."
    )
    new = (
        "Opening line stays.\n\n"
        + " ".join(["winter boat village market"] * 12)
        + f" {keep} "
        + " ".join(["road storm harbour village"] * 12)
        + "\n\nClosing line stays."
    )
    [placement] = reanchor(old, new, [at(old, "said the storm would break")])
    assert placement.status is EXACT
    assert placed(new, placement) == "said the storm would break"


def test_a_deleted_paragraph_is_not_given_to_its_twin_that_moved():
    # Deleted here while its verbatim twin moved there reads exactly like the twin deleted and
    # this one moved: nobody can tell which, so neither is placed.
    twin = "The envoy returned with the signed accord and a gift of green tea for the court."
    parts = [
        "Opening words of the report.",
        twin,
        "Trade grew quickly in the following decade, mostly grain and timber.",
        "Critics argued that the accord favoured one side far too heavily.",
        twin,
        "The archive holds the letters of both delegations to this day.",
        "A closing paragraph sums the whole affair up for the reader.",
    ]
    old = "\n\n".join(parts)
    first, second = old.index(twin), old.rindex(twin)
    quote = "signed accord and a gift"
    selectors = [
        describe(old, first + twin.index(quote), first + twin.index(quote) + len(quote)),
        describe(old, second + twin.index(quote), second + twin.index(quote) + len(quote)),
    ]
    new = "\n\n".join([parts[0], parts[2], parts[3], parts[5], parts[6], twin])

    assert reanchor(old, new, selectors) == [Placement(None, None, ORPHAN)] * 2
    # Without the twin, the moved paragraph is found.
    alone = "\n\n".join([parts[0], parts[2], parts[3], twin, parts[5], parts[6]])
    new_alone = "\n\n".join([parts[0], parts[2], parts[3], parts[5], parts[6], twin])
    sel = at(alone, quote)
    [placement] = reanchor(alone, new_alone, [sel])
    assert placement.status is MOVED and placed(new_alone, placement) == quote


def test_a_deleted_paragraph_is_not_given_to_its_twin_next_to_a_changed_word():
    # Found by the property test: the approximate search matched "for" to the inserted word
    # "orchid" and placed it on the twin's own "for" beside it, text the diff had kept.
    victim = "At partner xi it as for and rival rejected. That summit said wrote accord history."
    other = "Market policy beijing which. Army talks as envoy visit stalin energy."
    old = "\n\n".join([victim, other, victim, "Debt history as rejected navy the army hoped."])
    new = old[len(victim) + 2 :].replace("At partner", "orchid partner")
    sel = describe(old, victim.index("for"), victim.index("for") + 3)
    assert reanchor(old, new, [sel]) == [Placement(None, None, ORPHAN)]


MOVED_IN = (
    "The structure of the trade is similarly skewed. More than three-quarters of Russia's "
    "exports to China are raw materials, specifically crude oil, wood, and coal. China's sales "
    "are 45 percent consumer goods and 38 percent electronics and machinery."
)


def test_an_edited_heading_is_not_joined_to_a_paragraph_moved_in_before_it():
    # Both headings have a typo and the paragraph that moved lands between them: compared as
    # one region, "The " of the second heading paired with "The " of the moved paragraph and
    # the heading's annotation grew over the whole paragraph.
    body = [
        "Chinese President Xi Jinping meets with Russian President Vladimir Putin in Moscow.",
        "Yet away from the global limelight, the two sides quarrel over trade and over arms.",
        "Both capitals insist in public that their partnership has no limits whatsoever.",
        "Diplomats on either side tell a rather different story when they speak in private.",
    ]
    old = "\n\n".join(
        [
            "Are Russia and China Really Forming an Alliance?",
            "The Evidence Is Less Than Impressive",
            *body,
            MOVED_IN,
            "A last word.",
        ]
    )
    new = "\n\n".join(
        [
            "Are Russia and China Really Formiing an Alliance?",
            MOVED_IN,
            "The Evdience Is Less Than Impressive",
            *body,
            "A last word.",
        ]
    )
    [placement] = reanchor(old, new, [at(old, "The Evidence Is Less Than")])
    assert placement.status is EDITED
    assert placed(new, placement) == "The Evdience Is Less Than"


def test_an_edited_last_sentence_keeps_its_full_stop_when_the_next_paragraph_moves_away():
    old = "\n\n".join(
        [
            "One wonders whether the Chinese-Russian relationship is doomed.",
            MOVED_IN,
            "In an article she wrote, the summit was called a success.",
            "Closing remarks of the author.",
        ]
    )
    new = "\n\n".join(
        [
            "One wonders whether the Chinese-Russian relaitonship border doomed.",
            "In an article she wrote, the summit was called a success.",
            MOVED_IN,
            "Closing remarks of the author.",
        ]
    )
    [placement] = reanchor(old, new, [at(old, "relationship is doomed.")])
    assert placement.status is EDITED
    assert placed(new, placement) == "relaitonship border doomed."


def test_a_moved_quote_is_found_though_the_word_beside_it_was_replaced():
    paragraph = (
        "It is striking how many countries around the world, including major democracies "
        "such as India and Brazil, have continued to trade enthusiastically with Russia."
    )
    filler = [
        "The first paragraph opens the article.",
        "A second paragraph follows with more detail about the summit.",
        "The third paragraph is about the pipeline and its price.",
    ]
    old = "\n\n".join([filler[0], paragraph, filler[1], filler[2]])
    edited = paragraph.replace("including", "trade")
    new = "\n\n".join([filler[0], filler[1], filler[2], edited])
    [placement] = reanchor(old, new, [at(old, "how many countries around")])
    assert placement.status is MOVED
    assert placement.start == new.index("how many countries around")


def test_a_moved_quote_ending_in_an_ellipsis_takes_all_three_dots():
    paragraph = (
        "Similarly, “national rejuvenation” became central to the regime’s foreign policy "
        "discourse. In Xi’s words, China was facing “the most complicated … external factors "
        "in [its] history.”"
    )
    filler = [
        "The opening paragraph sets out what the summit was meant to achieve.",
        "The middle paragraph goes on about the pipeline, the price and the banks.",
        "The closing paragraph asks what either side can still expect from the other.",
    ]
    old = "\n\n".join([filler[0], paragraph, filler[1], filler[2]])
    plain = paragraph.replace("…", "...").replace("“", '"').replace("”", '"').replace("’", "'")
    new = "\n\n".join([filler[0], filler[1], filler[2], plain.replace("China", "market")])
    [placement] = reanchor(old, new, [at(old, "China was facing “the most complicated …")])
    assert placement.status is MOVED
    assert placed(new, placement) == 'market was facing "the most complicated ...'


def test_a_short_quote_in_a_rewritten_sentence_does_not_stay_on_the_same_words_by_chance():
    # A different sentence of the same length took the paragraph's place: compared word for
    # word, "the border" happens to stand where it stood. Kept alone, among replaced words up
    # to the paragraph's edges, it is an island (_SUPPORT), not the passage.
    before = "The opening paragraph sets out what the summit was meant to achieve in the end."
    after = "The closing paragraph asks what either side can still expect from the other one."
    rewritten = "Last spring the envoy signed the border treaty in Moscow after weeks of talks."
    replacement = "Each morning our farmers crossed the border river at dawn with their old cattle."
    old = "\n\n".join([before, rewritten, after])
    new = "\n\n".join([before, replacement, after])
    assert reanchor(old, new, [at(old, "the border")]) == [Placement(None, None, ORPHAN)]
