"""The excerpts table: annotations selected by a filter, fetched lazily in pages.

Only the ordered ids of the matching annotations are held in full (cheap even for 50,000 rows);
the annotations themselves are read a page at a time when a row is first painted, and kept in a
small LRU cache of pages, so scrolling through a large project stays smooth and memory flat.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.core.models import AnchorStatus, Annotation, Changes, ExcerptFilter
from annotator.store.library import Library

PAGE_SIZE = 200
MAX_PAGES = 40  # about 8,000 annotations in memory at most
QUOTE_CHARS = 240
MAX_PATCH = 64  # more rows added or removed than this: reset the model instead

COLUMNS = ("Quote", "Document", "Tags", "Note", "Status")
QUOTE, DOCUMENT, TAGS, NOTE, STATUS = range(len(COLUMNS))

AnnotationIdRole = Qt.ItemDataRole.UserRole + 1
# The store's order for each column; the Document column's is the reading order (the default).
_SORT_KEYS = {QUOTE: "quote", DOCUMENT: "document", TAGS: "tags", NOTE: "note", STATUS: "status"}

_STATUS_TEXT = {
    AnchorStatus.EXACT: "",
    AnchorStatus.EDITED: "Edited",
    AnchorStatus.MOVED: "Moved",
    AnchorStatus.ORPHAN: "Orphan",
}

_Index = QModelIndex | QPersistentModelIndex


def one_line(text: str, limit: int) -> str:
    """``text`` on one line with runs of white space folded, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class ExcerptsModel(QAbstractTableModel):
    """Rows are annotations (in document order) matching ``excerpt_filter``."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._filter = ExcerptFilter()
        self._ids: list[int] = []
        self._rows: dict[int, int] | None = None  # id -> row, built on first lookup
        self._pages: OrderedDict[int, list[Annotation | None]] = OrderedDict()
        self._tag_names: dict[int, str] = {}
        self._tag_colors: dict[int, str] = {}
        self._titles: dict[int, str] = {}
        self._title_order: dict[int, tuple[int, str]] = {}  # the store's order: (source, path)
        self.pages_loaded = 0  # for benchmarks and tests: how many page reads ran
        self._load_names()
        self._order = "document"
        self._descending = False
        self._ids = self.library.annotations.ids(self._filter)

    # -- filter and refresh ------------------------------------------------------------------

    def excerpt_filter(self) -> ExcerptFilter:
        return self._filter

    def set_filter(self, excerpt_filter: ExcerptFilter) -> None:
        """Show the annotations ``excerpt_filter`` selects."""
        if excerpt_filter == self._filter:
            return
        self._filter = excerpt_filter
        self._reload_ids(force_reset=True)

    def refresh(self, changes: Changes | None = None) -> None:
        """Bring the rows up to date after ``changes`` (None: everything may have changed)."""
        if changes is not None and not changes:
            return
        names_stale = changes is None or bool(changes.tag_tree or changes.tags)
        if names_stale:
            self._load_names()
        elif changes is not None and changes.documents:
            self._load_titles(changes.documents)
        # Only a change of annotations (or of the tag tree a filter reaches into) changes which
        # rows match: documents coming and going alone leave the ids as they are.
        if changes is None or changes.annotations or changes.tag_tree:
            if self._reload_ids(force_reset=False):
                return
        last_column = len(COLUMNS) - 1
        if not names_stale and changes is not None and changes.documents and self._ids:
            # A title may show on any row; the annotations cached in pages are still right.
            top, bottom = self.index(0, DOCUMENT), self.index(len(self._ids) - 1, DOCUMENT)
            self.dataChanged.emit(top, bottom)
        if names_stale or changes is None:
            # Tag names or titles may show on any row: repaint them all.
            self._pages.clear()
            if self._ids:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last_column))
            return
        for annotation_id in changes.annotations:
            row = self.row_of(annotation_id)
            if row is not None:
                self._pages.pop(row // PAGE_SIZE, None)
                self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))

    def _reload_ids(self, *, force_reset: bool) -> bool:
        """Re-query the ids; update the rows and return True when they changed."""
        ids = self._query_ids()
        if not force_reset and ids == self._ids:
            return False
        if not force_reset and self._patch_rows(ids):
            return True
        self.beginResetModel()
        self._ids = ids
        self._rows = None
        self._pages.clear()
        self.endResetModel()
        return True

    def _query_ids(self) -> list[int]:
        ids = self.library.annotations.ids(self._filter, order=self._order)
        if self._descending:
            ids.reverse()
        return ids

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (the store sorts; the pages are read again lazily)."""
        key = _SORT_KEYS.get(column, "document")
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._order, self._descending):
            return
        self._order, self._descending = key, descending
        self.beginResetModel()
        self._ids = self._query_ids()
        self._rows = None
        self._pages.clear()
        self.endResetModel()

    def _patch_rows(self, ids: list[int]) -> bool:
        """Insert and remove rows one by one (the view keeps its scroll and selection).

        Only for a few rows added or removed with the others in the same order (a highlight
        made, deleted or retagged); anything else is a reset. False when not applicable.
        """
        old, new = set(self._ids), set(ids)
        removed, added = old - new, new - old
        if len(removed) + len(added) > MAX_PATCH or not (removed or added):
            return False
        if [i for i in self._ids if i not in removed] != [i for i in ids if i not in added]:
            return False
        self._pages.clear()  # rows shift: cached pages no longer line up
        for row in sorted((r for r, i in enumerate(self._ids) if i in removed), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self._rows = None
            self.endRemoveRows()
        for row, annotation_id in enumerate(ids):
            if annotation_id in added:
                self.beginInsertRows(QModelIndex(), row, row)
                self._ids.insert(row, annotation_id)
                self._rows = None
                self.endInsertRows()
        return True

    def _load_names(self) -> None:
        tags = self.library.tags.list()
        self._tag_names = {t.id: t.name for t in tags}
        self._tag_colors = {t.id: t.color for t in tags}
        documents = self.library.documents.list()
        self._titles = {d.id: d.title or d.path for d in documents}
        self._title_order = {d.id: (d.source_id, d.path) for d in documents}

    def _load_titles(self, document_ids: set[int]) -> None:
        """Re-read the titles of these documents only (added, renamed or removed)."""
        found = self.library.documents.titles(document_ids)
        for doc_id, source_id, path, title in found:
            self._titles[doc_id] = title or path
            self._title_order[doc_id] = (source_id, path)
        for gone in document_ids - {row[0] for row in found}:
            self._titles.pop(gone, None)
            self._title_order.pop(gone, None)

    # -- lookups -----------------------------------------------------------------------------

    def annotation_ids(self) -> list[int]:
        """Every id shown, in row order."""
        return list(self._ids)

    def annotation_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, annotation_id: int) -> int | None:
        if self._rows is None:
            self._rows = {aid: row for row, aid in enumerate(self._ids)}
        return self._rows.get(annotation_id)

    def annotation(self, row: int) -> Annotation | None:
        """The annotation at ``row``, read with its page if not cached."""
        if not 0 <= row < len(self._ids):
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE_SIZE]

    def _fetch(self, number: int) -> list[Annotation | None]:
        ids = self._ids[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        found = {a.id: a for a in self.library.annotations.many(ids)}
        page = [found.get(i) for i in ids]  # None for a row deleted since the ids were read
        self._pages[number] = page
        self.pages_loaded += 1
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def tag_names(self, annotation: Annotation) -> list[str]:
        return [self._tag_names[t] for t in annotation.tag_ids if t in self._tag_names]

    def titles(self) -> dict[int, str]:
        """Document titles by id, in the store's order (as last read)."""
        order = self._title_order
        return {i: self._titles[i] for i in sorted(self._titles, key=order.__getitem__)}

    def tag_name(self, tag_id: int) -> str:
        return self._tag_names.get(tag_id, "?")

    def document_title(self, document_id: int) -> str:
        return self._titles.get(document_id, "")

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == AnnotationIdRole:
            return self._ids[row]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        annotation = self.annotation(row)
        if annotation is None:
            return "…" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(annotation, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(annotation, column)
        if role == Qt.ItemDataRole.DecorationRole and column == TAGS and annotation.tag_ids:
            color = self._tag_colors.get(annotation.tag_ids[0])
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.ForegroundRole and annotation.is_orphan:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _display(self, a: Annotation, column: int) -> str:
        if column == QUOTE:
            return one_line(a.exact, QUOTE_CHARS)
        if column == DOCUMENT:
            return self.document_title(a.document_id)
        if column == TAGS:
            return ", ".join(self.tag_names(a))
        if column == NOTE:
            return one_line(a.note, QUOTE_CHARS)
        if a.status is not AnchorStatus.EXACT and a.reviewed:
            return "Checked"
        return _STATUS_TEXT[a.status]

    def _tooltip(self, a: Annotation, column: int) -> str:
        if column == QUOTE:
            return one_line(a.exact, 1200)
        if column == NOTE:
            return one_line(a.note, 1200)
        return self._display(a, column)
