"""W3C Web Annotation JSON: export annotations with position and quote selectors, import them back.

Tags travel as ``tagging`` bodies (the tag's path, "Parent/Child"), notes as ``commenting``
bodies; the target's ``source`` is the document's path relative to its source folder.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.anchoring import Selectors, anchor, describe
from annotator.core.atomic_write import write_text_atomic
from annotator.core.models import AnchorStatus, Annotation, Document
from annotator.core.textclean import without_controls
from annotator.core.textload import MAX_BYTES
from annotator.store.library import Library

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
STATUS_KEY = "annotator:status"


class W3CError(ValueError):
    """The file is not W3C Web Annotation JSON we can read; the message says why."""


@dataclass
class ImportReport:
    placed: int = 0
    moved: int = 0
    orphaned: list[str] = field(default_factory=list)  # quotes that could not be placed
    skipped: list[str] = field(default_factory=list)  # reasons (unknown document, bad item)
    already: int = 0  # identical annotations already in the project (a file imported twice)
    annotation_ids: list[int] = field(default_factory=list)


def to_w3c(library: Library, annotations: Sequence[Annotation]) -> dict[str, Any]:
    """An AnnotationCollection holding ``annotations``."""
    documents = {doc.id: doc for doc in library.documents.list()}
    tags = library.tags.list()
    paths = {tag.id: library.tags.path(tag.id, tags) for tag in tags}
    items = [_item(a, documents[a.document_id], paths) for a in annotations]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": library.project.name,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def _item(a: Annotation, doc: Document, paths: dict[int, str]) -> dict[str, Any]:
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": paths[t]} for t in a.tag_ids
    ]
    if a.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": a.note,
                "format": "text/plain",
            }
        )
    item: dict[str, Any] = {
        "id": f"urn:annotator:annotation:{a.id}",
        "type": "Annotation",
        "created": a.created,
        "modified": a.modified,
        "body": body,
        "target": {
            "source": doc.path,
            "selector": Selectors(a.start, a.end, a.exact, a.prefix, a.suffix).to_w3c(),
        },
        STATUS_KEY: a.status.value,
    }
    if a.author:
        item["creator"] = {"type": "Person", "name": a.author}
    return item


def write_w3c(library: Library, annotations: Sequence[Annotation], path: Path) -> None:
    write_text_atomic(path, json.dumps(to_w3c(library, annotations), ensure_ascii=False, indent=2))


def read_items(path: Path) -> list[Any]:
    """The items in a file: a list, a collection (first page, or items), or one annotation.

    Items that are not JSON objects are returned too: the import reports them.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise W3CError(f"{path} does not exist") from error
    except IsADirectoryError as error:
        raise W3CError(f"{Path(path).name} is a folder, not a JSON file") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise W3CError(f"{Path(path).name} is not valid JSON: {error}") from error
    except RecursionError as error:
        raise W3CError(f"{Path(path).name} nests its JSON too deeply to be annotations") from error
    except OSError as error:
        raise W3CError(f"{Path(path).name} cannot be read: {error.strerror or error}") from error
    if isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        page = data.get("first") or {}
        items = page.get("items") if isinstance(page, dict) else None
        data = items if items is not None else data.get("items", [])
    elif isinstance(data, dict) and data.get("type") == "AnnotationPage":
        data = data.get("items", [])
    elif isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise W3CError(f"{Path(path).name} holds no list of annotations")
    return data


def import_w3c(library: Library, path: Path) -> ImportReport:
    """Add every annotation in ``path``, re-anchored with ``anchor()``; unplaced ones: orphans."""
    report = ImportReport()
    items = read_items(path)
    documents = library.documents.list()
    texts: dict[int, str] = {}
    seen: dict[int, set[tuple]] = {}  # per document: what is there, to skip exact duplicates
    tag_ids: dict[str, int] = {}  # tag path -> id, so each path is looked up once
    # One transaction: an import that fails midway leaves the project as it was; each item has
    # its own savepoint, so a skipped item leaves none of its tags behind.
    with library.atomic():
        for index, item in enumerate(items):
            label = f"item {index + 1}"
            if not isinstance(item, dict):
                report.skipped.append(
                    f"{label} is not an annotation object ({_shown(item)}): skipped"
                )
                continue
            try:
                with library.atomic():
                    _import_one(library, documents, texts, seen, tag_ids, item, report, label)
            except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as error:
                report.skipped.append(f"{label}: {error}")
    return report


def _import_one(
    library: Library,
    documents: list[Document],
    texts: dict[int, str],
    seen: dict[int, set[tuple]],
    tag_cache: dict[str, int],
    item: dict,
    report: ImportReport,
    label: str,
) -> None:
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str) or not isinstance(target, dict):
        raise ValueError("no target with selectors")
    source = target.get("source", "")
    if not isinstance(source, str):
        raise ValueError(f"its target's source is not a file name ({_shown(source)})")
    doc = _document_for(documents, source)
    if doc is None:
        report.skipped.append(f"no document in this project matches '{source}'")
        return
    selectors = Selectors.from_w3c(target.get("selector") or [])
    if len(selectors.exact) > MAX_BYTES:
        # No document can hold it (texts are at most MAX_BYTES bytes), and an orphan that
        # size would be carried through every list and search of the project.
        raise ValueError(
            f"its quote is {len(selectors.exact):,} characters long, longer than any text "
            f"Annotator holds ({MAX_BYTES // 1_048_576} MB)"
        )
    if not selectors.exact and not 0 <= selectors.start < selectors.end:
        raise ValueError("no quote and no valid position: nothing to place")
    tag_ids, notes = [], []
    bodies = item.get("body") or []
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, str):
            body = {"value": body}  # a body may be plain text (a comment)
        if not isinstance(body, dict):
            report.skipped.append(f"{label}: a body that is not an object was left out")
            continue
        purpose = body.get("purpose")
        raw = body.get("value", "")
        if not isinstance(raw, str):
            what = "tag" if purpose == "tagging" else "note"
            report.skipped.append(
                f"{label}: a {what} whose value is not text ({_shown(raw)}) was left out"
            )
            continue
        value = without_controls(raw).strip()
        if purpose == "tagging" and value:
            if value not in tag_cache:
                tag_cache[value] = library.tags.ensure_path(value).id
            tag_ids.append(tag_cache[value])
        elif value:
            notes.append(value)
    author = _author(item.get("creator"))
    if author is None:
        report.skipped.append(
            f"{label}: its creator is not a name or a person ({_shown(item.get('creator'))}); "
            "the annotation was imported without an author"
        )
        author = ""
    if doc.id not in texts:
        texts[doc.id] = library.documents.text(doc.id)
    text = texts[doc.id]
    found = anchor(text, selectors)
    if found is not None:
        placed = describe(text, found.start, found.end)
        status = found.status
    else:
        placed, status = selectors, AnchorStatus.ORPHAN
    note = "\n\n".join(notes)
    if doc.id not in seen:
        seen[doc.id] = {
            _key(a.start, a.end, a.exact, a.tag_ids, a.note)
            for a in library.annotations.for_document(doc.id)
        }
    key = _key(placed.start, placed.end, placed.exact, tag_ids, note)
    if key in seen[doc.id]:
        report.already += 1
        return
    seen[doc.id].add(key)
    annotation = library.annotations.insert_raw(
        doc.id,
        placed,
        status=status,
        tag_ids=tag_ids,
        note=note,
        author=author,
        created=_stamp(item, "created", label, report),
        modified=_stamp(item, "modified", label, report),
    )
    report.annotation_ids.append(annotation.id)
    if status is AnchorStatus.ORPHAN:
        report.orphaned.append(selectors.exact)
    elif status is AnchorStatus.MOVED:
        report.moved += 1
    else:
        report.placed += 1


def _author(creator: object) -> str | None:
    """The creator's name: a string, a person ({"name" or "nickname"}), or a list of those.

    None when it is none of these (a number, a list of numbers): its repr is no name.
    """
    if creator is None:
        return ""
    agents = creator if isinstance(creator, list) else [creator]
    names = []
    for agent in agents:
        if isinstance(agent, dict):
            agent = agent.get("name", agent.get("nickname"))
        if not isinstance(agent, str):
            return None
        names.append(" ".join(without_controls(agent).split()))
    return ", ".join(name for name in names if name)


def _stamp(item: dict, key: str, label: str, report: ImportReport) -> str:
    value = item.get(key, "")
    if isinstance(value, str):
        return value
    if value is not None:
        report.skipped.append(f"{label}: its {key} date is not text ({_shown(value)}): left out")
    return ""


def _shown(value: object) -> str:
    """A short rendering of an odd JSON value for a report."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _key(start: int, end: int, exact: str, tag_ids, note: str) -> tuple:
    """What makes two annotations the same for an import: passage, tags and note."""
    return start, end, exact, frozenset(tag_ids), note


def _document_for(documents: list[Document], source: str) -> Document | None:
    source = source.replace("\\", "/")
    for key in (lambda d: d.path, lambda d: Path(d.path).name):
        found = [d for d in documents if key(d) == source or key(d) == Path(source).name]
        if len(found) == 1:
            return found[0]
    return None
