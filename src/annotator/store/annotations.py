"""Annotations: create, query through a filter, edit tags, note and span, delete and restore."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from annotator.core.anchoring import Selectors, anchor, describe, placed_at
from annotator.core.models import AnchorStatus, Annotation, Changes, ExcerptFilter, Outcome
from annotator.store.errors import NotFound, check_expected
from annotator.store.filters import ORDERS, where_clause
from annotator.store.rows import ANNOTATION_COLUMNS, now, placeholders, to_annotation

if TYPE_CHECKING:
    from annotator.store.library import Library

_FROM = " FROM annotations a JOIN documents d ON d.id = a.document_id "


class AnnotationManager:
    """Read and change annotations; every change is one transaction and returns an Outcome."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    # Reading --------------------------------------------------------------------------------

    def get(self, annotation_id: int) -> Annotation:
        rows = list(
            self._lib.db.query(
                f"SELECT {ANNOTATION_COLUMNS}{_FROM} WHERE a.id = ?", [annotation_id]
            )
        )
        if not rows:
            raise NotFound(f"no annotation {annotation_id}")
        return to_annotation(rows[0])

    def for_document(self, document_id: int) -> builtins.list[Annotation]:
        query = f"SELECT {ANNOTATION_COLUMNS}{_FROM} WHERE a.document_id = ? ORDER BY a.start, a.id"
        return [to_annotation(row) for row in self._lib.db.query(query, [document_id])]

    def query(
        self,
        excerpt_filter: ExcerptFilter | None = None,
        *,
        order: str = "document",
        limit: int | None = None,
        offset: int = 0,
    ) -> builtins.list[Annotation]:
        """The annotations the filter selects, in ``order`` ("document", "date" or "recent")."""
        where, params = where_clause(excerpt_filter or ExcerptFilter(), self._lib.tags.descendants)
        sql = f"SELECT {ANNOTATION_COLUMNS}{_FROM} WHERE {where} ORDER BY {ORDERS[order]}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return [to_annotation(row) for row in self._lib.db.query(sql, params)]

    def ids(
        self, excerpt_filter: ExcerptFilter | None = None, *, order: str = "document"
    ) -> builtins.list[int]:
        """Only the ids, in order: cheap for 50,000 rows (the excerpts model fetches lazily)."""
        where, params = where_clause(excerpt_filter or ExcerptFilter(), self._lib.tags.descendants)
        sql = f"SELECT a.id{_FROM} WHERE {where} ORDER BY {ORDERS[order]}"
        return [row[0] for row in self._lib.db.execute(sql, params).fetchall()]

    def many(self, ids: Sequence[int]) -> builtins.list[Annotation]:
        """Annotations by id, in the order given (missing ids are skipped)."""
        found: dict[int, Annotation] = {}
        for chunk_start in range(0, len(ids), 500):
            chunk = list(ids[chunk_start : chunk_start + 500])
            sql = f"SELECT {ANNOTATION_COLUMNS}{_FROM} WHERE a.id IN ({placeholders(chunk)})"
            found.update((row["id"], to_annotation(row)) for row in self._lib.db.query(sql, chunk))
        return [found[i] for i in ids if i in found]

    def unverified(self, document_ids: Sequence[int] = ()) -> builtins.list[Annotation]:
        """Exact annotations an import could not verify (a review reason), not yet accepted."""
        where = "a.status = 'exact' AND a.reviewed = 0 AND a.review_reason != ''"
        params = list(document_ids)
        if params:
            where += f" AND a.document_id IN ({placeholders(params)})"
        sql = f"SELECT {ANNOTATION_COLUMNS}{_FROM} WHERE {where} ORDER BY {ORDERS['document']}"
        return [to_annotation(row) for row in self._lib.db.query(sql, params)]

    def count(self, excerpt_filter: ExcerptFilter | None = None) -> int:
        where, params = where_clause(excerpt_filter or ExcerptFilter(), self._lib.tags.descendants)
        return self._lib.db.execute(f"SELECT count(*){_FROM} WHERE {where}", params).fetchone()[0]

    def authors(self) -> builtins.list[str]:
        rows = self._lib.db.query(
            "SELECT DISTINCT author FROM annotations WHERE author != '' ORDER BY author"
        )
        return [row["author"] for row in rows]

    # Changing -------------------------------------------------------------------------------

    def create(
        self,
        document_id: int,
        start: int,
        end: int,
        *,
        tag_ids: Iterable[int] = (),
        note: str = "",
        author: str | None = None,
    ) -> Outcome[Annotation]:
        text = self._lib.documents.text(document_id)
        _check_span(start, end, len(text))
        selectors = describe(text, start, end)
        stamp = now()
        tag_ids = list(dict.fromkeys(tag_ids))
        with self._lib.atomic() as db:
            table = db.table("annotations")
            table.insert(
                {
                    "document_id": document_id,
                    "start": start,
                    "end": end,
                    "exact": selectors.exact,
                    "prefix": selectors.prefix,
                    "suffix": selectors.suffix,
                    "note": note,
                    "author": self._lib.project.author if author is None else author,
                    "created": stamp,
                    "modified": stamp,
                    "status": AnchorStatus.EXACT.value,
                    "reviewed": 1,
                }
            )
            annotation_id = _row_id(table.last_pk)
            self._link(annotation_id, tag_ids)
        return Outcome(self.get(annotation_id), _created(annotation_id, document_id, tag_ids))

    def insert_raw(
        self,
        document_id: int,
        selectors: Selectors,
        *,
        status: AnchorStatus,
        tag_ids: Iterable[int] = (),
        note: str = "",
        author: str = "",
        created: str = "",
        modified: str = "",
        review_reason: str = "",
    ) -> Outcome[Annotation]:
        """Store an annotation as given (an import): orphans keep their quote and context.

        ``review_reason`` (why its place is uncertain) puts it in the Review tab, exact or not.
        """
        stamp = now()
        tag_ids = list(dict.fromkeys(tag_ids))
        with self._lib.atomic() as db:
            table = db.table("annotations")
            table.insert(
                {
                    "document_id": document_id,
                    "start": max(0, selectors.start),
                    "end": max(0, selectors.end),
                    "exact": selectors.exact,
                    "prefix": selectors.prefix,
                    "suffix": selectors.suffix,
                    "note": note,
                    "author": author,
                    "created": created or stamp,
                    "modified": modified or created or stamp,
                    "status": status.value,
                    "reviewed": int(status is AnchorStatus.EXACT and not review_reason),
                    "review_reason": review_reason,
                }
            )
            annotation_id = _row_id(table.last_pk)
            self._link(annotation_id, tag_ids)
        return Outcome(self.get(annotation_id), _created(annotation_id, document_id, tag_ids))

    def restore(self, annotation: Annotation) -> Outcome[None]:
        """Insert a previously deleted annotation again, with its id, tags and times.

        Its span is checked against the current text: if the text changed since (a reload the
        caller did not expect), the quote is sought again, and it comes back as an orphan rather
        than on the wrong words when it is not there.
        """
        annotation = _still_placed(annotation, self._lib.documents.text(annotation.document_id))
        with self._lib.atomic() as db:
            db.table("annotations").insert(
                {
                    "id": annotation.id,
                    "document_id": annotation.document_id,
                    "start": annotation.start,
                    "end": annotation.end,
                    "exact": annotation.exact,
                    "prefix": annotation.prefix,
                    "suffix": annotation.suffix,
                    "note": annotation.note,
                    "author": annotation.author,
                    "created": annotation.created,
                    "modified": annotation.modified,
                    "status": annotation.status.value,
                    "reviewed": int(annotation.reviewed),
                    "review_reason": annotation.review_reason,
                }
            )
            existing = {tag.id for tag in self._lib.tags.list()}
            tag_ids = [t for t in annotation.tag_ids if t in existing]
            self._link(annotation.id, tag_ids)
        return Outcome(None, _created(annotation.id, annotation.document_id, tag_ids))

    def delete(self, annotation_id: int) -> Outcome[Annotation]:
        """Delete an annotation; the value is the annotation as it was (for ``restore``)."""
        annotation = self.get(annotation_id)
        with self._lib.atomic() as db:
            db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id])
            db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
        changes = _created(annotation_id, annotation.document_id, annotation.tag_ids)
        return Outcome(annotation, changes)

    def set_note(
        self, annotation_id: int, note: str, *, expected: str | None = None
    ) -> Outcome[None]:
        """``expected``: the note as the caller last read it; another one raises StaleValue."""
        with self._lib.atomic():
            check_expected(self.get(annotation_id).note, expected, "This highlight's note")
            return self._update(annotation_id, {"note": note})

    def set_tags(self, annotation_id: int, tag_ids: Iterable[int]) -> Outcome[None]:
        tag_ids = list(dict.fromkeys(tag_ids))
        before = set(self.get(annotation_id).tag_ids)
        with self._lib.atomic() as db:
            db.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", [annotation_id])
            self._link(annotation_id, tag_ids)
            self._touch(annotation_id)
        return Outcome(None, Changes(annotations={annotation_id}, tags=before | set(tag_ids)))

    def add_tags(self, annotation_id: int, tag_ids: Iterable[int]) -> Outcome[None]:
        current = self.get(annotation_id).tag_ids
        return self.set_tags(annotation_id, [*current, *tag_ids])

    def set_span(self, annotation_id: int, start: int, end: int) -> Outcome[None]:
        """Widen, narrow or re-attach (an orphan) to ``start``–``end`` of the current text."""
        annotation = self.get(annotation_id)
        text = self._lib.documents.text(annotation.document_id)
        _check_span(start, end, len(text))
        selectors = describe(text, start, end)
        return self._update(
            annotation_id,
            {
                "start": start,
                "end": end,
                "exact": selectors.exact,
                "prefix": selectors.prefix,
                "suffix": selectors.suffix,
                "status": AnchorStatus.EXACT.value,
                "reviewed": 1,
            },
        )

    def accept(self, annotation_id: int) -> Outcome[None]:
        """The user checked a moved or edited anchor: it no longer needs review."""
        return self._update(annotation_id, {"reviewed": 1}, touch=False)

    def previous_wording(self, ids: Iterable[int]) -> dict[int, str]:
        """The wording each annotation had before a reload edited it (only those edited)."""
        wanted = sorted(set(ids))
        found: dict[int, str] = {}
        for at in range(0, len(wanted), 500):
            chunk = wanted[at : at + 500]
            rows = self._lib.db.execute(
                "SELECT annotation_id, exact FROM annotation_previous WHERE annotation_id IN "
                f"({', '.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    def set_previous_wording(self, wording: dict[int, str]) -> Outcome[None]:
        """Record the wording annotations had before a reload changed their words."""
        with self._lib.atomic() as db:
            for annotation_id, exact in wording.items():
                db.execute(
                    "INSERT OR REPLACE INTO annotation_previous (annotation_id, exact) "
                    "VALUES (?, ?)",
                    [annotation_id, exact],
                )
        return Outcome(None, Changes(annotations=set(wording)))

    def replace_all(self, annotations: Sequence[Annotation]) -> Outcome[None]:
        """Write back re-anchored annotations (span, quote, context, status, review flag)."""
        with self._lib.atomic() as db:
            for item in annotations:
                db.execute(
                    "UPDATE annotations SET start = ?, end = ?, exact = ?, prefix = ?, suffix = ?, "
                    "status = ?, reviewed = ? WHERE id = ?",
                    [
                        item.start,
                        item.end,
                        item.exact,
                        item.prefix,
                        item.suffix,
                        item.status.value,
                        int(item.reviewed),
                        item.id,
                    ],
                )
        changes = Changes(
            annotations={a.id for a in annotations}, documents={a.document_id for a in annotations}
        )
        return Outcome(None, changes)

    def _link(self, annotation_id: int, tag_ids: Iterable[int]) -> None:
        rows = [{"annotation_id": annotation_id, "tag_id": tag_id} for tag_id in tag_ids]
        if rows:
            self._lib.db.table("annotation_tags").insert_all(rows, ignore=True)

    def _touch(self, annotation_id: int) -> None:
        self._lib.db.execute(
            "UPDATE annotations SET modified = ? WHERE id = ?", [now(), annotation_id]
        )

    def _update(
        self, annotation_id: int, values: dict[str, Any], *, touch: bool = True
    ) -> Outcome[None]:
        if touch:
            values = {**values, "modified": now()}
        with self._lib.atomic() as db:
            cursor = db.execute(
                "UPDATE annotations SET " + ", ".join(f"{k} = ?" for k in values) + " WHERE id = ?",
                [*values.values(), annotation_id],
            )
            if cursor.rowcount == 0:
                raise NotFound(f"no annotation {annotation_id}")
            document_id = db.execute(
                "SELECT document_id FROM annotations WHERE id = ?", [annotation_id]
            ).fetchone()[0]
        return Outcome(None, Changes(annotations={annotation_id}, documents={document_id}))


def _created(annotation_id: int, document_id: int, tag_ids: Iterable[int]) -> Changes:
    """What adding (or removing) an annotation changes: it, its document's counts, its tags'."""
    return Changes(annotations={annotation_id}, documents={document_id}, tags=set(tag_ids))


def _row_id(value: object) -> int:
    """The id SQLite gave the row just inserted (always set after an INSERT)."""
    assert isinstance(value, int)
    return value


def _still_placed(annotation: Annotation, text: str) -> Annotation:
    """``annotation`` as it fits ``text``: unchanged, found again, or an orphan."""
    if annotation.status is AnchorStatus.ORPHAN or text[annotation.start : annotation.end] == (
        annotation.exact
    ):
        return annotation
    selectors = Selectors(
        annotation.start, annotation.end, annotation.exact, annotation.prefix, annotation.suffix
    )
    found = anchor(text, selectors)
    if found is None:
        return replace(annotation, status=AnchorStatus.ORPHAN, reviewed=False)
    return placed_at(annotation, text, found.start, found.end, AnchorStatus.MOVED, reviewed=False)


def _check_span(start: int, end: int, length: int) -> None:
    if start == end:
        raise ValueError(f"the span {start}–{end} is empty: select at least one character")
    if not 0 <= start < end <= length:
        raise ValueError(f"the span {start}–{end} is not inside the document ({length} characters)")
