"""Turn an ExcerptFilter into SQL over annotations: tags (with descendants), documents, text."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from annotator.core.models import ExcerptFilter, Match
from annotator.store.rows import fts_query, placeholders

ORDERS = {
    "document": "d.source_id, d.path, a.start, a.id",
    "date": "a.created, a.id",
    "recent": "a.modified DESC, a.id DESC",
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
    query = fts_query(excerpt_filter.search)
    if query:
        parts.append("a.id IN (SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ?)")
        params.append(query)
    if excerpt_filter.authors:
        parts.append(f"a.author IN ({placeholders(excerpt_filter.authors)})")
        params.extend(excerpt_filter.authors)
    if excerpt_filter.created_from:
        parts.append("a.created >= ?")
        params.append(_checked(excerpt_filter.created_from))
    if excerpt_filter.created_to:
        to = _checked(excerpt_filter.created_to)
        if len(to) == 10:
            # A bare date means the whole of that day: everything before the next one, so that
            # imported times with fractions of a second or a "Z" count too.
            parts.append("a.created < ?")
            params.append((_date(to) + datetime.timedelta(days=1)).isoformat())
        else:
            parts.append("a.created <= ?")
            params.append(to)
    if excerpt_filter.statuses:
        parts.append(f"a.status IN ({placeholders(excerpt_filter.statuses)})")
        params.extend(str(status) for status in excerpt_filter.statuses)
    return (" AND ".join(parts) or "1"), params


def _checked(text: str) -> str:
    # Dates are compared as text: "2024/3/5" would silently match nothing.
    try:
        datetime.datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(
            f"'{text}' is not a date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM:SS)"
        ) from error
    return text


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)
