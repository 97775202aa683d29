"""What the window remembers between sessions (QSettings): layout, zoom, last document, scroll."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter

from annotator.store.library import Library
from annotator.ui.scroll_state import ScrollState

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

ORGANISATION = "Annotator"
APPLICATION = "Annotator"


def settings() -> QSettings:
    """The user's settings; under ``ANNOTATOR_DATA_DIR`` when set (tests never touch real ones)."""
    override = os.environ.get("ANNOTATOR_DATA_DIR")
    if override:
        path = Path(override) / "settings" / f"{APPLICATION}.ini"
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def stored_text(store: QSettings, key: str, default: str = "") -> str:
    """A text setting (``default`` when unset or not text)."""
    value = store.value(key, default, str)
    return value if isinstance(value, str) else default


def stored_flag(store: QSettings, key: str, default: bool = False) -> bool:
    """A yes/no setting (``default`` when unset)."""
    value = store.value(key, default, bool)
    return value if isinstance(value, bool) else default


def project_key(library: Library) -> str:
    """A short stable key for a project file (settings are kept per project)."""
    where = str(library.path) if library.path is not None else ":memory:"
    return hashlib.sha1(where.encode("utf-8")).hexdigest()[:16]


class WindowState:
    """Reads and writes one project's window settings."""

    def __init__(self, library: Library) -> None:
        self.store = settings()
        self.prefix = f"projects/{project_key(library)}"

    # -- window layout -----------------------------------------------------------------------

    def save_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.store.setValue("window/geometry", window.saveGeometry())
        self.store.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            self.store.setValue(f"window/splitter/{name}", splitter.saveState())

    def restore_window(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
        """Restore geometry, dock/toolbar state and splitters; False on the first run."""
        geometry = self.store.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            window.restoreGeometry(QByteArray(geometry))
        state = self.store.value("window/state")
        if isinstance(state, QByteArray | bytes) and state:
            window.restoreState(QByteArray(state))
        for name, splitter in splitters.items():
            saved = self.store.value(f"window/splitter/{name}")
            if isinstance(saved, QByteArray | bytes) and saved:
                splitter.restoreState(QByteArray(saved))
        return bool(geometry)

    # -- reading -----------------------------------------------------------------------------

    def zoom(self) -> int | None:
        value = self.store.value("view/zoom")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def set_zoom(self, points: int) -> None:
        self.store.setValue("view/zoom", int(points))

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.store.value(f"view/{name}")
        if value is None:
            return default
        return value in (True, "true", "1", 1)

    def set_flag(self, name: str, value: bool) -> None:
        self.store.setValue(f"view/{name}", bool(value))

    def text(self, name: str, default: str = "") -> str:
        value = self.store.value(f"view/{name}")
        return str(value) if value is not None else default

    def set_text(self, name: str, value: str) -> None:
        self.store.setValue(f"view/{name}", value)

    def last_document(self) -> int | None:
        value = self.store.value(f"{self.prefix}/last_document")
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    def set_last_document(self, document_id: int | None) -> None:
        self.store.setValue(f"{self.prefix}/last_document", document_id or "")

    def scroll(self, document_id: int) -> ScrollState | None:
        value = self.store.value(f"{self.prefix}/scroll/{document_id}")
        if not value:
            return None
        try:
            top, line, cursor = (int(part) for part in str(value).split(","))
        except ValueError:
            return None
        return ScrollState(top=top, line=line, cursor=cursor, selection=None)

    def set_scroll(self, document_id: int, state: ScrollState) -> None:
        self.store.setValue(
            f"{self.prefix}/scroll/{document_id}", f"{state.top},{state.line},{state.cursor}"
        )

    def sync(self) -> None:
        self.store.sync()


def restore_session(window: MainWindow) -> None:
    """Put back the layout, zoom, highlight filter, hidden panes and tabs of the last session."""
    state = window.state
    if not state.restore_window(window, window.parts.splitters()):
        fit_to_screen(window)
    zoom = state.zoom()
    if zoom:
        window.parts.view.set_font_size(zoom)
    actions = window.actions_
    actions.filter_highlights.setChecked(state.flag("filter_highlights"))
    hide = state.text("filter_mode") == "hide"
    (actions.hide_mode if hide else actions.dim_mode).setChecked(True)
    for pane, flag in ((window.parts.left, "hide_left"), (window.parts.right, "hide_right")):
        if state.flag(flag):
            window.pane_toggles[pane].setChecked(False)
    for tabs, name in (
        (window.parts.left_tabs, "left_tab"),
        (window.parts.right_tabs, "right_tab"),
    ):
        saved = state.text(name)
        if saved.isdigit():
            tabs.setCurrentIndex(min(int(saved), tabs.count() - 1))


def save_session(window: MainWindow) -> None:
    """Write what ``restore_session`` reads (the scroll position is saved per document)."""
    state = window.state
    state.set_text("left_tab", str(window.parts.left_tabs.currentIndex()))
    state.set_text("right_tab", str(window.parts.right_tabs.currentIndex()))
    state.set_flag("hide_left", not window.parts.left.isVisibleTo(window))
    state.set_flag("hide_right", not window.parts.right.isVisibleTo(window))
    state.save_window(window, window.parts.splitters())
    state.set_zoom(window.parts.view.font_size())
    state.sync()


def fit_to_screen(window: QMainWindow) -> None:
    """First run: a generous window that still fits a small screen, centred."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    width = min(window.width(), int(area.width() * 0.92))
    height = min(window.height(), int(area.height() * 0.92))
    window.resize(width, height)
    window.move(area.center().x() - width // 2, area.center().y() - height // 2)
