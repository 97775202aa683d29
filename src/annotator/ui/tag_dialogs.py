"""Small dialogs of the tag panel: pick a merge target, edit a description, confirm a delete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.models import Tag
from annotator.ui.theme import swatch_icon


def delete_message(name: str, sub_tags: int, annotations: int) -> str:
    """The confirmation for deleting a tag, saying exactly what is affected."""
    what = f"'{name}'"
    if sub_tags:
        what += f" and its {sub_tags} sub-tag{'s' * (sub_tags != 1)}"
    them = "them" if sub_tags else "it"
    if annotations == 0:
        return f"Delete {what}? No annotation carries {them}."
    if annotations == 1:
        return (
            f"Delete {what}? 1 annotation carries {them}; the annotation stays, "
            "untagged or with its other tags."
        )
    return (
        f"Delete {what}? {annotations} annotations carry {them}; the annotations stay, "
        "untagged or with their other tags."
    )


class MergeDialog(QDialog):
    """Choose the tag that ``source`` folds into (never itself or one of its sub-tags)."""

    def __init__(
        self, source: Tag, candidates: list[tuple[int, str, str]], parent: QWidget | None = None
    ) -> None:
        """``candidates``: (tag id, path, colour) of every tag the source may merge into."""
        super().__init__(parent)
        self.setWindowTitle(f"Merge '{source.name}'")
        self.setMinimumSize(360, 360)
        explain = QLabel(
            f"Merge '{source.name}' into the tag chosen below. Its annotations take that tag "
            "and its sub-tags move under it; then it is removed. Undo puts everything back."
        )
        explain.setWordWrap(True)
        self.filter = QLineEdit(placeholderText="Filter tags…")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        for tag_id, path, color in candidates:
            item = QListWidgetItem(swatch_icon(color), path)
            item.setData(Qt.ItemDataRole.UserRole, tag_id)
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Merge")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (explain, self.filter, self.list, self.buttons):
            layout.addWidget(widget)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.currentItemChanged.connect(self._update_ok)
        self.list.itemDoubleClicked.connect(self.accept)
        self._update_ok()

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return None
        return int(item.data(Qt.ItemDataRole.UserRole))

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(needle not in item.text().casefold())
            if first is None and not item.isHidden():
                first = item
        current = self.list.currentItem()
        if first is not None and (current is None or current.isHidden()):
            self.list.setCurrentItem(first)
        self._update_ok()

    def _update_ok(self, *_args: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.chosen() is not None
        )


class DescribeDialog(QDialog):
    """Edit a tag's description: what the tag means, shown in tooltips and the briefing."""

    def __init__(self, tag: Tag, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Describe '{tag.name}'")
        self.setMinimumSize(380, 220)
        label = QLabel(f"What does '{tag.name}' mean? When should a passage carry it?")
        label.setWordWrap(True)
        self.editor = QPlainTextEdit(tag.description)
        self.editor.setPlaceholderText("A short definition, for you and your readers")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def description(self) -> str:
        return self.editor.toPlainText().strip()
