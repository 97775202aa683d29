"""File > Project settings…: the briefing's title, subtitle, author and summary heading."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.services import commands as cmd
from annotator.ui.controller import ProjectController

_LABELS = {
    "title": "Briefing title",
    "subtitle": "Subtitle",
    "author": "Author",
    "summary_heading": "Summary heading",
}
_PLACEHOLDERS = {
    "title": "What the export selects, e.g. “Briefing: Energy”",
    "subtitle": "None",
    "author": "None (your login name is never used)",
    "summary_heading": "Summary",
}


class ProjectSettingsDialog(QDialog):
    """Edits the project's briefing identity; OK applies it as one undoable step."""

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Project settings")
        self.setMinimumWidth(460)
        self.controller = controller
        stored = controller.library.project.settings
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in stored:  # title, subtitle, author, summary heading
            edit = QLineEdit(stored[key])
            edit.setPlaceholderText(_PLACEHOLDERS[key])
            edit.setObjectName(key)
            self.fields[key] = edit
            form.addRow(_LABELS[key], edit)
        explain = QLabel(
            "Every briefing of this project starts from these; the export dialog can still "
            "change them for one briefing. The author is also credited with new highlights."
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explain)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {key: " ".join(edit.text().split()) for key, edit in self.fields.items()}

    def apply(self) -> None:
        values = self.values()
        if values != self.controller.library.project.settings:
            if not self.controller.push(cmd.set_project_settings(self.controller.library, values)):
                return
        self.accept()
