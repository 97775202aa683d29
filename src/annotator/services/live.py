"""React to a settled change of a source file: reload and re-anchor, add, relocate, mark missing.

The watcher says what happened to a path; this module decides what it means for the project,
which it alone knows (a known document, a new file, a rename of a document). Events that come
together (a folder of files dropped in) are applied together: in transactions of a fraction of
a second, with one look at the missing documents for the whole batch.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.content import SourceContent
from annotator.core.models import Changes, DocStatus, Document, Source
from annotator.core.textload import LoadError, NotRegularFile
from annotator.formats.registry import read_source, source_suffixes
from annotator.reanchor.alignment import OffsetMap
from annotator.services.batches import Batches, Progress, stopped
from annotator.services.reload import TextMappings, reload_document
from annotator.services.renames import RenameFinder
from annotator.services.sources import lost_utf8
from annotator.store.library import Library
from annotator.watch.watcher import (
    SourceEvent,
    SourceWatcher,
    WatchError,
    ignore_double_registration,
)

__all__ = [
    "LiveResult",
    "SourceEvent",
    "WatchError",
    "handle_events",
    "ignore_double_registration",
    "source_watcher",
]

logger = logging.getLogger("annotator.services.live")


@dataclass
class LiveResult:
    """What one file event did, for the status bar and the views."""

    message: str = ""
    changes: Changes = field(default_factory=Changes)
    document_id: int | None = None
    retry: bool = False  # the file was mid-write or unreadable: look again shortly
    text_changed: bool = False  # a stored text was replaced (spans in undo steps are stale)
    error: str = ""  # the event could not be applied (the project is as it was before it)
    mapping: OffsetMap | None = None  # old offsets to new ones when the text was replaced


class _Missing:
    """The missing documents a new file may be one of: looked up once per batch, if needed;
    and where the batch's reloads record their offset maps."""

    def __init__(self, library: Library, maps: TextMappings | None) -> None:
        self._lib = library
        self._finder: RenameFinder | None = None
        self.maps = maps

    def finder(self) -> RenameFinder:
        if self._finder is None:
            self._finder = RenameFinder(self._lib, self._lib.documents.missing())
        return self._finder

    def went_missing(self, document: Document) -> None:
        if self._finder is not None:
            self._finder.add(document)

    def came_back(self, document: Document) -> None:
        if self._finder is not None:
            self._finder.take(document)


def source_watcher(callback: Callable[[SourceEvent], None], **timing: float) -> SourceWatcher:
    """A watcher of the project's sources: every file a source format reads is reported
    (``timing``: the watcher's delays, for tests and benchmarks)."""
    return SourceWatcher(callback, suffixes=source_suffixes(), **timing)


def handle_events(
    library: Library,
    events: Sequence[tuple[SourceEvent, bool]],
    progress: Progress | None = None,
    maps: TextMappings | None = None,
) -> list[LiveResult]:
    """Apply each (event, final) in order; one result per event handled. ``final``: the
    event's last retry, take the file's content as it is.

    Each event's writes are whole (its own savepoint); one that fails is reported in its
    result's ``error`` and the others still apply. ``progress`` returning False stops between
    two events (the results are fewer than the events then). ``maps``: where reloads record
    their offset maps (for the open windows).

    The texts written are left queued for the search index, as a scan leaves them: the window
    indexes them once idle (searches find them meanwhile). Indexing them at every commit was a
    fifth of the time thousands of files dropped into a watched folder took to come in.
    """
    missing = _Missing(library, maps)
    results: list[LiveResult] = []
    with library.index_later(), Batches(library) as batch:
        for index, (event, final) in enumerate(events):
            if stopped(progress, index, len(events), event.name):
                break
            batch.between()
            loaded = _read(event)  # before the write lock: reading may take a moment
            batch.write()
            try:
                with library.atomic():
                    result = _apply(library, event, final, loaded, missing)
            except Exception as error:  # a bad file must never take the app down
                logger.exception("could not apply %s", event)
                result = LiveResult(error=f"{event.path.name}: {error}")
            results.append(result)
    return results


def _read(event: SourceEvent) -> SourceContent | LoadError | None:
    if event.kind == "deleted":
        return None
    try:
        return read_source(event.path)
    except LoadError as error:
        return error


def _apply(
    library: Library,
    event: SourceEvent,
    final: bool,
    loaded: SourceContent | LoadError | None,
    missing: _Missing,
) -> LiveResult:
    source = _source_for(library, event.root)
    if source is None:
        return LiveResult()
    if event.kind == "deleted":
        result = _deleted(library, source, event.name)
        if result.document_id is not None:
            missing.went_missing(library.documents.get(result.document_id))
        return result
    assert loaded is not None
    if event.kind == "moved" and event.old_name is not None:
        moved = library.documents.find(source.id, event.old_name)
        if moved is not None:
            return _renamed(library, source, moved, event, final, loaded, missing)
    return _changed(library, source, event.name, loaded, final, missing)


def _renamed(
    library: Library,
    source: Source,
    moved: Document,
    event: SourceEvent,
    final: bool,
    loaded: SourceContent | LoadError,
    missing: _Missing,
) -> LiveResult:
    """A document's file renamed; when it replaced another document's file, that one is set
    aside as missing (its highlights kept) and this one takes the name."""
    replaced = library.documents.find(source.id, event.name)
    changes = Changes()
    if replaced is not None:
        stamp = datetime.datetime.now().strftime("%Y-%m-%d %H.%M.%S")
        aside = f"{event.name} (replaced {stamp})"
        changes.merge(library.documents.relocate(replaced.id, source.id, aside).changes)
        changes.merge(library.documents.set_status(replaced.id, DocStatus.MISSING).changes)
        missing.went_missing(library.documents.get(replaced.id))
    changes.merge(library.documents.relocate(moved.id, source.id, event.name).changes)
    result = _changed(library, source, event.name, loaded, final, missing)
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
    return library.sources.find(_resolved(root))


@functools.lru_cache(maxsize=64)
def _resolved(root: Path) -> str:
    # A watched root, resolved once: a burst of events all name the same few roots, and
    # resolving walks the path on disk each time.
    return str(Path(root).resolve())


def _deleted(library: Library, source: Source, name: str) -> LiveResult:
    doc = library.documents.find(source.id, name)
    if doc is None or doc.status is DocStatus.MISSING:
        return LiveResult()
    changes = library.documents.set_status(doc.id, DocStatus.MISSING).changes
    count = doc.annotation_count
    if count == 0:
        kept = "it had no annotations"
    elif count == 1:
        kept = "its annotation is kept"
    else:
        kept = f"its {count} annotations are kept"
    return LiveResult(f"{name} was deleted; {kept}", changes, doc.id)


def _changed(
    library: Library,
    source: Source,
    name: str,
    loaded: SourceContent | LoadError,
    final: bool,
    missing: _Missing,
) -> LiveResult:
    doc = library.documents.find(source.id, name)
    if doc is None and library.excluded.has(source.id, name):
        return LiveResult()  # removed from the project by the user: its file stays left out
    if isinstance(loaded, NotRegularFile):
        # A FIFO or a device does not become a text by waiting: say so once.
        return LiveResult(str(loaded), document_id=doc.id if doc else None)
    if isinstance(loaded, LoadError):
        # Mid-write or briefly locked: the caller looks again; the stored text is untouched.
        return LiveResult(str(loaded), document_id=doc.id if doc else None, retry=True)
    replaced = f" ({'; '.join(loaded.notes)})" if loaded.notes else ""
    if doc is None:
        renames = missing.finder()
        twin = renames.find(loaded)
        if twin is not None:
            renames.take(twin)
            return _returned_as(library, twin, source, name, loaded, missing.maps)
        added = library.documents.add(source.id, name, loaded)
        return LiveResult(f"added {name}{replaced}", added.changes, added.value.id)
    if doc.status is DocStatus.MISSING:
        missing.came_back(doc)
    if not final and lost_utf8(doc, loaded):
        return LiveResult(f"{name} is still being written", document_id=doc.id, retry=True)
    if loaded.content_hash == doc.content_hash:
        # The same text, perhaps new metadata (a Word file's properties edited).
        refreshed = library.documents.refresh_metadata(doc.id, loaded, doc.user_fields)
        if doc.status is DocStatus.MISSING:
            back = library.documents.mark_read(doc.id)
            return LiveResult(f"{name} is back", back.changes.merge(refreshed.changes), doc.id)
        return LiveResult(document_id=doc.id, changes=refreshed.changes)
    result = reload_document(library, doc.id, loaded, missing.maps)
    verb = "is back and was reloaded" if doc.status is DocStatus.MISSING else "reloaded"
    message = f"{name} {verb}: {result.message}{replaced}"
    return LiveResult(message, result.changes, doc.id, text_changed=True, mapping=result.mapping)


def _returned_as(
    library: Library,
    twin: Document,
    source: Source,
    name: str,
    loaded: SourceContent,
    maps: TextMappings | None,
) -> LiveResult:
    """A missing document came back under another name (moved or renamed): keep its annotations."""
    changes = library.documents.relocate(twin.id, source.id, name).changes
    message = f"{twin.path} is back as {name}"
    text_changed = loaded.content_hash != twin.content_hash
    mapping = None
    if text_changed:
        result = reload_document(library, twin.id, loaded, maps)
        changes.merge(result.changes)
        message += f": {result.message}"
        mapping = result.mapping
    else:
        changes.merge(library.documents.mark_read(twin.id).changes)
    return LiveResult(message, changes, twin.id, text_changed=text_changed, mapping=mapping)
