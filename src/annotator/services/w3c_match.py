"""Which document a W3C target's source means: by hand, by URL, by path, then by content."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path, PurePosixPath

from annotator.core.anchoring import Selectors
from annotator.core.models import Document
from annotator.store.library import Library

_QUOTES_TRIED = 50  # per source: enough to decide, without reading every quote of a big file
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")


class DocumentMatcher:
    """Matches sources to documents once each, and keeps the texts it read for placing."""

    def __init__(self, library: Library, mapping: dict[str, int]) -> None:
        self.lib = library
        self.documents = library.documents.list()
        self.by_id = {doc.id: doc for doc in self.documents}
        self.mapping = mapping
        self.resolved: dict[tuple[str, str], Document | None] = {}
        self.texts: dict[int, str] = {}
        self._locations: dict[str, Document] | None = None

    def text(self, doc_id: int) -> str:
        if doc_id not in self.texts:
            self.texts[doc_id] = self.lib.documents.text(doc_id)
        return self.texts[doc_id]

    def document(self, source: str, path: str) -> Document | None:
        """The document ``match`` found for this source (None: none)."""
        return self.resolved.get((source, path))

    def match(self, source: str, path: str, quotes: list[Selectors]) -> tuple[Document | None, str]:
        """The document ``source`` (with our relative ``path`` beside it) names, and how."""
        doc, how = self._match(source, path, quotes)
        self.resolved[(source, path)] = doc
        return doc, how

    def _match(
        self, source: str, path: str, quotes: list[Selectors]
    ) -> tuple[Document | None, str]:
        for key in (source, path):
            if key and key in self.mapping and self.mapping[key] in self.by_id:
                return self.by_id[self.mapping[key]], "mapped by hand"
        if _is_web(source):
            wanted = _normal_url(source)
            found = [d for d in self.documents if _normal_url(_url(d)) == wanted]
            if len(found) == 1:
                return found[0], "by URL"
        local = _local_path(source)
        if local is not None:
            doc = self._by_location(local)
            if doc is not None:
                return doc, "by its file"
        for candidate in (path, local.as_posix() if local is not None else ""):
            if candidate:
                doc, how = self._by_path(candidate)
                if doc is not None:
                    return doc, how
        doc = self._by_content(quotes)
        if doc is not None:
            return doc, "by content: its quotes are found in this document only"
        return None, ""

    def _by_location(self, local: PurePosixPath) -> Document | None:
        """The document whose file is at this absolute path on this machine."""
        if self._locations is None:
            sources = {s.id: s for s in self.lib.sources.list()}
            self._locations = {}
            for doc in self.documents:
                source = sources.get(doc.source_id)
                if source is not None:
                    base = Path(source.path)
                    where = base if source.kind == "file" else base / doc.path
                    self._locations[where.as_posix()] = doc
        return self._locations.get(local.as_posix())

    def _by_path(self, given: str) -> tuple[Document | None, str]:
        """By the longest relative path that ends the given one, then by file name alone."""
        given = given.replace("\\", "/").strip("/")
        tail = [d for d in self.documents if given == d.path or given.endswith("/" + d.path)]
        if tail:
            longest = max(len(d.path) for d in tail)
            best = [d for d in tail if len(d.path) == longest]
            if len(best) == 1:
                return best[0], "by path"
        name = PurePosixPath(given).name
        named = [d for d in self.documents if PurePosixPath(d.path).name == name]
        if len(named) == 1:
            return named[0], "by file name"
        return None, ""

    def _by_content(self, quotes: list[Selectors]) -> Document | None:
        """The one document holding these quotes with their context (None: none, or several)."""
        votes: set[int] = set()
        for selectors in quotes[:_QUOTES_TRIED]:
            if not selectors.exact.strip():
                continue
            holders = [doc.id for doc in self.documents if _holds(self.text(doc.id), selectors)]
            if len(holders) == 1:
                votes.add(holders[0])
        return self.by_id[votes.pop()] if len(votes) == 1 else None


def _holds(text: str, selectors: Selectors) -> bool:
    """Whether ``text`` has the quote with its prefix before and suffix after (spaces aside)."""
    exact, prefix, suffix = selectors.exact, _squeeze(selectors.prefix), _squeeze(selectors.suffix)
    position = text.find(exact)
    while position >= 0:
        before = _squeeze(text[max(0, position - 2 * len(selectors.prefix) - 8) : position])
        end = position + len(exact)
        after = _squeeze(text[end : end + 2 * len(selectors.suffix) + 8])
        if before.endswith(prefix) and after.startswith(suffix):
            return True
        position = text.find(exact, position + 1)
    return False


def _squeeze(text: str) -> str:
    # Web pages and their text differ in spaces and line breaks; words are what count.
    return " ".join(text.split())


def _url(doc: Document) -> str:
    return doc.url


def _is_web(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _normal_url(url: str) -> str:
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urllib.parse.urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), path, parts.query, "")
    )


def _local_path(source: str) -> PurePosixPath | None:
    """The path a ``file:`` URI, or a plain (relative or absolute) path, gives; None for
    other IRIs (``urn:``, ``http:``)."""
    if source.lower().startswith("file:"):
        parts = urllib.parse.urlsplit(source)
        return PurePosixPath(urllib.parse.unquote(parts.path))
    if _WINDOWS_PATH.match(source):
        return PurePosixPath(source.replace("\\", "/"))
    if not source or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", source):
        return None
    return PurePosixPath(source.replace("\\", "/"))
