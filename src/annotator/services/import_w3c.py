"""Import a W3C Web Annotation file: match each item to a document, place it, store it.

The file is parsed by ``interchange.w3c``; here each item finds its document (by path, then by
file name), is re-anchored in the current text with ``anchor()`` (unplaced ones are kept as
orphans), and is stored unless the project already holds the same annotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.anchoring import anchor, describe
from annotator.core.models import AnchorStatus, Changes, Document
from annotator.interchange.w3c import W3CFile, W3CItem, parse_item, shown, target_source
from annotator.store.library import Library

_Key = tuple[int, int, str, frozenset[int], str]


@dataclass
class W3CImportReport:
    placed: int = 0
    moved: int = 0
    orphaned: list[str] = field(default_factory=list)  # quotes that could not be placed
    skipped: list[str] = field(default_factory=list)  # reasons (unknown document, bad item)
    already: int = 0  # identical annotations already in the project (a file imported twice)
    annotation_ids: list[int] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    @property
    def message(self) -> str:
        """A paragraph for the user (the CLI prints it, the app shows it)."""
        total = self.placed + self.moved + len(self.orphaned)
        lines = [
            f"{_annotations(total)} imported: {self.placed} in place, {self.moved} found "
            f"elsewhere, {len(self.orphaned)} kept as orphans"
        ]
        if self.already:
            lines.append(f"{_annotations(self.already)} already in the project, not added again")
        lines += [f"  orphan: “{quote[:70]}”" for quote in self.orphaned[:20]]
        lines += [f"  skipped: {reason}" for reason in self.skipped[:20]]
        return "\n".join(lines)


def apply_w3c(library: Library, parsed: W3CFile) -> W3CImportReport:
    """Add every annotation of a parsed W3C file, re-anchored; unplaced ones become orphans."""
    importer = _Importer(library)
    # One transaction: an import that fails midway leaves the project as it was; each item has
    # its own savepoint, so a skipped item leaves none of its tags behind.
    with library.atomic():
        for index, item in enumerate(parsed.items):
            label = f"item {index + 1}"
            if not isinstance(item, dict):
                importer.report.skipped.append(
                    f"{label} is not an annotation object ({shown(item)}): skipped"
                )
                continue
            changes = Changes()
            known_tags = dict(importer.tag_ids)
            try:
                with library.atomic():
                    importer.one(item, label, changes)
            except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
                importer.report.skipped.append(f"{label}: {error}")
                importer.tag_ids = known_tags  # tags made for it were rolled back with it
                continue
            importer.report.changes.merge(changes)  # only what the savepoint kept
    return importer.report


class _Importer:
    def __init__(self, library: Library) -> None:
        self.lib = library
        self.report = W3CImportReport()
        self.documents = library.documents.list()
        self.texts: dict[int, str] = {}
        self.seen: dict[int, set[_Key]] = {}  # per document: what is there, to skip duplicates
        self.tag_ids: dict[str, int] = {}  # tag path -> id, so each path is looked up once

    def one(self, item: dict[str, Any], label: str, changes: Changes) -> None:
        target, source = target_source(item)
        doc = _document_for(self.documents, source)
        if doc is None:
            self.report.skipped.append(f"no document in this project matches '{source}'")
            return
        parsed = parse_item(item, target, label)
        self.report.skipped.extend(parsed.problems)
        tag_ids = [self._tag(path, changes) for path in parsed.tags]
        if doc.id not in self.texts:
            self.texts[doc.id] = self.lib.documents.text(doc.id)
        text = self.texts[doc.id]
        found = anchor(text, parsed.selectors)
        if found is not None:
            placed, status = describe(text, found.start, found.end), found.status
        else:
            placed, status = parsed.selectors, AnchorStatus.ORPHAN
        note = "\n\n".join(parsed.notes)
        if self._already(doc.id, (placed.start, placed.end, placed.exact, tag_ids, note)):
            return
        stored = self.lib.annotations.insert_raw(
            doc.id,
            placed,
            status=status,
            tag_ids=tag_ids,
            note=note,
            author=parsed.author,
            created=parsed.created,
            modified=parsed.modified,
        )
        changes.merge(stored.changes)
        self.report.annotation_ids.append(stored.value.id)
        self._count(status, parsed)

    def _tag(self, path: str, changes: Changes) -> int:
        if path not in self.tag_ids:
            ensured = self.lib.tags.ensure_path(path)
            changes.merge(ensured.changes)
            self.tag_ids[path] = ensured.value.id
        return self.tag_ids[path]

    def _already(self, doc_id: int, what: tuple[int, int, str, list[int], str]) -> bool:
        """Whether the document holds this passage with these tags and note (a second import)."""
        if doc_id not in self.seen:
            self.seen[doc_id] = {
                _key(a.start, a.end, a.exact, a.tag_ids, a.note)
                for a in self.lib.annotations.for_document(doc_id)
            }
        key = _key(*what)
        if key in self.seen[doc_id]:
            self.report.already += 1
            return True
        self.seen[doc_id].add(key)
        return False

    def _count(self, status: AnchorStatus, parsed: W3CItem) -> None:
        if status is AnchorStatus.ORPHAN:
            self.report.orphaned.append(parsed.selectors.exact)
        elif status is AnchorStatus.MOVED:
            self.report.moved += 1
        else:
            self.report.placed += 1


def _key(start: int, end: int, exact: str, tag_ids: tuple[int, ...] | list[int], note: str) -> _Key:
    """What makes two annotations the same for an import: passage, tags and note."""
    return start, end, exact, frozenset(tag_ids), note


def _document_for(documents: list[Document], source: str) -> Document | None:
    source = source.replace("\\", "/")
    for key in (lambda d: d.path, lambda d: Path(d.path).name):
        found = [d for d in documents if key(d) == source or key(d) == Path(source).name]
        if len(found) == 1:
            return found[0]
    return None


def _annotations(n: int) -> str:
    return f"{n:,} annotation{'s' if n != 1 else ''}"
