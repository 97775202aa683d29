"""Benchmark whole-document re-anchoring: accuracy, wrong anchors, orphans and CPU time.

Run: python benchmarks/reanchor.py [--size 3000000] [--annotations 5000] [--seed 1]

A document is a list of paragraphs; every annotation lives inside one paragraph and the scripted
edits update each annotation's expected span as they change the paragraphs, so the ground truth
is exact. Rules for the expected span when an edit touches an annotation:
- an edit wholly before the span shifts it; an insertion exactly at either end stays outside it;
- an edit inside the span, or overlapping one of its ends, is absorbed: the span starts where the
  edit starts if the edit began before the span's start, and ends where the edit's new text ends
  if the edit ended after the span's end (the EDITED case: the span covers the edited words);
- a deleted paragraph destroys its annotations (expected: ORPHAN); a moved one carries them.
"Correct" = placed exactly on the expected span (both spans compared after trimming white space
at their ends), or orphaned when destroyed. "Wrong" = placed anywhere else, or placed when
destroyed. Orphans of surviving annotations are neither correct nor wrong.
Structural edits (insert, delete, move) never touch neighbouring paragraphs, and look-alikes (a
sentence sharing half its words) are kept apart where the truth would be ambiguous, not the tool
wrong: no inserted paragraph resembles a deleted or moved one (deleted here, a look-alike inserted
there, is a moved and edited paragraph), no two moved paragraphs resemble each other, none lands
next to a look-alike, and no deleted paragraph has one next to it or among the moved ones (of two
near-identical neighbours, either may be the one that went). Look-alikes elsewhere in the text
(the corpus repeats and varies paragraphs) stay.
"""

from __future__ import annotations

import argparse
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from corpus import build_paragraphs

from annotator.core.anchoring import describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import reanchor

_WORD = re.compile(r"\S+")
_TYPO_WORD = re.compile(r"[A-Za-z]{5,}")
_VOCABULARY = "policy alliance border trade summit treaty leader market energy pressure".split()


@dataclass
class Paragraph:
    text: str
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)  # annotation id -> span

    def replace(self, pos: int, length: int, new: str) -> None:
        end = pos + length
        delta = len(new) - length
        for key, (s, e) in self.spans.items():
            if end <= s and not (length == 0 and pos == s and e == s):
                s2, e2 = s + delta, e + delta
            elif pos >= e:
                s2, e2 = s, e
            else:
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
        paragraphs = [Paragraph(p.text, dict(p.spans)) for p in self.paragraphs]
        return Doc(paragraphs, set(self.destroyed), list(self.deleted), list(self.moved))

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
            paragraph.replace(found.start(), 1, table[found.group()])


def rewrap(doc: Doc) -> None:
    for paragraph in doc.paragraphs:
        _wrap(paragraph, 72)


def change_words(doc: Doc, rng: Random, share: float) -> None:
    for paragraph in doc.paragraphs:
        for key in list(paragraph.spans):
            s, e = paragraph.spans[key]
            words = list(_WORD.finditer(paragraph.text, s, e))
            if len(words) < 4 or rng.random() >= share:
                continue
            word = rng.choice(words[1:-1])
            replacement = rng.choice([w for w in _VOCABULARY if w != word.group()])
            paragraph.replace(word.start(), len(word.group()), replacement)


def delete_annotated(doc: Doc, rng: Random, count: int) -> None:
    doc.delete(set(_spread(doc, rng, count, set(), only=lambda i: _deletable(doc, i, True))))


def _deletable(doc: Doc, i: int, annotated: bool) -> bool:
    # Not a look-alike of a moved paragraph, nor of a neighbour (of two near-identical paragraphs
    # side by side, which one went is anyone's guess).
    paragraph = doc.paragraphs[i]
    if annotated and not paragraph.spans:
        return False
    neighbours = [doc.paragraphs[j].text for j in (i - 1, i + 1) if 0 <= j < len(doc.paragraphs)]
    return bool(_unrelated([paragraph.text], doc.moved + neighbours))


def mix(doc: Doc, rng: Random, seed: int) -> None:
    change_words(doc, rng, 0.05)
    typos(doc, rng, 150)
    plain(doc)
    move(doc, rng, 20)
    delete_annotated(doc, rng, 20)
    insert_delete(doc, rng, 20, seed)
    rewrap(doc)


def scenarios(seed: int) -> list[tuple[str, Callable[[Doc, Random], None]]]:
    return [
        ("typo fixes", lambda d, r: typos(d, r, 400)),
        ("paragraphs inserted+deleted", lambda d, r: insert_delete(d, r, 60, seed)),
        ("paragraphs moved", lambda d, r: move(d, r, 60)),
        ("quotes/dashes made plain", lambda d, r: plain(d)),
        ("re-wrapped (CRLF)", lambda d, r: rewrap(d)),
        ("word changed in quotes", lambda d, r: change_words(d, r, 0.1)),
        ("annotated paragraphs deleted", lambda d, r: delete_annotated(d, r, 60)),
        ("mix of all", lambda d, r: mix(d, r, seed)),
    ]


@dataclass
class Score:
    correct: int = 0
    wrong: int = 0
    orphans: int = 0
    destroyed_placed: int = 0
    cpu: float = 0.0


def run(old: Doc, edit: Callable[[Doc, Random], None], rng: Random) -> tuple[Score, int]:
    old_text = old.text()
    selectors = {key: describe(old_text, s, e) for key, (s, e) in old.expected().items()}
    new = old.copy()
    edit(new, rng)
    # What the loader does: the edited file is written with CRLF and read back normalised.
    new_text = new.text().replace("\n", "\r\n").replace("\r\n", "\n")
    expected = new.expected()
    keys = sorted(selectors)
    began = time.process_time()
    placements = reanchor(old_text, new_text, [selectors[key] for key in keys])
    score = Score(cpu=time.process_time() - began)
    for key, placement in zip(keys, placements, strict=True):
        orphan = placement.status is AnchorStatus.ORPHAN
        score.orphans += orphan
        if key in new.destroyed:
            score.correct += orphan
            score.wrong += not orphan
            score.destroyed_placed += not orphan
        elif not orphan:
            if _trim(new_text, placement.start, placement.end) == _trim(new_text, *expected[key]):
                score.correct += 1
            else:
                score.wrong += 1
    return score, len(new.destroyed)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3_000_000, help="characters of text")
    parser.add_argument("--annotations", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = Random(args.seed)
    doc = make_doc(args.size, args.annotations, rng, args.seed)
    print(f"text: {len(doc.text()):,} characters, {args.annotations:,} annotations\n")
    header = (
        f"{'scenario':30} {'accuracy':>9} {'wrong':>6} {'orphans':>8} {'destroyed':>9} {'CPU s':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, edit in scenarios(args.seed):
        score, destroyed = run(doc, edit, Random(args.seed * 7919 + len(name)))
        accuracy = 100 * score.correct / args.annotations
        print(
            f"{name:30} {accuracy:8.2f}% {score.wrong:6} {score.orphans:8} {destroyed:9}"
            f" {score.cpu:6.2f}"
            + (
                f"  ({score.destroyed_placed} destroyed but placed)"
                if score.destroyed_placed
                else ""
            )
        )
    small = make_doc(20_000, 100, Random(args.seed), args.seed + 5)
    score, _ = run(small, lambda d, r: mix_small(d, r, args.seed), Random(args.seed))
    print(
        f"\n20 KB article, 100 annotations, mixed edit: {score.cpu * 1000:.1f} ms CPU, "
        f"{score.correct} correct, {score.wrong} wrong, {score.orphans} orphans"
    )


def mix_small(doc: Doc, rng: Random, seed: int) -> None:
    change_words(doc, rng, 0.05)
    typos(doc, rng, 5)
    plain(doc)
    move(doc, rng, 1)
    delete_annotated(doc, rng, 1)
    insert_delete(doc, rng, 1, seed)
    rewrap(doc)


if __name__ == "__main__":
    main()
