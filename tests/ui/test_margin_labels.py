"""Seeing codes (issue 12): labelled stripes with tooltips, readable three-way overlaps, and
the review mark never under a stripe."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QTextCharFormat

from annotator.ui.highlighter import mix
from annotator.ui.margin_strip import MarginStrip
from annotator.ui.reading_view import Highlight, ReadingView

RED, BLUE, GREEN = "#e6194b", "#4363d8", "#3cb44b"
TEXT = (
    "The treaty was signed in spring after long talks between the two capitals.\n\n"
    "Critics said the figures differed from the earlier deal on gas and oil prices.\n\n"
    "A third paragraph about borders and trade, and the pipelines that cross them."
)
NAMES = {1: "Energy", 2: "Security", 3: "Economy"}


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


@pytest.fixture
def view(qtbot):
    """A view with a readable column and room left of it, as a wide window has."""
    v = ReadingView(max_line_chars=40)
    qtbot.addWidget(v)
    v.resize(900, 400)
    v.show()
    qtbot.waitExposed(v)
    v.set_tag_names(NAMES)
    return v


def three_way(view) -> None:
    view.set_text(
        TEXT,
        [
            Highlight(1, *span("Critics said the figures"), (RED,), (1,)),
            Highlight(2, *span("the figures differed"), (BLUE,), (2,), True),
            Highlight(3, *span("figures differed from"), (GREEN,), (3,)),
        ],
    )


def painted_labels(view) -> dict[int, str]:
    strip: MarginStrip = view.margin_strip()
    strip.repaint()
    return {aid: strip.label_of((aid,)) for rect, aid in strip._hits if rect.width() > 8}


def test_stripes_are_labelled_with_tag_names_where_there_is_room(view):
    three_way(view)
    strip = view.margin_strip()
    assert strip.label_room() > 0
    labels = painted_labels(view)
    assert set(labels.values()) <= set(NAMES.values()) and labels  # at least one labelled
    # The strip's own lanes keep their place at the column's edge; labels use the margin.
    assert strip.width() > MarginStrip.strip_width()


def test_no_labels_without_room(qtbot):
    v = ReadingView(max_line_chars=None)
    qtbot.addWidget(v)
    v.resize(500, 300)
    v.show()
    qtbot.waitExposed(v)
    v.set_tag_names(NAMES)
    three_way(v)
    assert v.margin_strip().label_room() == 0
    assert painted_labels(v) == {}


def test_hovering_a_stripe_names_its_highlight(view):
    three_way(view)
    asked: list[list[int]] = []
    view.set_tooltip_provider(lambda ids: asked.append(ids) or "tip")
    strip = view.margin_strip()
    strip.repaint()
    bars = [(rect, aid) for rect, aid in strip._hits if rect.width() <= 8]
    assert {aid for _r, aid in bars} == {1, 2, 3}
    rect, aid = bars[0]
    assert strip.ids_at(rect.center().x(), rect.center().y())[0] == aid
    assert view.tooltip_for([aid]) == "tip" and asked[-1] == [aid]


def test_the_review_mark_sits_in_its_own_column_outside_every_stripe(view):
    three_way(view)
    strip = view.margin_strip()
    strip.repaint()
    [mark] = strip.marks
    for rect, _aid in strip._hits:
        if rect.width() <= 8:  # a stripe
            assert not rect.intersects(mark)
    image = strip.grab().toImage()
    amber = view.highlight_model().review_color()
    centre = mark.center().toPoint()
    found = any(
        sum(abs(a - b) for a, b in zip(image.pixelColor(centre + QPoint(dx, dy)).getRgb()[:3],
                                       amber.getRgb()[:3], strict=True)) < 40
        for dx in (-1, 0, 1) for dy in (-1, 0, 1)
    )  # fmt: skip
    assert found


def test_three_overlapping_colours_do_not_blend_to_mud(view, format_at):
    three_way(view)
    view.set_highlights([h for h in view.highlights() if not h.needs_review] + [
        Highlight(2, *span("the figures differed"), (BLUE,), (2,))
    ])  # fmt: skip
    at = TEXT.index("figures")
    fmt = format_at(view, at)
    model = view.highlight_model()
    background = fmt.background().color()
    first_wash = mix(model.base, QColor(RED), 0.34)
    muddy = model.base
    for name in (RED, BLUE, GREEN):
        muddy = mix(muddy, QColor(name), 0.34)
    assert background != muddy
    # Still the first tag's hue, not a grey-brown mix of all three.
    assert abs(background.hsvHue() - first_wash.hsvHue()) <= 12
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    two = format_at(view, TEXT.index("said"))
    assert two is None or two.underlineStyle() != QTextCharFormat.UnderlineStyle.WaveUnderline
