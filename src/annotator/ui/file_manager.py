"""Hand a file to the desktop: open it, or show it in its folder (selected where the platform
lets us), and the message offering both after an export."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_file(path: Path) -> bool:
    """Open ``path`` in the program the desktop uses for it."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def show_in_folder(path: Path) -> bool:
    """Show ``path``'s folder in the file manager, with the file selected on Windows and macOS
    (Linux file managers share no command for it: the folder opens)."""
    path = Path(path)
    if sys.platform == "win32" and path.exists():
        return QProcess.startDetached("explorer.exe", [f"/select,{path}"])[0]
    if sys.platform == "darwin" and path.exists():
        return QProcess.startDetached("open", ["-R", str(path)])[0]
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def exported_message(parent: QWidget, path: Path, what: str = "The briefing") -> QMessageBox:
    """A non-modal message after an export, with Open and Show in folder."""
    path = Path(path)
    box = QMessageBox(QMessageBox.Icon.Information, "Export finished", "", parent=parent)
    box.setObjectName("export_finished")
    box.setText(f"{what} was written to {path.name}.")
    box.setInformativeText(str(path.parent))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    opener = box.addButton("&Open", QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton("Show in &folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(opener)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def act(button: object) -> None:
        if button is opener:
            open_file(path)
        elif button is folder:
            show_in_folder(path)

    box.buttonClicked.connect(act)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box
