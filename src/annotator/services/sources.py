"""Add files and folders of sources to a project; scan them for new, changed and missing files."""

from __future__ import annotations

import os
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.atomic_write import special_kind
from annotator.core.content import SourceContent
from annotator.core.filenames import is_hidden_folder
from annotator.core.models import Changes, DocStatus, Document, Source
from annotator.core.textload import LoadError
from annotator.formats.registry import source_format_for, source_suffix_text
from annotator.services.batches import Batches, Progress, stopped
from annotator.services.read_ahead import read_all, waiting
from annotator.services.reload import ReloadResult, TextMappings, reload_document
from annotator.services.renames import RenameFinder, similarity
from annotator.store.errors import Conflict
from annotator.store.library import Library

__all__ = ["AddReport", "Progress", "ScanReport", "add_paths", "scan", "similarity"]


@dataclass
class AddReport:
    added: list[Document] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, SourceContent.notes)
    left_out: list[str] = field(default_factory=list)  # files of a folder removed on their own
    changes: Changes = field(default_factory=Changes)
    cancelled: bool = False  # stopped between two files; those before are added


@dataclass
class ScanReport:
    new: list[Document] = field(default_factory=list)
    changed: list[ReloadResult] = field(default_factory=list)
    missing: list[Document] = field(default_factory=list)
    restored: list[Document] = field(default_factory=list)
    renamed: list[tuple[Document, str]] = field(default_factory=list)  # (document, old path)
    unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, SourceContent.notes)
    changes: Changes = field(default_factory=Changes)
    cancelled: bool = False  # stopped between two files; nothing was marked missing


def add_paths(
    library: Library, paths: Iterable[Path | str], progress: Progress | None = None
) -> AddReport:
    """Add each file (a source of its own) or folder (watched whole, files named relative to it).

    ``progress`` returning False stops between two files (those before stay added). The texts
    are left queued for the search index (``index_for_search`` catches up).

    A file inside a folder of the project is that folder's document: added by name, one the
    user removed from the folder comes back (adding the whole folder again leaves it out).
    """
    report = AddReport()
    plan: list[tuple[Source, str, Path]] = []
    left_out = library.excluded.all()
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            report.refused.append((str(raw), "does not exist"))
        elif path.is_dir():
            source = _add_source(library, path, "folder", report.changes)
            for rel, file in iter_source_files(path):
                if (source.id, rel) in left_out:
                    report.left_out.append(rel)
                else:
                    plan.append((source, rel, file))
        elif source_format_for(path) is None:
            report.refused.append(
                (str(raw), f"is not a kind of file Annotator reads ({source_suffix_text()})")
            )
        elif (kind := _not_regular(path)) is not None:
            report.refused.append((str(raw), f"is not a regular file ({kind})"))
        elif (inside := _in_folder_source(library, path)) is not None:
            plan.append((*inside, path))  # its exclusion, if any, goes when it is added
        else:
            source = _add_source(library, path, "file", report.changes)
            plan.append((source, path.name, path))
    todo = []
    for source, rel, file in plan:
        if library.documents.find(source.id, rel):
            report.already.append(rel)
        else:
            todo.append((source, rel, file))
    with library.index_later(), Batches(library) as batch:
        with closing(read_all([file for _source, _rel, file in todo])) as reads:
            for index, (source, rel, file) in enumerate(todo):
                if stopped(progress, index, len(todo), rel):
                    report.cancelled = True
                    return report
                batch.between()
                content = next(reads)[1]
                if isinstance(content, LoadError):
                    report.refused.append((str(file), str(content)))
                    continue
                batch.write()
                try:
                    added = library.documents.add(source.id, rel, content)
                except Conflict:  # added meanwhile (by the live watcher, another window)
                    report.already.append(rel)
                    continue
                report.warnings.extend((str(file), note) for note in content.notes)
                report.added.append(added.value)
                report.changes.merge(added.changes)
    stopped(progress, len(todo), len(todo), "")
    return report


def _add_source(library: Library, path: Path, kind: str, changes: Changes) -> Source:
    added = library.sources.add(path, kind)
    changes.merge(added.changes)
    return added.value


def _in_folder_source(library: Library, path: Path) -> tuple[Source, str] | None:
    """The folder source ``path`` is a document of, with its path inside it (None: none)."""
    real = path.resolve()
    for source in library.sources.list():
        if source.kind != "folder" or not real.is_relative_to(source.path):
            continue
        rel = real.relative_to(source.path)
        if not any(is_hidden_folder(part) for part in rel.parts[:-1]):
            return source, rel.as_posix()
    return None


def iter_source_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, absolute path) of every source below ``folder``, sorted.

    The same files the watcher reports (``core.filenames`` and the formats' suffixes decide).
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not is_hidden_folder(d))
        for name in files:
            if source_format_for(name) is not None:
                full = Path(root) / name
                found.append((full.relative_to(folder).as_posix(), full))
    return iter(sorted(found))


def _not_regular(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (followed through links), else None."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reading it says why
    return None if stat.S_ISREG(mode) else special_kind(mode)


def scan(
    library: Library, progress: Progress | None = None, maps: TextMappings | None = None
) -> ScanReport:
    """Re-read every source: re-anchor changed texts, mark missing files, add new ones.

    A new file that is a vanished document renamed (same or similar text) keeps its annotations.
    ``progress`` returning False stops between two files: what was done is kept, and no
    document is marked missing (its file may be among those not looked at). ``maps``: where
    reloads record their offset maps (for the open windows). The texts written are left
    queued for the search index (``index_for_search`` catches up; searches find them meanwhile).
    """
    report = ScanReport()
    on_disk = _files_on_disk(library)
    known = {(doc.source_id, doc.path): doc for doc in library.documents.list()}
    new_files = [(key, file) for key, file in on_disk.items() if key not in known]
    total = len(known) + len(new_files)
    done = 0
    gone: list[Document] = []
    # The known files, then the new ones, read ahead in that order (the new ones while the
    # known ones are checked: one set of reading processes for both).
    present = [on_disk[key] for key in known if key in on_disk]
    reads = read_all(present + [file for _key, file in new_files])
    with library.index_later(), Batches(library) as batch, closing(reads):
        for key, doc in known.items():
            done += 1
            if stopped(progress, done, total, doc.path):
                report.cancelled = True
                return report
            batch.between()
            if key not in on_disk:
                gone.append(doc)
                continue
            file, loaded = next(reads)
            _check_known(library, doc, file, loaded, report, batch, maps)
        renames = RenameFinder(library, gone)
        # Two rounds: first the renames that are cheap to prove (same text, or whole lines in
        # common), then the rest, compared by sketches with the documents still unmatched, so
        # the usual edited-and-moved file never costs a sketch of every missing document.
        later: list[tuple[tuple[int, str], Path, SourceContent | None]] = []
        kept_chars = 0  # texts read in the first round kept for the second (not read twice)
        to_sketch: deque[SourceContent] = deque()  # kept texts, sketched while reads wait
        first = [(key, file, None) for key, file in new_files]
        for thorough, files in ((False, first), (True, later)):
            total += len(files) if thorough else 0
            if thorough:  # the texts not kept from the first round are read again
                reads = read_all([file for _key, file, kept in files if kept is None])
            with closing(reads) as round_reads:
                for (source_id, rel), file, kept in files:
                    done += 1
                    if stopped(progress, done, total, rel):
                        report.cancelled = True
                        return report
                    batch.between()
                    while to_sketch and kept is None and waiting(round_reads):
                        renames.sketch_ahead(to_sketch.popleft())  # idle time: round two's
                    loaded = kept or next(round_reads)[1]
                    if isinstance(loaded, LoadError):
                        report.refused.append((str(file), str(loaded)))
                        continue
                    if not thorough:
                        report.warnings.extend((str(file), note) for note in loaded.notes)
                    twin = (
                        renames.find(loaded, cheap=not thorough, thorough=thorough)
                        if renames
                        else None
                    )
                    if twin is None and not thorough and renames:
                        keep = kept_chars + len(loaded.text) <= _KEPT_CHARS
                        kept_chars += len(loaded.text) if keep else 0
                        later.append(((source_id, rel), file, loaded if keep else None))
                        if keep:
                            to_sketch.append(loaded)
                        continue
                    batch.write()
                    try:
                        _check_new(library, source_id, rel, loaded, twin, renames, report, maps)
                    except Conflict as error:
                        # Added meanwhile (by the live watcher, another window, the CLI).
                        report.refused.append((str(file), str(error)))
        for doc in gone:
            if doc.status is not DocStatus.MISSING and renames.has(doc):
                batch.between()
                batch.write()
                marked = library.documents.set_status(doc.id, DocStatus.MISSING)
                report.changes.merge(marked.changes)
                report.missing.append(doc)
    return report


# Up to this much text read in a scan's first round is kept for its second (about 100 MB as
# Python strings at most): reading those files again was a tenth of a large scan.
_KEPT_CHARS = 50_000_000


def _files_on_disk(library: Library) -> dict[tuple[int, str], Path]:
    """(source id, relative path) -> file, for every readable source file of the project."""
    on_disk: dict[tuple[int, str], Path] = {}
    left_out = library.excluded.all()  # documents of a folder the user removed on their own
    for source in library.sources.list():
        root = Path(source.path)
        if source.kind == "file":
            if root.is_file():
                on_disk[(source.id, root.name)] = root
        elif root.is_dir():
            for rel, file in iter_source_files(root):
                if (source.id, rel) not in left_out:
                    on_disk[(source.id, rel)] = file
    return on_disk


def _check_new(
    library: Library,
    source_id: int,
    rel: str,
    loaded: SourceContent,
    twin: Document | None,
    renames: RenameFinder,
    report: ScanReport,
    maps: TextMappings | None,
) -> None:
    """A file the project does not know: ``twin`` (a vanished document) renamed, or new."""
    if twin is not None:
        renames.take(twin)
        moved = replace(twin, source_id=source_id, path=rel), twin.path
        if twin.content_hash == loaded.content_hash:
            report.changes.merge(library.documents.relocate(twin.id, source_id, rel).changes)
            report.renamed.append(moved)
        else:
            # Moved and edited: one write of the row, not one for each.
            result = reload_document(library, twin.id, loaded, maps, (source_id, rel))
            report.renamed.append(moved)
            report.changed.append(result)
            report.changes.merge(result.changes)
        return
    added = library.documents.add(source_id, rel, loaded)
    report.new.append(added.value)
    report.changes.merge(added.changes)


def _check_known(
    library: Library,
    doc: Document,
    file: Path,
    loaded: SourceContent | LoadError,
    report: ScanReport,
    batch: Batches,
    maps: TextMappings | None,
) -> None:
    if isinstance(loaded, LoadError):
        # An unreadable file keeps its stored text and annotations untouched.
        report.refused.append((str(file), str(loaded)))
        return
    if loaded.content_hash == doc.content_hash:
        # The same text, perhaps new metadata (a Word file's properties edited); it writes
        # only what differs (an unchanged file takes no write lock).
        refreshed = library.documents.refresh_metadata(doc.id, loaded, doc.user_fields)
        report.changes.merge(refreshed.changes)
        if doc.status is DocStatus.MISSING:
            batch.write()
            report.changes.merge(library.documents.mark_read(doc.id).changes)
            report.restored.append(doc)
        else:
            report.unchanged += 1
        return
    if lost_utf8(doc, loaded):
        # Reloading would turn every accented quote into mojibake and orphan its highlights.
        if loaded.cut_short:
            why = f"{file.name} ends in the middle of a character (is it still being written?)"
        else:
            why = f"{file.name} is no longer valid UTF-8 (it was)"
        report.refused.append(
            (str(file), f"{why}; left as it was read before: save it again as UTF-8 and rescan")
        )
        return
    report.warnings.extend((str(file), note) for note in loaded.notes)
    if doc.status is DocStatus.MISSING:
        report.restored.append(doc)
    batch.write()  # before reload_document reads the annotations it moves
    result = reload_document(library, doc.id, loaded, maps)
    report.changed.append(result)
    report.changes.merge(result.changes)


def lost_utf8(doc: Document, loaded: SourceContent) -> bool:
    """A UTF-8 document whose file now ends mid-character, or decodes only as Windows-1252.

    That is a writer still at work (a file cut in the middle of a character) or a damaged file
    far more often than a deliberate change of encoding. A few bad bytes elsewhere in a UTF-8
    file are not: it loads as UTF-8 with those bytes replaced (and says so).
    """
    if not doc.encoding.startswith("utf-8"):
        return False
    return loaded.encoding in ("windows-1252", "latin-1") or loaded.cut_short
