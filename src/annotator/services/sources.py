"""Add files and folders of sources to a project; scan them for new, changed and missing files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.atomic_write import special_kind
from annotator.core.models import Changes, DocStatus, Document, Source
from annotator.core.textload import LoadedText, LoadError, is_source_name, load_text
from annotator.services.reload import ReloadResult, reload_document
from annotator.store.errors import Conflict
from annotator.store.library import Library

Progress = Callable[[int, int, str], None]  # done, total, current file name


@dataclass
class AddReport:
    added: list[Document] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, e.g. bytes replaced)
    changes: Changes = field(default_factory=Changes)


@dataclass
class ScanReport:
    new: list[Document] = field(default_factory=list)
    changed: list[ReloadResult] = field(default_factory=list)
    missing: list[Document] = field(default_factory=list)
    restored: list[Document] = field(default_factory=list)
    renamed: list[tuple[Document, str]] = field(default_factory=list)  # (document, old path)
    unchanged: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, e.g. bytes replaced)
    changes: Changes = field(default_factory=Changes)

    @property
    def is_quiet(self) -> bool:
        return not (self.new or self.changed or self.missing or self.restored or self.renamed)


def add_paths(
    library: Library, paths: Iterable[Path | str], progress: Progress | None = None
) -> AddReport:
    """Add each file (a source of its own) or folder (watched whole, files named relative to it)."""
    report = AddReport()
    plan: list[tuple[Source, str, Path]] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            report.refused.append((str(raw), "does not exist"))
        elif path.is_dir():
            source = library.sources.add(path, "folder")
            plan.extend((source, rel, file) for rel, file in iter_source_files(path))
        elif not is_source_name(path.name):
            report.refused.append((str(raw), "is not a .txt or .md file"))
        elif (kind := _not_regular(path)) is not None:
            report.refused.append((str(raw), f"is not a regular file ({kind})"))
        else:
            source = library.sources.add(path, "file")
            plan.append((source, path.name, path))
    for index, (source, rel, file) in enumerate(plan):
        if progress:
            progress(index, len(plan), rel)
        if library.documents.find(source.id, rel):
            report.already.append(rel)
            continue
        try:
            loaded = load_text(file)
        except LoadError as error:
            report.refused.append((str(file), str(error)))
            continue
        document = library.documents.add(source.id, rel, loaded)
        if loaded.replaced:
            report.warnings.append((str(file), loaded.replaced_note))
        report.added.append(document)
        report.changes.documents.add(document.id)
    if progress:
        progress(len(plan), len(plan), "")
    return report


def iter_source_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(relative posix path, absolute path) of every readable source below ``folder``, sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in files:
            if is_source_name(name):
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


def scan(library: Library, progress: Progress | None = None) -> ScanReport:
    """Re-read every source: re-anchor changed texts, mark missing files, add new ones.

    A new file that is a vanished document renamed (same or similar text) keeps its annotations.
    """
    report = ScanReport()
    on_disk: dict[tuple[int, str], Path] = {}
    for source in library.sources.list():
        root = Path(source.path)
        if source.kind == "file":
            if root.is_file():
                on_disk[(source.id, root.name)] = root
        elif root.is_dir():
            for rel, file in iter_source_files(root):
                on_disk[(source.id, rel)] = file
    documents = library.documents.list()
    known = {(doc.source_id, doc.path): doc for doc in documents}
    total = len(documents) + len(on_disk)
    done = 0
    gone: list[Document] = []
    for key, doc in known.items():
        done += 1
        if progress:
            progress(done, total, doc.path)
        file = on_disk.get(key)
        if file is None:
            gone.append(doc)
            continue
        _check_known(library, doc, file, report)
    new_files = [(key, file) for key, file in on_disk.items() if key not in known]
    for (source_id, rel), file in new_files:
        done += 1
        if progress:
            progress(done, total, rel)
        try:
            loaded = load_text(file)
        except LoadError as error:
            report.refused.append((str(file), str(error)))
            continue
        if loaded.replaced:
            report.warnings.append((str(file), loaded.replaced_note))
        try:
            _check_new(library, source_id, rel, loaded, gone, report)
        except Conflict as error:
            # Added meanwhile (by the live watcher, another window, the command line).
            report.refused.append((str(file), str(error)))
    for doc in gone:
        if doc.status is not DocStatus.MISSING:
            library.documents.set_status(doc.id, DocStatus.MISSING)
            report.missing.append(doc)
            report.changes.documents.add(doc.id)
    return report


def _check_new(
    library: Library,
    source_id: int,
    rel: str,
    loaded: LoadedText,
    gone: list[Document],
    report: ScanReport,
) -> None:
    """A file the project does not know: a vanished document renamed, or a new one."""
    twin = find_renamed(library, gone, loaded)
    if twin is not None:
        gone.remove(twin)
        library.documents.relocate(twin.id, source_id, rel)
        report.renamed.append((library.documents.get(twin.id), twin.path))
        report.changes.documents.add(twin.id)
        if twin.content_hash != loaded.content_hash:
            result = reload_document(library, twin.id, loaded)
            report.changed.append(result)
            report.changes.merge(result.changes)
        return
    document = library.documents.add(source_id, rel, loaded)
    report.new.append(document)
    report.changes.documents.add(document.id)


def _check_known(library: Library, doc: Document, file: Path, report: ScanReport) -> None:
    try:
        loaded = load_text(file)
    except LoadError as error:
        # An unreadable file keeps its stored text and annotations untouched.
        report.refused.append((str(file), str(error)))
        return
    if loaded.content_hash == doc.content_hash:
        if doc.status is DocStatus.MISSING:
            library.documents.mark_read(doc.id)
            report.restored.append(doc)
            report.changes.documents.add(doc.id)
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
    if loaded.replaced:
        report.warnings.append((str(file), loaded.replaced_note))
    if doc.status is DocStatus.MISSING:
        report.restored.append(doc)
    result = reload_document(library, doc.id, loaded)
    report.changed.append(result)
    report.changes.merge(result.changes)


def lost_utf8(doc: Document, loaded: LoadedText) -> bool:
    """A UTF-8 document whose file now ends mid-character, or decodes only as Windows-1252.

    That is a writer still at work (a file cut in the middle of a character) or a damaged file
    far more often than a deliberate change of encoding. A few bad bytes elsewhere in a UTF-8
    file are not: it loads as UTF-8 with those bytes replaced (and says so).
    """
    if not doc.encoding.startswith("utf-8"):
        return False
    return loaded.encoding in ("windows-1252", "latin-1") or loaded.cut_short


def find_renamed(library: Library, gone: list[Document], loaded: LoadedText) -> Document | None:
    """The vanished document a new file most likely is: same content, or clearly similar text.

    Used by scan and by the live watcher (a file moved between two watched folders arrives as a
    deletion in one and a new file in the other).
    """
    for doc in gone:
        if doc.content_hash == loaded.content_hash:
            return doc
    words = loaded.word_count
    # A text that grew or shrank by more than half is not "clearly similar": skip reading it.
    candidates = [doc for doc in gone if words // 2 <= doc.word_count <= words * 2]
    if not candidates:
        return None
    grams = _shingles(loaded.text)
    best, best_score = None, 0.0
    for doc in candidates:
        score = _overlap(grams, _shingles(library.documents.text(doc.id)))
        if score > best_score:
            best, best_score = doc, score
    return best if best_score >= RENAME_SIMILARITY else None


# Share of distinct word 5-grams two texts must have in common to count as the same document
# (an edited and renamed article keeps most of them; two articles on one topic share very few).
RENAME_SIMILARITY = 0.6


def similarity(a: str, b: str) -> float:
    """How much two texts share, from 0 (nothing) to 1 (the same word 5-grams)."""
    if not a.split() or not b.split():
        return 1.0 if a.strip() == b.strip() else 0.0
    return _overlap(_shingles(a), _shingles(b))


def _overlap(grams_a: set[int], grams_b: set[int]) -> float:
    if not grams_a or not grams_b:
        return 1.0 if grams_a == grams_b else 0.0
    return len(grams_a & grams_b) / max(len(grams_a), len(grams_b))


def _shingles(text: str, size: int = 5) -> set[int]:
    words = text.lower().split()
    return {hash(tuple(words[i : i + size])) for i in range(max(0, len(words) - size + 1))}
