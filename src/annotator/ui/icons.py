"""Toolbar and menu icons: the bundled line-art SVGs, drawn in the palette's text colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from annotator.bundled import resources_dir

# The SVGs are drawn in black; we repaint them in the palette's colours so they read in
# light and dark themes alike (Qt's SVG renderer has no "currentColor").
_INK = "#000000"
_SIZES = (16, 20, 24, 32, 48)


@cache
def _svg(name: str) -> str:
    path = resources_dir() / "icons" / f"{name}.svg"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _pixmaps(svg: str, color: QColor, ratio: float) -> list[QPixmap]:
    """The SVG drawn in ``color`` at every size of ``_SIZES`` (parsed once: parsing is most of
    the cost, and the window draws a dozen icons before its first paint)."""
    renderer = QSvgRenderer(QByteArray(svg.replace(_INK, color.name()).encode("utf-8")))
    pixmaps = []
    for size in _SIZES:
        pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        pixmaps.append(pixmap)
    return pixmaps


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon ``name`` (a file stem in resources/icons), or an empty icon if it is missing."""
    svg = _svg(name)
    if not svg:
        return QIcon()
    app = QApplication.instance()
    palette = palette or (app.palette() if isinstance(app, QApplication) else QPalette())
    ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if disabled == normal:
        # SVG colours carry no alpha: fade towards the window colour instead.
        back = palette.color(QPalette.ColorRole.Window)
        disabled = QColor(
            (normal.red() + 2 * back.red()) // 3,
            (normal.green() + 2 * back.green()) // 3,
            (normal.blue() + 2 * back.blue()) // 3,
        )
    result = QIcon()
    for mode, color in ((QIcon.Mode.Normal, normal), (QIcon.Mode.Disabled, disabled)):
        for pixmap in _pixmaps(svg, color, ratio):
            result.addPixmap(pixmap, mode)
    return result
