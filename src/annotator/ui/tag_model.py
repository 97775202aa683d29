"""The tag tree as a Qt item model: swatch, name, count, filter check boxes, drag and drop.

The count is the one convention the filters, the matrix and the briefing use: the passages
tagged with the tag or any tag below it, each once. The tooltip gives the tag's own share.

The model holds a snapshot of ``Tag`` records and never writes to the project: renames, moves
and check changes come out as signals, and the panel turns them into undoable commands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from annotator.core.models import Tag
from annotator.ui.theme import swatch_icon

TAG_MIME = "application/x-annotator-tag-id"
TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DIGIT_ROLE = Qt.ItemDataRole.UserRole + 2  # 1-9 for the tags bound to digit keys, else 0
PATH_ROLE = Qt.ItemDataRole.UserRole + 3
PINNED_ROLE = Qt.ItemDataRole.UserRole + 4  # True when the reader pinned the tag's digit key

NAME, COUNT = 0, 1
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def tag_mime(tag_id: int) -> QMimeData:
    """Drag payload for one tag (the reading view accepts it on a selection)."""
    data = QMimeData()
    data.setData(TAG_MIME, QByteArray(str(tag_id).encode()))
    return data


def tag_from_mime(data: QMimeData) -> int | None:
    """The tag id a drag carries, or None when it carries no tag."""
    if not data.hasFormat(TAG_MIME):
        return None
    try:
        return int(bytes(data.data(TAG_MIME).data()).decode())
    except ValueError:
        return None


class TagTreeModel(QAbstractItemModel):
    """Two columns (name, own count) over the tag tree; the tag id is each index's internalId."""

    checked_changed = Signal()
    rename_requested = Signal(int, str)
    move_requested = Signal(int, object, object)  # tag id, new parent id | None, position | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._totals: dict[int, int] = {}  # tag id -> passages under it, sub-tags included
        self._tags: dict[int, Tag] = {}
        self._children: dict[int | None, list[int]] = {None: []}
        self._row: dict[int, int] = {}
        self._order: list[int] = []
        self._digits: dict[int, int] = {}  # tag id -> digit key
        self._pins: dict[int, int] = {}  # digit -> tag id, as pinned by the reader
        self._checked: set[int] = set()
        self._icons: dict[str, QIcon] = {}

    # Loading ------------------------------------------------------------------------------

    def set_tags(self, tags: list[Tag], totals: dict[int, int] | None = None) -> bool:
        """Take a fresh list (tree order) and the passages under each tag (sub-tags included;
        without them, each tag's own count); True when the tree's shape changed (a reset)."""
        totals = totals if totals is not None else {t.id: t.count for t in tags}
        shape = [(t.id, t.parent_id) for t in tags]
        if shape == [(t, self._tags[t].parent_id) for t in self._order]:
            changed = [
                t
                for t in tags
                if t != self._tags[t.id] or totals.get(t.id) != self._totals.get(t.id)
            ]
            self._tags = {t.id: t for t in tags}
            self._totals = totals
            for tag in changed:
                row = self._row[tag.id]
                self.dataChanged.emit(
                    self.createIndex(row, NAME, tag.id), self.createIndex(row, COUNT, tag.id)
                )
            return False
        self.beginResetModel()
        self._tags = {t.id: t for t in tags}
        self._totals = totals
        self._order = [t.id for t in tags]
        self._children = {None: []}
        self._row = {}
        for tag in tags:
            siblings = self._children.setdefault(tag.parent_id, [])
            self._row[tag.id] = len(siblings)
            siblings.append(tag.id)
        self._assign_digits()
        before = set(self._checked)
        self._checked &= set(self._tags)
        self.endResetModel()
        if self._checked != before:
            self.checked_changed.emit()
        return True

    def set_pins(self, pins: dict[int, int]) -> None:
        """Digit keys pinned to tags ({digit: tag id}); the other keys go to the other tags in
        tree order, so pinned keys stay put however the tree is reorganised."""
        if pins == self._pins:
            return
        self._pins = dict(pins)
        before = self._digits
        self._assign_digits()
        for tag_id in set(before) | set(self._digits):
            if before.get(tag_id) != self._digits.get(tag_id) and tag_id in self._tags:
                index = self.index_of(tag_id)
                self.dataChanged.emit(index, index)

    def _assign_digits(self) -> None:
        pinned = {t: d for d, t in self._pins.items() if t in self._tags}
        free = [d for d in range(1, 10) if d not in pinned.values()]
        rest = [t for t in self._order if t not in pinned]
        self._digits = {**pinned, **dict(zip(rest, free, strict=False))}

    # Queries ------------------------------------------------------------------------------

    def tag(self, tag_id: int) -> Tag | None:
        return self._tags.get(tag_id)

    def total(self, tag_id: int) -> int:
        """Passages tagged with ``tag_id`` or a tag below it (what the tree shows)."""
        tag = self._tags.get(tag_id)
        return self._totals.get(tag_id, tag.count if tag else 0)

    def tags_in_order(self) -> list[Tag]:
        return [self._tags[t] for t in self._order]

    def first_nine(self) -> list[int]:
        """The tags on keys 1, 2, … in key order (up to the first key bound to no tag)."""
        keys = self.digit_keys()
        found = []
        for digit in range(1, 10):
            if digit not in keys:
                break
            found.append(keys[digit])
        return found

    def digit_keys(self) -> dict[int, int]:
        """{digit: tag id} for every digit key bound to a tag, pinned or by tree order."""
        return {d: t for t, d in sorted(self._digits.items(), key=lambda item: item[1])}

    def pinned(self, tag_id: int) -> bool:
        return self._pins.get(self._digits.get(tag_id, 0)) == tag_id

    def path(self, tag_id: int) -> str:
        names: list[str] = []
        current: int | None = tag_id
        while current is not None and current in self._tags:
            names.append(self._tags[current].name)
            current = self._tags[current].parent_id
        return "/".join(reversed(names))

    def subtree(self, tag_id: int) -> list[int]:
        """The tag and everything below it, in tree order."""
        found = [tag_id]
        for child in self._children.get(tag_id, []):
            found.extend(self.subtree(child))
        return found

    def index_of(self, tag_id: int, column: int = NAME) -> QModelIndex:
        if tag_id not in self._tags:
            return QModelIndex()
        return self.createIndex(self._row[tag_id], column, tag_id)

    def tag_id(self, index: _Index) -> int | None:
        return int(index.internalId()) if index.isValid() else None

    # Check boxes --------------------------------------------------------------------------

    def checked(self) -> list[int]:
        """Checked tag ids in tree order."""
        return [t for t in self._order if t in self._checked]

    def set_checked(self, ids: Iterable[int]) -> None:
        wanted = {int(t) for t in ids} & set(self._tags)
        if wanted == self._checked:
            return
        touched = wanted ^ self._checked
        self._checked = wanted
        for tag_id in touched:
            index = self.index_of(tag_id)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    # QAbstractItemModel -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = _ROOT) -> QModelIndex:
        siblings = self._children.get(self.tag_id(parent), [])
        if not (0 <= row < len(siblings) and 0 <= column < 2):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    # QAbstractItemModel.parent(index) shares its name with QObject.parent(); the stub
    # overloads cannot say both.
    def parent(self, index: _Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        tag = self._tags.get(int(index.internalId()))
        if tag is None or tag.parent_id is None:
            return QModelIndex()
        return self.index_of(tag.parent_id)

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != NAME:
            return 0
        return len(self._children.get(self.tag_id(parent), []))

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 2

    def hasChildren(self, parent: _Index = _ROOT) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Tag", "Passages")[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        if index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        tag = self._tags.get(int(index.internalId())) if index.isValid() else None
        if tag is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return tag.name if column == NAME else str(self.total(tag.id))
        if role == Qt.ItemDataRole.EditRole:
            return tag.name if column == NAME else self.total(tag.id)
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            if tag.color not in self._icons:
                self._icons[tag.color] = swatch_icon(tag.color)
            return self._icons[tag.color]
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME:
            checked = tag.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(tag)
        if role == Qt.ItemDataRole.ForegroundRole and column == COUNT and not self.total(tag.id):
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == TAG_ID_ROLE:
            return tag.id
        if role == DIGIT_ROLE:
            return self._digits.get(tag.id, 0)
        if role == PINNED_ROLE:
            return self.pinned(tag.id)
        if role == PATH_ROLE:
            return self.path(tag.id)
        return None

    def _tooltip(self, tag: Tag) -> str:
        below = self.subtree(tag.id)[1:]
        lines = [self.path(tag.id)]
        if tag.description:
            lines.append(tag.description)
        total = self.total(tag.id)
        line = f"{total} passage{'s' * (total != 1)} under '{tag.name}'"
        if below:
            subs = f"{len(below)} sub-tag{'s' * (len(below) != 1)}"
            line += f" ({tag.count} tagged '{tag.name}' itself, the others by its {subs})"
        lines.append(line)
        digit = self._digits.get(tag.id)
        if digit:
            how = "pinned" if self.pinned(tag.id) else "right-click to pin it"
            lines.append(f"Key {digit} applies it to the selected text ({how})")
        return "\n".join(lines)

    def setData(  # noqa: N802
        self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        tag_id = self.tag_id(index)
        if tag_id is None or index.column() != NAME:
            return False
        if role == Qt.ItemDataRole.CheckStateRole:
            state = Qt.CheckState(value) if isinstance(value, int) else value
            wanted = set(self._checked)
            if state == Qt.CheckState.Checked:
                wanted.add(tag_id)
            else:
                wanted.discard(tag_id)
            self.set_checked(wanted)
            return True
        if role == Qt.ItemDataRole.EditRole:
            name = " ".join(str(value).split())
            if name and name != self._tags[tag_id].name:
                self.rename_requested.emit(tag_id, name)
            return True
        return False

    # Drag and drop ------------------------------------------------------------------------

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        # Ctrl (copy) over the tree still means "move here": a tag exists once.
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [TAG_MIME]

    # Qt takes None as "nothing to drag"; PySide6's stub only knows the QMimeData case.
    def mimeData(  # type: ignore[override]  # noqa: N802
        self, indexes: Sequence[QModelIndex]
    ) -> QMimeData | None:
        ids = [tag_id for i in indexes if i.isValid() and (tag_id := self.tag_id(i)) is not None]
        return tag_mime(ids[0]) if ids else None

    def canDropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        tag_id = tag_from_mime(data)
        if tag_id is None or tag_id not in self._tags:
            return False
        target = self.tag_id(parent)
        return target is None or target not in self.subtree(tag_id)

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """On a tag: make it the parent; between tags: reorder there; on empty space: top level."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        tag_id = tag_from_mime(data)
        assert tag_id is not None
        parent_id = self.tag_id(parent)
        if parent.isValid() and parent.column() != NAME:
            parent_id = self.tag_id(self.index(parent.row(), NAME, parent.parent()))
        position: int | None = row if row >= 0 else None
        tag = self._tags[tag_id]
        if position is not None and tag.parent_id == parent_id and self._row[tag_id] < position:
            position -= 1  # the store counts positions without the moving tag
        if parent_id == tag.parent_id and position in (None, self._row[tag_id]) and row >= 0:
            return False  # dropped where it already is
        self.move_requested.emit(tag_id, parent_id, position)
        return True
