"""A line edit that picks a tag by typing: completion over tag paths, or create a new tag.

Typing shows every tag whose path contains the text (any case); Enter (or picking a completion)
chooses it. When no tag has that name or path, the list offers "Create tag 'xyz'" and Enter
creates it (an undoable CreateTag; "Parent/xyz" creates it under an existing "Parent").
``tag_chosen(int)`` is emitted with the tag id, after creating it if needed; the box then clears.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from annotator.core.models import Changes, Tag
from annotator.services import commands as cmd
from annotator.ui.controller import ProjectController
from annotator.ui.theme import badge_icon, swatch_icon

_CREATE = "Create tag '{}'"
TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class _TagPathModel(QAbstractListModel):
    """Tag paths with their swatches, plus one trailing "Create tag '…'" row when it applies."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[int, str, QIcon]] = []
        self.create_text = ""
        self._plus = badge_icon("#6b7785", "+", 14)

    def set_tags(self, rows: list[tuple[int, str, QIcon]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def set_create(self, text: str) -> None:
        if text == self.create_text:
            return
        had = bool(self.create_text)
        if had and text:
            self.create_text = text
            index = self.index(len(self.rows))
            self.dataChanged.emit(index, index)
        elif text:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
            self.create_text = text
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), len(self.rows), len(self.rows))
            self.create_text = ""
            self.endRemoveRows()

    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows) + bool(self.create_text)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.row() >= len(self.rows):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return _CREATE.format(self.create_text)
            if role == Qt.ItemDataRole.DecorationRole:
                return self._plus
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            return -1 if role == TAG_ID_ROLE else None
        tag_id, path, icon = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return path
        if role == Qt.ItemDataRole.DecorationRole:
            return icon
        if role == TAG_ID_ROLE:
            return tag_id
        return None


class QuickTagBox(QLineEdit):
    """Type to find a tag (or name a new one); Enter emits ``tag_chosen(id)``."""

    tag_chosen = Signal(int)

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setPlaceholderText("Add tag… (type, then Enter)")
        self.setClearButtonEnabled(True)
        self._model = _TagPathModel(self)
        self._paths: dict[str, int] = {}
        self._names: dict[str, list[int]] = {}
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self.setCompleter(self._completer)
        # The QModelIndex overload (the default is the text's); PySide6's stub cannot index it.
        self._completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        self.textEdited.connect(self._update_create)
        self.returnPressed.connect(self._return_pressed)
        controller.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        """Re-read the tag paths (done automatically when the tag tree changes)."""
        tags: list[Tag] = self.controller.library.tags.list()
        paths: dict[int, str] = {}
        for tag in tags:  # tree order: a parent's path is known before its children's
            parent = paths.get(tag.parent_id) if tag.parent_id is not None else None
            paths[tag.id] = f"{parent}/{tag.name}" if parent else tag.name
        self._paths = {path.casefold(): tag_id for tag_id, path in paths.items()}
        self._names = {}
        for tag in tags:
            self._names.setdefault(tag.name.casefold(), []).append(tag.id)
        icons: dict[str, QIcon] = {}
        rows = []
        for tag in tags:
            icon = icons.setdefault(tag.color, swatch_icon(tag.color))
            rows.append((tag.id, paths[tag.id], icon))
        self._model.set_tags(rows)
        self._update_create(self.text())

    def find_tag(self, text: str) -> int | None:
        """The tag ``text`` names: its path, or its name when no other tag has that name."""
        key = " ".join(text.split()).strip("/").casefold()
        if key in self._paths:
            return self._paths[key]
        same = self._names.get(key, [])
        return same[0] if len(same) == 1 else None

    def choose(self, text: str) -> int | None:
        """Resolve ``text`` to a tag (creating it if it names none) and emit ``tag_chosen``."""
        text = " ".join(text.split()).strip("/")
        if not text:
            return None
        if text.startswith(_CREATE.format("")[:-1]) and text.endswith("'"):
            text = text[len(_CREATE.format("")) - 1 : -1]
        tag_id = self.find_tag(text)
        if tag_id is None:
            tag_id = self._create(text)
            if tag_id is None:
                return None
        self._popup().hide()
        self.clear()
        self._update_create("")
        self.tag_chosen.emit(tag_id)
        return tag_id

    def _create(self, text: str) -> int | None:
        parent_path, _, name = text.rpartition("/")
        parent_id = None
        if parent_path:
            parent_id = self.find_tag(parent_path)
            if parent_id is None:
                self.controller.error.emit(
                    f"There is no tag '{parent_path}' to create '{name}' under."
                )
                return None
        command = cmd.CreateTag(self.controller.library, name, parent_id)
        if not self.controller.push(command):
            return None
        return command.tag_id

    def _popup(self) -> QAbstractItemView:
        popup = self._completer.popup()
        assert popup is not None  # a completer always has its list
        return popup

    def _update_create(self, text: str) -> None:
        text = " ".join(text.split()).strip("/")
        self._model.set_create(text if text and self.find_tag(text) is None else "")

    def _activated(self, index: QModelIndex) -> None:
        tag_id = index.data(TAG_ID_ROLE)
        if tag_id is not None and tag_id >= 0:
            self._popup().hide()
            self.clear()
            self._update_create("")
            self.tag_chosen.emit(int(tag_id))
        else:
            self.choose(self._model.create_text)

    def _return_pressed(self) -> None:
        popup = self._popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer's activated signal handles it
        self.choose(self.text())

    def _on_changed(self, changes: Changes) -> None:
        # Tagging passages also lists tags as changed; only names, colours and the tree matter.
        if changes.tag_tree or (changes.tags and not changes.annotations):
            self.reload()
