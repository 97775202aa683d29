"""Benchmark whole-document re-anchoring: accuracy, wrong anchors, orphans and CPU time.

Run: python benchmarks/reanchor.py [--size 3000000] [--annotations 5000] [--seed 1]

Sparse scenarios edit a generated 3 MB text with 5,000 annotations; the dense one annotates a real
article (each seed) about once per 40 characters, many spans overlapping, then replaces one middle
word in 20% of the quotes, as a copy-editor's pass over a fully coded interview would. The edits
and the ground truth come from ``scripted_edits``. Columns:
- correct: placed exactly on the expected span (both compared after trimming white space at their
  ends), or orphaned when destroyed; wrong: placed anywhere else, or placed when destroyed.
  Orphans of surviving annotations are neither correct nor wrong;
- unchanged orphaned: orphans among annotations whose words no edit touched;
- false moved: reported MOVED although their paragraph kept its place among its neighbours;
- destroyed: annotations whose paragraph the edit deleted (expected: orphan).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from corpus import SEEDS
from scripted_edits import (
    Doc,
    change_words,
    delete_annotated,
    delete_twinned,
    insert_delete,
    make_dense,
    make_doc,
    mix,
    move,
    plain,
    rewrap,
    typos,
)

from annotator.core.anchoring import describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import reanchor_document


def reanchor_placements(old, new, annotations):
    return reanchor_document(old, new, annotations).placements


def scenarios(seed: int) -> list[tuple[str, Callable[[Doc, Random], None]]]:
    return [
        ("typo fixes", lambda d, r: typos(d, r, 400)),
        ("paragraphs inserted+deleted", lambda d, r: insert_delete(d, r, 60, seed)),
        ("paragraphs moved", lambda d, r: move(d, r, 60)),
        ("quotes/dashes made plain", lambda d, r: plain(d)),
        ("re-wrapped (CRLF)", lambda d, r: rewrap(d)),
        ("word changed in quotes", lambda d, r: change_words(d, r, 0.1)),
        ("annotated paragraphs deleted", lambda d, r: delete_annotated(d, r, 60)),
        ("deleted, verbatim twin edited", lambda d, r: delete_twinned(d, r, 60)),
        ("mix of all", lambda d, r: mix(d, r, seed)),
    ]


@dataclass
class Score:
    total: int = 0
    correct: int = 0
    wrong: int = 0
    orphans: int = 0
    unchanged_orphaned: int = 0
    false_moved: int = 0
    destroyed: int = 0
    destroyed_placed: int = 0
    cpu: float = 0.0

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def run(old: Doc, edit: Callable[[Doc, Random], None], rng: Random) -> Score:
    old_text = old.text()
    selectors = {key: describe(old_text, s, e) for key, (s, e) in old.expected().items()}
    new = old.copy()
    edit(new, rng)
    # What the loader does: the edited file is written with CRLF and read back normalised.
    new_text = new.text().replace("\n", "\r\n").replace("\r\n", "\n")
    expected = new.expected()
    touched = new.touched()
    keys = sorted(selectors)
    began = time.process_time()
    placements = reanchor_placements(old_text, new_text, [selectors[key] for key in keys])
    score = Score(len(keys), cpu=time.process_time() - began, destroyed=len(new.destroyed))
    for key, placement in zip(keys, placements, strict=True):
        orphan = placement.status is AnchorStatus.ORPHAN
        score.orphans += orphan
        if key in new.destroyed:
            score.correct += orphan
            score.wrong += not orphan
            score.destroyed_placed += not orphan
            continue
        score.unchanged_orphaned += orphan and key not in touched
        score.false_moved += placement.status is AnchorStatus.MOVED and key not in new.moved_keys
        if not orphan:
            if _trim(new_text, placement.start, placement.end) == _trim(new_text, *expected[key]):
                score.correct += 1
            else:
                score.wrong += 1
    return score


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


HEADER = (
    f"{'scenario':34} {'correct':>8} {'wrong':>6} {'orphans':>8} {'unchanged':>9} {'false':>6}"
    f" {'destroyed':>9} {'CPU s':>7}\n{'':34} {'':>8} {'':>6} {'':>8} {'orphaned':>9} {'moved':>6}"
)


def row(name: str, score: Score) -> str:
    accuracy = 100 * score.correct / score.total
    line = (
        f"{name:34} {accuracy:7.2f}% {score.wrong:6} {score.orphans:8} {score.unchanged_orphaned:9}"
        f" {score.false_moved:6} {score.destroyed:9} {score.cpu:7.3f}"
    )
    if score.destroyed_placed:
        line += f"  ({score.destroyed_placed} destroyed but placed)"
    return line


def dense(rng: Random, seed: int) -> list[tuple[str, Score]]:
    """The dense scenario on each seed article (the largest, about 21 KB, first)."""
    articles = sorted(SEEDS.glob("*.txt"), key=lambda path: -path.stat().st_size)
    rows = []
    others = Score()
    for i, path in enumerate(articles):
        doc = make_dense(path.read_text(encoding="utf-8"), Random(seed + i))
        score = run(doc, lambda d, r: change_words(d, r, 0.2, min_words=3), Random(seed * 31 + i))
        if i == 0:
            size = len(doc.text()) // 1000
            rows.append((f"dense: {size} KB article, {score.total} ann.", score))
        else:
            others.add(score)
    if len(articles) > 1:
        rows.append((f"dense: the other {len(articles) - 1} articles", others))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=3_000_000, help="characters of text")
    parser.add_argument("--annotations", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dense-only", action="store_true", help="skip the 3 MB scenarios")
    args = parser.parse_args()
    print(HEADER)
    print("-" * len(HEADER.splitlines()[0]))
    if not args.dense_only:
        rng = Random(args.seed)
        doc = make_doc(args.size, args.annotations, rng, args.seed)
        print(f"sparse: {len(doc.text()):,} characters, {args.annotations:,} annotations")
        for name, edit in scenarios(args.seed):
            print(row(name, run(doc, edit, Random(args.seed * 7919 + len(name)))), flush=True)
    for name, score in dense(Random(args.seed), args.seed):
        print(row(name, score), flush=True)
    small = make_doc(20_000, 100, Random(args.seed), args.seed + 5)
    score = run(small, lambda d, r: mix_small(d, r, args.seed), Random(args.seed))
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
