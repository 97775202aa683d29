"""File > New project, Open project, Open recent and Save a copy: the dialogs and the recent list.

The window opens the file the reader chose by emitting ``project_requested``; the app then
swaps windows (``ui.app.run``). Recent projects live in the settings, newest first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFileDialog, QGridLayout, QMenu, QMessageBox, QWidget

from annotator.services.projects import SUFFIX, new_project, project_file
from annotator.store.errors import StoreError
from annotator.ui.window_state import settings

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"
RECENT_KEY = "recent_projects"
RECENT_MAX = 10


# -- the recent list -------------------------------------------------------------------------


def recent_projects() -> list[str]:
    """The projects opened last, newest first (files gone since are still listed)."""
    value = settings().value(RECENT_KEY, [])
    if isinstance(value, str):  # an INI file reads a one-item list back as its item
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [str(v) for v in value if v]


def _store_recent(paths: list[str]) -> None:
    store = settings()
    store.setValue(RECENT_KEY, paths[:RECENT_MAX])
    store.sync()


def remember_project(path: Path | None) -> None:
    """Put ``path`` first in the recent list (an in-memory project is not listed)."""
    if path is None:
        return
    text = str(path)
    _store_recent([text, *(p for p in recent_projects() if p != text)])


def fill_recent_menu(menu: QMenu, window: MainWindow) -> None:
    """Rebuild File > Open recent: missing files are greyed out, and can be pruned."""
    menu.clear()
    current = str(window.library.path) if window.library.path else ""
    paths = [p for p in recent_projects() if p != current]
    missing = [p for p in paths if not Path(p).is_file()]
    for number, path in enumerate(paths, 1):
        label = f"&{number} {Path(path).name}" if number < 10 else Path(path).name
        if path in missing:
            label += " (not found)"
        action = menu.addAction(label)
        action.setToolTip(path)
        action.setStatusTip(path)
        action.setEnabled(path not in missing)
        action.triggered.connect(lambda _=False, p=path: window.project_requested.emit(p))
    if not paths:
        menu.addAction("No other recent projects").setEnabled(False)
        return
    menu.addSeparator()
    prune = menu.addAction("Remove &missing projects")
    prune.setEnabled(bool(missing))
    prune.triggered.connect(
        lambda: _store_recent([p for p in recent_projects() if Path(p).is_file()])
    )
    menu.addAction("&Clear list").triggered.connect(lambda: _store_recent([current]))


# -- the dialogs -----------------------------------------------------------------------------


def _start_folder(window: MainWindow) -> str:
    path = window.library.path
    return str(path.parent) if path is not None else str(Path.home())


def _project_dialog(parent: QWidget, caption: str, start: str) -> QFileDialog:
    dialog = QFileDialog(parent, caption, start, PROJECT_FILTER)
    dialog.setDefaultSuffix(SUFFIX.lstrip("."))
    return dialog


def _chosen(dialog: QFileDialog) -> Path | None:
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    return project_file(dialog.selectedFiles()[0])


def new_project_dialog(window: MainWindow) -> Path | None:
    """Ask for a new project's file (and whether to add the sample articles); create it and
    ask the app to open it. None when cancelled or refused (the reason was shown)."""
    dialog = _project_dialog(window, "New project", _start_folder(window))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    # The option sits in the dialog itself, which is Qt's own (a native one has no room).
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)  # an existing file is opened
    dialog.selectFile("New project" + SUFFIX)
    seeds = QCheckBox("Start with the five sample articles (China–Russia relations)")
    seeds.setObjectName("add_samples")
    layout = dialog.layout()
    if isinstance(layout, QGridLayout):
        layout.addWidget(seeds, layout.rowCount(), 0, 1, layout.columnCount())
    path = _chosen(dialog)
    if path is None:
        return None
    if path.exists():
        answer = QMessageBox.question(
            window,
            "New project",
            f"{path.name} exists already. Open it instead? (It is not replaced.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            window.project_requested.emit(str(path))
        return None
    return _create(window, path, seeds=seeds.isChecked())


def _create(window: MainWindow, path: Path, *, seeds: bool) -> Path | None:
    try:
        created = new_project(path, seeds=seeds)
    except (StoreError, OSError) as error:
        QMessageBox.warning(window, "The project was not created", f"{path}: {error}")
        return None
    remember_project(created)
    window.project_requested.emit(str(created))
    return created


def open_project_dialog(window: MainWindow) -> Path | None:
    """Pick a project to open; a name that does not exist yet can be created on the spot."""
    dialog = _project_dialog(window, "Open project", _start_folder(window))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    # Any name: Qt's own dialog would otherwise answer a new name with "File not found".
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    path = _chosen(dialog)
    if path is None:
        return None
    if path.is_file():
        window.project_requested.emit(str(path))
        return path
    if path.is_dir() or not path.parent.is_dir():
        why = "is a folder" if path.is_dir() else "is in a folder that does not exist"
        QMessageBox.warning(window, "Open project", f"{path} {why}; choose a project file.")
        return None
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Open project",
        f"There is no project named {path.name} in {path.parent}.",
        parent=window,
    )
    box.setInformativeText("Create a new, empty project with that name?")
    create = box.addButton("Create project", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is not create:
        return None
    return _create(window, path, seeds=False)


def save_copy_dialog(window: MainWindow) -> Path | None:
    """Save a consistent copy of the open project under another name (it stays open)."""
    library = window.library
    start = _start_folder(window)
    name = (library.path.stem if library.path else "Untitled") + " copy" + SUFFIX
    dialog = _project_dialog(window, "Save a copy of the project", start)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(name)
    path = _chosen(dialog)
    if path is None:
        return None
    try:
        library.save_copy(path)
    except (StoreError, OSError) as error:
        QMessageBox.warning(window, "The copy was not saved", str(error))
        return None
    remember_project(path)
    window.show_status(f"A copy of the project was saved as {path} (this one stays open).")
    return path
