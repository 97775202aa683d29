"""Scripted edits of an annotated text, with the ground truth of where every annotation goes.

A document is a list of paragraphs; every annotation lives inside one paragraph and the scripted
edits update each annotation's expected span as they change the paragraphs, so the ground truth
is exact. Rules for the expected span when an edit touches an annotation:
- an edit wholly before the span shifts it; an insertion exactly at either end stays outside it;
- an edit inside the span, or overlapping one of its ends, is absorbed: the span starts where the
  edit starts if the edit began before the span's start, and ends where the edit's new text ends
  if the edit ended after the span's end (the EDITED case: the span covers the edited words);
- a deleted paragraph destroys its annotations (expected: ORPHAN); a moved one carries them.
Each paragraph also records which annotations an edit touched (changed words inside them: not
quotes and dashes made plain, not re-wrapping), and the document which ones moved with their
paragraph, so that "unchanged" and "moved" are known from the script, not from the tool.
Structural edits (insert, delete, move) never touch neighbouring paragraphs, and look-alikes (a
sentence sharing half its words) are kept apart where the truth would be ambiguous, not the tool
wrong: no inserted paragraph resembles a deleted or moved one (deleted here, a look-alike inserted
there, is a moved and edited paragraph), no two moved paragraphs resemble each other, none lands
next to a look-alike, and no deleted paragraph has one next to it or among the moved ones (of two
near-identical neighbours, either may be the one that went). Look-alikes elsewhere in the text
(the corpus repeats and varies paragraphs) stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from random import Random

from corpus import build_paragraphs

_WORD = re.compile(r"\S+")
_TYPO_WORD = re.compile(r"[A-Za-z]{5,}")
_VOCABULARY = "policy alliance border trade summit treaty leader market energy pressure".split()


@dataclass
class Paragraph:
    text: str
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # annotation id -> span
    touched: set[int] = field(default_factory=set)  # annotations whose words an edit changed

    def replace(self, pos: int, length: int, new: str, cosmetic: bool = False) -> None:
        end = pos + length
        delta = len(new) - length
        for key, (s, e) in self.spans.items():
            if end <= s and not (length == 0 and pos == s and e == s):
                s2, e2 = s + delta, e + delta
            elif pos >= e:
                s2, e2 = s, e
            else:
                if not cosmetic:
                    self.touched.add(key)
                s2 = min(s, pos)
                e2 = e + delta if end <= e else pos + len(new)
            self.spans[key] = (s2, e2)
        self.text = self.text[:pos] + new + self.text[end:]


@dataclass
class Doc:
    paragraphs: list[Paragraph]
    destroyed: set[int] = field(default_factory=set)
    deleted: list[str] = field(default_factory=list)  # texts of deleted paragraphs
    moved: list[str] = field(default_factory=list)  # texts of moved paragraphs
    moved_keys: set[int] = field(default_factory=set)  # annotations in moved paragraphs

    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)

    def expected(self) -> dict[int, tuple[int, int]]:
        spans: dict[int, tuple[int, int]] = {}
        offset = 0
        for paragraph in self.paragraphs:
            for key, (s, e) in paragraph.spans.items():
                spans[key] = (offset + s, offset + e)
            offset += len(paragraph.text) + 2
        return spans

    def copy(self) -> Doc:
        paragraphs = [Paragraph(p.text, dict(p.spans), set(p.touched)) for p in self.paragraphs]
        return Doc(
            paragraphs,
            set(self.destroyed),
            list(self.deleted),
            list(self.moved),
            set(self.moved_keys),
        )

    def touched(self) -> set[int]:
        return {key for p in self.paragraphs for key in p.touched}

    def delete(self, indices: set[int]) -> None:
        for i in indices:
            self.destroyed |= set(self.paragraphs[i].spans)
            self.deleted.append(self.paragraphs[i].text)
        self.paragraphs = [p for i, p in enumerate(self.paragraphs) if i not in indices]


def make_doc(size: int, count: int, rng: Random, seed: int) -> Doc:
    doc = Doc([Paragraph(text) for text in build_paragraphs(size, seed)])
    for paragraph in doc.paragraphs:  # some paragraphs hard-wrapped, as texts saved from email
        if rng.random() < 0.2:
            _wrap(paragraph, 60)
    candidates = [p for p in doc.paragraphs if len(_WORD.findall(p.text)) >= 3]
    for key in range(count):
        paragraph = rng.choice(candidates)
        words = list(_WORD.finditer(paragraph.text))
        length = rng.choice([rng.randint(1, 8)] * 6 + [rng.randint(9, 30)] * 3 + [80])
        first = rng.randrange(len(words))
        last = min(len(words) - 1, first + length - 1)
        paragraph.spans[key] = (words[first].start(), words[last].end())
    return doc


def make_dense(text: str, rng: Random, every: int = 40) -> Doc:
    """``text`` (paragraphs at blank lines) with one annotation per ``every`` characters.

    Spans start at random words anywhere, so most overlap others; lengths as in ``make_doc``.
    """
    doc = Doc([Paragraph(part.strip()) for part in re.split(r"\n\s*\n", text) if part.strip()])
    words = [(paragraph, list(_WORD.finditer(paragraph.text))) for paragraph in doc.paragraphs]
    weights = [len(paragraph.text) for paragraph, _ in words]  # the same density everywhere
    for key in range(len(doc.text()) // every):
        [(paragraph, found)] = rng.choices(words, weights)
        length = rng.choice([rng.randint(1, 8)] * 6 + [rng.randint(9, 30)] * 3 + [80])
        first = rng.randrange(len(found))
        last = min(len(found) - 1, first + length - 1)
        paragraph.spans[key] = (found[first].start(), found[last].end())
    return doc


def _wrap(paragraph: Paragraph, width: int) -> None:
    # Re-wrapping swaps spaces and newlines one for one (CRLF is normalised to LF on load).
    chars = list(paragraph.text.replace("\n", " "))
    column = 0
    last_space = -1
    for i, char in enumerate(chars):
        if char == " ":
            last_space = i
        column += 1
        if column > width and last_space >= 0:
            chars[last_space] = "\n"
            column = i - last_space
            last_space = -1
    paragraph.text = "".join(chars)


def typos(doc: Doc, rng: Random, count: int) -> None:
    for _ in range(count):
        paragraph = rng.choice(doc.paragraphs)
        words = list(_TYPO_WORD.finditer(paragraph.text))
        if not words:
            continue
        word = rng.choice(words)
        i = word.start() + rng.randrange(1, len(word.group()) - 2)
        kind = rng.randrange(4)
        text = paragraph.text
        if kind == 0:
            paragraph.replace(i, 2, text[i + 1] + text[i])
        elif kind == 1:
            paragraph.replace(i, 1, "")
        elif kind == 2:
            paragraph.replace(i, 0, text[i])
        else:
            paragraph.replace(i, 1, "x" if text[i] != "x" else "y")


def _spread(doc: Doc, rng: Random, count: int, taken: set[int], only=None) -> list[int]:
    # Indices of paragraphs not next to one already edited structurally.
    pool = [i for i in range(len(doc.paragraphs)) if only is None or only(i)]
    rng.shuffle(pool)
    chosen: list[int] = []
    for i in pool:
        if len(chosen) == count:
            break
        if not taken & {i - 1, i, i + 1}:
            chosen.append(i)
            taken.add(i)
    return chosen


def insert_delete(doc: Doc, rng: Random, count: int, seed: int) -> None:
    taken: set[int] = set()
    deleted = set(_spread(doc, rng, count, taken, only=lambda i: _deletable(doc, i, False)))
    inserted = _spread(doc, rng, count, taken)
    gone = [doc.paragraphs[i].text for i in deleted] + doc.deleted + doc.moved
    fresh = _unrelated(build_paragraphs(count * 5000, seed + 1000), gone)
    for i in sorted(inserted, reverse=True):  # from the end, so earlier indices stay valid
        doc.paragraphs.insert(i, Paragraph(fresh.pop()))
        deleted = {j + 1 if j >= i else j for j in deleted}
    doc.delete(deleted)


def _unrelated(candidates: list[str], gone: list[str]) -> list[str]:
    # Paragraphs none of whose sentences shares half its words with a sentence of ``gone``.
    def sentences(text: str) -> list[set[str]]:
        return [set(part.lower().split()) for part in re.split(r"(?<=[.!?])\s+", text)]

    known = [words for text in gone for words in sentences(text) if words]
    return [
        text
        for text in candidates
        if not any(
            len(words & old) * 2 > min(len(words), len(old))
            for words in sentences(text)
            if words
            for old in known
        )
    ]


def move(doc: Doc, rng: Random, count: int) -> None:
    taken: set[int] = set()
    sources: list[int] = []  # annotated, and no two of them look-alikes
    for i in _spread(doc, rng, 2 * count, taken, only=lambda i: bool(doc.paragraphs[i].spans)):
        chosen = [doc.paragraphs[j].text for j in sources]
        if len(sources) < count and _unrelated([doc.paragraphs[i].text], chosen):
            sources.append(i)
    targets = _spread(doc, rng, 2 * count, taken)
    arrivals: dict[int, int] = {}  # target index -> source index
    for source in sources:  # never next to a look-alike: which of the two moved is a guess
        for target in targets:
            near = [doc.paragraphs[j].text for j in (target - 1, target) if j >= 0]
            if target not in arrivals and _unrelated([doc.paragraphs[source].text], near):
                arrivals[target] = source
                break
    moving = {i: doc.paragraphs[i] for i in arrivals.values()}
    doc.moved.extend(p.text for p in moving.values())
    doc.moved_keys.update(key for p in moving.values() for key in p.spans)
    paragraphs: list[Paragraph] = []
    for i, paragraph in enumerate(doc.paragraphs):
        if i in arrivals:
            paragraphs.append(moving[arrivals[i]])
        if i not in moving:
            paragraphs.append(paragraph)
    doc.paragraphs = paragraphs


def plain(doc: Doc) -> None:
    table = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"}
    table |= {"\u2014": "--", "\u2026": "..."}
    for paragraph in doc.paragraphs:
        for found in reversed(
            list(re.finditer("[\u2018\u2019\u201c\u201d\u2013\u2014\u2026]", paragraph.text))
        ):
            paragraph.replace(found.start(), 1, table[found.group()], cosmetic=True)


def rewrap(doc: Doc) -> None:
    for paragraph in doc.paragraphs:
        _wrap(paragraph, 72)


def change_words(doc: Doc, rng: Random, share: float, min_words: int = 4) -> None:
    for paragraph in doc.paragraphs:
        for key in list(paragraph.spans):
            s, e = paragraph.spans[key]
            words = list(_WORD.finditer(paragraph.text, s, e))
            if len(words) < min_words or rng.random() >= share:
                continue
            word = rng.choice(words[1:-1])
            replacement = rng.choice([w for w in _VOCABULARY if w != word.group()])
            paragraph.replace(word.start(), len(word.group()), replacement)


def delete_annotated(doc: Doc, rng: Random, count: int) -> None:
    doc.delete(set(_spread(doc, rng, count, set(), only=lambda i: _deletable(doc, i, True))))


def delete_twinned(doc: Doc, rng: Random, count: int) -> None:
    """Delete annotated paragraphs that have a verbatim twin elsewhere, and edit the twin.

    The twin existed before the edit, so it is not the deleted passage's new home: the deleted
    annotations must become orphans, while the twin's own follow its edits (a word replaced in
    one sentence, a typo in another), which put parts of the twin among the changed text.
    """
    where: dict[str, list[int]] = {}
    for i, paragraph in enumerate(doc.paragraphs):
        if len(paragraph.text) >= 40:
            where.setdefault(paragraph.text, []).append(i)
    pairs = [
        (i, j)
        for copies in where.values()
        for i in copies
        for j in copies
        if doc.paragraphs[i].spans and abs(i - j) >= 2 and _deletable(doc, i, True)
    ]
    rng.shuffle(pairs)
    taken: set[int] = set()
    deleted: set[int] = set()
    for i, j in pairs:
        if len(deleted) == count or taken & {i - 1, i, i + 1, j - 1, j, j + 1}:
            continue
        taken |= {i, j}
        deleted.add(i)
        twin = doc.paragraphs[j]
        words = list(_TYPO_WORD.finditer(twin.text))
        chosen = rng.sample(words, min(2, len(words)))
        for word in sorted(chosen, key=lambda found: -found.start()):  # later first: offsets hold
            replacement = rng.choice([w for w in _VOCABULARY if w != word.group()])
            twin.replace(word.start(), len(word.group()), replacement)
    doc.delete(deleted)


def _deletable(doc: Doc, i: int, annotated: bool) -> bool:
    # Not a look-alike of a moved paragraph, nor of a neighbour (of two near-identical paragraphs
    # side by side, which one went is anyone's guess).
    paragraph = doc.paragraphs[i]
    if annotated and not paragraph.spans:
        return False
    neighbours = [doc.paragraphs[j].text for j in (i - 1, i + 1) if 0 <= j < len(doc.paragraphs)]
    return bool(_unrelated([paragraph.text], doc.moved + neighbours))


def mix(doc: Doc, rng: Random, seed: int) -> None:
    delete_twinned(doc, rng, 10)
    change_words(doc, rng, 0.05)
    typos(doc, rng, 150)
    plain(doc)
    move(doc, rng, 20)
    delete_annotated(doc, rng, 20)
    insert_delete(doc, rng, 20, seed)
    rewrap(doc)
