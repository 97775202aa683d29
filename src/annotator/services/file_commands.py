"""Undoable changes to the project's source files: one document of a folder taken out (its file
left out of the folder from then on), a source file renamed on disk."""

from __future__ import annotations

from annotator.core.models import Changes
from annotator.services.commands import Command
from annotator.services.projects import rename_source_file, source_file
from annotator.store.errors import StoreError
from annotator.store.library import Library
from annotator.store.source_rows import RemovedDocument


class RemoveDocument(Command):
    """Take one document of a watched folder out of the project: the folder stays watched, its
    file is left out of it; undo brings back the document, its annotations, their tags, notes
    and earlier wordings as they were (same ids), and the file into the folder."""

    def __init__(self, library: Library, document_id: int, label: str = "Remove document") -> None:
        self.lib, self.document_id = library, document_id
        self.removed: RemovedDocument | None = None
        self.label = label

    def redo(self) -> Changes:
        removed = self.lib.excluded.remove_document(self.document_id)
        self.removed = removed.value
        return removed.changes

    def undo(self) -> Changes:
        assert self.removed is not None
        return self.lib.excluded.restore_document(self.removed).changes


class RenameFile(Command):
    """Rename a document's file on disk, the document and its annotations following; undo
    renames it back. A step that cannot be made (the file moved or deleted since, the name
    taken meanwhile) is refused with the reason, naming the file, and nothing changes."""

    def __init__(self, library: Library, document_id: int, new_name: str) -> None:
        self.lib, self.document_id = library, document_id
        self.old_name = source_file(library, library.documents.get(document_id)).name
        self.new_name = new_name.strip()
        self.label = f"Rename {self.old_name} to {self.new_name}"

    def redo(self) -> Changes:
        return self._rename(self.old_name, self.new_name, "renamed to")

    def undo(self) -> Changes:
        return self._rename(self.new_name, self.old_name, "renamed back to")

    def _rename(self, current: str, name: str, verb: str) -> Changes:
        document = self.lib.documents.get(self.document_id)
        file = source_file(self.lib, document)
        refused = f"{current} cannot be {verb} {name}"
        if file.name != current:
            raise StoreError(f"{refused}: the document's file is {file.name} now")
        if not file.exists():
            raise StoreError(
                f"{refused}: {current} is no longer in {file.parent} (moved or deleted)"
            )
        if file.with_name(name).exists():
            raise StoreError(f"{refused}: another file named {name} is in {file.parent} now")
        return rename_source_file(self.lib, document, name)
