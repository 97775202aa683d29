"""Import a REFI-QDA .qdpx project or .qdc codebook into a project, and report what happened.

The package is read and its selections placed on their texts by ``interchange`` (pure); here
the texts become documents, the codes tags and the selections annotations.

Texts become ordinary watched documents: each new text is written as a .txt file into a new
folder that is added as a source (written beside it first, and renamed into place once the
project holds the texts: a failed or killed import leaves no folder behind). A text identical
to a document already in the project is reused instead, so importing the same package twice
adds nothing. Codes merge into tags of the same path. Selections with the same span by the
same user whose notes do not disagree (QualCoder writes one selection per code) become one
annotation with several tags; selections by different users, or with different notes, stay
separate annotations. Positions are checked against each selection's name (tools store the
quote there) and read as code points, UTF-16 units or with ``\\r\\n`` as two characters,
whichever fits the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.anchoring import describe
from annotator.core.content import SourceContent
from annotator.core.models import AnchorStatus, Annotation, Changes, Document, Source, Tag
from annotator.core.palette import least_used
from annotator.core.textload import LoadError, decode_bytes
from annotator.interchange.refiqda_common import (
    Counting,
    RefiError,
    from_refi_color,
    from_refi_datetime,
)
from annotator.interchange.refiqda_guids import walk_codes
from annotator.interchange.refiqda_place import NOT_VERIFIED, Placed, place_item
from annotator.interchange.refiqda_read import Code, Package, TextItem
from annotator.services.import_folder import (
    StagingError,
    discard,
    file_name,
    free_folder,
    move_into_place,
    stage_texts,
)
from annotator.services.import_refiqda_notes import (
    distinct,
    import_groups,
    merge_note,
    same_annotation,
    without_repeat,
)
from annotator.store.errors import Conflict
from annotator.store.library import Library


@dataclass
class RefiImportReport:
    documents_added: int = 0
    documents_reused: int = 0  # the same text was already in the project
    tags_created: int = 0
    tags_merged: int = 0  # codes that matched an existing tag's path
    annotations: int = 0
    notes: int = 0
    folder: Path | None = None  # where new texts were written
    conventions: list[str] = field(default_factory=list)  # how each source's positions were read
    unverified: int = 0  # annotations marked for review: their positions could not be verified
    groups: list[str] = field(default_factory=list)  # code groups (<Sets>) kept as tag groups
    problems: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    @property
    def message(self) -> str:
        """A paragraph for the user (the CLI prints it, the GUI shows it)."""
        reused = (
            f" ({self.documents_reused} already in the project)" if self.documents_reused else ""
        )
        lines = [
            f"{self.documents_added} documents added{reused}, {self.tags_created} tags created"
            f" ({self.tags_merged} merged into existing tags), {self.annotations} annotations,"
            f" {self.notes} notes"
        ]
        if self.folder is not None and self.documents_added:
            lines.append(f"the texts are saved in {self.folder}")
        if self.unverified:
            lines.append(
                f"{self.unverified} annotations are marked for review in the Review tab: "
                f"{NOT_VERIFIED} (how the file counted their positions could not be confirmed)"
            )
        lines += [f"  positions: {line}" for line in self.conventions[:30]]
        lines += [f"  tag group: {line}" for line in self.groups[:30]]
        lines += [f"  {problem}" for problem in self.problems[:30]]
        if len(self.problems) > 30:
            lines.append(f"  … and {len(self.problems) - 30} more problems")
        return "\n".join(lines)


def default_folder(library: Library, package: Path | str) -> Path:
    """Where imported texts go unless the caller chooses: ``<project dir>/<stem> sources``."""
    base = library.path.parent if library.path is not None else Path(package).resolve().parent
    return base / f"{Path(package).stem} sources"


def apply_refiqda(
    library: Library, package: Package, path: Path, folder: Path | str | None = None
) -> RefiImportReport:
    """Add the documents, tags, annotations and notes of a parsed package (or the codes of a
    codebook, which has no texts) read from ``path``.

    New texts are written into ``folder`` (default ``default_folder()``); when it exists and
    is not empty, a numbered sibling ("… sources 2") is used. Problems with single items are
    listed in the report.
    """
    if not package.texts:
        return _Importer(library, package).run(None)
    target = free_folder(Path(folder) if folder is not None else default_folder(library, path))
    return _Importer(library, package).run(target)


class _Importer:
    def __init__(self, library: Library, package: Package) -> None:
        self.lib = library
        self.package = package
        self.report = RefiImportReport(problems=list(package.problems))
        self.changes = self.report.changes
        self.tag_ids: dict[str, int] = {}  # code GUID key -> tag id
        self.new_guids: dict[str, dict[int, str]] = {"tag": {}, "document": {}, "annotation": {}}
        self.tags: dict[tuple[int | None, str], Tag] | None = None  # (parent, lower name) -> tag
        self.colors: dict[str, int] = {}  # uses of each palette colour, kept up to date here
        self.used_notes: set[str] = set()
        self.countings: dict[int, list[Counting]] = {}  # id() of a raw text the package holds
        # NVivo ties a note to a selection with a Link rather than a NoteRef.
        self.linked_notes: dict[str, list[str]] = {}
        for origin, target in package.links:
            if origin in package.notes:
                self.linked_notes.setdefault(target, []).append(origin)
            elif target in package.notes:
                self.linked_notes.setdefault(origin, []).append(target)
        # QualCoder links only the first span-bound note of a source: the others point nowhere.
        referenced = set(package.note_refs)
        referenced.update(ref for refs in self.linked_notes.values() for ref in refs)
        for item in package.texts:
            referenced.update(item.note_refs)
            referenced.update(ref for s in item.selections for ref in s.note_refs)
        referenced.update(ref for code in walk_codes(package.codes) for ref in code.note_refs)
        self.stray_span_notes = [
            guid for guid, note in package.notes.items() if note.spans and guid not in referenced
        ]

    def run(self, folder: Path | None) -> RefiImportReport:
        placed = [self._place(item) for item in self.package.texts]
        staging: list[Path] = []
        try:
            with self.lib.atomic():
                self._codes()
                if folder is not None:
                    self._documents(placed, folder, staging)
                for item, place in zip(self.package.texts, placed, strict=True):
                    if place.document is not None:
                        self._annotations(item, place)
                self._project_notes()
                self._groups()
                self._keep_guids()
        except StagingError as error:
            raise RefiError(str(error)) from error
        except BaseException:
            # Nothing was stored: take the texts written for it away again.
            discard(staging[0] if staging else None)
            raise
        if staging and folder is not None:
            problem = move_into_place(staging[0], folder)
            if problem:
                self.report.problems.append(problem)
        return self.report

    # Tags -------------------------------------------------------------------------------------

    def _codes(self) -> None:
        # An explicit stack: the reader caps the depth, but nothing here should recurse on input.
        stack: list[tuple[Code, int | None]] = [(c, None) for c in reversed(self.package.codes)]
        while stack:
            code, parent_id = stack.pop()
            tag_id = self._code(code, parent_id)
            if tag_id is not None:
                stack.extend((child, tag_id) for child in reversed(code.children))

    def _code(self, code: Code, parent_id: int | None) -> int | None:
        """The tag made or merged for ``code``, or None when it and its subtree are skipped."""
        name = " ".join(code.name.replace("/", "\u2215").split())
        if not name:
            self.report.problems.append("a code without a name was skipped (with its children)")
            return None
        if self.tags is None:
            # Looked up once, then kept up to date here: a codebook of thousands of codes
            # would otherwise list every tag once per code.
            self.tags = {(t.parent_id, t.name.lower()): t for t in self.lib.tags.list()}
            self.colors = self.lib.tags.color_counts()
        existing = self.tags.get((parent_id, name.lower()))
        note = self._note_text(code.note_refs)
        # Annotator (like QualCoder) writes a code's note into its Description as well.
        description = without_repeat(code.description, note)
        if existing is None:
            color = from_refi_color(code.color) or least_used(self.colors)
            created = self.lib.tags.create(
                name, parent_id=parent_id, color=color, description=description
            )
            self.changes.merge(created.changes)
            tag = created.value
            self.colors[tag.color] = self.colors.get(tag.color, 0) + 1
            self.tags[(parent_id, name.lower())] = tag
            self.report.tags_created += 1
            self._guid("tag", tag.id, code.guid)
        else:
            tag = existing
            self.report.tags_merged += 1
            if description and not tag.description.strip():
                self.changes.merge(self.lib.tags.describe(tag.id, description).changes)
        self.tag_ids[code.guid] = tag.id
        if note:
            merged = merge_note(self.lib.tags.get(tag.id).note, note)
            if merged is not None:
                self.changes.merge(self.lib.tags.set_note(tag.id, merged).changes)
                self.report.notes += 1
        return tag.id

    # Documents --------------------------------------------------------------------------------

    def _place(self, item: TextItem) -> Placed:
        """Map the selections of ``item`` onto its normalised text (pure: nothing is stored)."""
        refs = item.note_refs + (self.stray_span_notes if len(self.package.texts) == 1 else [])
        place = place_item(item, self.package, self.countings, refs, self.report.problems)
        self.used_notes.update(place.used_notes)
        self.report.conventions.extend(place.conventions)
        return place

    def _documents(self, placed: list[Placed], folder: Path, staging: list[Path]) -> None:
        """Store the texts new to the project as documents of ``folder`` (written beside it)."""
        source, prefix = self._source_for(folder)
        # Documents whose files were in a folder of this name before (now missing) keep
        # their paths: a new text must not take one of them.
        taken = {
            doc.path[len(prefix) :].lower()
            for doc in self.lib.documents.list()
            if source is not None and doc.source_id == source.id and doc.path.startswith(prefix)
        }
        planned: list[tuple[Placed, TextItem, str, SourceContent]] = []
        for item, place in zip(self.package.texts, placed, strict=True):
            if item.raw is None:
                continue
            try:
                loaded = decode_bytes(place.text.encode("utf-8", "surrogatepass"), name=item.name)
            except LoadError as error:
                self.report.problems.append(f"{item.label}: {error}")
                continue
            twins = self.lib.documents.find_by_hash(loaded.content_hash)
            if twins:
                place.document = twins[0]
                self.report.documents_reused += 1
                self._document_notes(item, twins[0])
                continue
            planned.append((place, item, file_name(item.name, taken), loaded))
        if not planned:
            return
        if source is None:
            added_source = self.lib.sources.add(folder, "folder")
            self.changes.merge(added_source.changes)
            source = added_source.value
        staging.append(stage_texts(folder, [(name, place.text) for place, _, name, _ in planned]))
        self.report.folder = folder
        for place, item, name, loaded in planned:
            title = " ".join(item.name.split())
            try:
                added = self.lib.documents.add(source.id, prefix + name, loaded, title=title)
            except Conflict as error:
                # The whole import is refused: skipping the text would drop its annotations.
                raise RefiError(f"{item.label}: the text could not be added ({error})") from error
            self.changes.merge(added.changes)
            document = added.value
            place.document = document
            self._guid("document", document.id, item.guid)
            self.report.documents_added += 1
            self._document_notes(item, document)

    def _source_for(self, folder: Path) -> tuple[Source | None, str]:
        """The source the new folder's files belong to (None: a new one), and their prefix.

        A folder inside a watched folder belongs to that source, or a scan would add its
        files a second time; so does a folder that is a source already (an earlier import's,
        deleted since: its documents are missing).
        """
        resolved = folder.resolve()
        for source in self.lib.sources.list():
            if source.kind == "folder" and resolved.is_relative_to(source.path):
                relative = resolved.relative_to(source.path).as_posix()
                return source, "" if relative == "." else f"{relative}/"
        return None, ""

    def _document_notes(self, item: TextItem, document: Document) -> None:
        refs = [r for r in item.note_refs if r not in self.used_notes]
        parts = distinct(item.description, self._note_text(refs))
        note = "\n\n".join(part for part in parts if part.strip())
        merged = merge_note(self.lib.documents.get(document.id).note, note)
        if merged is not None:
            self.changes.merge(self.lib.documents.set_note(document.id, merged).changes)
            self.report.notes += 1

    # Annotations ------------------------------------------------------------------------------

    def _annotations(self, item: TextItem, place: Placed) -> None:
        assert place.document is not None
        doc_id = place.document.id
        text = place.text
        existing: dict[tuple[int, int], list[Annotation]] = {}
        for annotation in self.lib.annotations.for_document(doc_id):
            if not annotation.is_orphan:  # an orphan's span is stale: never merge into it
                existing.setdefault((annotation.start, annotation.end), []).append(annotation)
        for selection, start, end in place.selections:
            tag_ids = []
            for ref in selection.code_refs:
                if ref in self.tag_ids:
                    tag_ids.append(self.tag_ids[ref])
                else:
                    self.report.problems.append(
                        f"{item.label}: a coding refers to a code that is not in the codebook"
                    )
            refs = selection.note_refs + self.linked_notes.get(selection.guid, [])
            note = "\n\n".join(distinct(selection.description, self._note_text(refs)))
            author = self.package.users.get(selection.user, "")
            stamps = (from_refi_datetime(selection.created), from_refi_datetime(selection.modified))
            doubt = NOT_VERIFIED if selection.guid in place.unverified else ""
            made = self._annotate(
                doc_id, text, start, end, tag_ids, note, author, stamps, existing, doubt
            )
            if made is not None:
                self._guid("annotation", made, selection.guid)
        for bound, start, end in place.note_spans:
            # QualCoder keeps its annotations apart from codings, as span-bound notes with no
            # user: such a note belongs with whatever annotation already covers its span. Alone,
            # it is an annotation of its own, by the note's author, on the note's dates.
            stamps = (from_refi_datetime(bound.created), from_refi_datetime(bound.modified))
            owner = self.package.users.get(bound.user, "")
            self._annotate(
                doc_id, text, start, end, [], bound.text, None, stamps, existing, "", owner
            )

    def _annotate(
        self,
        doc_id: int,
        text: str,
        start: int,
        end: int,
        tag_ids: list[int],
        note: str,
        author: str | None,  # None: anyone's (a QualCoder annotation note)
        stamps: tuple[str, str],  # created, modified
        existing: dict[tuple[int, int], list[Annotation]],
        review_reason: str,
        owner: str = "",  # whom a new annotation is by when ``author`` is None
    ) -> int | None:
        """Store or merge one annotation; the id of a new one (None when merged)."""
        on_span = existing.setdefault((start, end), [])
        twin = next((a for a in on_span if same_annotation(a, author, note)), None)
        if twin is not None:
            new_tags = [t for t in tag_ids if t not in twin.tag_ids]
            if new_tags:
                self.changes.merge(self.lib.annotations.add_tags(twin.id, new_tags).changes)
            merged = merge_note(twin.note, note)
            if merged is not None:
                self.changes.merge(self.lib.annotations.set_note(twin.id, merged).changes)
            on_span[on_span.index(twin)] = self.lib.annotations.get(twin.id)
            return None
        stored = self.lib.annotations.insert_raw(
            doc_id,
            describe(text, start, end),
            status=AnchorStatus.EXACT,
            tag_ids=dict.fromkeys(tag_ids),
            note=note,
            author=author if author is not None else owner,
            created=stamps[0],
            modified=stamps[1],
            review_reason=review_reason,
        )
        self.changes.merge(stored.changes)
        on_span.append(stored.value)
        self.report.annotations += 1
        self.report.unverified += bool(review_reason)
        return stored.value.id

    # Identifiers and groups -------------------------------------------------------------------

    def _guid(self, kind: str, item_id: int, guid: str) -> None:
        # A duplicate's own key ("GUID#2") is no GUID: it gets a new one at export.
        if guid and "#" not in guid:
            self.new_guids[kind][item_id] = guid

    def _keep_guids(self) -> None:
        for kind, guids in self.new_guids.items():
            if guids:
                self.lib.interchange.keep_guids(kind, guids)

    def _groups(self) -> None:
        self.changes.merge(import_groups(self.lib, self.package.sets, self.tag_ids, self.report))

    # Notes ------------------------------------------------------------------------------------

    def _note_text(self, refs: list[str]) -> str:
        parts = []
        for ref in dict.fromkeys(refs):
            note = self.package.notes.get(ref)
            if note is None:
                continue
            self.used_notes.add(ref)
            if note.text.strip():
                parts.append(note.text.strip())
        return "\n\n".join(parts)

    def _project_notes(self) -> None:
        parts = distinct(self.package.description, self._note_text(self.package.note_refs))
        # Notes nothing points to (journals, free memos) would otherwise be lost.
        for guid, item in self.package.notes.items():
            if guid not in self.used_notes and item.text.strip():
                self.used_notes.add(guid)
                parts.append(f"{item.name}\n{item.text.strip()}" if item.name else item.text)
        note = "\n\n".join(part.strip() for part in parts if part.strip())
        merged = merge_note(self.lib.project.note, note)
        if merged is not None:
            self.changes.merge(self.lib.project.set_note(merged).changes)
            self.report.notes += 1


__all__ = ["RefiError", "RefiImportReport", "apply_refiqda", "default_folder"]
