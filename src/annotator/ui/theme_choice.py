"""View > Theme: follow the system, or a light or dark palette chosen here (kept in settings)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from annotator.ui.window_state import settings, stored_text

THEMES = ("system", "light", "dark")
KEY = "view/theme"
_system: tuple[str, QPalette] | None = None  # the style and palette the app started with


def stored_theme() -> str:
    theme = stored_text(settings(), KEY, "system")
    return theme if theme in THEMES else "system"


def choose(theme: str) -> None:
    """Apply ``theme`` now, to every window, and keep it for the next start."""
    store = settings()
    store.setValue(KEY, theme)
    store.sync()
    apply(theme)


def apply(theme: str) -> None:
    """Set the application's palette: the system's, or Fusion with a light or dark one."""
    global _system
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system is None:
        _system = (app.style().name(), QPalette(app.palette()))
    hints = QGuiApplication.styleHints()
    if theme == "system":
        style, palette = _system
        app.setStyle(QStyleFactory.create(style) or style)
        app.setPalette(palette)
        hints.unsetColorScheme()
        return
    app.setStyle("Fusion")  # draws with the palette on every platform
    dark = theme == "dark"
    app.setPalette(dark_palette() if dark else light_palette())
    hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)


def _palette(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    group = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(group, role, QColor(disabled_text))
    return palette


def light_palette() -> QPalette:
    R = QPalette.ColorRole
    return _palette(
        {
            R.Window: "#f3f3f3", R.WindowText: "#1b1f24", R.Base: "#ffffff",
            R.AlternateBase: "#f5f6f8", R.Text: "#1b1f24", R.Button: "#ececec",
            R.ButtonText: "#1b1f24", R.Highlight: "#2f6fd0", R.HighlightedText: "#ffffff",
            R.ToolTipBase: "#ffffdc", R.ToolTipText: "#1b1f24", R.PlaceholderText: "#6b7280",
            R.Link: "#1f5fbf", R.Mid: "#c8c8c8", R.Dark: "#a0a0a0", R.Light: "#ffffff",
        },
        "#9a9a9a",
    )  # fmt: skip


def dark_palette() -> QPalette:
    R = QPalette.ColorRole
    return _palette(
        {
            R.Window: "#202326", R.WindowText: "#e6e6e6", R.Base: "#17191c",
            R.AlternateBase: "#23262a", R.Text: "#e8e8e8", R.Button: "#2b2f33",
            R.ButtonText: "#e6e6e6", R.Highlight: "#3d7bd9", R.HighlightedText: "#ffffff",
            R.ToolTipBase: "#2b2f33", R.ToolTipText: "#e6e6e6", R.PlaceholderText: "#8b929a",
            R.Link: "#7fb0ff", R.Mid: "#3a3f44", R.Dark: "#111315", R.Light: "#3a3f44",
        },
        "#6c7177",
    )  # fmt: skip
