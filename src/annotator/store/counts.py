"""Counting queries over tags: passages under each tag, tags by document, tags by tags.

Every count follows the one convention the filters and the briefing use: a passage tagged
"Energy/Oil" counts under "Energy" too, and a passage counts once however many of the tags
below a tag it carries. The matrix view and the tag tree read these; widgets run no SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.store.library import Library

# Each tag with itself and every tag below it, as (ancestor, tag_id) pairs.
_CLOSURE = """
    WITH RECURSIVE closure(ancestor, tag_id) AS (
        SELECT id, id FROM tags
        UNION ALL
        SELECT c.ancestor, t.id FROM tags t JOIN closure c ON t.parent_id = c.tag_id
    )
"""


class CountQueries:
    """Counts of distinct passages (annotations) per tag, per tag and document, per tag pair."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    def totals(self) -> dict[int, int]:
        """{tag id: passages tagged with it or a tag below it}, every tag present."""
        rows = self._lib.db.execute(
            _CLOSURE + "SELECT c.ancestor, count(DISTINCT l.annotation_id) FROM closure c "
            "JOIN annotation_tags l ON l.tag_id = c.tag_id GROUP BY c.ancestor"
        )
        counts = dict(rows.fetchall())
        return {tag_id: counts.get(tag_id, 0) for (tag_id,) in self._lib.db.execute(
            "SELECT id FROM tags"
        )}  # fmt: skip

    def by_document(self) -> dict[tuple[int, int], int]:
        """{(tag id, document id): passages}, for the cells that are not zero."""
        rows = self._lib.db.execute(
            _CLOSURE + "SELECT c.ancestor, a.document_id, count(DISTINCT a.id) FROM closure c "
            "JOIN annotation_tags l ON l.tag_id = c.tag_id "
            "JOIN annotations a ON a.id = l.annotation_id GROUP BY c.ancestor, a.document_id"
        )
        return {(tag_id, document_id): n for tag_id, document_id, n in rows}

    def co_occurrence(self) -> dict[tuple[int, int], int]:
        """{(tag a, tag b): passages carrying both}, both orders, zero cells left out.

        A pair on the diagonal is the tag's total. Worked out in Python from one pass over
        the links: SQLite's self-join of the closure grouped ~16 pairs per passage slower.
        """
        parents = dict(self._lib.db.execute("SELECT id, parent_id FROM tags").fetchall())
        lineage: dict[int, tuple[int, ...]] = {}

        def up(tag_id: int) -> tuple[int, ...]:
            found = lineage.get(tag_id)
            if found is None:
                chain = []
                current: int | None = tag_id
                while current is not None and current not in chain:
                    chain.append(current)
                    current = parents.get(current)
                found = lineage[tag_id] = tuple(chain)
            return found

        counts: dict[tuple[int, int], int] = {}
        current_id = None
        under: set[int] = set()

        def flush() -> None:
            for a in under:
                for b in under:
                    counts[(a, b)] = counts.get((a, b), 0) + 1

        for annotation_id, tag_id in self._lib.db.execute(
            "SELECT annotation_id, tag_id FROM annotation_tags ORDER BY annotation_id"
        ):
            if annotation_id != current_id:
                flush()
                current_id, under = annotation_id, set()
            under.update(up(tag_id))
        flush()
        return counts
