"""Turn an ExcerptFilter into SQL over annotations: tags (with descendants), documents, text."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from annotator.core.models import ExcerptFilter, Match
from annotator.store.rows import placeholders, search_terms

ORDERS = {
    "document": "d.source_id, d.path, a.start, a.id",
    "date": "a.created, a.id",
    "recent": "a.modified DESC, a.id DESC",
    # The excerpts table's columns (each ends in document order, so ties read as the text).
    "quote": (
        "ltrim(a.exact, ' ' || char(9, 10, 13, 160)) COLLATE NOCASE,"
        " d.source_id, d.path, a.start, a.id"
    ),
    "title": "d.title COLLATE NOCASE, d.source_id, d.path, a.start, a.id",
    "tags": (
        "(SELECT min(t.name COLLATE NOCASE) FROM annotation_tags l JOIN tags t"
        " ON t.id = l.tag_id WHERE l.annotation_id = a.id) IS NULL,"
        " (SELECT min(t.name COLLATE NOCASE) FROM annotation_tags l JOIN tags t"
        " ON t.id = l.tag_id WHERE l.annotation_id = a.id), d.source_id, d.path, a.start, a.id"
    ),
    "note": "a.note = '', a.note COLLATE NOCASE, d.source_id, d.path, a.start, a.id",
    "status": (
        "CASE a.status WHEN 'orphan' THEN 0 WHEN 'edited' THEN 1 WHEN 'moved' THEN 2 ELSE 3 END,"
        " d.source_id, d.path, a.start, a.id"
    ),
}


def where_clause(
    excerpt_filter: ExcerptFilter, descendants: Callable[[int], set[int]]
) -> tuple[str, list]:
    """A WHERE clause (without the keyword) over ``annotations a`` and its parameters."""
    parts: list[str] = []
    params: list = []
    tag_sets = [descendants(tag_id) for tag_id in excerpt_filter.tag_ids]
    if tag_sets:
        if excerpt_filter.match is Match.ALL:
            groups = tag_sets
        else:
            groups = [set().union(*tag_sets)]
        for group in groups:
            parts.append(
                "a.id IN (SELECT annotation_id FROM annotation_tags "
                f"WHERE tag_id IN ({placeholders(group)}))"
            )
            params.extend(sorted(group))
    if excerpt_filter.untagged_only:
        parts.append("NOT EXISTS (SELECT 1 FROM annotation_tags l WHERE l.annotation_id = a.id)")
    if excerpt_filter.document_ids:
        parts.append(f"a.document_id IN ({placeholders(excerpt_filter.document_ids)})")
        params.extend(excerpt_filter.document_ids)
    query, substrings = search_terms(excerpt_filter.search)
    if query:
        parts.append("a.id IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)")
        params.append(query)
    for word in substrings:
        parts.append("(instr(a.exact, ?) > 0 OR instr(a.note, ?) > 0)")
        params.extend([word, word])
    if excerpt_filter.authors:
        parts.append(f"a.author IN ({placeholders(excerpt_filter.authors)})")
        params.extend(excerpt_filter.authors)
    if excerpt_filter.created_from:
        parts.append("julianday(a.created) >= julianday(?)")
        params.append(_bound(excerpt_filter.created_from, end_of_day=False))
    if excerpt_filter.created_to:
        parts.append("julianday(a.created) <= julianday(?)")
        params.append(_bound(excerpt_filter.created_to, end_of_day=True))
    if excerpt_filter.statuses:
        parts.append(f"a.status IN ({placeholders(excerpt_filter.statuses)})")
        params.extend(str(status) for status in excerpt_filter.statuses)
    return (" AND ".join(parts) or "1"), params


def _bound(text: str, *, end_of_day: bool) -> str:
    """A date or time as a UTC timestamp SQLite compares as a time, not as text.

    A bare date covers its whole day (local to no zone: the day as stored, in UTC); a time
    without a zone is taken as UTC, like the stored times; "2024/3/5" is refused rather than
    silently matching nothing.
    """
    try:
        moment = datetime.datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise ValueError(
            f"'{text}' is not a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM:SS)"
        ) from error
    if _is_bare_date(text) and end_of_day:
        moment = moment + datetime.timedelta(days=1, milliseconds=-1)  # SQLite keeps ms
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).isoformat()


def _is_bare_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text.strip())
    except ValueError:
        return False
    return True
