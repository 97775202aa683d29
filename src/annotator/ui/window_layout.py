"""The main window's widgets and how they are laid out: panes, splitters, toolbar, status bar."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
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

from annotator.core.models import Document
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


@dataclass(frozen=True)
class WindowParts:
    """The main window's widgets, declared in one place (``build`` makes them)."""

    view: ReadingView  # the document being read
    find_bar: FindBar
    document_title: ElidedLabel
    quick_tag: QuickTagBox
    documents: DocumentList
    search_panel: SearchPanel  # corpus search, a tab beside the documents
    left_tabs: QTabWidget
    tag_panel: TagPanel
    left: QSplitter  # documents (or search) over the tag tree
    inspector: Inspector  # the current highlight
    excerpts: ExcerptsPanel
    notes: NotesPanel
    review: ReviewPanel
    right_tabs: QTabWidget  # excerpts, notes and review
    right: QSplitter  # the inspector over the tabs
    splitter: QSplitter  # left, centre and right
    toolbar: QToolBar
    stats_label: QLabel  # words and highlights of the open document
    watch_label: ElidedLabel  # what the file watcher is doing

    def splitters(self) -> dict[str, QSplitter]:
        """The splitters whose sizes are kept between sessions, by name."""
        return {"main": self.splitter, "left": self.left, "right": self.right}

    def show_document(self, document: Document | None) -> None:
        """The open document's title, its figures and what it has to review (None: none)."""
        if document is None:
            self.document_title.setText("")
            self.stats_label.setText("")
            return
        title = document.title or document.path
        self.document_title.setText(title)
        self.document_title.setToolTip(f"{title}\n{document.path}")  # the title may be cut
        figures = [
            f"{document.word_count:,} words",
            f"{document.annotation_count:,} highlight" + "s" * (document.annotation_count != 1),
        ]
        if document.orphan_count:
            figures.append(f"{document.orphan_count:,} orphaned")
        if document.needs_review:
            figures.append(f"{document.needs_review:,} to review")
        self.stats_label.setText("  ·  ".join(figures))
        pending = document.orphan_count + document.needs_review
        index = self.right_tabs.indexOf(self.review)
        self.right_tabs.setTabText(index, f"Review ({pending})" if pending else "Review")


def build(window: MainWindow) -> WindowParts:
    """Create the window's widgets, lay them out in ``window`` and return them.

    Left: documents (and corpus search) over the tag tree. Centre: the document title and
    quick-tag box, the find bar, the reading view. Right: the inspector over the excerpts,
    notes and review tabs.
    """
    controller = window.controller
    library = controller.library
    view = ReadingView()
    view.setObjectName("ReadingView")
    find_bar = FindBar(view)
    document_title = ElidedLabel(lines=2)  # a long title wraps once rather than being cut
    document_title.setObjectName("DocumentTitle")
    font = document_title.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    font.setBold(True)
    document_title.setFont(font)
    document_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    quick_tag = QuickTagBox(controller)

    quick_tag.setMinimumWidth(160)  # the title beside it keeps room in a small window
    quick_tag.setMaximumWidth(300)
    quick_tag.setToolTip("Tag the selection: type a tag name, then Enter (Ctrl+T)")
    header = QWidget()
    header_layout = QHBoxLayout(header)
    header_layout.setContentsMargins(10, 4, 6, 4)
    header_layout.addWidget(document_title, 1)
    header_layout.addWidget(quick_tag)

    centre = QWidget()
    centre_layout = QVBoxLayout(centre)
    centre_layout.setContentsMargins(0, 0, 0, 0)
    centre_layout.setSpacing(0)
    centre_layout.addWidget(header)
    centre_layout.addWidget(view, 1)
    # Below the text (as in web browsers): opening or closing it never moves the lines read.
    centre_layout.addWidget(find_bar)

    documents = DocumentList(controller)
    search_panel = SearchPanel(library)
    left_tabs = QTabWidget()
    left_tabs.setDocumentMode(True)
    left_tabs.addTab(documents, "Documents")
    left_tabs.addTab(search_panel, "Search")
    tag_panel = TagPanel(controller)
    left = QSplitter(Qt.Orientation.Vertical)
    left.setObjectName("LeftSplitter")
    left.addWidget(left_tabs)
    left.addWidget(tag_panel)
    left.setSizes([320, 420])

    inspector = Inspector(controller)
    excerpts = ExcerptsPanel(library)
    notes = NotesPanel(controller)
    review = ReviewPanel(controller)
    right_tabs = QTabWidget()
    right_tabs.setDocumentMode(True)
    right_tabs.addTab(excerpts, "Excerpts")
    right_tabs.addTab(notes, "Notes")
    right_tabs.addTab(review, "Review")
    right = QSplitter(Qt.Orientation.Vertical)
    right.setObjectName("RightSplitter")
    right.addWidget(inspector)
    right.addWidget(right_tabs)
    right.setSizes([320, 420])

    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("MainSplitter")
    splitter.addWidget(left)
    splitter.addWidget(centre)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([340, 640, 460])  # room for document titles on the left
    window.setCentralWidget(splitter)

    toolbar = QToolBar("Main toolbar")
    toolbar.setObjectName("MainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    window.addToolBar(toolbar)

    stats_label = QLabel()
    watch_label = ElidedLabel()  # "not watching …" can carry a long error message
    watch_label.setMinimumWidth(120)
    window.statusBar().addPermanentWidget(stats_label)
    window.statusBar().addPermanentWidget(watch_label)
    window.resize(1360, 860)
    return WindowParts(
        view=view,
        find_bar=find_bar,
        document_title=document_title,
        quick_tag=quick_tag,
        documents=documents,
        search_panel=search_panel,
        left_tabs=left_tabs,
        tag_panel=tag_panel,
        left=left,
        inspector=inspector,
        excerpts=excerpts,
        notes=notes,
        review=review,
        right_tabs=right_tabs,
        right=right,
        splitter=splitter,
        toolbar=toolbar,
        stats_label=stats_label,
        watch_label=watch_label,
    )


class ElidedLabel(QLabel):
    """One line of text cut with "…" to the room it gets, so a long document title or
    message never widens the panes (or the window) around it. ``text()`` is the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None, lines: int = 1) -> None:
        super().__init__(parent)
        self._full = ""
        self._lines = lines  # 2: a text too long for one line wraps once before it is cut
        self._shown_lines = 1
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
        if self._lines > 1:
            return QSize(0, self.fontMetrics().lineSpacing() * self._shown_lines + 2)
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _elide(self) -> None:
        metrics, width = self.fontMetrics(), max(self.contentsRect().width(), 0)
        shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        lines = 1
        if self._lines > 1 and shown != self._full and width > 0:
            words, first = self._full.split(" "), ""
            while words and metrics.horizontalAdvance(f"{first} {words[0]}".strip()) <= width:
                first = f"{first} {words.pop(0)}".strip()
            if first and words:
                rest = metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width)
                shown, lines = f"{first}\n{rest}", 2
        super().setText(shown if self._full else "")
        if lines != self._shown_lines:
            self._shown_lines = lines
            self.updateGeometry()


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
