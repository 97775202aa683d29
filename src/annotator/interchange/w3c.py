"""W3C Web Annotation JSON: annotations as a collection with position and quote selectors.

Tags travel as ``tagging`` bodies (the tag's path, "Parent/Child"), notes as ``commenting``
bodies; the target's ``source`` is an IRI (the document's URL, else its file's ``file:`` URI)
with the path relative to its source folder beside it (``annotator:path``). This
module only writes and parses: which document an item belongs to, and placing it in the text,
is the import service's (``services.import_w3c``).
"""

from __future__ import annotations

import datetime
import json
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.anchoring import Selectors
from annotator.core.atomic_write import write_text_atomic
from annotator.core.models import Annotation, Document
from annotator.core.snapshot import ProjectSnapshot
from annotator.core.textclean import without_controls
from annotator.core.textload import MAX_BYTES
from annotator.interchange.w3c_long_quotes import too_long, without_long_quotes
from annotator.interchange.w3c_shapes import (
    flatten_selectors,
    hypothesis_author,
    hypothesis_tags,
    unwrap,
)

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
STATUS_KEY = "annotator:status"
# The document's path relative to its source folder, beside the IRI: another machine's copy of
# the corpus has other absolute paths, but the same relative ones.
PATH_KEY = "annotator:path"


class W3CError(ValueError):
    """The file is not W3C Web Annotation JSON we can read; the message says why."""


@dataclass(frozen=True)
class W3CFile:
    """The items of a W3C file as read (those that are not JSON objects included)."""

    items: list[Any]
    shape: str = ""  # what held them: "a Hypothesis search result", "an annotation collection"


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
    notices: Counter[str] = field(default_factory=Counter)  # what was met but not used, counted


# Writing --------------------------------------------------------------------------------------


def to_w3c(snapshot: ProjectSnapshot) -> dict[str, Any]:
    """An AnnotationCollection holding the snapshot's annotations, as the model's MUSTs ask.

    The collection, its page and every annotation have ids (``urn:uuid:``: the project's UUID
    for the collection, and each annotation's stable GUID, the one its REFI-QDA export
    carries), so they are unique across projects. Each annotation carries the ``@context``
    too, so it stays a valid annotation when taken out of the collection (as a server stores
    it). Position selectors count code points, as the model says.
    """
    documents = {doc.id: doc for doc in snapshot.documents}
    paths = snapshot.tag_paths()
    items = [_item(a, documents[a.document_id], paths, snapshot) for a in snapshot.annotations]
    project = snapshot.uuid or str(uuid.uuid4())
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{project}",
        "type": "AnnotationCollection",
        "label": snapshot.name,
        "total": len(items),
        "first": {
            "id": f"urn:uuid:{uuid.uuid5(uuid.UUID(project), 'page/0')}",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def _item(
    a: Annotation, doc: Document, paths: dict[int, str], snapshot: ProjectSnapshot
) -> dict[str, Any]:
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
    target: dict[str, Any] = {
        "source": source_iri(doc, snapshot.locations.get(doc.id, "")),
        PATH_KEY: doc.path,
        "selector": Selectors(a.start, a.end, a.exact, a.prefix, a.suffix).to_w3c(),
    }
    item: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{snapshot.guid('annotation', a.id) or uuid.uuid4()}",
        "type": "Annotation",
    }
    for key, stamp in (("created", a.created), ("modified", a.modified)):
        if utc := utc_stamp(stamp):
            item[key] = utc
    if body:  # the model: a body, when present, is not empty
        item["body"] = body
    item["target"] = target
    item[STATUS_KEY] = a.status.value
    if a.author:
        item["creator"] = {"type": "Person", "name": a.author}
    return item


def source_iri(doc: Document, location: str) -> str:
    """The IRI a target names: the document's web address, else its file as a ``file:`` URI."""
    url = doc.url
    if url:
        return url
    if location:
        return Path(location).resolve().as_uri()
    # No file known (a snapshot without locations): still an IRI, relative to nothing.
    return "urn:annotator:document:" + urllib.parse.quote(doc.path, safe="/")


def utc_stamp(stamp: str) -> str:
    """An ISO timestamp in UTC ending in ``Z`` (xsd:dateTime, as the model asks); '' if none."""
    try:
        moment = datetime.datetime.fromisoformat(stamp.strip())
    except (ValueError, AttributeError):
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z"


def write_w3c(snapshot: ProjectSnapshot, path: Path) -> None:
    """Write the collection as UTF-8 JSON, whole or not at all."""
    write_text_atomic(path, json.dumps(to_w3c(snapshot), ensure_ascii=False, indent=2))


# Reading --------------------------------------------------------------------------------------


def read_w3c(path: Path) -> W3CFile:
    items, shape = unwrap(_load(path))
    if not shape:
        raise W3CError(f"{Path(path).name} holds no list of annotations")
    return W3CFile(items, shape)


def read_items(path: Path) -> list[Any]:
    """The items in a file (see ``w3c_shapes.unwrap`` for the shapes read).

    Items that are not JSON objects are returned too: the import reports them.
    """
    return read_w3c(path).items


def _load(path: Path) -> Any:
    try:
        data = Path(path).read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]  # a byte order mark, as Windows tools write
        # Parsed from bytes (UTF-8, as JSON is) without its overlong quotes: see w3c_long_quotes.
        return json.loads(without_long_quotes(data, MAX_BYTES))
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


def target_source(item: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """An item's target, the source it names (an IRI or a path) and the relative path beside
    it (our ``annotator:path``, '' from other tools); ValueError when nothing can be placed."""
    target = item.get("target")
    if isinstance(target, list):
        usable = [t for t in target if isinstance(t, dict)]
        target = usable[0] if usable else (target[0] if target else None)
    if isinstance(target, str):
        raise ValueError(
            f"its target is a whole resource ({shown(target)}), not a passage: nothing to place"
        )
    if not isinstance(target, dict):
        raise ValueError("no target with selectors")
    # Hypothesis names the page in the row's "uri" as well as in the target's "source".
    source = target.get("source", item.get("uri", ""))
    if isinstance(source, list) and source:
        source = source[0]  # some clients send ["uri"]
    if isinstance(source, dict):
        source = source.get("id", "")
    if not isinstance(source, str):
        raise ValueError(f"its target's source is not a file name or IRI ({shown(source)})")
    path = target.get(PATH_KEY, "")
    return target, source, path if isinstance(path, str) else ""


def parse_item(item: dict[str, Any], target: dict[str, Any], label: str) -> W3CItem:
    """The selectors, tags, notes, author and dates of an item (``label`` names it in problems).

    ValueError when nothing can be placed (no quote and no valid position, or a quote longer
    than any text); values of the wrong type are left out and named in ``problems``, and what
    cannot be used (selector and body kinds) is counted in ``notices``.
    """
    notices: Counter[str] = Counter()
    usable = flatten_selectors(target.get("selector") or [], notices)
    if not usable:
        kinds = ", ".join(sorted(notices)) or "none"
        raise ValueError(f"no quote or position to place it by (its selectors: {kinds})")
    selectors = Selectors.from_w3c(usable)
    if (length := too_long(selectors.exact)) is not None:
        raise ValueError(
            f"its quote is {length:,} characters long, longer than any text "
            f"Annotator holds ({MAX_BYTES // 1_048_576} MB)"
        )
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
    parsed.notices = notices
    _bodies(item, parsed, label)
    text = item.get("text")  # Hypothesis: the note, in Markdown (kept as it is written)
    if isinstance(text, str) and (value := without_controls(text).strip()):
        parsed.notes.append(value)
    parsed.tags += hypothesis_tags(item, parsed.problems, label)
    author = _author(item.get("creator"))
    if author is None:
        parsed.problems.append(
            f"{label}: its creator is not a name or a person ({shown(item.get('creator'))}); "
            "the annotation was imported without an author"
        )
        author = ""
    if not author and "user" in item:
        author = hypothesis_author(item) or ""
    parsed.author = author
    parsed.created = _stamp(item, "created", label, parsed.problems)
    parsed.modified = _stamp(
        item, "modified" if "modified" in item else "updated", label, parsed.problems
    )
    return parsed


def _bodies(item: dict[str, Any], parsed: W3CItem, label: str) -> None:
    bodies = item.get("body") or []
    if "bodyValue" in item and isinstance(item["bodyValue"], str):
        bodies = [*(bodies if isinstance(bodies, list) else [bodies]), {"value": item["bodyValue"]}]
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if isinstance(body, str):
            # The model's string body is a link to the body (a web page, say): kept as text.
            parsed.notices["bodies given as a link (kept in the note)"] += 1
            body = {"value": body}
        if not isinstance(body, dict):
            parsed.problems.append(f"{label}: a body that is not an object was left out")
            continue
        kind = body.get("type", "TextualBody")
        if kind not in ("TextualBody", "Text") or "value" not in body:
            parsed.notices[f"bodies of type {shown(kind)} (not text): left out"] += 1
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
        # Stored as the project stores its own times (UTC, "+00:00"); an unreadable one as is.
        try:
            moment = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value
        if moment.tzinfo is not None:
            moment = moment.astimezone(datetime.UTC)
        return moment.isoformat(timespec="seconds")
    if value is not None:
        problems.append(f"{label}: its {key} date is not text ({shown(value)}): left out")
    return ""


def shown(value: object) -> str:
    """A short rendering of an odd JSON value for a report."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:39] + "…"
