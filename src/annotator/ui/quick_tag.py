"""A line edit that picks a tag by typing: completion over tag paths, or create a new tag.

Typing shows every tag whose path contains the text (any case). Enter takes the top match: the
tag the text names exactly, else the first tag listed; only when nothing matches is the top row
"Create tag 'xyz'", and Enter creates it. Creating beside matches is explicit: pick the
"Create tag" row, or press Shift+Enter (an undoable CreateTag; "Parent/xyz" creates it under an
existing "Parent"). A hint at the right of the box says what Enter will do.
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
from PySide6.QtGui import QFont, QIcon, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLabel, QLineEdit, QWidget

from annotator.core.models import Changes, Tag
from annotator.services import commands as cmd
from annotator.ui.controller import ProjectController
from annotator.ui.theme import badge_icon, swatch_icon

_CREATE = "Create tag '{}'"
_CREATE_BESIDE = "Create tag '{}' (Shift+Enter)"
TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class _TagPathModel(QAbstractListModel):
    """Tag paths with their swatches, plus one trailing "Create tag '…'" row when it applies."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[int, str, QIcon]] = []
        self.create_text = ""
        self.beside_matches = False  # the create row then names its key, Shift+Enter
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
                form = _CREATE_BESIDE if self.beside_matches else _CREATE
                return form.format(self.create_text)
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
        self.hint = QLabel(self)
        self.hint.setObjectName("QuickTagHint")
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hint.hide()
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
        self._ordered = [(tag.id, paths[tag.id]) for tag in tags]
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

    def top_match(self, text: str) -> int | None:
        """The tag Enter takes for ``text``: the one it names, else the first listed (the
        list shows tags whose path contains the text, in tree order); None when none matches."""
        key = " ".join(text.split()).strip("/").casefold()
        if not key:
            return None
        named = self.find_tag(key)
        if named is not None:
            return named
        return next((tag_id for tag_id, path in self._ordered if key in path.casefold()), None)

    def enter_action(self, text: str | None = None) -> tuple[str, int | None]:
        """What Enter does now: ("take", tag id), ("create", None) or ("none", None)."""
        text = " ".join((self.text() if text is None else text).split()).strip("/")
        if not text:
            return "none", None
        tag_id = self.top_match(text)
        return ("take", tag_id) if tag_id is not None else ("create", None)

    def choose(self, text: str, *, create: bool = False) -> int | None:
        """Resolve ``text`` to a tag and emit ``tag_chosen``: the top match, or with ``create``
        (or when nothing matches) the tag it names, created if there is none."""
        text = " ".join(text.split()).strip("/")
        if not text:
            return None
        tag_id = self.find_tag(text) if create else self.top_match(text)
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
        create = text if text and self.find_tag(text) is None else ""
        beside = bool(create) and self.top_match(text) is not None
        if beside != self._model.beside_matches:
            self._model.set_create("")  # the row's words change: take it out and put it back
            self._model.beside_matches = beside
        self._model.set_create(create)
        self._update_hint(text)

    def _update_hint(self, text: str) -> None:
        what, tag_id = self.enter_action(text)
        if what == "none":
            self.hint.hide()
            self.setTextMargins(0, 0, 0, 0)
            return
        if what == "take":
            assert tag_id is not None
            name = next(path for t, path in self._ordered if t == tag_id).rsplit("/", 1)[-1]
            self.hint.setText(f"↵ {name}")
            self.hint.setToolTip(f"Enter tags with '{name}'; Shift+Enter creates '{text}'")
        else:
            self.hint.setText("↵ new tag")
            self.hint.setToolTip(f"Enter creates the tag '{text}'")
        self.hint.adjustSize()
        self._place_hint()
        self.hint.show()

    def hint_text(self) -> str:
        """The words at the right of the box saying what Enter does ("" when hidden)."""
        return self.hint.text() if self.hint.isVisibleTo(self) else ""

    def _place_hint(self) -> None:
        # Left of the clear button (about one line height wide), vertically centred.
        room = self.height() + 4
        width = min(self.hint.sizeHint().width(), self.width() // 2)
        self.hint.setGeometry(
            self.width() - room - width, (self.height() - self.hint.sizeHint().height()) // 2,
            width, self.hint.sizeHint().height(),
        )  # fmt: skip
        self.setTextMargins(0, 0, width + 8, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self.hint.isVisibleTo(self):
            self._place_hint()

    def clear(self) -> None:
        super().clear()
        self._update_create("")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._popup().hide()
            self.choose(self.text(), create=True)  # creating is explicit
            event.accept()
            return
        super().keyPressEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        tag_id = index.data(TAG_ID_ROLE)
        if tag_id is not None and tag_id >= 0:
            self._popup().hide()
            self.clear()
            self._update_create("")
            self.tag_chosen.emit(int(tag_id))
        else:
            self.choose(self._model.create_text, create=True)

    def _return_pressed(self) -> None:
        popup = self._popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            return  # the completer's activated signal handles it
        self.choose(self.text())

    def _on_changed(self, changes: Changes) -> None:
        # Tagging passages also lists tags as changed; only names, colours and the tree matter.
        if changes.tag_tree or (changes.tags and not changes.annotations):
            self.reload()
