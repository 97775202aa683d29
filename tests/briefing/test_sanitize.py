"""Text cleaning for WordprocessingML, web addresses in notes, and paragraph splitting."""

from __future__ import annotations

from docx.oxml.parser import OxmlElement
from hypothesis import given
from hypothesis import strategies as st

from annotator.briefing.sanitize import (
    LONG_PARAGRAPH,
    clean_briefing,
    clean_text,
    split_paragraphs,
    url_spans,
)
from annotator.core.briefing import BriefingOptions

ANY_CHAR = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())


def test_clean_text_drops_what_xml_forbids_and_keeps_the_rest():
    assert clean_text("a\x00b\x08c\x1ff\ufffeg\uffffh") == "abcfgh"
    assert clean_text("tab\there\nnew line") == "tab\there\nnew line"
    assert clean_text("dos\r\nmac\rend") == "dos\nmac\nend"
    assert clean_text("lone \udc80 surrogate") == "lone \ufffd surrogate"
    assert clean_text("emoji 😀 and ℵ and 中") == "emoji 😀 and ℵ and 中"


@given(st.text(alphabet=ANY_CHAR))
def test_cleaned_text_is_accepted_by_python_docx(text):
    t = OxmlElement("w:t")
    t.text = clean_text(text)  # raises ValueError / UnicodeEncodeError on forbidden characters
    assert clean_text(clean_text(text)) == clean_text(text)


def test_clean_briefing_cleans_nested_dataclasses_and_keeps_clean_ones():
    options = BriefingOptions(title="a\x00b", author="clean")
    cleaned = clean_briefing(options)
    assert cleaned.title == "ab" and cleaned.author == "clean"
    assert clean_briefing(BriefingOptions()) is not None
    plain = BriefingOptions(title="fine")
    assert clean_briefing(plain) is plain


@given(st.text(alphabet=st.sampled_from("ab .\n!?"), max_size=400), st.integers(10, 60))
def test_split_paragraphs_keeps_every_word_within_the_limit(text, limit):
    pieces = split_paragraphs(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert "".join(pieces).replace(" ", "") == "".join(text.split())


def test_split_prefers_sentence_ends():
    text = "One two three. Four five six. Seven eight nine."
    assert split_paragraphs(text, 32) == ["One two three. Four five six.", "Seven eight nine."]


def test_form_feed_and_vertical_tab_separate_words():
    # Issue 11: "Form\x0cfeed" printed as "Formfeed".
    assert clean_text("Form\x0cfeed and vertical\x0btab") == "Form feed and vertical tab"


def test_a_long_paragraph_gains_no_break_of_its_own():
    # Issue 11: a 7,500-character quote was cut in two at 5,000 characters.
    long = " ".join(["word"] * 3000) + "."
    assert len(long) > 7500 and split_paragraphs(long) == [long]
    assert LONG_PARAGRAPH * 4 < 10_000_000  # lxml's limit when the file is read back


def test_url_spans_leave_closing_punctuation_out():
    text = "See https://example.org/a_(b), and www.example.com/x. Also (https://x.org/y)."
    found = [text[s:e] for s, e in url_spans(text)]
    assert found == ["https://example.org/a_(b)", "www.example.com/x", "https://x.org/y"]
