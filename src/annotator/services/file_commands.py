"""Undoable changes to the project's source files: one document of a folder taken out (its file
left out of the folder from then on), a source file renamed on disk."""

from __future__ import annotations

from annotator.core.models import Changes
from annotator.services.commands import Command
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
