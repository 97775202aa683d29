"""Palette helpers shared by the widgets: readable text on tag colours, tints, swatch icons."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap

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


def muted_text(palette: QPalette) -> QColor:
    """The palette's text colour halfway to its base: for secondary figures and hints."""
    return blend(
        palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.6
    )


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
