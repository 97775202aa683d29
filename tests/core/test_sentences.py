"""The sentence splitter behind --context: abbreviations, initials, numbers, quotes, bounds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.sentences import CONTEXT_LIMIT, context, gap_after, gap_before


def _around(text: str, quote: str) -> tuple[str, str]:
    start = text.index(quote)
    return context(text, start, start + len(quote))


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence():
    text = (
        "Trade grew 3.5 per cent. Dr. J. Smith of the U.S. Treasury said the ruble fell. "
        "That was all."
    )
    assert _around(text, "the ruble fell.") == (
        "Trade grew 3.5 per cent. Dr. J. Smith of the U.S. Treasury said",
        "That was all.",
    )


def test_closing_quotes_belong_to_the_sentence_they_end():
    text = 'He said: "We are partners." Then he left. Later, talks resumed.'
    assert _around(text, "Then he left.") == (
        'He said: "We are partners."',
        "Later, talks resumed.",
    )


def test_a_passage_at_the_edges_of_the_text_has_no_context_there():
    text = "First sentence here. Second one."
    assert _around(text, "First sentence here.") == ("", "Second one.")
    assert _around(text, "Second one.") == ("First sentence here.", "")


@given(st.text(alphabet=st.sampled_from("ab .!?\n"), max_size=3000), st.data())
def test_context_is_bounded_and_taken_from_around_the_passage(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    before, after = context(text, start, end)
    assert len(before) <= CONTEXT_LIMIT + 1 and len(after) <= CONTEXT_LIMIT + 1
    squeezed = lambda s: " ".join(s.split())  # noqa: E731
    assert squeezed(before).lstrip("…") in squeezed(text[:start])
    assert squeezed(after).rstrip("…") in squeezed(text[end:])


def test_a_passage_stopping_before_its_closing_quote_gets_the_next_sentence_too():
    text = (
        "Intro sentence here. The statement said ties “have reached the highest level in their "
        "history.”\n\nNext paragraph starts. And more."
    )
    quote = "The statement said ties “have reached the highest level in their history."
    start = text.index(quote)
    before, after = context(text, start, start + len(quote))
    assert after == "” Next paragraph starts."
    # Rendered, the mark closes the quote with no space: "history.” Next paragraph starts."
    assert quote + gap_after(after) + after == (
        "The statement said ties “have reached the highest level in their history.” "
        "Next paragraph starts."
    )


def test_context_is_spaced_from_the_quote_unless_punctuation_joins_them():
    assert gap_after("Then he left.") == " " and gap_after(", he said.") == ""
    assert gap_before("He wrote:") == " " and gap_before("He called it “") == ""
