"""Benchmark the project store at realistic size: import, tag queries, full-text search, file size.

Run: python benchmarks/store.py [--docs 1000] [--annotations 50000] [--out FILE]

Writes --docs article-like files of about 20 KB (generated from the seed articles by corpus.py)
into a folder next to the project file, adds the folder as a user would, builds a tree of about
30 tags, creates --annotations annotations in bulk (1 to 3 tags each, a fifth with a note), then
times 1,000 single creates (the per-action latency the GUI sees) and the queries the app runs.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import build_text

from annotator.core.models import ExcerptFilter, Match
from annotator.services.sources import add_paths
from annotator.store.library import Library

DOC_CHARS = 20_000
PARENTS = ("Energy", "Security", "Trade", "Diplomacy", "Technology", "Finance")
CHILDREN = ("Policy", "Actors", "Risks", "Outlook")
NOTE_WORDS = (
    "contradicts earlier claim check the figures compare with the Kremlin readout "
    "follow up key quote for the briefing disputed by analysts weak evidence"
).split()


def timed(label: str, action: Callable[[], object], repeat: int = 1) -> object:
    """Run ``action`` ``repeat`` times; print the median wall time (and the result's size)."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    size = f" -> {len(result):,} rows" if isinstance(result, list) else f" -> {result:,}"
    print(f"  {label:<52} {statistics.median(times) * 1000:9.1f} ms{size}")
    return result


def write_corpus(folder: Path, n_docs: int) -> None:
    for i in range(n_docs):
        path = folder / f"batch{i // 100:02d}" / f"article{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        title = f"Article {i}: notes on China and Russia\n\n"
        path.write_text(title + build_text(DOC_CHARS, seed=i), encoding="utf-8")


def make_tags(lib: Library) -> list[int]:
    ids = []
    for parent in PARENTS:
        top = lib.tags.create(parent).value
        ids.append(top.id)
        ids.extend(lib.tags.create(child, parent_id=top.id).value.id for child in CHILDREN)
    return ids


def annotation_specs(lib: Library, n: int, tag_ids: list[int], rng: random.Random) -> list[tuple]:
    docs = [(doc.id, doc.char_count) for doc in lib.documents.list()]
    specs = []
    for _ in range(n):
        doc_id, length = rng.choice(docs)
        size = rng.randint(40, 400)
        start = rng.randrange(0, max(1, length - size))
        tags = rng.sample(tag_ids, rng.randint(1, 3))
        note = " ".join(rng.sample(NOTE_WORDS, 6)) if rng.random() < 0.2 else ""
        specs.append((doc_id, start, min(length, start + size), tags, note))
    return specs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--annotations", type=int, default=50_000)
    parser.add_argument("--out", type=Path, help="project file to create (default: a temp folder)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="annotator-bench-")) / "bench.annotator"
    if out.exists():
        parser.error(f"{out} exists; give a new file")
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = out.with_name(out.stem + "-sources")
    rng = random.Random(args.seed)

    print(f"project {out}")
    start = time.perf_counter()
    write_corpus(folder, args.docs)
    print(f"generated {args.docs:,} files of ~{DOC_CHARS // 1000} KB in "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip

    lib = Library.open(out)
    print("import")
    start = time.perf_counter()
    report = add_paths(lib, [folder])
    elapsed = time.perf_counter() - start
    print(f"  documents: {len(report.added):,} in {elapsed:.2f} s "
          f"({elapsed / max(1, len(report.added)) * 1000:.1f} ms each)")  # fmt: skip
    # Adding leaves the texts queued for the search index; ``annotator add`` then indexes them.
    start = time.perf_counter()
    lib.search.index_pending()
    print(f"  then indexing them for search: {time.perf_counter() - start:.2f} s")
    tag_ids = make_tags(lib)
    specs = annotation_specs(lib, args.annotations, tag_ids, rng)
    start = time.perf_counter()
    with lib.atomic():
        for doc_id, s, e, tags, note in specs:
            lib.annotations.create(doc_id, s, e, tag_ids=tags, note=note)
    elapsed = time.perf_counter() - start
    print(f"  annotations (one transaction): {len(specs):,} in {elapsed:.2f} s "
          f"({elapsed / max(1, len(specs)) * 1e6:.0f} µs each)")  # fmt: skip

    singles = annotation_specs(lib, 1000, tag_ids, rng)
    latencies = []
    for doc_id, s, e, tags, note in singles:
        begin = time.perf_counter()
        lib.annotations.create(doc_id, s, e, tag_ids=tags, note=note)
        latencies.append(time.perf_counter() - begin)
    latencies.sort()
    print(f"  1,000 single creates (each its own transaction): median "
          f"{statistics.median(latencies) * 1000:.2f} ms, p95 "
          f"{latencies[int(len(latencies) * 0.95)] * 1000:.2f} ms, max "
          f"{latencies[-1] * 1000:.2f} ms")  # fmt: skip

    energy = lib.tags.require("Energy").id
    leaf = lib.tags.require("Security/Risks").id
    trade = lib.tags.require("Trade").id
    by_parent = ExcerptFilter(tag_ids=(energy,))
    by_leaf = ExcerptFilter(tag_ids=(leaf,))
    both = ExcerptFilter(tag_ids=(energy, trade), match=Match.ALL)
    print("excerpts by tag")
    timed("count (parent tag, with its children)", lambda: lib.annotations.count(by_parent), 5)
    timed("ids (parent tag) - what the GUI list fetches", lambda: lib.annotations.ids(by_parent), 5)
    timed("ids (parent tag, by date)", lambda: lib.annotations.ids(by_parent, order="date"), 5)
    timed("query (parent tag) - full records", lambda: lib.annotations.query(by_parent), 3)
    timed("query (leaf tag)", lambda: lib.annotations.query(by_leaf), 3)
    timed("query (two tags, all of them)", lambda: lib.annotations.query(both), 3)
    ids = lib.annotations.ids(by_parent)
    middle = ids[len(ids) // 2 : len(ids) // 2 + 100]
    timed("many (one screenful: 100 ids)", lambda: lib.annotations.many(middle), 5)
    timed("ids (no filter)", lambda: lib.annotations.ids(), 3)
    timed("tags.list (tree with counts)", lambda: lib.tags.list(), 5)
    timed("documents.list (with annotation counts)", lambda: lib.documents.list(), 5)
    print("full-text search")
    for words, tags in (("kremlin", ()), ("pipel", ()), ("putin xi", (energy,))):
        found = ExcerptFilter(search=words, tag_ids=tags)
        label = f"annotations: '{words}'" + (" + parent tag" if tags else "")
        timed(label, lambda found=found: lib.annotations.ids(found), 5)
    for words in ("sanctions", "limitless friendship"):
        timed(f"documents: '{words}'", lambda words=words: lib.search.documents(words), 5)
    lib.close()
    size = sum(p.stat().st_size for p in out.parent.glob(out.name + "*"))
    texts = sum(p.stat().st_size for p in folder.rglob("*.txt"))
    mb = 1_048_576
    print(f"database size on disk: {size / mb:.1f} MB (source texts {texts / mb:.1f} MB)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
