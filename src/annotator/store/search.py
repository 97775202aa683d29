"""Full-text search across the corpus (SQLite FTS5): documents, quotes and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.kwic import InContext, in_context
from annotator.store.rows import fts_query, search_terms

if TYPE_CHECKING:
    from sqlite_utils import Database

    from annotator.store.library import Library


@dataclass(frozen=True, slots=True)
class DocumentHit:
    document_id: int
    title: str
    snippet: str  # with the matches between [ and ]
    rank: float


class SearchManager:
    def __init__(self, library: Library) -> None:
        self._lib = library

    def documents(self, text: str, *, limit: int = 200) -> list[DocumentHit]:
        """Documents whose title, text or note contain every word (as prefixes), best first."""
        query, substrings = search_terms(text)
        if substrings:
            return self._documents_containing(query, substrings, limit)
        if not query:
            return []
        rows = self._lib.db.query(
            "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet, "
            "bm25(documents_fts) AS rank "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            [query, limit],
        )
        return [DocumentHit(r["id"], r["title"], r["snippet"], r["rank"]) for r in rows]

    def _documents_containing(
        self, query: str, substrings: list[str], limit: int
    ) -> list[DocumentHit]:
        """Documents holding every unspaced-script word as a substring (and the spaced words)."""
        where = " AND ".join("instr(d.text, ?) > 0" for _ in substrings)
        params: list = list(substrings)
        if query:
            where += " AND d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            params.append(query)
        rows = self._lib.db.query(
            f"SELECT d.id, d.title, d.text FROM documents d WHERE {where} ORDER BY d.id LIMIT ?",
            [*params, limit],
        )
        hits = []
        for row in rows:
            text, word = row["text"], substrings[0]
            at = text.find(word)
            before = text[max(0, at - 30) : at]
            after = text[at + len(word) : at + len(word) + 30]
            snippet = " ".join(f"…{before}[{word}]{after}…".split())
            hits.append(DocumentHit(row["id"], row["title"], snippet, 0.0))
        return hits

    def hits(
        self, text: str, *, documents: int = 200, per_document: int = 200, total: int = 2000
    ) -> list[tuple[DocumentHit, list[InContext]]]:
        """The matching documents, best first, each with every hit in it in context (keyword
        in context), up to ``per_document`` hits each and ``total`` in all."""
        found = self.documents(text, limit=documents)
        results: list[tuple[DocumentHit, list[InContext]]] = []
        left = total
        for hit in found:
            if left <= 0:
                results.append((hit, []))
                continue
            row = self._lib.db.execute(
                "SELECT text FROM documents WHERE id = ?", [hit.document_id]
            ).fetchone()
            contexts = in_context(row[0] if row else "", text, limit=min(per_document, left))
            left -= len(contexts)
            results.append((hit, contexts))
        return results

    def tags(self, text: str) -> list[int]:
        """Tags whose name, description or note match."""
        query = fts_query(text)
        if not query:
            return []
        rows = self._lib.db.query("SELECT rowid FROM tags_fts WHERE tags_fts MATCH ?", [query])
        return [row["rowid"] for row in rows]


def write_pending_index(db: Database) -> None:
    """Bring the documents' full-text index up to date with the queued changes (migration m009).

    Runs just before a transaction commits, as one statement per step, so the index grows by
    one segment per transaction rather than one per document written.
    """
    if db.execute("SELECT 1 FROM documents_fts_queue LIMIT 1").fetchone() is None:
        return
    db.execute(
        "INSERT INTO documents_fts (documents_fts, rowid, title, text, note) "
        "SELECT 'delete', id, title, text, note FROM documents_fts_queue WHERE indexed = 1"
    )
    db.execute(
        "INSERT INTO documents_fts (rowid, title, text, note) "
        "SELECT d.id, d.title, d.text, d.note FROM documents_fts_queue q "
        "JOIN documents d ON d.id = q.id"
    )
    db.execute("DELETE FROM documents_fts_queue")
