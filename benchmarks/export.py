"""Time the briefing export (model build, .docx save, Markdown, CSV) and its peak memory.

Usage: ``python benchmarks/export.py [SIZES ...]`` (default 100 1000 2000 10000). Each size runs in
a fresh subprocess so peak RSS is its own. Data are generated: documents of ~25,000 characters in
paragraphs, a three-level tree of 40 tags, quotes cut from the texts with realistic lengths (most a
sentence or two, some whole paragraphs, a few over 5,000 characters), 1-3 tags each,
40 % with notes.
Targets: 2,000 excerpts <= 1 s and 10,000 <= 4 s to write the .docx, growing linearly. "blocks"
is the number of excerpt blocks laid out (each excerpt once; one inside another is printed within
it; its other tags list it as a cross-reference); "notes" is how notes print (inline, as comments,
or inline with the context sentences around each quote); "cpu s" is
the process time of the .docx write, which other work on the machine does not inflate.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.briefing.writer import write_briefing
from annotator.core.briefing import BriefingOptions, build_briefing
from annotator.core.models import AnchorStatus, Annotation, DocStatus, Document, Tag
from annotator.formats.briefing_csv import write_csv
from annotator.formats.briefing_markdown import write_markdown

WORDS = (
    "the state policy border trade energy alliance treaty summit sanctions pipeline analysts "
    "moscow beijing partnership security economic military influence region leaders talks "
    "agreement growth market exports imports rouble yuan strategic pressure western asia"
).split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 30))]
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _text(rng: random.Random, chars: int) -> str:
    paragraphs, size = [], 0
    while size < chars:
        p = " ".join(_sentence(rng) for _ in range(rng.randint(2, 8)))
        paragraphs.append(p)
        size += len(p) + 2
    return "\n\n".join(paragraphs)


def generate(n: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    n_docs = max(5, n // 40)
    texts = {i: _text(rng, 25_000) for i in range(1, n_docs + 1)}
    documents = [
        Document(i, 1, f"corpus/article-{i:04d}.txt", f"Article {i}: {_sentence(rng)[:60]}", "",
                 DocStatus.PRESENT, "utf-8", len(t.split()), len(t), "", "", "", "2026-11-20")
        for i, t in texts.items()
    ]  # fmt: skip
    tags = []
    for i in range(1, 41):
        parent = None if i <= 8 else (rng.randint(1, 8) if i <= 24 else rng.randint(9, 24))
        tags.append(Tag(i, f"Tag {i} {rng.choice(WORDS)}", parent, "#88aacc", "A theme.", "", i))
    annotations = []
    for i in range(1, n + 1):
        doc_id = rng.randint(1, n_docs)
        text = texts[doc_id]
        roll = rng.random()
        length = (
            rng.randint(60, 400) if roll < 0.75 else rng.randint(400, 1800) if roll < 0.99 else 6000
        )
        start = rng.randint(0, max(0, len(text) - length - 1))
        end = min(len(text), start + length)
        annotations.append(
            Annotation(
                id=i,
                document_id=doc_id,
                start=start,
                end=end,
                exact=text[start:end],
                prefix="",
                suffix="",
                note=_sentence(rng) + " " + _sentence(rng) if rng.random() < 0.4 else "",
                author="Analyst",
                created=f"2026-11-{rng.randint(1, 28):02d}T10:00:00",
                modified="",
                status=AnchorStatus.EXACT,
                reviewed=True,
                tag_ids=tuple(rng.sample(range(1, 41), rng.randint(1, 3))),
            )
        )
    return {
        "project_name": "Benchmark",
        "project_note": "Generated corpus.",
        "documents": documents,
        "texts": texts,
        "tags": tags,
        "annotations": annotations,
    }


def run_one(n: int, mode: str) -> dict:
    inputs = generate(n)
    options = BriefingOptions(
        title="Benchmark briefing", notes_as_comments=mode == "comment", context=mode == "context"
    )
    with tempfile.TemporaryDirectory() as folder:
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        briefing = build_briefing(options, **inputs)
        t1 = time.perf_counter()
        c1 = time.process_time()
        path = write_briefing(briefing, Path(folder) / "b.docx")
        t2 = time.perf_counter()
        c2 = time.process_time()
        write_markdown(briefing, Path(folder) / "b.md")
        t3 = time.perf_counter()
        write_csv(briefing, Path(folder) / "b.csv")
        t4 = time.perf_counter()
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {
            "excerpts": n,
            "placements": briefing.placement_count,
            "mode": mode,
            "build_s": t1 - t0,
            "docx_s": t2 - t1,
            "docx_cpu_s": c2 - c1,
            "md_s": t3 - t2,
            "csv_s": t4 - t3,
            "docx_mb": path.stat().st_size / 1e6,
            "peak_rss_mb": rss1 / 1024,
            "rss_growth_mb": (rss1 - rss0) / 1024,
        }


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        print(json.dumps(run_one(int(argv[1]), argv[2])))
        return 0
    sizes = [int(a) for a in argv] or [100, 1000, 2000, 10000]
    print(
        f"{'excerpts':>8} {'blocks':>7} {'notes':>8} {'build s':>8} {'docx s':>7} "
        f"{'cpu s':>6} {'ms/1k':>6} {'md s':>6} {'csv s':>6} {'docx MB':>8} {'peak RSS MB':>11} "
        f"{'growth':>7}"
    )
    runs = [(n, "inline") for n in sizes] + [(min(sizes[-1], 2000), "comment")]
    runs += [(n, "context") for n in sizes if n >= 2000]
    for n, mode in runs:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), mode],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(out)
        print(
            f"{r['excerpts']:>8,} {r['placements']:>7,} {mode:>8} "
            f"{r['build_s']:>8.3f} {r['docx_s']:>7.2f} {r['docx_cpu_s']:>6.2f}"
            f" {1e6 * r['docx_s'] / n:>6.0f}"
            f" {r['md_s']:>6.2f} {r['csv_s']:>6.2f} {r['docx_mb']:>8.1f} {r['peak_rss_mb']:>11.0f}"
            f" {r['rss_growth_mb']:>7.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
