"""The reading view's highlights: blended overlaps, tag filter, updates, palettes and UTF-16."""

import pytest
from PySide6.QtGui import QColor, QPalette

from annotator.ui.highlighter import contrast, luminance
from annotator.ui.reading_view import Highlight

RED, BLUE, GREEN = "#e6194b", "#4363d8", "#3cb44b"
EMOJI_TEXT = "😀🇫🇷 Emoji first, then the words that matter to the reader.\nSecond line 👍 here."
LONG_TEXT = "\n\n".join(
    f"Paragraph {i} says something about the fragile fraternity of nations and treaties."
    for i in range(40)
)


@pytest.fixture
def view(reading_view):
    return reading_view


def word_span(text, word):
    start = text.index(word)
    return start, start + len(word)


def test_overlapping_highlights_blend_and_underline_in_the_second_colour(view, format_at):
    text = "alpha beta gamma delta epsilon"
    a, b = word_span(text, "alpha beta gamma"), word_span(text, "gamma delta")
    view.set_text(text, [Highlight(1, *a, (RED,), (1,)), Highlight(2, *b, (BLUE,), (2,))])
    only_red = format_at(view, text.index("alpha"))
    only_blue = format_at(view, text.index("delta"))
    both = format_at(view, text.index("gamma"))
    assert format_at(view, text.index("epsilon")) is None
    red_bg, blue_bg, both_bg = (f.background().color() for f in (only_red, only_blue, both))
    assert len({red_bg.name(), blue_bg.name(), both_bg.name()}) == 3
    assert not only_red.fontUnderline() and not only_blue.fontUnderline()
    assert both.underlineStyle() != both.underlineStyle().NoUnderline
    assert both.underlineColor().name() == QColor(BLUE).name()
    base = view.palette().color(QPalette.ColorRole.Base)
    # Translucent: lighter than the pure tag colours on a light page, and text stays readable.
    assert luminance(red_bg) > luminance(QColor(RED))
    for bg in (red_bg, blue_bg, both_bg):
        assert bg != base
        text_colour = view.palette().color(QPalette.ColorRole.Text)
        assert contrast(bg, text_colour) >= 4.5


def test_highlight_after_astral_characters_lands_on_the_right_glyphs(view, painted_formats):
    s, e = word_span(EMOJI_TEXT, "here")
    view.set_text(EMOJI_TEXT, [Highlight(7, s, e, (GREEN,), (3,))])
    block, ranges = painted_formats(view, s)
    assert len(ranges) == 1
    utf16 = block.text().encode("utf-16-le")
    r = ranges[0]
    assert utf16[2 * r.start : 2 * (r.start + r.length)].decode("utf-16-le") == "here"


def test_filter_dims_or_hides_highlights_outside_the_chosen_tags(view, format_at):
    text = "keep this one but not that other one"
    k, o = word_span(text, "keep this"), word_span(text, "that other")
    view.set_text(text, [Highlight(1, *k, (RED,), (1,)), Highlight(2, *o, (BLUE,), (2,))])
    full_blue = format_at(view, o[0]).background().color()
    base = view.palette().color(QPalette.ColorRole.Base)

    view.set_tag_filter({1}, "dim")
    kept = format_at(view, k[0]).background().color()
    dimmed = format_at(view, o[0]).background().color()
    assert kept.name() != dimmed.name()
    assert contrast(dimmed, base) < contrast(full_blue, base)
    assert view.annotations_at(o[0]) == [2]

    view.set_tag_filter({1}, "hide")
    assert format_at(view, o[0]) is None
    assert format_at(view, k[0]) is not None
    assert view.annotations_at(o[0]) == []

    view.set_tag_filter(None)
    assert format_at(view, o[0]).background().color().name() == full_blue.name()
    with pytest.raises(ValueError, match="dim"):
        view.set_tag_filter({1}, "blur")


def test_remove_highlight_restores_plain_text(view, painted_formats):
    text = "a passage that was highlighted once"
    s, e = word_span(text, "passage that")
    view.set_text(text, [Highlight(3, s, e, (RED,), (1,))])
    assert painted_formats(view, s)[1]
    assert view.remove_highlight(3)
    assert painted_formats(view, s)[1] == []
    assert not view.remove_highlight(3)


def test_add_and_update_highlight_repaint_only_what_changed(view, format_at):
    view.set_text(LONG_TEXT)
    s, e = word_span(LONG_TEXT, "Paragraph 2 says")
    view.add_highlight(Highlight(9, s, e, (RED,), (1,)))
    red = format_at(view, s).background().color().name()
    view.update_highlight(Highlight(9, s, e, (GREEN,), (2,)))
    green = format_at(view, s).background().color().name()
    assert red != green
    assert [h.colors for h in view.highlights()] == [(GREEN,)]


def test_multi_tag_and_untagged_highlights_are_visible(view, format_at):
    text = "two tags here and no tag there"
    t, u = word_span(text, "two tags"), word_span(text, "no tag")
    view.set_text(text, [Highlight(1, *t, (RED, BLUE), (1, 2)), Highlight(2, *u)])
    two = format_at(view, t[0])
    assert two.underlineColor().name() == QColor(BLUE).name()
    assert format_at(view, u[0]) is not None


def test_highlights_past_the_end_are_clamped(view, format_at):
    view.set_text("short text", [Highlight(1, 6, 500, (RED,), (1,))])
    assert view.highlights()[0].end == len("short text")
    assert format_at(view, 7) is not None


def test_dark_palette_keeps_highlighted_text_readable(view, format_at):
    text = "yellow on a dark page"
    s, e = word_span(text, "yellow")
    view.set_text(text, [Highlight(1, s, e, ("#ffe119",), (1,))])
    light_bg = format_at(view, s).background().color()
    dark = QPalette(view.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    view.setPalette(dark)
    fmt = format_at(view, s)
    bg = fmt.background().color()
    assert luminance(bg) < luminance(light_bg)
    fg = (
        fmt.foreground().color()
        if fmt.hasProperty(fmt.Property.ForegroundBrush)
        else QColor("#e8e8e8")
    )
    assert contrast(bg, fg) >= 4.5
