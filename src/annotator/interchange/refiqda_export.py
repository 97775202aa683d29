"""Export a project to REFI-QDA: a .qdpx package (QDA-XML 1.0 project) or a .qdc codebook.

Choices, for the QDA tools that read these files (QualCoder, ATLAS.ti, MAXQDA, NVivo):

- each document is a TextSource whose text is ``sources/<GUID>.txt``, UTF-8 without a byte-order
  mark (QualCoder counts a BOM as a character) and with ``\\n`` line breaks;
- positions are Python code points into that text, the end exclusive (as QualCoder reads them);
- an annotation is one PlainTextSelection with one Coding per tag; its note is the selection's
  Description, which QualCoder reads as the coding memo and MAXQDA and ATLAS.ti as the comment;
  its ``name`` is the quote (shortened), which lets importers check the span;
- document, tag and project notes are Notes (inline PlainTextContent) linked by NoteRef; tag
  descriptions are the Code's Description;
- orphaned annotations have no span in the current text, so they are left out and counted.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from annotator.core.atomic_write import write_atomic
from annotator.core.models import Annotation, Document, Tag
from annotator.core.snapshot import ProjectSnapshot
from annotator.interchange.refiqda_common import (
    CODEBOOK_NS,
    ORIGIN,
    PROJECT_NS,
    RefiError,
    new_guid,
    to_refi_color,
    to_refi_datetime,
    xml_safe,
)

_NAME_MAX = 200  # a selection's name carries the quote, shortened past this many characters


@dataclass
class ExportReport:
    path: Path
    documents: int = 0
    tags: int = 0
    annotations: int = 0
    notes: int = 0
    orphans_left_out: int = 0
    codebook: bool = False  # a .qdc: tags only

    @property
    def message(self) -> str:
        """A line for the user (the CLI prints it, the GUI shows it)."""
        if self.codebook:
            return f"wrote {self.path.name}: {self.tags} tags"
        text = (
            f"wrote {self.path.name}: {self.documents} documents, {self.tags} tags, "
            f"{self.annotations} annotations, {self.notes} notes"
        )
        if self.orphans_left_out:
            text += (
                f"; {self.orphans_left_out} orphaned annotations were left out "
                "(they have no place in the current text)"
            )
        return text


def write_qdpx(snapshot: ProjectSnapshot, path: Path | str) -> ExportReport:
    """Write the snapshot (documents, tags, annotations, notes) as a .qdpx package.

    The snapshot's annotations go, with its documents (for a selection, those the annotations
    are in); the whole tag tree and the notes of the project, the documents and the tags too.
    """
    path = Path(path)
    builder = _ProjectBuilder(snapshot, path)
    xml = _serialise(builder.build(), PROJECT_NS)

    def write(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("project.qde", xml)
            for name, text in builder.files:
                package.writestr(f"sources/{name}", text.encode("utf-8", "surrogatepass"))

    write_atomic(path, write)
    return builder.report


def write_qdc(tags: Iterable[Tag], path: Path | str) -> ExportReport:
    """Write the tag tree (names, colours, descriptions; parents first) as a .qdc codebook."""
    path = Path(path)
    tags = list(tags)
    if not tags:
        raise RefiError("the project has no tags, so there is no codebook to export")
    root = Element(_q(CODEBOOK_NS, "CodeBook"), {"origin": _origin()})
    codes = SubElement(root, _q(CODEBOOK_NS, "Codes"))
    _add_codes(codes, CODEBOOK_NS, tags, None, {}, {})
    xml = _serialise(root, CODEBOOK_NS)
    write_atomic(path, lambda temporary: temporary.write_bytes(xml))
    return ExportReport(path, tags=len(tags), codebook=True)


class _ProjectBuilder:
    """Builds the project.qde tree and collects the files that go beside it."""

    def __init__(self, snapshot: ProjectSnapshot, path: Path) -> None:
        self.snapshot = snapshot
        self.annotations = snapshot.by_document()
        self.report = ExportReport(path)
        self.files: list[tuple[str, str]] = []  # (file name under sources/, text)
        self.notes: list[Element] = []
        self.users: dict[str, str] = {}  # author name -> GUID
        self.owner: str | None = None  # the project author's GUID

    def build(self) -> Element:
        snapshot = self.snapshot
        stamp = to_refi_datetime(_now())
        root = Element(_q(PROJECT_NS, "Project"), {"name": xml_safe(snapshot.name)})
        root.set("origin", _origin())
        owner = snapshot.author
        self.owner = self._user(owner) if owner else None
        if self.owner:
            root.set("creatingUserGUID", self.owner)
        if stamp:
            root.set("creationDateTime", stamp)
        tags = list(snapshot.tags)
        paths = snapshot.tag_paths()
        code_guids = {tag.id: new_guid() for tag in tags}
        tag_notes = {
            tag.id: self._note(tag.note, f"Note on tag: {paths[tag.id]}")
            for tag in tags
            if tag.note.strip()
        }
        sources = [self._source(doc, code_guids) for doc in snapshot.documents]
        project_note = self._note(snapshot.note, "Project note")

        users = SubElement(root, _q(PROJECT_NS, "Users"))
        for name, guid in self.users.items():
            SubElement(users, _q(PROJECT_NS, "User"), {"guid": guid, "name": xml_safe(name)})
        if not len(users):
            root.remove(users)
        if tags:
            book = SubElement(root, _q(PROJECT_NS, "CodeBook"))
            codes = SubElement(book, _q(PROJECT_NS, "Codes"))
            _add_codes(codes, PROJECT_NS, tags, None, code_guids, tag_notes)
        if sources:
            SubElement(root, _q(PROJECT_NS, "Sources")).extend(sources)
        if self.notes:
            SubElement(root, _q(PROJECT_NS, "Notes")).extend(self.notes)
        if project_note:
            SubElement(root, _q(PROJECT_NS, "NoteRef"), {"targetGUID": project_note})
        self.report.tags = len(tags)
        self.report.notes = len(self.notes)
        return root

    def _source(self, doc: Document, code_guids: dict[int, str]) -> Element:
        guid = new_guid()
        text = self.snapshot.texts[doc.id]
        self.files.append((f"{guid}.txt", text))
        element = Element(
            _q(PROJECT_NS, "TextSource"),
            {
                "guid": guid,
                "name": xml_safe(doc.title or Path(doc.path).stem),
                "plainTextPath": f"internal://{guid}.txt",
            },
        )
        if self.owner:
            element.set("creatingUser", self.owner)
        _set_date(element, "creationDateTime", doc.created)
        _set_date(element, "modifiedDateTime", doc.modified)
        for annotation in self.annotations.get(doc.id, ()):
            if annotation.is_orphan or not 0 <= annotation.start < annotation.end <= len(text):
                self.report.orphans_left_out += 1
                continue
            element.append(self._selection(annotation, text, code_guids))
            self.report.annotations += 1
        note = self._note(doc.note, f"Note on document: {doc.title or doc.path}")
        if note:
            SubElement(element, _q(PROJECT_NS, "NoteRef"), {"targetGUID": note})
        self.report.documents += 1
        return element

    def _selection(self, annotation: Annotation, text: str, code_guids: dict[int, str]) -> Element:
        quote = text[annotation.start : annotation.end]
        name = quote if len(quote) <= _NAME_MAX else quote[:_NAME_MAX].rstrip() + "..."
        element = Element(
            _q(PROJECT_NS, "PlainTextSelection"),
            {
                "guid": new_guid(),
                "name": xml_safe(name),
                "startPosition": str(annotation.start),
                "endPosition": str(annotation.end),
            },
        )
        user = self._user(annotation.author) if annotation.author else None
        if user:
            element.set("creatingUser", user)
        _set_date(element, "creationDateTime", annotation.created)
        if annotation.modified and annotation.modified != annotation.created:
            if user:
                element.set("modifyingUser", user)
            _set_date(element, "modifiedDateTime", annotation.modified)
        if annotation.note.strip():
            SubElement(element, _q(PROJECT_NS, "Description")).text = xml_safe(annotation.note)
        for tag_id in annotation.tag_ids:
            if tag_id not in code_guids:
                continue
            coding = SubElement(element, _q(PROJECT_NS, "Coding"), {"guid": new_guid()})
            if user:
                coding.set("creatingUser", user)
            _set_date(coding, "creationDateTime", annotation.created)
            SubElement(coding, _q(PROJECT_NS, "CodeRef"), {"targetGUID": code_guids[tag_id]})
        return element

    def _note(self, text: str, name: str) -> str | None:
        """Add a Note holding ``text`` and return its GUID for a NoteRef (None when empty)."""
        if not text.strip():
            return None
        guid = new_guid()
        note = Element(_q(PROJECT_NS, "Note"), {"guid": guid, "name": xml_safe(name)})
        if self.owner:
            note.set("creatingUser", self.owner)
        _set_date(note, "creationDateTime", _now())
        SubElement(note, _q(PROJECT_NS, "PlainTextContent")).text = xml_safe(text)
        self.notes.append(note)
        return guid

    def _user(self, name: str) -> str:
        if name not in self.users:
            self.users[name] = new_guid()
        return self.users[name]


def _add_codes(
    parent: Element,
    namespace: str,
    tags: Iterable[Tag],
    parent_id: int | None,
    guids: dict[int, str],
    notes: dict[int, str | None],
) -> None:
    """Nest Code elements as the tag tree (``tags`` in tree order); codebooks carry no NoteRef."""
    all_tags = list(tags)
    for tag in (t for t in all_tags if t.parent_id == parent_id):
        code = SubElement(
            parent,
            _q(namespace, "Code"),
            {"guid": guids.get(tag.id) or new_guid(), "name": xml_safe(tag.name)},
        )
        code.set("isCodable", "true")
        color = to_refi_color(tag.color)
        if color:
            code.set("color", color)
        if tag.description.strip():
            SubElement(code, _q(namespace, "Description")).text = xml_safe(tag.description)
        note = notes.get(tag.id)
        if note:
            SubElement(code, _q(namespace, "NoteRef"), {"targetGUID": note})
        _add_codes(code, namespace, all_tags, tag.id, guids, notes)


def _set_date(element: Element, attribute: str, stamp: str) -> None:
    value = to_refi_datetime(stamp) if stamp else None
    if value:
        element.set(attribute, value)


def _serialise(root: Element, namespace: str) -> bytes:
    # ElementTree cannot combine a default namespace with plain attribute names, so the tree is
    # built with local names and the namespace declared on the root.
    root.set("xmlns", namespace)
    indent(root)
    body = tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _q(namespace: str, name: str) -> str:
    del namespace  # declared once on the root (see _serialise)
    return name


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def _origin() -> str:
    try:
        return f"{ORIGIN} {metadata.version('annotator')}"
    except metadata.PackageNotFoundError:
        return ORIGIN
