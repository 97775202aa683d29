"""Recognise a new file as a vanished document renamed: by its content hash, or by similar text.

Comparing every new file with every missing document is quadratic (6,000 of each took minutes).
Here a new file is first looked up by its lines: the missing documents it shares whole lines
with, and how many 5-grams those lines hold, settle an ordinary edit (a few paragraphs changed)
cheaply. Only otherwise is it compared by sketches:
each missing document is sketched once (a sample of its word 5-grams, chosen by content so that
an edit elsewhere does not change it), the smallest hashes of each sketch go into an inverted
index, and the new file is compared with the few documents it shares them with.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from annotator.core.content import SourceContent
from annotator.core.models import Document
from annotator.store.library import Library

# Share of distinct word 5-grams two texts must have in common to count as the same document
# (an edited and renamed article keeps most of them; two articles on one topic share very few).
RENAME_SIMILARITY = 0.6

# A 5-gram is sampled when its first word is this many characters long (punctuation included):
# about one in twenty in English, chosen by the words themselves, so two versions of a text
# sample the same 5-grams wherever they agree. No per-word Python code runs (0.4 ms for 20 KB).
_ANCHOR_LENGTHS = frozenset({10, 12})
# Texts shorter than this also keep every 5-gram: their samples are too few to judge by alone.
_FULL_BELOW_WORDS = 1500
# An estimate from samples this close to the threshold is checked on the full texts.
_UNSURE = 0.15
# Sampled 5-grams shared by more documents than this are boilerplate (a licence, a masthead,
# a stock phrase):
# they are left out of the index, which would otherwise hand back most of the corpus.
_COMMON_POSTINGS = 10
# How many of the documents sharing the most sampled 5-grams are compared in full.
_CANDIDATES = 8
# A missing document is indexed by the smallest hashes of its sketch (a "bottom-k" sketch: two
# texts sharing most 5-grams share most of these too), and a new file looked up by twice as
# many of its own (its extra 5-grams push shared ones down its order).
_INDEX_KEYS = 24
_QUERY_KEYS = 48


@dataclass(frozen=True, slots=True)
class Sketch:
    """A text's sampled word 5-grams (hashed), and for a short text all of them too."""

    sample: frozenset[int]
    full: frozenset[int] | None
    words: int

    @classmethod
    def of(cls, text: str) -> Sketch:
        words = text.lower().split()
        if len(words) >= _FULL_BELOW_WORDS:
            last = len(words) - 4  # where the last 5-gram starts
            sampled = [hash(tuple(words[i : i + 5])) for i in _anchors(words) if i < last]
            return cls(frozenset(sampled), None, len(words))
        grams = zip(words, words[1:], words[2:], words[3:], words[4:], strict=False)
        every = [hash(g) for g in grams]
        sample = frozenset(every[i] for i in _anchors(words) if i < len(every))
        return cls(sample, frozenset(every), len(words))

    @property
    def indexed(self) -> frozenset[int]:
        """What a document is found by: its sample, or all its 5-grams when it is short (a
        sampled 5-gram hashes the same in both, so long and short texts meet)."""
        return self.full if self.full is not None else self.sample


def _anchors(words: list[str]) -> Iterator[int]:
    """Where the sampled 5-grams start: at each word of a sampling length. The lengths go into
    bytes, which a regular expression searches in C (a test per word cost as much again as
    splitting the text)."""
    try:
        lengths = bytes(map(len, words))
    except ValueError:  # a word over 255 characters: never sampled
        lengths = bytes(min(len(word), 255) for word in words)
    return (match.start() for match in _ANCHOR_BYTES.finditer(lengths))


_ANCHOR_BYTES = re.compile(b"[" + re.escape(bytes(sorted(_ANCHOR_LENGTHS))) + b"]")


def resemblance(a: Sketch, b: Sketch) -> float:
    """Estimated share of 5-grams in common (exact when both texts are short)."""
    if a.full is not None and b.full is not None:
        return _overlap(a.full, b.full)
    return _overlap(a.sample, b.sample)


def similarity(a: str, b: str) -> float:
    """How much two texts share, from 0 (nothing) to 1 (the same word 5-grams)."""
    if not a.split() or not b.split():
        return 1.0 if a.strip() == b.strip() else 0.0
    return _overlap(_shingles(a), _shingles(b))


def _overlap(grams_a: frozenset | set, grams_b: frozenset | set) -> float:
    """Share of the larger set the two have in common."""
    if not grams_a or not grams_b:
        return 1.0 if grams_a == grams_b else 0.0
    return len(grams_a & grams_b) / max(len(grams_a), len(grams_b))


def _long_lines(text: str) -> list[str]:
    """The lines that hold a 5-gram (at least four spaces), as written."""
    return _LONG_LINE.findall(text)


# A line with at least four spaces (each [^ \n]* stops at the next one: no backtracking); a
# third quicker than splitting the text into lines and counting the spaces of each.
_LONG_LINE = re.compile(r"^(?:[^ \n]* ){4}[^\n]*$", re.MULTILINE)


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = text.lower().split()
    return set(zip(words, words[1:], words[2:], words[3:], words[4:], strict=False))


class RenameFinder:
    """The vanished documents a scan or the watcher may see come back under another name.

    Sketches are made on the first question that the content hash does not answer, once per
    document; ``take`` removes a document once it has been matched.
    """

    def __init__(self, library: Library, documents: Iterable[Document] = ()) -> None:
        self._lib = library
        self._documents: dict[int, Document] = {}
        self._by_hash: dict[str, list[int]] = {}
        self._sketches: dict[int, Sketch] | None = None
        self._index: defaultdict[int, list[int]] = defaultdict(list)
        self._lines: dict[int, frozenset[int]] | None = None  # document -> its lines' hashes
        self._line_index: defaultdict[int, list[int]] = defaultdict(list)
        self._sketched: dict[str, Sketch] = {}  # texts to be asked about, by content hash
        for doc in documents:
            self.add(doc)

    def __len__(self) -> int:
        return len(self._documents)

    def add(self, document: Document) -> None:
        """One more vanished document to look out for."""
        self._documents[document.id] = document
        self._by_hash.setdefault(document.content_hash, []).append(document.id)
        if self._lines is not None:
            self._index_lines(document.id)
        if self._sketches is not None:
            self._sketch(document.id)

    def has(self, document: Document) -> bool:
        """Whether ``document`` is still looked out for (not matched yet)."""
        return document.id in self._documents

    def take(self, document: Document) -> None:
        """``document`` is found (or back): no later file is matched with it."""
        self._documents.pop(document.id, None)

    def find(
        self, loaded: SourceContent, *, cheap: bool = True, thorough: bool = True
    ) -> Document | None:
        """The vanished document ``loaded`` most likely is: same content, or clearly similar.

        ``thorough=False`` asks only what is cheap to answer (same content, or whole lines in
        common); a None then may still be a rename that a ``cheap=False`` look then finds.
        """
        for doc_id in self._by_hash.get(loaded.content_hash, ()):
            if doc_id in self._documents:
                return self._documents[doc_id]
        if not self._documents:
            return None
        twin = self._by_lines(loaded.text, loaded.word_count) if cheap else None
        if twin is not None or not thorough:
            return twin
        sketch = self._sketched.pop(loaded.content_hash, None) or Sketch.of(loaded.text)
        if sketch.words < 5:
            return None  # no 5-grams to judge by: only the same content counts
        sketches = self._ensure_sketches()
        best, best_score = None, 0.0
        for doc in self._candidates(sketch):
            other = sketches[doc.id]
            score = resemblance(sketch, other)
            sampled = sketch.full is None or other.full is None
            if sampled and abs(score - RENAME_SIMILARITY) < _UNSURE:
                score = similarity(loaded.text, self._lib.documents.text(doc.id))
            if score > best_score:
                best, best_score = doc, score
        return best if best_score >= RENAME_SIMILARITY else None

    def sketch_ahead(self, loaded: SourceContent) -> None:
        """Sketch a text ``find`` will be asked about, while there is time (a scan waiting
        for its files to be read)."""
        if loaded.content_hash not in self._sketched:
            self._sketched[loaded.content_hash] = Sketch.of(loaded.text)

    def _candidates(self, sketch: Sketch) -> list[Document]:
        words = sketch.words
        keys = heapq.nsmallest(_QUERY_KEYS, sketch.indexed)
        shared = [p for p in map(self._index.get, keys) if p and len(p) <= _COMMON_POSTINGS]
        hits = Counter(chain.from_iterable(shared))
        found = []
        for doc_id, _count in hits.most_common():
            doc = self._documents.get(doc_id)
            # A text that grew or shrank by more than half is not "clearly similar".
            if doc is not None and words // 2 <= doc.word_count <= words * 2:
                found.append(doc)
                if len(found) == _CANDIDATES:
                    break
        return found

    def _by_lines(self, text: str, words: int) -> Document | None:
        """A document this text (of ``words`` words) clearly resembles: the 5-grams inside
        the lines both hold reach the threshold with a margin, over the larger text's 5-grams
        (a lower bound of ``similarity`` but for 5-grams repeated across lines; near the
        threshold, None)."""
        if self._lines is None:
            self._lines = {}
            for doc_id, doc_text in self._lib.documents.texts(self._documents):
                self._index_lines(doc_id, doc_text)
        lines = {hash(line): line for line in _long_lines(text)}
        index = self._line_index
        shared = [p for p in map(index.get, lines) if p and len(p) <= _COMMON_POSTINGS]
        hits = Counter(chain.from_iterable(shared))
        for doc_id, _count in hits.most_common(3):
            doc = self._documents.get(doc_id)
            if doc is None:
                continue
            common = [line for key, line in lines.items() if key in self._lines[doc_id]]
            # Characters first: too little text in common cannot reach the threshold anyway.
            if sum(map(len, common)) < RENAME_SIMILARITY * 0.5 * len(text):
                continue
            # One split of them all (a split per line cost more than the rest of the lookup);
            # a line of five spaced words or fewer may count below zero: a lower bound still.
            inside = len(" ".join(common).split()) - 4 * len(common)
            if inside >= (RENAME_SIMILARITY + _UNSURE) * max(words - 4, doc.word_count - 4, 1):
                return doc
        return None

    def _index_lines(self, doc_id: int, text: str | None = None) -> None:
        assert self._lines is not None
        if text is None:
            text = self._lib.documents.text(doc_id)
        keys = frozenset(map(hash, _long_lines(text)))
        self._lines[doc_id] = keys
        for key in keys:
            self._line_index[key].append(doc_id)

    def _ensure_sketches(self) -> dict[int, Sketch]:
        if self._sketches is None:
            self._sketches = {}
            for doc_id, doc_text in self._lib.documents.texts(self._documents):
                self._sketch(doc_id, doc_text)
        return self._sketches

    def _sketch(self, doc_id: int, text: str | None = None) -> None:
        assert self._sketches is not None
        if doc_id in self._sketches:
            return
        sketch = Sketch.of(self._lib.documents.text(doc_id) if text is None else text)
        self._sketches[doc_id] = sketch
        index = self._index
        for gram in heapq.nsmallest(_INDEX_KEYS, sketch.indexed):
            index[gram].append(doc_id)
