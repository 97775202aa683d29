"""The excerpts panel: a filter bar (tags any/all, document, text) over the excerpts table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.models import AnchorStatus, Changes, ExcerptFilter, Match
from annotator.store.library import Library
from annotator.ui.excerpts_model import DOCUMENT, NOTE, QUOTE, STATUS, TAGS, ExcerptsModel

SEARCH_DELAY_MS = 250


class ExcerptsPanel(QWidget):
    """Lists the annotations the filter selects; double-click (or Enter) jumps to one."""

    excerpt_activated = Signal(int)
    """The reader asked to go to this annotation (double-click or Enter)."""
    excerpt_selected = Signal(int)
    """The current row is now this annotation."""
    filter_changed = Signal(object)
    """The filter is now this ExcerptFilter."""

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._tag_ids: tuple[int, ...] = ()
        self._quiet = False
        self.model = ExcerptsModel(library, self)

        self.tags_label = QLabel()
        self.tags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.match_box = QComboBox()
        self.match_box.addItem("Any tag", Match.ANY)
        self.match_box.addItem("All tags", Match.ALL)
        self.match_box.setToolTip("Show excerpts carrying any of the checked tags, or all of them")
        self.document_box = _DocumentBox()
        self.document_box.opening.connect(self._bring_box_up_to_date)
        self._box_stale = False  # many documents changed at once: the list waits to be opened
        self.document_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document_box.setMinimumContentsLength(14)
        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText("Search quotes and notes")
        self.search_field.setClearButtonEnabled(True)
        self.count_label = QLabel()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        # A fixed row height lets the view skip measuring rows: needed for 50,000 of them.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)
        # Status fits its longest word and the header's sort arrow (it was cut to "Chec…").
        metrics = header.fontMetrics()
        status = max(metrics.horizontalAdvance(w) for w in ("Status", "Orphan", "Edited", "Moved"))
        for column, width in ((DOCUMENT, 100), (TAGS, 96), (NOTE, 64), (STATUS, status + 34)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)

        # An empty list says why: nothing highlighted yet, or a filter that matches nothing.
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("ExcerptsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setMargin(12)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.table.viewport().installEventFilter(self)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.match_box)
        bar.addWidget(self.document_box, 1)
        bar.addWidget(self.search_field, 2)
        info = QHBoxLayout()
        info.setContentsMargins(0, 0, 0, 0)
        info.addWidget(self.tags_label, 1)
        info.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addLayout(info)
        layout.addWidget(self.table, 1)

        self.reload_documents()
        self._update_labels()
        self.match_box.currentIndexChanged.connect(self._apply_filter)
        self.document_box.currentIndexChanged.connect(self._apply_filter)
        self.search_field.textChanged.connect(self._search_timer.start)
        self.search_field.returnPressed.connect(self._apply_now)
        # Click a column header to sort by it; the reading order (Document) comes first.
        header.setSortIndicator(DOCUMENT, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        header.setToolTip("Click a column to sort by it (again: the other way round)")
        self.model.modelAboutToBeReset.connect(self._keep_current)
        self.table.activated.connect(self._on_activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.model.modelReset.connect(self._update_labels)

    # -- filter ------------------------------------------------------------------------------

    def current_filter(self) -> ExcerptFilter:
        """The filter the panel shows now (the export dialog starts from it)."""
        match = self.match_box.currentData() or Match.ANY
        document = self.document_box.currentData()
        return ExcerptFilter(
            tag_ids=self._tag_ids,
            match=Match(match),
            document_ids=(document,) if document else (),
            search=self.search_field.text().strip(),
        )

    def set_tag_filter(
        self, tag_ids: list[int] | tuple[int, ...], match: str | None = None
    ) -> None:
        """Filter by ``tag_ids`` (and their descendants); ``match`` is "any" or "all"."""
        self._tag_ids = tuple(tag_ids)
        if match is not None:
            index = self.match_box.findData(Match(match))
            if index >= 0:
                self.match_box.blockSignals(True)
                self.match_box.setCurrentIndex(index)
                self.match_box.blockSignals(False)
        self._apply_filter()

    def set_document(self, document_id: int | None) -> None:
        """Show only the excerpts of ``document_id`` (None: every document)."""
        index = self.document_box.findData(document_id) if document_id else 0
        self.document_box.setCurrentIndex(max(index, 0))

    def _keep_current(self) -> None:
        """Re-select the current excerpt once the rows are back (a sort resets the model)."""
        current = self.current_annotation()
        if current is not None:
            QTimer.singleShot(0, self, lambda: self.select_annotation(current, quiet=True))

    def _apply_now(self) -> None:
        self._search_timer.stop()
        self._apply_filter()

    def _apply_filter(self) -> None:
        current = self.current_annotation()
        excerpt_filter = self.current_filter()
        if excerpt_filter != self.model.excerpt_filter():
            self.model.set_filter(excerpt_filter)
            if current is not None:
                self.select_annotation(current)
            self.filter_changed.emit(excerpt_filter)
        self._update_labels()

    def _update_labels(self) -> None:
        names = [self.model.tag_name(t) for t in self._tag_ids]
        self.tags_label.setText("Tags: " + ", ".join(names) if names else "All tags")
        self.tags_label.setToolTip(self.tags_label.text())
        self.match_box.setEnabled(len(self._tag_ids) > 1)
        # The status column only earns its width once re-anchoring has moved or lost passages.
        unsettled = ExcerptFilter(
            statuses=(AnchorStatus.ORPHAN, AnchorStatus.MOVED, AnchorStatus.EDITED)
        )
        self.table.setColumnHidden(STATUS, self.library.annotations.count(unsettled) == 0)
        count = self.model.rowCount()
        self.count_label.setText(f"{count:,} excerpt" + ("" if count == 1 else "s"))
        self._update_empty_label(count)

    def _update_empty_label(self, count: int) -> None:
        if count:
            self.empty_label.hide()
            return
        if self.library.annotations.count() == 0:
            text = (
                "No highlights yet.\n\nSelect a passage, then press a tag's digit key (1–9) "
                "or type a tag name in the “Add tag” box above the text."
            )
        else:
            hints = []
            if len(self._tag_ids) > 1 and self.current_filter().match is Match.ALL:
                hints.append("choose “Any tag” instead of “All tags”")
            if self._tag_ids:
                hints.append("untick tags (Clear)")
            if self.document_box.currentData():
                hints.append("choose “All documents”")
            if self.search_field.text().strip():
                hints.append("clear the search")
            text = "No excerpt matches this filter."
            if hints:
                text += "\n\nTo see more: " + ", or ".join(hints) + "."
        self.empty_label.setText(text)
        self._place_empty_label()
        self.empty_label.show()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.table.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty_label()
        return super().eventFilter(watched, event)

    def reload_documents(self) -> None:
        """Refill the document choice (after documents were added, renamed or removed)."""
        chosen = self.document_box.currentData()
        self.document_box.blockSignals(True)
        self.document_box.clear()
        self.document_box.addItem("All documents", None)
        self._box_titles = self.model.titles()
        for document_id, title in self._box_titles.items():
            self.document_box.addItem(title, document_id)
        index = self.document_box.findData(chosen) if chosen else 0
        self.document_box.setCurrentIndex(max(index, 0))
        self.document_box.blockSignals(False)
        if chosen and index < 0:
            self._apply_filter()

    def _update_document_box(self, changed: set[int]) -> None:
        """Follow documents added, renamed or removed without refilling the whole list."""
        titles = self.model.titles()
        shown = self._box_titles
        if all(shown.get(i) == titles.get(i) for i in changed):
            return  # a highlight made: its document's title is as it was
        box = self.document_box
        chosen = box.currentData()
        box.blockSignals(True)
        try:
            rows = list(shown)  # ids in the order of the items after "All documents"
            order = {document_id: n for n, document_id in enumerate(titles)}
            for row in range(len(rows) - 1, -1, -1):
                document_id = rows[row]
                if document_id not in order or (
                    document_id in changed and _moved(rows, row, order)
                ):
                    box.removeItem(row + 1)
                    del rows[row]
            for row, (document_id, title) in enumerate(titles.items()):
                if row >= len(rows) or rows[row] != document_id:
                    box.insertItem(row + 1, title, document_id)
                    rows.insert(row, document_id)
                elif shown.get(document_id) != title:
                    box.setItemText(row + 1, title)
        finally:
            box.blockSignals(False)
        self._box_titles = titles
        if chosen and chosen not in titles:
            box.setCurrentIndex(0)  # its document is gone: every document again
            self._apply_filter()

    def _follow_chosen_document(self, changed: set[int]) -> None:
        """While the list waits: the chosen document's title follows, or, gone, every
        document is shown again."""
        box = self.document_box
        chosen = box.currentData()
        if chosen is None or chosen not in changed:
            return
        title = self.model.document_title(chosen)
        if title:
            box.setItemText(box.currentIndex(), title)
        else:
            box.setCurrentIndex(0)  # its document is gone: every document again
            self._apply_filter()

    def _bring_box_up_to_date(self) -> None:
        if self._box_stale:
            self._box_stale = False
            self.reload_documents()

    # -- rows --------------------------------------------------------------------------------

    def refresh(self, changes: Changes) -> None:
        """Follow a change of the project (from the controller's ``changed`` signal)."""
        current = self.current_annotation()
        # Rows coming and going move Qt's current row onto a neighbour; that is not the
        # reader picking it, so it must not reach the inspector (and become what Del deletes).
        self._quiet = True
        try:
            self.model.refresh(changes)
            if changes.documents:
                if self._box_stale or len(changes.documents) > _BOX_FOLLOWS:
                    self._box_stale = True
                    self._follow_chosen_document(changes.documents)
                else:
                    self._update_document_box(changes.documents)
            if changes.tag_tree:
                # A deleted or merged tag drops out of the filter.
                known = {t.id for t in self.library.tags.list()}
                kept = tuple(t for t in self._tag_ids if t in known)
                if kept != self._tag_ids:
                    self._tag_ids = kept
                    self._apply_filter()
            if current is not None and self.current_annotation() != current:
                if not self.select_annotation(current, quiet=True):
                    self.clear_selection()
        finally:
            self._quiet = False
        self._update_labels()

    def current_annotation(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.annotation_id(index.row()) if index.isValid() else None

    def select_annotation(self, annotation_id: int, *, quiet: bool = False) -> bool:
        """Make ``annotation_id`` the current row (False when the filter hides it).

        With ``quiet``, ``excerpt_selected`` is not emitted (the caller follows the text).
        """
        row = self.model.row_of(annotation_id)
        if row is None:
            return False
        index = self.model.index(row, QUOTE)
        was_quiet, self._quiet = self._quiet, quiet or self._quiet
        try:
            self.table.setCurrentIndex(index)
        finally:
            self._quiet = was_quiet
        self.table.scrollTo(index)
        return True

    def clear_selection(self) -> None:
        """No current row (the inspector shows no excerpt of this list)."""
        was_quiet, self._quiet = self._quiet, True
        try:
            self.table.selectionModel().clearCurrentIndex()
            self.table.clearSelection()
        finally:
            self._quiet = was_quiet

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        annotation_id = self.model.annotation_id(index.row())
        annotation = self.model.annotation(index.row())
        menu = QMenu(self)
        menu.addAction("Go to passage", lambda: self.excerpt_activated.emit(annotation_id))
        if annotation is not None:
            quote = annotation.exact
            menu.addAction("Copy quote", lambda: QGuiApplication.clipboard().setText(quote))
            menu.addAction(
                "Show only this document",
                lambda: self.set_document(annotation.document_id),
            )
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.excerpt_activated.emit(self.model.annotation_id(index.row()))

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.excerpt_selected.emit(self.model.annotation_id(current.row()))


# More documents changed at once than this (a scan, files arriving by the thousand), the
# document choice is refilled when it is next opened, not on every change: following each
# burst cost the window up to 80 ms.
_BOX_FOLLOWS = 50


class _DocumentBox(QComboBox):
    """The document choice, which says when its list is about to open."""

    opening = Signal()

    def showPopup(self) -> None:  # noqa: N802 (Qt override)
        self.opening.emit()
        super().showPopup()


def _moved(rows: list[int], row: int, order: dict[int, int]) -> bool:
    """Whether the document at ``row`` now sorts elsewhere among the others shown."""
    mine = order[rows[row]]
    before = next((order[i] for i in reversed(rows[:row]) if i in order), -1)
    after = next((order[i] for i in rows[row + 1 :] if i in order), len(order))
    return not before < mine < after


__all__ = ["ExcerptsPanel"]
