"""Import a W3C Web Annotation file: match each source to a document, place items, store them.

The file is parsed by ``interchange.w3c``. Each source the items name finds its document:

1. a hand-made mapping (``--map SOURCE=DOC``, or the import dialog) first;
2. the document's URL, when the source is a web address;
3. its path: our ``annotator:path`` beside the IRI, the path a ``file:`` URI or a plain name
   gives (its last folders and file name against each document's path relative to its
   source folder), then the file name alone, when exactly one document has it;
4. its content: when the source names nothing known, each quote with its context is sought in
   every document, and the source is matched when its quotes are found in exactly one.

Items are re-anchored in the current text with ``anchor()`` (unplaced ones are kept as
orphans); a position counted in UTF-16 units (Hypothesis) is read so when that, and not code
points, lands on the quote. Items already in the project are not added twice. What could not
be used is named in the report with a count; nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.anchoring import Selectors, anchor, describe
from annotator.core.models import AnchorStatus, Changes, Document
from annotator.interchange.w3c import W3CFile, W3CItem, parse_item, shown, target_source
from annotator.services.w3c_match import DocumentMatcher
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
    shape: str = ""  # what the file held the annotations in
    matched: list[str] = field(default_factory=list)  # "source -> document (how)"
    unmatched: dict[str, int] = field(default_factory=dict)  # source -> items left out
    notices: Counter[str] = field(default_factory=Counter)  # met but not used, counted
    utf16: int = 0  # items whose positions counted UTF-16 units
    changes: Changes = field(default_factory=Changes)

    @property
    def message(self) -> str:
        """A paragraph for the user (the CLI prints it, the app shows it)."""
        total = self.placed + self.moved + len(self.orphaned)
        lines = [
            f"{_annotations(total)} imported: {self.placed} in place, {self.moved} found "
            f"elsewhere, {len(self.orphaned)} kept as orphans"
            + (f" (from {self.shape})" if self.shape else "")
        ]
        if self.already:
            lines.append(f"{_annotations(self.already)} already in the project, not added again")
        lines += [f"  source: {line}" for line in self.matched[:20]]
        for source, count in list(self.unmatched.items())[:20]:
            lines.append(
                f"  not imported: {_annotations(count)} on “{source}”, which matches no "
                "document here (map it by hand: --map SOURCE=DOC)"
            )
        if self.utf16:
            lines.append(f"  {_annotations(self.utf16)} counted positions in UTF-16 units")
        lines += [f"  not used: {n} × {what}" for what, n in self.notices.most_common()]
        lines += [f"  orphan: “{quote[:70]}”" for quote in self.orphaned[:20]]
        lines += [f"  skipped: {reason}" for reason in self.skipped[:20]]
        if len(self.skipped) > 20:
            lines.append(f"  … and {len(self.skipped) - 20} more skipped")
        return "\n".join(lines)

    @property
    def unmatched_sources(self) -> list[str]:
        """The sources no document matched, for a mapping by hand (the import dialog)."""
        return list(self.unmatched)


@dataclass
class _Pending:
    label: str
    item: dict[str, Any]
    target: dict[str, Any]
    source: str
    path: str
    parsed: W3CItem | None = None


def apply_w3c(
    library: Library, parsed: W3CFile, mapping: dict[str, int] | None = None
) -> W3CImportReport:
    """Add every annotation of a parsed W3C file, re-anchored; unplaced ones become orphans.

    ``mapping``: sources (as the file names them) mapped by hand to document ids.
    """
    importer = _Importer(library, mapping or {})
    importer.report.shape = parsed.shape
    pending = importer.prepare(parsed.items)
    # One transaction: an import that fails midway leaves the project as it was; each item has
    # its own savepoint, so a skipped item leaves none of its tags behind.
    with library.atomic():
        for entry in pending:
            doc = importer.matcher.document(entry.source, entry.path)
            if doc is None:
                continue
            changes = Changes()
            known_tags = dict(importer.tag_ids)
            try:
                with library.atomic():
                    importer.one(entry, doc, changes)
            except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
                importer.report.skipped.append(f"{entry.label}: {error}")
                importer.tag_ids = known_tags  # tags made for it were rolled back with it
                continue
            importer.report.changes.merge(changes)  # only what the savepoint kept
    return importer.report


class _Importer:
    def __init__(self, library: Library, mapping: dict[str, int]) -> None:
        self.lib = library
        self.report = W3CImportReport()
        self.matcher = DocumentMatcher(library, mapping)
        self.seen: dict[int, set[_Key]] = {}  # per document: what is there, to skip duplicates
        self.tag_ids: dict[str, int] = {}  # tag path -> id, so each path is looked up once

    def prepare(self, items: list[Any]) -> list[_Pending]:
        """Parse every item and match every source once (content needs all of its quotes)."""
        pending: list[_Pending] = []
        for index, item in enumerate(items):
            label = f"item {index + 1}"
            if not isinstance(item, dict):
                self.report.skipped.append(
                    f"{label} is not an annotation object ({shown(item)}): skipped"
                )
                continue
            try:
                target, source, path = target_source(item)
                entry = _Pending(label, item, target, source, path)
                entry.parsed = parse_item(item, target, label)
            except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
                self.report.skipped.append(f"{label}: {error}")
                continue
            self.report.skipped.extend(entry.parsed.problems)
            self.report.notices.update(entry.parsed.notices)
            pending.append(entry)
        by_source: dict[tuple[str, str], list[Selectors]] = {}
        for entry in pending:
            assert entry.parsed is not None
            by_source.setdefault((entry.source, entry.path), []).append(entry.parsed.selectors)
        for (source, path), quotes in by_source.items():
            doc, how = self.matcher.match(source, path, quotes)
            shown_source = source or path or "(no source)"
            if doc is None:
                self.report.unmatched[shown_source] = len(quotes)
            else:
                self.report.matched.append(f"“{shown_source}” → {doc.title or doc.path} ({how})")
        return pending

    def one(self, entry: _Pending, doc: Document, changes: Changes) -> None:
        parsed = entry.parsed
        assert parsed is not None
        tag_ids = [self._tag(path, changes) for path in parsed.tags]
        text = self.matcher.text(doc.id)
        selectors = _in_code_points(text, parsed.selectors)
        if selectors is not parsed.selectors:
            self.report.utf16 += 1
        found = anchor(text, selectors)
        if found is not None:
            placed, status = describe(text, found.start, found.end), found.status
        else:
            placed, status = selectors, AnchorStatus.ORPHAN
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


def _in_code_points(text: str, selectors: Selectors) -> Selectors:
    """``selectors`` with its position read as UTF-16 units when only that lands on the quote.

    The model counts code points; the Hypothesis client counts UTF-16 units (JavaScript
    strings). The two differ after an astral character (an emoji): whichever puts the quote at
    the position is the one the client used. The same object when nothing changes.
    """
    start, end, exact = selectors.start, selectors.end, selectors.exact
    if not exact or not 0 <= start < end or text[start:end] == exact:
        return selectors
    if not any(ord(ch) > 0xFFFF for ch in text[: end + 1]):
        return selectors
    units = [0]  # units[i]: UTF-16 offset of code point i
    for ch in text:
        units.append(units[-1] + (2 if ord(ch) > 0xFFFF else 1))
    from bisect import bisect_left

    first, last = bisect_left(units, start), bisect_left(units, end)
    if first < len(units) and units[first] == start and last < len(units) and units[last] == end:
        if text[first:last] == exact:
            return Selectors(first, last, exact, selectors.prefix, selectors.suffix)
    return selectors


def _key(start: int, end: int, exact: str, tag_ids: tuple[int, ...] | list[int], note: str) -> _Key:
    """What makes two annotations the same for an import: passage, tags and note."""
    return start, end, exact, frozenset(tag_ids), note


def _annotations(n: int) -> str:
    return f"{n:,} annotation{'s' if n != 1 else ''}"
