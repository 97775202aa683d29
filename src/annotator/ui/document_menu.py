"""The document list's context menu: remove the source or one document of a folder (undoable),
rename its file, show it in the file manager, and the document's Properties."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox

from annotator.core.models import Document
from annotator.services import commands as cmd
from annotator.services.file_commands import RemoveDocument, RenameFile
from annotator.services.projects import check_rename, source_file
from annotator.store.errors import StoreError
from annotator.ui.document_list import DOCUMENT_ID_ROLE
from annotator.ui.file_manager import show_in_folder

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

UNDO = "Edit\u00a0▸\u00a0Undo"  # kept on one line when the box wraps its text


class DocumentMenu:
    """Builds the menu for the document under the mouse and carries out what is chosen."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        view = window.parts.documents.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show)
        self.menu: QMenu | None = None  # the one on screen (tests and screenshots reach it)

    def _document_at(self, point: QPoint) -> Document | None:
        documents = self.window.parts.documents
        index = documents.view.indexAt(point)
        if not index.isValid():
            return None
        document_id = index.data(DOCUMENT_ID_ROLE)
        return documents.model.document(int(document_id)) if document_id is not None else None

    def _show(self, point: QPoint) -> None:
        document = self._document_at(point)
        if document is None:
            return
        menu = self.build(document)
        self.menu = menu
        menu.popup(self.window.parts.documents.view.viewport().mapToGlobal(point))

    def build(self, document: Document) -> QMenu:
        """The menu for ``document`` (not shown)."""
        w = self.window
        menu = QMenu(w.parts.documents.view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction("&Open", lambda: w.open_document(document.id))
        menu.addAction("&Properties…", lambda: w.actions_.on_document_properties(document.id))
        menu.addSeparator()
        menu.addAction("Re&name file…", lambda: self.rename(document))
        menu.addAction("Show in &folder", lambda: self.reveal(document))
        menu.addSeparator()
        source = w.library.sources.get(document.source_id)
        if source.kind == "file":
            menu.addAction("&Remove from project…", lambda: self.remove(document))
        else:
            name = Path(document.path).name
            menu.addAction(f"&Remove {name} from project…", lambda: self.remove_document(document))
            menu.addAction(
                f"Remove fol&der {Path(source.path).name} from project…",
                lambda: self.remove(document),
            )
        return menu

    # -- the actions -------------------------------------------------------------------------

    def remove(self, document: Document, *, confirm: bool = True) -> bool:
        """Remove the document's source after saying what goes with it; Ctrl+Z brings it back."""
        w = self.window
        library = w.library
        source = library.sources.get(document.source_id)
        documents = [d for d in library.documents.list() if d.source_id == source.id]
        annotations = sum(d.annotation_count for d in documents)
        highlights = f"{annotations:,} annotation" + "s" * (annotations != 1)
        if source.kind == "file":
            what = f"{document.title or document.path}"
            detail = f"It has {highlights}."
            label = f"Remove {document.path}"
        else:
            n = len(documents)
            what = f"the folder {Path(source.path).name}"
            detail = (
                f"The folder is one source: its {n:,} document" + "s" * (n != 1) + f" and their "
                f"{highlights} are removed together."
            )
            label = f"Remove folder {Path(source.path).name}"
        detail += f" The files on disk are not touched. {UNDO} brings everything back."
        if confirm and not self._confirm(f"Remove {what} from the project?", detail):
            return False
        done = w.controller.push(cmd.RemoveSource(library, source.id, label))
        if done:
            w.show_status(f"Removed {what} ({highlights}). Undo (Ctrl+Z) brings it back.")
        return done

    def remove_document(self, document: Document, *, confirm: bool = True) -> bool:
        """Take one document of a watched folder out; the folder stays watched but leaves its
        file out from now on. Ctrl+Z brings it back with its annotations."""
        w = self.window
        library = w.library
        folder = Path(library.sources.get(document.source_id).path).name
        name = Path(document.path).name
        annotations = library.annotations.for_document(document.id)
        highlights = f"{len(annotations):,} annotation" + "s" * (len(annotations) != 1)
        noted = sum(1 for a in annotations if a.note.strip())
        has = highlights + (f" ({noted:,} with notes)" if noted else "")
        if document.note.strip():
            has += " and a document note"
        detail = (
            f"It has {has}. The file on disk is not touched. The folder “{folder}” stays "
            f"watched, but {name} is left out of it from now on (add the file again to bring it "
            f"back). {UNDO} brings everything back."
        )
        what = document.title or name
        if confirm and not self._confirm(f"Remove {what} ({name}) from the project?", detail):
            return False
        done = w.controller.push(RemoveDocument(library, document.id, f"Remove {name}"))
        if done:
            w.show_status(
                f"Removed {name} ({highlights}); the folder “{folder}” leaves it out from now on. "
                "Undo (Ctrl+Z) brings it back."
            )
        return done

    def _confirm(self, question: str, detail: str) -> bool:
        """Ask before removing; Cancel is the default button."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "Remove from project", question, parent=self.window
        )
        box.setObjectName("confirm_remove")
        box.setInformativeText(detail)
        remove = box.addButton("Remove", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is remove

    def rename(self, document: Document, new_name: str | None = None) -> bool:
        """Rename the document's file on disk (asked for when ``new_name`` is None); Ctrl+Z
        renames it back."""
        w = self.window
        old = source_file(w.library, document)
        if new_name is None:
            new_name, accepted = QInputDialog.getText(
                w, "Rename file", f"New name for {old.name}:", QLineEdit.EchoMode.Normal, old.name
            )
            if not accepted:
                return False
        try:
            check_rename(w.library, document, new_name)
        except StoreError as error:
            QMessageBox.warning(w, "The file was not renamed", str(error))
            return False
        done = w.controller.push(RenameFile(w.library, document.id, new_name))
        if done and new_name.strip() != old.name:
            w.show_status(
                f"Renamed {old.name} to {new_name.strip()}; its annotations are kept. "
                "Undo (Ctrl+Z) renames it back."
            )
        return done

    def reveal(self, document: Document) -> bool:
        return show_in_folder(source_file(self.window.library, document))
