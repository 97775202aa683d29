"""The PDF layout rules one by one: columns, paragraphs, running heads, line-end hyphens."""

from __future__ import annotations

from collections import Counter

import pytest

from annotator.formats.pdf_furniture import furniture
from annotator.formats.pdf_layout import Line, Word, make_lines, mark_paragraphs, reading_order
from annotator.formats.pdf_reader import _join

H = 10.0  # line height in points


def line(text: str, x0: float, top: float, width: float | None = None, height: float = H) -> Line:
    """A line of ``text``, 5 points a character; ``width`` stretches it (justified text)."""
    natural = 5 * len(text)
    stretch = (width or natural) / natural
    words, x = [], x0
    for token in text.split(" "):
        words.append(Word(token, x, x + 5 * len(token) * stretch, top - height, top))
        x += 5 * (len(token) + 1) * stretch
    x1 = words[-1].x1
    return Line(words, x0, x1, top - height, top, text=text, size=height)


def texts(lines: list[Line]) -> list[str]:
    return [item.text for item in lines]


def words_of(text: str, x0: float, bottom: float, space: float = 3.0) -> list[Word]:
    words, x = [], x0
    for token in text.split():
        words.append(Word(token, x, x + 5 * len(token), bottom, bottom + H))
        x += 5 * len(token) + space
    return words


def test_rows_split_at_the_gutter_that_runs_down_the_page() -> None:
    words = []
    for row in range(6):
        words += words_of(f"left column line {row}", 50, 700 - 12 * row)
        words += words_of(f"right column line {row}", 200, 700 - 12 * row)  # 20 pt gutter
    found = sorted(texts(make_lines(words)))
    assert found == sorted(
        [f"{side} column line {row}" for side in ("left", "right") for row in range(6)]
    )


def test_stretched_word_spaces_of_justified_text_do_not_split_a_line() -> None:
    words = []
    for row in range(8):
        # Each line's wide spaces fall elsewhere, as justification spreads them.
        words += words_of("a" * (row + 2) + " justified line with gaps", 50, 700 - 12 * row, 15)
    assert len(make_lines(words)) == 8


def test_three_columns_read_one_after_another() -> None:
    lines = [
        line(f"c{col} r{row}", 50 + col * 170, 700 - row * 12, width=150)
        for row in range(4)
        for col in range(3)
    ]
    assert texts(reading_order(lines)) == [f"c{c} r{r}" for c in range(3) for r in range(4)]


def test_a_full_width_line_ends_the_columns_above_it() -> None:
    top = [
        line(f"a{c}{r}", 50 + c * 250, 700 - r * 12, width=230) for r in range(3) for c in range(2)
    ]
    wide = line("A heading across both columns", 50, 650, width=480)
    below = [
        line(f"b{c}{r}", 50 + c * 250, 630 - r * 12, width=230) for r in range(3) for c in range(2)
    ]
    order = texts(reading_order(top + [wide] + below))
    assert order == [
        "a00", "a01", "a02", "a10", "a11", "a12",
        "A heading across both columns",
        "b00", "b01", "b02", "b10", "b11", "b12",
    ]  # fmt: skip


def test_one_column_reads_top_down() -> None:
    lines = [line(f"row {r}", 50, 700 - r * 12, width=400) for r in (2, 0, 1)]
    assert texts(reading_order(lines)) == ["row 0", "row 1", "row 2"]


def paragraph_starts(lines: list[Line]) -> list[str]:
    ordered = reading_order(lines)
    mark_paragraphs(ordered)
    return [item.text for item in ordered if item.starts_paragraph]


def test_a_wider_gap_starts_a_paragraph() -> None:
    tops = [700, 688, 676, 652, 640]  # pitch 12, then a gap of 24
    lines = [line(f"line {i}", 50, t, width=400) for i, t in enumerate(tops)]
    assert paragraph_starts(lines) == ["line 0", "line 3"]


def test_an_indented_line_starts_a_paragraph() -> None:
    lines = [
        line(f"line {i}", 50 + (12 if i == 2 else 0), 700 - i * 12, width=400) for i in range(4)
    ]
    assert paragraph_starts(lines) == ["line 0", "line 2"]


def test_a_change_of_font_size_starts_a_paragraph() -> None:
    lines = [line("A Heading", 50, 712, width=400, height=16)]
    lines += [line(f"line {i}", 50, 692 - i * 12, width=400) for i in range(3)]
    assert paragraph_starts(lines) == ["A Heading", "line 0"]


def test_a_line_with_room_for_the_next_word_ended_its_paragraph() -> None:
    lines = [
        line("a full line of text that runs to the edge", 50, 700, width=400),
        line("stops here", 50, 688),  # 50 points, 350 to spare: "next" would have fitted
        line("next paragraph begins", 50, 676, width=400),
        line("ragged line stops", 50, 664, width=380),  # 20 points to spare
        line("extraordinarily long words go on", 50, 652, width=400),  # too long for them
        line("then a hyphen-", 50, 640, width=100),
        line("ated word", 50, 628, width=400),
    ]
    assert paragraph_starts(lines) == [
        "a full line of text that runs to the edge",
        "next paragraph begins",
    ]


def pages_with(margin_texts: list[tuple[str, str]]) -> list[tuple[list[Line], float]]:
    """Pages with a header and footer each, and body lines between."""
    pages = []
    for header, footer in margin_texts:
        lines = [line(header, 50, 810), line(footer, 290, 40)]
        lines += [line(f"body {i}", 50, 700 - i * 12, width=400) for i in range(5)]
        pages.append((lines, 842.0))
    return pages


def dropped_texts(pages: list[tuple[list[Line], float]]) -> list[set[str]]:
    found = furniture(pages)
    return [
        {item.text for item in lines if id(item) in ids}
        for (lines, _h), ids in zip(pages, found, strict=True)
    ]


def test_alternating_running_heads_and_folios_are_furniture() -> None:
    heads = ["Journal of Eurasian Affairs 12", "Pham: Partners Without an Alliance"]
    pages = pages_with([(heads[n % 2], f"{37 + n}") for n in range(6)])
    assert dropped_texts(pages) == [{heads[n % 2], f"{37 + n}"} for n in range(6)]


def test_a_line_at_the_top_of_one_page_only_stays() -> None:
    pages = pages_with(
        [("Chapter 3", "Page 1 of 5")] + [("Running head", f"Page {n} of 5") for n in range(2, 6)]
    )
    assert dropped_texts(pages)[0] == {"Page 1 of 5"}


@pytest.mark.parametrize("folio", ["12", "xii", "Page 3", "3 of 10", "- 4 -", "p. 7"])
def test_page_numbers_are_furniture_even_on_one_page(folio: str) -> None:
    assert dropped_texts(pages_with([("A title at the top", folio)])) == [{folio}]


NO_WORDS: Counter[str] = Counter()


@pytest.mark.parametrize(
    ("before", "after", "words", "joined"),
    [
        ("their inter-", "national standing", NO_WORDS, "their international standing"),
        ("forty years of Sino-", "Russian talks", NO_WORDS, "forty years of Sino-Russian talks"),
        ("during the COVID-", "19 pandemic", NO_WORDS, "during the COVID-19 pandemic"),
        ("in the 1990-", "ies and", NO_WORDS, "in the 1990-ies and"),
        ("a well-", "known fact", Counter({"well-known": 2}), "a well-known fact"),
        ("a well-", "known fact", Counter({"well-known": 1, "wellknown": 1}), "a wellknown fact"),
        ("trans\u00ad", "continental", Counter({"trans-continental": 3}), "transcontinental"),
        ("the end.", "Next", NO_WORDS, "the end. Next"),
        ("a dash -", "and more", NO_WORDS, "a dash - and more"),
        ("if not U.S.-", "engineered", NO_WORDS, "if not U.S.-engineered"),
        ("mid-", "and long-range", NO_WORDS, "mid- and long-range"),
        ("the second largest—", "more than", NO_WORDS, "the second largest—more than"),
        ("do cooperate –", "not least", NO_WORDS, "do cooperate – not least"),
    ],
)
def test_line_end_hyphens(before: str, after: str, words: Counter[str], joined: str) -> None:
    kept, joiner = _join(before, after, words)
    assert kept + joiner + after == joined
