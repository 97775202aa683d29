"""Full-text search across the corpus (SQLite FTS5): documents, quotes and notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.kwic import InContext, in_context
from annotator.store.rows import fts_query, search_terms
from annotator.store.search_pending import matches, snippet

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
        """Documents whose title, text or note contain every word (as prefixes), best first.

        Documents still waiting for the index (a scan queues them: ``index_pending``) are
        searched in their text, and listed first: a search right after a scan finds them.
        """
        query, substrings = search_terms(text)
        if not query and not substrings:
            return []
        words = [word for word in text.split() if word not in substrings]
        pending = self._pending_hits(words, substrings, limit)
        if substrings:
            hits = self._documents_containing(query, substrings, limit)
        else:
            rows = self._lib.db.query(
                "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet, "
                "bm25(documents_fts) AS rank "
                "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                "WHERE documents_fts MATCH ? "
                "AND documents_fts.rowid NOT IN (SELECT id FROM documents_fts_queue) "
                "ORDER BY rank LIMIT ?",
                [query, limit],
            )
            hits = [DocumentHit(r["id"], r["title"], r["snippet"], r["rank"]) for r in rows]
        return (pending + hits)[:limit]

    def _documents_containing(
        self, query: str, substrings: list[str], limit: int
    ) -> list[DocumentHit]:
        """Documents holding every unspaced-script word as a substring (and the spaced words)."""
        where = " AND ".join("instr(d.text, ?) > 0" for _ in substrings)
        params: list = list(substrings)
        if query:
            where += " AND d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            params.append(query)
        where += " AND d.id NOT IN (SELECT id FROM documents_fts_queue)"
        rows = self._lib.db.query(
            f"SELECT d.id, d.title, d.text FROM documents d WHERE {where} ORDER BY d.id LIMIT ?",
            [*params, limit],
        )
        return [_substring_hit(row, substrings[0]) for row in rows]

    def _pending_hits(
        self, words: list[str], substrings: list[str], limit: int
    ) -> list[DocumentHit]:
        """The queued documents holding every word, as the index would find them."""
        hits: list[DocumentHit] = []
        if self.pending() == 0:
            return hits
        rows = self._lib.db.execute(
            "SELECT d.id, d.title, d.note, d.text FROM documents_fts_queue q "
            "JOIN documents d ON d.id = q.id ORDER BY d.id"
        )
        for doc_id, title, note, body in rows:
            if any(word not in body for word in substrings):
                continue
            if words and not matches(words, (title or "", note or "", body)):
                continue
            if substrings:
                hits.append(
                    _substring_hit({"id": doc_id, "title": title, "text": body}, substrings[0])
                )
            else:
                hits.append(DocumentHit(doc_id, title, snippet(words, body), 0.0))
            if len(hits) == limit:
                break
        return hits

    def pending(self) -> int:
        """How many documents wait for the full-text index."""
        return self._lib.db.execute("SELECT count(*) FROM documents_fts_queue").fetchone()[0]

    def index_pending(self, limit: int | None = None) -> int:
        """Index up to ``limit`` queued documents (all: None) in one transaction; how many wait."""
        if self.pending() == 0:
            return 0
        with self._lib.index_later(), self._lib.atomic() as db:
            write_pending_index(db, limit)
        return self.pending()

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


def _substring_hit(row: dict, word: str) -> DocumentHit:
    text = row["text"]
    at = text.find(word)
    before = text[max(0, at - 30) : at]
    after = text[at + len(word) : at + len(word) + 30]
    snippet_text = " ".join(f"…{before}[{word}]{after}…".split())
    return DocumentHit(row["id"], row["title"], snippet_text, 0.0)


def write_pending_index(
    db: Database, limit: int | None = None, logged_after: int | None = None
) -> None:
    """Bring the documents' full-text index up to date with the queued changes (migration m009):
    all of them, or the first ``limit`` (by document id) and, with ``logged_after``, those the
    change log shows written after that row (the current transaction's own).

    Runs in a transaction, as one statement per step, so the index grows by one segment per
    call rather than one per document written.
    """
    if db.execute("SELECT 1 FROM documents_fts_queue LIMIT 1").fetchone() is None:
        return
    chosen = "documents_fts_queue"
    if limit is not None:
        db.execute("CREATE TEMP TABLE IF NOT EXISTS documents_fts_slice (id INTEGER PRIMARY KEY)")
        db.execute("DELETE FROM temp.documents_fts_slice")
        db.execute(
            "INSERT INTO temp.documents_fts_slice "
            "SELECT id FROM documents_fts_queue ORDER BY id LIMIT ?",
            [limit],
        )
        if logged_after is not None:
            db.execute(
                "INSERT OR IGNORE INTO temp.documents_fts_slice "
                "SELECT row_id FROM change_log WHERE seq > ? AND kind = 'document' "
                "AND row_id IN (SELECT id FROM documents_fts_queue)",
                [logged_after],
            )
        chosen = "documents_fts_queue WHERE id IN (SELECT id FROM temp.documents_fts_slice)"
    db.execute(
        "INSERT INTO documents_fts (documents_fts, rowid, title, text, note) "
        f"SELECT 'delete', id, title, text, note FROM (SELECT * FROM {chosen}) WHERE indexed = 1"
    )
    db.execute(
        "INSERT INTO documents_fts (rowid, title, text, note) "
        f"SELECT d.id, d.title, d.text, d.note FROM (SELECT * FROM {chosen}) q "
        "JOIN documents d ON d.id = q.id"
    )
    db.execute(f"DELETE FROM {chosen}")
