"""The tag tree panel: browse, create, rename, recolour, move, merge and delete tags; filter.

Signals (all carry tag ids):

* ``filter_changed(list, str)``: the checked tags (tree order) and "any" or "all", whenever a
  check box or the Any/All toggle changes (also when a checked tag is deleted).
* ``tag_applied(int)``: the user asked to put this tag on the current text selection: the
  "Apply" button, the context menu's "Apply to selection", Enter (or Return) on the current
  tag, or a double-click on a tag's colour swatch. A double-click on the name edits it instead.
* ``tag_selected(int)``: the current tag changed (the main window shows its note); -1 for none.

Every change goes through ``controller.push`` as one undoable command; the tree refreshes
from ``controller.changed`` and keeps its expansion, selection and check boxes.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QColorDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.models import Changes
from annotator.services import commands as cmd
from annotator.ui.controller import ProjectController
from annotator.ui.tag_dialogs import DescribeDialog, MergeDialog, delete_message
from annotator.ui.tag_model import COUNT, NAME, TagTreeModel
from annotator.ui.tag_view import DigitDelegate, ModeButton, TagTreeView, add_pin_menu

COUNTS_DELAY_MS = 150


class TagPanel(QWidget):
    """The tag tree with its toolbar: filter box, New, Apply, Any/All, Clear."""

    filter_changed = Signal(list, str)
    tag_applied = Signal(int)
    tag_selected = Signal(int)

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = TagTreeModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(NAME)
        self._build()
        self._last_selected: int | None = None
        # Expanded tags by id, kept for tags that vanish too, so an undone delete comes back open.
        self._expanded: set[int] = set()
        self._select_after_refresh: int | None = None
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self._deferred_refresh)
        self._stale = False
        self.model.checked_changed.connect(self._emit_filter)
        self.model.rename_requested.connect(self.rename)
        self.model.move_requested.connect(self.move_tag)
        controller.changed.connect(self._on_changed)
        self.refresh()
        if len(self.model.tags_in_order()) <= 80:
            self.view.expandAll()

    # Layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Filter tags…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_tree)

        self.new_button = _tool_button("New", "New tag under the selected one")
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        new_menu = QMenu(self.new_button)
        new_menu.addAction("New top-level tag", lambda: self.create_tag(None))
        self.new_button.setMenu(new_menu)
        self.new_button.clicked.connect(lambda: self.create_tag(self.current_tag()))
        self.apply_button = _tool_button(
            "Apply", "Tag the selected text with the current tag (Enter)"
        )
        self.apply_button.clicked.connect(self._apply_current)

        self.any_button = ModeButton("Any")
        self.any_button.setChecked(True)
        self.any_button.setToolTip("Show passages carrying any of the checked tags")
        self.all_button = ModeButton("All")
        self.all_button.setToolTip("Show only passages carrying all of the checked tags")
        self.mode_group = QButtonGroup(self)
        self.mode_group.setExclusive(True)
        self.mode_group.addButton(self.any_button)
        self.mode_group.addButton(self.all_button)
        self.mode_group.buttonToggled.connect(self._mode_toggled)
        self.clear_button = _tool_button("Clear", "Uncheck every tag")
        self.clear_button.clicked.connect(lambda: self.set_checked([]))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        for button in (self.new_button, self.apply_button):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.any_button, self.all_button, self.clear_button):
            bar.addWidget(button)

        self.view = TagTreeView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(DigitDelegate(self.view))
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setHeaderHidden(True)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # Sized from the largest count, not ResizeToContents: that asks every row on each change.
        self.view.header().setSectionResizeMode(COUNT, QHeaderView.ResizeMode.Fixed)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.apply_requested.connect(self._apply_index)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.delete_requested.connect(lambda: self.delete_tag(self.current_tag()))

    # Public API ---------------------------------------------------------------------------

    def first_nine(self) -> list[int]:
        """The tags on keys 1, 2, … in key order (pinned keys, the rest in tree order)."""
        return self.model.first_nine()

    def digit_keys(self) -> dict[int, int]:
        """{digit: tag id} for the digit keys bound to tags."""
        return self.model.digit_keys()

    def pin_key(self, tag_id: int, digit: int | None) -> None:
        """Pin ``digit`` to ``tag_id`` (None: unpin its key); undoable, kept in the project."""
        library = self.controller.library
        if digit is None:
            digit = next((d for d, t in library.tag_keys.pinned().items() if t == tag_id), None)
            if digit is None:
                return
            self.controller.push(cmd.pin_digit_key(library, digit, None))
        else:
            self.controller.push(cmd.pin_digit_key(library, digit, tag_id))

    def set_checked(self, ids: Iterable[int]) -> None:
        """Check exactly ``ids`` (emits ``filter_changed`` if that changes anything)."""
        self.model.set_checked(ids)

    def match_mode(self) -> str:
        return "all" if self.all_button.isChecked() else "any"

    def set_match_mode(self, mode: str) -> None:
        (self.all_button if mode == "all" else self.any_button).setChecked(True)

    def current_tag(self) -> int | None:
        return self.model.tag_id(self.proxy.mapToSource(self.view.currentIndex()))

    def select_tag(self, tag_id: int) -> None:
        """Make ``tag_id`` current, expanding its parents and scrolling to it."""
        index = self.proxy.mapFromSource(self.model.index_of(tag_id))
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def refresh(self) -> None:
        """Re-read the tag tree, keeping expansion, the current tag and the check boxes."""
        self._refresh_timer.stop()
        self._remember_expansion()
        current = self._select_after_refresh or self.current_tag()
        self._select_after_refresh = None
        library = self.controller.library
        tags = library.tags.list()
        totals = library.counts.totals()
        reset = self.model.set_tags(tags, totals)
        self.model.set_pins(library.tag_keys.pinned())
        widest = max(totals.values(), default=0)
        width = self.view.fontMetrics().horizontalAdvance(str(widest)) + 16
        if self.view.header().sectionSize(COUNT) != width:
            self.view.header().resizeSection(COUNT, width)
        if reset:
            for tag_id in list(self._expanded):
                index = self.proxy.mapFromSource(self.model.index_of(tag_id))
                if index.isValid():
                    self.view.expand(index)
            if current is not None and self.model.tag(current) is not None:
                self.select_tag(current)
        self._emit_selected()

    # Commands -----------------------------------------------------------------------------

    def create_tag(self, parent_id: int | None) -> int | None:
        """Ask for a name and create a tag under ``parent_id``; the new tag becomes current."""
        parent = self.model.tag(parent_id) if parent_id is not None else None
        where = f" under '{parent.name}'" if parent else ""
        name, ok = QInputDialog.getText(self, "New tag", f"Name of the new tag{where}:")
        if not ok or not name.strip():
            return None
        command = cmd.CreateTag(self.controller.library, name, parent.id if parent else None)
        if not self.controller.push(command):
            return None
        self._select_after_refresh = command.tag_id
        self.search.clear()  # the new tag might not match the filter and would stay hidden
        self.refresh()
        return command.tag_id

    def rename(self, tag_id: int, name: str) -> None:
        self.controller.push(cmd.rename_tag(self.controller.library, tag_id, name))

    def move_tag(self, tag_id: int, parent_id: int | None, position: int | None) -> None:
        self._select_after_refresh = tag_id
        self.controller.push(cmd.MoveTag(self.controller.library, tag_id, parent_id, position))

    def recolor_tag(self, tag_id: int | None) -> None:
        tag = self.model.tag(tag_id) if tag_id is not None else None
        if tag is None:
            return
        color = QColorDialog.getColor(QColor(tag.color), self, f"Colour for '{tag.name}'")
        if color.isValid() and color.name() != tag.color:
            self.controller.push(cmd.recolor_tag(self.controller.library, tag.id, color.name()))

    def describe_tag(self, tag_id: int | None) -> None:
        tag = self.model.tag(tag_id) if tag_id is not None else None
        if tag is None:
            return
        dialog = DescribeDialog(tag, self)
        if dialog.exec() and dialog.description() != tag.description:
            self.controller.push(
                cmd.describe_tag(self.controller.library, tag.id, dialog.description())
            )

    def merge_tag(self, tag_id: int | None) -> None:
        tag = self.model.tag(tag_id) if tag_id is not None else None
        if tag is None:
            return
        excluded = set(self.model.subtree(tag.id))
        candidates = [
            (t.id, self.model.path(t.id), t.color)
            for t in self.model.tags_in_order()
            if t.id not in excluded
        ]
        if not candidates:
            QMessageBox.information(self, "Merge tag", "There is no other tag to merge into.")
            return
        dialog = MergeDialog(tag, candidates, self)
        target = dialog.chosen() if dialog.exec() else None
        if target is not None:
            self._select_after_refresh = target
            self.controller.push(cmd.MergeTags(self.controller.library, tag.id, target))

    def delete_tag(self, tag_id: int | None) -> None:
        tag = self.model.tag(tag_id) if tag_id is not None else None
        if tag is None:
            return
        tags, annotations = self.controller.library.tags.impact(tag.id)
        answer = QMessageBox.question(
            self,
            "Delete tag",
            delete_message(tag.name, tags - 1, annotations) + "\n\nUndo brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.push(cmd.DeleteTag(self.controller.library, tag.id))

    # Internals ----------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        # Counts move with annotations and documents too, so any of these can make rows stale;
        # one deferred refresh folds a burst of changes together.
        if changes.tag_tree or changes.tags or changes.annotations or changes.documents:
            # Counts alone can wait for the text to show the new highlight first (counting
            # 50,000 passages under each parent tag takes ~0.1 s); the tree's shape cannot.
            counts_only = not (changes.tag_tree or changes.tags)
            if not (counts_only and self._refresh_timer.isActive()):
                self._refresh_timer.start(COUNTS_DELAY_MS if counts_only else 0)

    def _deferred_refresh(self) -> None:
        # A panel off screen (its window closed) catches up when shown again, not now.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def _remember_expansion(self) -> None:
        if self.search.text().strip():
            return  # the filter box opened everything; that is not the user's choice
        for tag in self.model.tags_in_order():
            index = self.proxy.mapFromSource(self.model.index_of(tag.id))
            if not index.isValid():
                continue  # hidden by the filter box: keep what we knew
            if self.view.isExpanded(index):
                self._expanded.add(tag.id)
            else:
                self._expanded.discard(tag.id)

    def _filter_tree(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        # Reordering by drag makes no sense in a filtered tree: rows would land among hidden ones.
        self.view.setDragDropMode(
            QAbstractItemView.DragDropMode.DragOnly
            if text.strip()
            else QAbstractItemView.DragDropMode.DragDrop
        )
        if text.strip():
            self.view.expandAll()

    def _mode_toggled(self, _button: QAbstractButton, on: bool) -> None:
        if on:
            self._emit_filter()

    def _emit_filter(self) -> None:
        self.filter_changed.emit(self.model.checked(), self.match_mode())

    def _emit_selected(self) -> None:
        current = self.current_tag()
        self.apply_button.setEnabled(current is not None)
        if current != self._last_selected:
            self._last_selected = current
            self.tag_selected.emit(-1 if current is None else current)

    def _current_changed(self, *_args: object) -> None:
        self._emit_selected()

    def _apply_index(self, index: QModelIndex) -> None:
        tag_id = self.model.tag_id(self.proxy.mapToSource(index))
        if tag_id is not None:
            self.tag_applied.emit(tag_id)

    def _apply_current(self) -> None:
        self._apply_index(self.view.currentIndex())

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        tag_id = self.model.tag_id(self.proxy.mapToSource(index))
        menu = QMenu(self)
        if tag_id is None:
            menu.addAction("New top-level tag…", lambda: self.create_tag(None))
        else:
            tag = self.model.tag(tag_id)
            assert tag is not None
            self.view.setCurrentIndex(index.siblingAtColumn(NAME))
            apply = menu.addAction("Apply to selection", lambda: self.tag_applied.emit(tag_id))
            apply.setShortcut(QKeySequence(Qt.Key.Key_Return))
            menu.addSeparator()
            menu.addAction(f"New sub-tag of '{tag.name}'…", lambda: self.create_tag(tag_id))
            menu.addAction("New top-level tag…", lambda: self.create_tag(None))
            menu.addSeparator()
            rename = menu.addAction("Rename", lambda: self.view.edit(index.siblingAtColumn(NAME)))
            rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
            menu.addAction("Change colour…", lambda: self.recolor_tag(tag_id))
            menu.addAction("Describe…", lambda: self.describe_tag(tag_id))
            menu.addAction("Merge into…", lambda: self.merge_tag(tag_id))
            add_pin_menu(menu, self.model, tag_id, self.pin_key)
            menu.addSeparator()
            delete = menu.addAction("Delete…", lambda: self.delete_tag(tag_id))
            delete.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        menu.addSeparator()
        menu.addAction("Expand all", self.view.expandAll)
        menu.addAction("Collapse all", self.view.collapseAll)
        menu.exec(self.view.viewport().mapToGlobal(pos))


def _tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button
