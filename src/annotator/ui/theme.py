"""Palette helpers for the widgets: readable text on tag colours, tints, icons, check boxes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

DARK_TEXT = QColor("#1b1f24")
LIGHT_TEXT = QColor("#ffffff")


def luminance(color: QColor) -> float:
    """WCAG relative luminance of an opaque colour (0 black to 1 white)."""

    def linear(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(color.redF())
        + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_color_for(background: QColor) -> QColor:
    """Near-black or white, whichever contrasts more with ``background``."""
    dark, light = contrast_ratio(DARK_TEXT, background), contrast_ratio(LIGHT_TEXT, background)
    return QColor(DARK_TEXT if dark >= light else LIGHT_TEXT)


def blend(under: QColor, over: QColor, alpha: float) -> QColor:
    """``over`` laid on ``under`` at opacity ``alpha`` (0 to 1), as an opaque colour."""
    alpha = max(0.0, min(1.0, alpha))
    return QColor.fromRgbF(
        under.redF() * (1 - alpha) + over.redF() * alpha,
        under.greenF() * (1 - alpha) + over.greenF() * alpha,
        under.blueF() * (1 - alpha) + over.blueF() * alpha,
    )


def is_dark(palette: QPalette) -> bool:
    """Whether the palette draws light text on a dark base."""
    return luminance(palette.color(QPalette.ColorRole.Base)) < 0.4


def highlight_color(tag_color: QColor | str, palette: QPalette, alpha: float = 0.45) -> QColor:
    """A tag colour tinted onto the palette's base, keeping the palette's text readable on it.

    The same tag colours serve light and dark themes: the tint is laid over the base colour at
    ``alpha`` and then thinned until the palette's text colour reaches WCAG AA contrast (4.5)
    on it, so a bright yellow stays pale under black text and deep under white text.
    """
    color = QColor(tag_color)
    if not color.isValid():
        color = QColor("#9aa5b1")
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    result = blend(base, color, alpha)
    while contrast_ratio(text, result) < 4.5 and alpha > 0.1:
        alpha -= 0.05
        result = blend(base, color, alpha)
    return result


def warning_color(background: QColor, minimum: float = 3.0) -> QColor:
    """The review amber, darkened on light backgrounds and lightened on dark ones until it
    reaches ``minimum`` contrast with ``background`` (for thin marks: underlines, dots, rims)."""
    color = QColor(REVIEW_COLOR)
    lighten = contrast_ratio(LIGHT_TEXT, background) > contrast_ratio(QColor(0, 0, 0), background)
    for _ in range(16):
        if contrast_ratio(color, background) >= minimum:
            break
        color = color.lighter(112) if lighten else color.darker(112)
    return color


def muted_text(palette: QPalette) -> QColor:
    """The palette's text colour halfway to its base: for secondary figures and hints."""
    return blend(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.6
    )


def outline_color(palette: QPalette, minimum: float = 3.2) -> QColor:
    """The palette's text blended into its base just far enough to reach ``minimum`` contrast
    with the base: a quiet but visible rim for controls (WCAG asks 3:1 for control outlines)."""
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    alpha = 0.4
    color = blend(base, text, alpha)
    while contrast_ratio(color, base) < minimum and alpha < 1.0:
        alpha += 0.05
        color = blend(base, text, alpha)
    return color


def accent_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """The palette's accent (Highlight) and a text colour that reads on it."""
    accent = palette.color(QPalette.ColorRole.Highlight)
    on_accent = palette.color(QPalette.ColorRole.HighlightedText)
    if contrast_ratio(accent, on_accent) < 3.0:
        on_accent = text_color_for(accent)
    return accent, on_accent


def check_indicator_colors(
    palette: QPalette, checked: bool, *, selected: bool = False
) -> tuple[QColor, QColor, QColor]:
    """(rim, fill, mark) of a check box on ``palette``: unchecked, a base-filled box with a rim
    of at least 3:1 against the base; checked, filled with the accent. On a selected row (itself
    drawn in the accent) the rim turns to the selection's text colour so the box stays apart."""
    base = palette.color(QPalette.ColorRole.Base)
    accent, on_accent = accent_colors(palette)
    rim = outline_color(palette)
    if checked:
        fill, mark = accent, on_accent
        if contrast_ratio(accent, base) >= 3.0:
            rim = accent
    else:
        fill, mark = base, rim
    if selected:
        rim = on_accent
    return rim, fill, mark


def paint_check_indicator(
    painter: QPainter,
    rect: QRect,
    state: Qt.CheckState,
    palette: QPalette,
    *,
    selected: bool = False,
    enabled: bool = True,
) -> None:
    """A check box in ``rect`` drawn from ``palette`` alone, so it reads on light and dark bases
    alike (Fusion draws its rim from the window colour, which vanishes on dark bases)."""
    side = min(rect.width(), rect.height())
    box = QRectF(
        rect.x() + (rect.width() - side) / 2 + 0.5,
        rect.y() + (rect.height() - side) / 2 + 0.5,
        side - 1,
        side - 1,
    )
    on = state != Qt.CheckState.Unchecked
    rim, fill, mark = check_indicator_colors(palette, on, selected=selected)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if not enabled:
        painter.setOpacity(0.5)
    painter.setPen(QPen(rim, 1.2))
    painter.setBrush(fill)
    painter.drawRoundedRect(box, side / 6, side / 6)
    if on:
        pen = QPen(mark, max(1.6, side / 7))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        x, y, w = box.x(), box.y(), box.width()
        path = QPainterPath()
        if state == Qt.CheckState.PartiallyChecked:
            path.moveTo(QPointF(x + w * 0.25, y + w * 0.5))
            path.lineTo(QPointF(x + w * 0.75, y + w * 0.5))
        else:
            path.moveTo(QPointF(x + w * 0.24, y + w * 0.52))
            path.lineTo(QPointF(x + w * 0.43, y + w * 0.71))
            path.lineTo(QPointF(x + w * 0.77, y + w * 0.3))
        painter.drawPath(path)
    painter.restore()


def swatch_icon(color: QColor | str, size: int = 14) -> QIcon:
    """A rounded square of ``color`` with a thin darker rim (visible on any background)."""
    color = QColor(color)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color.darker(160), 1))
    painter.setBrush(color)
    painter.drawRoundedRect(QRectF(0.5, 0.5, size - 1, size - 1), size / 5, size / 5)
    painter.end()
    return QIcon(pixmap)


def badge_icon(color: QColor | str, glyph: str, size: int = 16) -> QIcon:
    """A filled circle of ``color`` with one character on it: a status mark in lists."""
    color = QColor(color)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(6, int(size * 0.7)))
    painter.setFont(font)
    painter.setPen(text_color_for(color))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


MISSING_COLOR = QColor("#c0392b")  # a file gone from disk
REVIEW_COLOR = QColor("#e0a100")  # passages moved or edited by re-anchoring
ORPHAN_COLOR = QColor("#8e44ad")  # passages that could not be found again


def find_mark_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(fill, outline) of the marks over every find match: a light wash of the warning amber
    that the text stays readable through, and an outline that stands out from the base."""
    base = palette.color(QPalette.ColorRole.Base)
    edge = warning_color(base)
    fill = QColor(edge)
    fill.setAlphaF(0.22 if is_dark(palette) else 0.28)
    return fill, edge
