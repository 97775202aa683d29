"""W3C Web Annotation JSON: annotations as a collection with position and quote selectors.

Tags travel as ``tagging`` bodies (the tag's path, "Parent/Child"), notes as ``commenting``
bodies; the target's ``source`` is the document's path relative to its source folder. This
module only writes and parses: which document an item belongs to, and placing it in the text,
is the import service's (``services.import_w3c``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.anchoring import Selectors
from annotator.core.atomic_write import write_text_atomic
from annotator.core.models import Annotation, Document
from annotator.core.snapshot import ProjectSnapshot
from annotator.core.textclean import without_controls
from annotator.core.textload import MAX_BYTES

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
STATUS_KEY = "annotator:status"


class W3CError(ValueError):
    """The file is not W3C Web Annotation JSON we can read; the message says why."""


@dataclass(frozen=True)
class W3CFile:
    """The items of a W3C file as read (those that are not JSON objects included)."""

    items: list[Any]


@dataclass
class W3CItem:
    """One annotation of a file, parsed; ``problems`` name what was left out of it."""

    selectors: Selectors
    tags: list[str] = field(default_factory=list)  # tag paths, cleaned
    notes: list[str] = field(default_factory=list)
    author: str = ""
    created: str = ""
    modified: str = ""
    problems: list[str] = field(default_factory=list)


# Writing --------------------------------------------------------------------------------------


def to_w3c(snapshot: ProjectSnapshot) -> dict[str, Any]:
    """An AnnotationCollection holding the snapshot's annotations."""
    documents = {doc.id: doc for doc in snapshot.documents}
    paths = snapshot.tag_paths()
    items = [_item(a, documents[a.document_id], paths) for a in snapshot.annotations]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": snapshot.name,
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


def write_w3c(snapshot: ProjectSnapshot, path: Path) -> None:
    """Write the collection as UTF-8 JSON, whole or not at all."""
    write_text_atomic(path, json.dumps(to_w3c(snapshot), ensure_ascii=False, indent=2))


# Reading --------------------------------------------------------------------------------------


def read_w3c(path: Path) -> W3CFile:
    return W3CFile(read_items(path))


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


def target_source(item: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """An item's target and the source it names; ValueError when it has no usable target."""
    target = item.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if isinstance(target, str) or not isinstance(target, dict):
        raise ValueError("no target with selectors")
    source = target.get("source", "")
    if not isinstance(source, str):
        raise ValueError(f"its target's source is not a file name ({shown(source)})")
    return target, source


def parse_item(item: dict[str, Any], target: dict[str, Any], label: str) -> W3CItem:
    """The selectors, tags, notes, author and dates of an item (``label`` names it in problems).

    ValueError when nothing can be placed (no quote and no valid position, or a quote longer
    than any text); values of the wrong type are left out and named in ``problems``.
    """
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
    parsed = W3CItem(selectors)
    bodies = item.get("body") or []
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, str):
            body = {"value": body}  # a body may be plain text (a comment)
        if not isinstance(body, dict):
            parsed.problems.append(f"{label}: a body that is not an object was left out")
            continue
        purpose = body.get("purpose")
        raw = body.get("value", "")
        if not isinstance(raw, str):
            what = "tag" if purpose == "tagging" else "note"
            parsed.problems.append(
                f"{label}: a {what} whose value is not text ({shown(raw)}) was left out"
            )
            continue
        value = without_controls(raw).strip()
        if purpose == "tagging" and value:
            parsed.tags.append(value)
        elif value:
            parsed.notes.append(value)
    author = _author(item.get("creator"))
    if author is None:
        parsed.problems.append(
            f"{label}: its creator is not a name or a person ({shown(item.get('creator'))}); "
            "the annotation was imported without an author"
        )
        author = ""
    parsed.author = author
    parsed.created = _stamp(item, "created", label, parsed.problems)
    parsed.modified = _stamp(item, "modified", label, parsed.problems)
    return parsed


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


def _stamp(item: dict[str, Any], key: str, label: str, problems: list[str]) -> str:
    value = item.get(key, "")
    if isinstance(value, str):
        return value
    if value is not None:
        problems.append(f"{label}: its {key} date is not text ({shown(value)}): left out")
    return ""


def shown(value: object) -> str:
    """A short rendering of an odd JSON value for a report."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"
