"""Turn database rows into the core's records, and the small helpers every manager shares."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from annotator.core.models import AnchorStatus, Annotation, DocStatus, Document, Tag

DOCUMENT_COLUMNS = (
    "id, source_id, path, title, content_hash, status, encoding, word_count, char_count, note, "
    "created, modified, read_at, authors, outlet, published, url, citation_note, format, "
    "user_fields"
)
ANNOTATION_COLUMNS = (
    "a.id, a.document_id, a.start, a.end, a.exact, a.prefix, a.suffix, a.note, a.author, "
    "a.created, a.modified, a.status, a.reviewed, a.review_reason, "
    "(SELECT group_concat(tag_id) FROM annotation_tags WHERE annotation_id = a.id) AS tag_ids"
)


def now() -> str:
    """The current time as stored: ISO 8601, UTC, to the second."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def to_document(row: dict[str, Any]) -> Document:
    return Document(
        id=row["id"],
        source_id=row["source_id"],
        path=row["path"],
        title=row["title"] or "",
        content_hash=row["content_hash"] or "",
        status=DocStatus(row["status"]),
        encoding=row["encoding"] or "",
        word_count=row["word_count"] or 0,
        char_count=row["char_count"] or 0,
        note=row["note"] or "",
        created=row["created"] or "",
        modified=row["modified"] or "",
        read_at=row["read_at"] or "",
        annotation_count=row.get("annotation_count", 0) or 0,
        needs_review=row.get("needs_review", 0) or 0,
        orphan_count=row.get("orphan_count", 0) or 0,
        authors=tuple(json_list(row.get("authors"))),
        outlet=row.get("outlet") or "",
        published=row.get("published") or "",
        url=row.get("url") or "",
        citation_note=row.get("citation_note") or "",
        format=row.get("format") or "",
        user_fields=frozenset(json_list(row.get("user_fields"))),
    )


def json_list(value: str | None) -> list[str]:
    """A stored JSON list of strings (authors, field names); [] for a damaged value."""
    try:
        items = json.loads(value or "[]")
    except ValueError:
        return []
    return [str(item) for item in items] if isinstance(items, list) else []


def to_tag(row: dict[str, Any]) -> Tag:
    return Tag(
        id=row["id"],
        name=row["name"],
        parent_id=row["parent_id"],
        color=row["color"],
        description=row["description"] or "",
        note=row["note"] or "",
        position=row["position"] or 0,
        count=row.get("count", 0) or 0,
    )


def to_annotation(row: dict[str, Any]) -> Annotation:
    tags = row.get("tag_ids")
    return Annotation(
        id=row["id"],
        document_id=row["document_id"],
        start=row["start"],
        end=row["end"],
        exact=row["exact"],
        prefix=row["prefix"] or "",
        suffix=row["suffix"] or "",
        note=row["note"] or "",
        author=row["author"] or "",
        created=row["created"] or "",
        modified=row["modified"] or "",
        status=AnchorStatus(row["status"]),
        reviewed=bool(row["reviewed"]),
        review_reason=row.get("review_reason") or "",
        tag_ids=tuple(sorted(int(t) for t in tags.split(","))) if tags else (),
    )


def placeholders(values: Any) -> str:
    return ", ".join("?" for _ in values)


# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese):
# FTS5's unicode61 tokenizer makes a whole run of them one token, so a word inside a sentence
# is not found by FTS; such search words are matched as substrings instead.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)


def search_terms(text: str) -> tuple[str, list[str]]:
    """(FTS5 query for the spaced words, each a prefix; words to match as substrings)."""
    words = text.split()
    substrings = [word for word in words if _UNSPACED.search(word)]
    fts = [word.replace('"', '""') for word in words if not _UNSPACED.search(word)]
    return " ".join(f'"{word}"*' for word in fts), substrings


def fts_query(text: str) -> str:
    """A user's search words as an FTS5 query: every word must appear, each as a prefix."""
    return search_terms(text)[0]
