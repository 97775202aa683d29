"""Palette helpers: readable text on any tag colour, tints that keep theme text readable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QPalette

from annotator.core.palette import PALETTE
from annotator.ui.theme import (
    REVIEW_COLOR,
    blend,
    check_indicator_colors,
    contrast_ratio,
    highlight_color,
    is_dark,
    outline_color,
    swatch_icon,
    text_color_for,
    warning_color,
)

channels = st.integers(min_value=0, max_value=255)
colors = st.builds(QColor, channels, channels, channels)


def palette(base: str, text: str) -> QPalette:
    result = QPalette()
    result.setColor(QPalette.ColorRole.Base, QColor(base))
    result.setColor(QPalette.ColorRole.Text, QColor(text))
    return result


LIGHT = palette("#ffffff", "#1b1f24")
DARK = palette("#1e1f22", "#dfe1e5")


@given(colors)
def test_text_colour_is_the_more_readable_of_the_two(background):
    chosen = text_color_for(background)
    other = QColor("#ffffff") if chosen != QColor("#ffffff") else QColor("#1b1f24")
    assert contrast_ratio(chosen, background) >= contrast_ratio(other, background)
    assert contrast_ratio(chosen, background) >= 4.0


@given(colors, st.sampled_from([LIGHT, DARK]))
def test_tint_keeps_theme_text_readable(color, theme):
    tint = highlight_color(color, theme)
    text = theme.color(QPalette.ColorRole.Text)
    base = theme.color(QPalette.ColorRole.Base)
    # AA contrast, unless the bare base itself is the limit (the tint thins out towards it).
    assert contrast_ratio(text, tint) >= min(4.5, contrast_ratio(text, base) - 0.5)


def test_palette_colours_stay_visible_as_tints_in_both_themes():
    for name in PALETTE:
        for theme in (LIGHT, DARK):
            tint = highlight_color(name, theme)
            assert contrast_ratio(tint, theme.color(QPalette.ColorRole.Base)) > 1.2, name


def test_dark_detection_and_blend_ends():
    assert is_dark(DARK) and not is_dark(LIGHT)
    red, blue = QColor("#ff0000"), QColor("#0000ff")
    assert blend(red, blue, 0).name() == "#ff0000"
    assert blend(red, blue, 1).name() == "#0000ff"


def test_swatch_icon_has_the_colour_inside(qapp):
    image = swatch_icon("#3366cc", 16).pixmap(16, 16).toImage()
    assert image.pixelColor(8, 8).name() == "#3366cc"
    assert image.pixelColor(0, 0).alpha() < 255  # rounded corner, not a square


@given(colors, colors)
def test_control_outline_reaches_three_to_one_on_any_readable_palette(base, text):
    theme = palette(base.name(), text.name())
    if contrast_ratio(base, text) < 4.5:
        return  # a palette whose text does not read has no outline that could
    rim = outline_color(theme)
    assert contrast_ratio(rim, base) >= 3.0
    # Quieter than the text itself.
    assert contrast_ratio(rim, base) <= contrast_ratio(text, base)


@given(colors)
def test_review_amber_stands_out_on_any_background(background):
    amber = warning_color(background)
    assert contrast_ratio(amber, background) >= 3.0


def test_review_amber_is_kept_where_it_already_stands_out():
    dark = QColor("#1e1f22")
    assert warning_color(dark) == QColor(REVIEW_COLOR)
    assert warning_color(QColor("#ffffff")) != QColor(REVIEW_COLOR)


def test_check_boxes_show_rim_and_state_in_light_and_dark():
    for theme in (LIGHT, DARK):
        theme = QPalette(theme)
        theme.setColor(QPalette.ColorRole.Highlight, QColor("#2f65ca"))
        theme.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
        base = theme.color(QPalette.ColorRole.Base)
        accent = theme.color(QPalette.ColorRole.Highlight)
        rim, fill, _mark = check_indicator_colors(theme, False)
        assert contrast_ratio(rim, base) >= 3.0 and fill == base
        rim, fill, mark = check_indicator_colors(theme, True)
        assert fill == accent and contrast_ratio(mark, fill) >= 3.0
        rim, _fill, _mark = check_indicator_colors(theme, False, selected=True)
        assert contrast_ratio(rim, accent) >= 3.0  # visible on a selected (accent) row
