"""React to a settled change of a source file: reload and re-anchor, add, relocate, mark missing.

The watcher says what happened to a path; this module decides what it means for the project,
which it alone knows (a known document, a new file, a rename of a document).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.models import Changes, DocStatus, Document, Source
from annotator.core.textload import LoadedText, LoadError, load_text
from annotator.reanchor.alignment import OffsetMap
from annotator.services.reload import reload_document
from annotator.services.sources import find_renamed, lost_utf8
from annotator.store.library import Library
from annotator.watch.watcher import SourceEvent


@dataclass
class LiveResult:
    """What one file event did, for the status bar and the views."""

    message: str = ""
    changes: Changes = field(default_factory=Changes)
    document_id: int | None = None
    retry: bool = False  # the file was mid-write or unreadable: look again shortly
    text_changed: bool = False  # a stored text was replaced (spans in undo steps are stale)
    mapping: OffsetMap | None = None  # old offsets to new ones when the text was replaced


def handle_event(library: Library, event: SourceEvent, *, final: bool = False) -> LiveResult:
    """Apply ``event`` to the project. ``final``: the last retry, take the content as it is."""
    source = _source_for(library, event.root)
    if source is None:
        return LiveResult()
    if event.kind == "deleted":
        return _deleted(library, source, event.name)
    if event.kind == "moved" and event.old_name is not None:
        moved = library.documents.find(source.id, event.old_name)
        if moved is not None:
            return _renamed(library, source, moved, event, final)
    return _changed(library, source, event.name, event.path, final)


def _renamed(
    library: Library, source: Source, moved: Document, event: SourceEvent, final: bool
) -> LiveResult:
    """A document's file renamed; when it replaced another document's file, that one is set
    aside as missing (its highlights kept) and this one takes the name."""
    replaced = library.documents.find(source.id, event.name)
    changes = Changes()
    if replaced is not None:
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H.%M.%S")
        changes.merge(
            library.documents.relocate(replaced.id, source.id, f"{event.name} (replaced {stamp})")
        )
        changes.merge(library.documents.set_status(replaced.id, DocStatus.MISSING))
    changes.merge(library.documents.relocate(moved.id, source.id, event.name))
    result = _changed(library, source, event.name, event.path, final)
    result.changes.merge(changes)
    message = f"{event.old_name} renamed to {event.name}"
    if replaced is not None:
        message += (
            f", replacing it; the replaced text and its {replaced.annotation_count} "
            "highlights are kept as a missing document"
        )
    result.message = message + (f"; {result.message}" if result.message else "")
    return result


def _source_for(library: Library, root: Path) -> Source | None:
    return library.sources.find(str(Path(root).resolve()))


def _deleted(library: Library, source: Source, name: str) -> LiveResult:
    doc = library.documents.find(source.id, name)
    if doc is None or doc.status is DocStatus.MISSING:
        return LiveResult()
    changes = library.documents.set_status(doc.id, DocStatus.MISSING)
    count = doc.annotation_count
    if count == 0:
        kept = "it had no annotations"
    elif count == 1:
        kept = "its annotation is kept"
    else:
        kept = f"its {count} annotations are kept"
    return LiveResult(f"{name} was deleted; {kept}", changes, doc.id)


def _changed(library: Library, source: Source, name: str, path: Path, final: bool) -> LiveResult:
    doc = library.documents.find(source.id, name)
    try:
        loaded = load_text(path)
    except LoadError as error:
        # Mid-write or briefly locked: the caller looks again; the stored text is untouched.
        return LiveResult(str(error), document_id=doc.id if doc else None, retry=True)
    if doc is None:
        missing = [d for d in library.documents.list() if d.status is DocStatus.MISSING]
        twin = find_renamed(library, missing, loaded)
        if twin is not None:
            return _returned_as(library, twin, source, name, loaded)
        added = library.documents.add(source.id, name, loaded)
        return LiveResult(f"added {name}", Changes(documents={added.id}), added.id)
    if not final and lost_utf8(doc, loaded):
        return LiveResult(f"{name} is still being written", document_id=doc.id, retry=True)
    if loaded.content_hash == doc.content_hash:
        if doc.status is DocStatus.MISSING:
            return LiveResult(f"{name} is back", library.documents.mark_read(doc.id), doc.id)
        return LiveResult(document_id=doc.id)
    result = reload_document(library, doc.id, loaded)
    verb = "is back and was reloaded" if doc.status is DocStatus.MISSING else "reloaded"
    message = f"{name} {verb}: {result.message}"
    return LiveResult(message, result.changes, doc.id, text_changed=True, mapping=result.mapping)


def _returned_as(
    library: Library, twin: Document, source: Source, name: str, loaded: LoadedText
) -> LiveResult:
    """A missing document came back under another name (moved or renamed): keep its annotations."""
    changes = library.documents.relocate(twin.id, source.id, name)
    message = f"{twin.path} is back as {name}"
    text_changed = loaded.content_hash != twin.content_hash
    mapping = None
    if text_changed:
        result = reload_document(library, twin.id, loaded)
        changes.merge(result.changes)
        message += f": {result.message}"
        mapping = result.mapping
    else:
        changes.merge(library.documents.mark_read(twin.id))
    return LiveResult(message, changes, twin.id, text_changed=text_changed, mapping=mapping)
