"""The document list: title, words, passages, and marks for missing files and passages to check.

Signal ``document_selected(int)``: the user made another document current (click, keys).
``select_document(id)`` changes the current row without emitting it, so the main window can
follow the reading view without loops. Titles are renamed in place (F2 or double-click),
through the undoable ``set_document_title`` command.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QIcon,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.models import Changes, DocStatus, Document
from annotator.services import commands as cmd
from annotator.ui.controller import ProjectController
from annotator.ui.document_rows import RowDelegate
from annotator.ui.theme import MISSING_COLOR, ORPHAN_COLOR, REVIEW_COLOR, badge_icon

TITLE, WORDS, PASSAGES = 0, 1, 2
_REFRESH_SLICE = 40  # documents re-read per turn of the event loop (150 took up to 100 ms)
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
MARK_ROLE = Qt.ItemDataRole.UserRole + 3  # "missing", "orphan", "review" or "" (the icon shown)
BYLINE_ROLE = Qt.ItemDataRole.UserRole + 4  # authors · outlet · date, under the title
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def document_marks(document: Document) -> list[str]:
    """Sentences saying what needs attention in a document (empty when nothing does)."""
    marks = []
    if document.status is DocStatus.MISSING:
        marks.append(
            f"The file is missing from disk ({document.path}). The text and its annotations "
            "are kept; rescan when the file is back."
        )
    if document.orphan_count:
        n = document.orphan_count
        marks.append(
            f"{n} passage{'s' * (n != 1)} could not be found in the current text (orphaned); "
            "re-attach or delete them."
        )
    if document.needs_review:
        n = document.needs_review
        marks.append(
            f"{n} passage{'s' * (n != 1)} moved or changed when the file was edited; "
            "check and accept them."
        )
    return marks


def _key(document: Document) -> tuple[int, str]:
    return (document.source_id, document.path)


def _blank_icon(size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


def byline(document: Document) -> str:
    """ "Luna Pham, Ivan Petrov · Eurasia Review · 2023-11" (empty when none is known)."""
    parts = [", ".join(document.authors), document.outlet, document.published]
    return " · ".join(part for part in parts if part)


class DocumentTableModel(QAbstractTableModel):
    """One row per document, in the store's order; the view sorts through a proxy."""

    rename_requested = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._documents: list[Document] = []
        self._keys: list[tuple[int, str]] = []  # the store's order: (source, path)
        self._row: dict[int, int] = {}
        self._icons = {
            "missing": badge_icon(MISSING_COLOR, "!"),
            "orphan": badge_icon(ORPHAN_COLOR, "?"),
            "review": badge_icon(REVIEW_COLOR, "~"),
            "none": _blank_icon(),  # keeps unmarked titles aligned with marked ones
        }

    def apply(self, documents: list[Document], gone: set[int]) -> None:
        """Update, insert or remove only these rows (``documents`` as read now, ``gone`` ids).

        The view keeps its scroll position, selection and current row; a thousand files
        arriving cost a thousand row insertions, not a new list of every document.
        """
        leaving = [i for i in gone if i in self._row]
        arriving = []
        for doc in documents:
            row = self._row.get(doc.id)
            if row is None:
                arriving.append(doc)
            elif self._keys[row] != _key(doc):
                leaving.append(doc.id)  # moved in the store's order (renamed on disk)
                arriving.append(doc)
            elif self._documents[row] != doc:
                self._documents[row] = doc
                self.dataChanged.emit(self.index(row, TITLE), self.index(row, PASSAGES))
        if not leaving and not arriving:
            return
        first = len(self._documents)
        for row in sorted((self._row.pop(i) for i in leaving), reverse=True):
            self.beginRemoveRows(_ROOT, row, row)
            del self._documents[row]
            del self._keys[row]
            self.endRemoveRows()
            first = row
        arriving.sort(key=_key)
        start = 0
        while start < len(arriving):
            # Those that fall between the same two rows go in together: files dropped by the
            # hundred come in one after another, and each insertion costs the view and the
            # sorting proxy a round of calls into this model.
            row = bisect.bisect_left(self._keys, _key(arriving[start]))
            end = start + 1
            if row < len(self._keys):
                while end < len(arriving) and _key(arriving[end]) < self._keys[row]:
                    end += 1
            else:
                end = len(arriving)
            run = arriving[start:end]
            self.beginInsertRows(_ROOT, row, row + len(run) - 1)
            self._documents[row:row] = run
            self._keys[row:row] = [_key(doc) for doc in run]
            self.endInsertRows()
            first = min(first, row)
            start = end
        # Rows after the first one touched shifted: their ids map to new rows (once, at the end).
        for row in range(first, len(self._documents)):
            self._row[self._documents[row].id] = row

    def set_documents(self, documents: list[Document]) -> bool:
        """Take a fresh list; True when rows came or went (a model reset)."""
        if [d.id for d in documents] == [d.id for d in self._documents]:
            old = self._documents
            self._documents = documents
            for row, (before, after) in enumerate(zip(old, documents, strict=True)):
                if before != after:
                    self.dataChanged.emit(self.index(row, TITLE), self.index(row, PASSAGES))
            return False
        self.beginResetModel()
        self._documents = documents
        self._keys = [_key(d) for d in documents]
        self._row = {d.id: row for row, d in enumerate(documents)}
        self.endResetModel()
        return True

    def document(self, document_id: int) -> Document | None:
        row = self._row.get(document_id)
        return None if row is None else self._documents[row]

    def row_of(self, document_id: int) -> int | None:
        return self._row.get(document_id)

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._documents)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ("Document", "Words", "Passages")[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section != TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # "Never has children" spares the tree view asking every row whether it has any.
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() == TITLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc = self._documents[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE:
                return doc.title or doc.path
            return f"{doc.word_count:,}" if column == WORDS else f"{doc.annotation_count:,}"
        if role == Qt.ItemDataRole.EditRole:
            return doc.title
        if role == SORT_ROLE:
            return (doc.title.casefold(), doc.word_count, doc.annotation_count)[column]
        if role == DOCUMENT_ID_ROLE:
            return doc.id
        if role == BYLINE_ROLE:
            return byline(doc)
        if role == MARK_ROLE:
            mark = self._mark(doc)
            return "" if mark == "none" else mark
        if role == Qt.ItemDataRole.DecorationRole and column == TITLE:
            return self._icons[self._mark(doc)]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [doc.title, *filter(None, [byline(doc)]), doc.path, *document_marks(doc)]
            if doc.note:
                lines.append("Note: " + doc.note[:200])
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and doc.status is DocStatus.MISSING:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole and doc.status is DocStatus.MISSING:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column != TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _mark(doc: Document) -> str:
        if doc.status is DocStatus.MISSING:
            return "missing"
        if doc.orphan_count:
            return "orphan"
        if doc.needs_review:
            return "review"
        return "none"

    def setData(  # noqa: N802
        self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != TITLE or not index.isValid():
            return False
        doc = self._documents[index.row()]
        title = " ".join(str(value).split())
        if title and title != doc.title:
            self.rename_requested.emit(doc.id, title)
        return True


class DocumentList(QWidget):
    """A filter box over a sortable table of the project's documents."""

    document_selected = Signal(int)

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = DocumentTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(TITLE)
        self.search = QLineEdit(placeholderText="Filter documents…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self.proxy.setFilterFixedString(text.strip()))
        # A table, not a tree view: a tree lays out every row again (in Python, through the
        # model) whenever one is added; with 5,000 documents that held the window 100 ms a time.
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(RowDelegate(self.view, TITLE, BYLINE_ROLE))
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Two lines a row: the title, and under it the authors, outlet and date (smaller).
        rows.setDefaultSectionSize(max(22, self.view.fontMetrics().height() * 2 + 6))
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the store's order until asked
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        # Fitted to the widest figure that fits, not measured over every row: sizing columns to
        # their contents read all 5,000 rows each time a row came or went.
        metrics = self.view.fontMetrics()
        for column, label in ((WORDS, "Words"), (PASSAGES, "Passages")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            width = max(metrics.horizontalAdvance("888,888"), metrics.horizontalAdvance(label))
            header.resizeSection(column, width + 24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        self._quiet = False
        self._stale: set[int] = set()  # documents changed since the last refresh
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._refresh_stale)
        self.model.rename_requested.connect(self._rename)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        controller.changed.connect(self._on_changed)
        self.refresh()

    def current_document(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(DOCUMENT_ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: int | None) -> None:
        """Make ``document_id`` current (None clears); does not emit ``document_selected``."""
        self._quiet = True
        try:
            row = self.model.row_of(document_id) if document_id is not None else None
            if row is None:
                self.view.selectionModel().clearCurrentIndex()
                self.view.clearSelection()
                return
            index = self.proxy.mapFromSource(self.model.index(row, TITLE))
            if index.isValid():
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
        finally:
            self._quiet = False

    def refresh(self) -> None:
        """Re-read the documents and their counts, keeping the current one."""
        self._refresh_timer.stop()
        self._stale.clear()
        current = self.current_document()
        if self.model.set_documents(self.controller.library.documents.list()):
            self.select_document(current)

    def _refresh_stale(self) -> None:
        """Re-read only the documents changed since the last refresh (added, counts, gone).

        A slice at a time, the rest on the next turns of the event loop: a scan that marks
        3,000 documents missing must not hold the window while they are read.
        """
        stale = set(sorted(self._stale)[:_REFRESH_SLICE])
        self._stale -= stale
        if self._stale:
            self._refresh_timer.start()
        found = self.controller.library.documents.many(stale)
        current = self.current_document()
        # Rows leaving (a file renamed sorts elsewhere) move Qt's current row onto a
        # neighbour: that is not the reader choosing another document.
        self._quiet = True
        try:
            self.model.apply(found, stale - {d.id for d in found})
        finally:
            self._quiet = False
        if current is not None and self.current_document() != current:
            self.select_document(current)

    def _on_changed(self, changes: Changes) -> None:
        # A changed annotation names its document too (its counts): that is all that can show.
        if changes.documents:
            self._stale |= changes.documents
            self._refresh_timer.start()

    def _rename(self, document_id: int, title: str) -> None:
        self.controller.push(cmd.set_document_title(self.controller.library, document_id, title))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.document_selected.emit(int(current.data(DOCUMENT_ID_ROLE)))
