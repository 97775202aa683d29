"""The main window's widgets and how they are laid out: panes, splitters, toolbar, status bar."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.document_list import DocumentList
from annotator.ui.excerpts_panel import ExcerptsPanel
from annotator.ui.find_bar import FindBar
from annotator.ui.inspector import Inspector
from annotator.ui.note_editor import NotesPanel
from annotator.ui.quick_tag import QuickTagBox
from annotator.ui.reading_view import ReadingView
from annotator.ui.review_panel import ReviewPanel
from annotator.ui.search_panel import SearchPanel
from annotator.ui.tag_panel import TagPanel

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

STATUS_TIMEOUT_MS = 6000  # how long a status-bar message stays


def build(window: MainWindow) -> None:
    """Create the window's widgets as attributes of ``window`` and lay them out.

    Left: documents (and corpus search) over the tag tree. Centre: the document title and
    quick-tag box, the find bar, the reading view. Right: the inspector over the excerpts,
    notes and review tabs.
    """
    controller = window.controller
    window.view = ReadingView()
    window.view.setObjectName("ReadingView")
    window.find_bar = FindBar(window.view)
    window.document_title = ElidedLabel()
    window.document_title.setObjectName("DocumentTitle")
    font = window.document_title.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    window.document_title.setFont(font)
    window.document_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    window.quick_tag = QuickTagBox(controller)

    window.quick_tag.setMinimumWidth(220)
    window.quick_tag.setMaximumWidth(300)
    window.quick_tag.setToolTip("Tag the selection: type a tag name, then Enter (Ctrl+T)")
    header = QWidget()
    header_layout = QHBoxLayout(header)
    header_layout.setContentsMargins(10, 4, 6, 4)
    header_layout.addWidget(window.document_title, 1)
    header_layout.addWidget(window.quick_tag)

    centre = QWidget()
    centre_layout = QVBoxLayout(centre)
    centre_layout.setContentsMargins(0, 0, 0, 0)
    centre_layout.setSpacing(0)
    centre_layout.addWidget(header)
    centre_layout.addWidget(window.find_bar)
    centre_layout.addWidget(window.view, 1)

    window.documents = DocumentList(controller)
    window.search_panel = SearchPanel(window.library)
    window.left_tabs = QTabWidget()
    window.left_tabs.setDocumentMode(True)
    window.left_tabs.addTab(window.documents, "Documents")
    window.left_tabs.addTab(window.search_panel, "Search")
    window.tag_panel = TagPanel(controller)
    window.left = QSplitter(Qt.Orientation.Vertical)
    window.left.setObjectName("LeftSplitter")
    window.left.addWidget(window.left_tabs)
    window.left.addWidget(window.tag_panel)
    window.left.setSizes([320, 420])

    window.inspector = Inspector(controller)
    window.excerpts = ExcerptsPanel(window.library)
    window.notes = NotesPanel(controller)
    window.review = ReviewPanel(controller)
    window.right_tabs = QTabWidget()
    window.right_tabs.setDocumentMode(True)
    window.right_tabs.addTab(window.excerpts, "Excerpts")
    window.right_tabs.addTab(window.notes, "Notes")
    window.right_tabs.addTab(window.review, "Review")
    window.right = QSplitter(Qt.Orientation.Vertical)
    window.right.setObjectName("RightSplitter")
    window.right.addWidget(window.inspector)
    window.right.addWidget(window.right_tabs)
    window.right.setSizes([320, 420])

    window.splitter = QSplitter(Qt.Orientation.Horizontal)
    window.splitter.setObjectName("MainSplitter")
    window.splitter.addWidget(window.left)
    window.splitter.addWidget(centre)
    window.splitter.addWidget(window.right)
    window.splitter.setStretchFactor(1, 1)
    window.splitter.setSizes([340, 640, 460])  # room for document titles on the left
    window.setCentralWidget(window.splitter)

    window.toolbar = QToolBar("Main toolbar")
    window.toolbar.setObjectName("MainToolbar")
    window.toolbar.setMovable(False)
    window.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(window.toolbar)

    window.stats_label = QLabel()
    window.watch_label = ElidedLabel()  # "not watching …" can carry a long error message
    window.watch_label.setMinimumWidth(120)
    window.statusBar().addPermanentWidget(window.stats_label)
    window.statusBar().addPermanentWidget(window.watch_label)
    window.resize(1360, 860)


class ElidedLabel(QLabel):
    """One line of text cut with "…" to the room it gets, so a long document title or
    message never widens the panes (or the window) around it. ``text()`` is the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(
            self.fontMetrics().horizontalAdvance(self._full) + 4, super().sizeHint().height()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, max(self.contentsRect().width(), 0)
        )
        super().setText(shown if self._full else "")


def add_read_only_notice(window: MainWindow) -> None:
    """Say in the status bar, for as long as the window is open, that nothing can be changed."""
    library = window.library
    name = library.path.name if library.path else "The project"
    reason = html.escape(f"{name} cannot be changed ({library.read_only_reason})")
    label = QLabel(f"<b>Read-only:</b> {reason}")
    label.setToolTip(
        "Every document, tag and excerpt can be read, searched and exported to another place;"
        " nothing can be changed or saved."
    )
    label.setObjectName("read_only_notice")
    window.statusBar().addPermanentWidget(label)
