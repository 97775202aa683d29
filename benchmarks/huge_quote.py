"""Benchmark importing W3C annotations with huge quotes: time and peak extra memory.

Run: python benchmarks/huge_quote.py [--doc-mb 8] [--sizes 5,50]

Writes an article-like document of --doc-mb million characters (from the seed articles, by
corpus.py) into a new project, and W3C files with one quote each. A quote that fits in the
document is written twice: a passage of the document with its paragraph breaks turned into
spaces (as tools that rewrap text do), which only the whitespace-tolerant search finds, and the
same with one word changed in its middle, which is found nowhere. A larger quote (50 MB) is
longer than any document can be, and is not found either (once with the curly quotes and
dashes of the seed articles, once in plain ASCII). Unfound quotes become orphans; a quote
longer than any text Annotator holds (20 MB) is skipped and reported.

Each import runs in a fresh process: the time is the import's wall time, the extra memory the
process's peak resident size (VmHWM; ru_maxrss would include the parent's size at the fork)
minus its size just before the import. Issue 15's target: a 50 MB quote in <= 10 s and <= 3x
its size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000


def build(folder: Path, doc_chars: int, sizes: list[int]) -> list[tuple[int, str, Path]]:
    from corpus import build_text

    from annotator.services.sources import add_paths
    from annotator.store.library import Library

    text = build_text(doc_chars, seed=15)[:doc_chars]
    texts = folder / "texts"
    texts.mkdir()
    (texts / "long.txt").write_text(text, encoding="utf-8")
    with Library.open(folder / "project.annotator") as library:
        add_paths(library, [texts])
    cases = []
    for size in sizes:
        if size * MB <= len(text) * 3 // 4:
            start = len(text) // 8
            found = text[start : start + size * MB].replace("\n\n", " ")  # found, loosely
            middle = found.index(" ", len(found) // 2)
            cases.append((size, "found", found))
            cases.append((size, "not found", f"{found[:middle]} zzyzx{found[middle:]}"))
        elif size * MB > len(text):
            repeats = size * MB // len(text) + 1
            long = ("\n".join([text] * repeats))[: size * MB]
            cases.append((size, "too long", long))
            # Python holds a text with curly quotes at 2 bytes a character, ASCII at 1.
            ascii_only = long.encode("ascii", "replace").decode("ascii")
            cases.append((size, "ASCII", ascii_only))
    files = []
    for size, kind, quote in cases:
        item = {
            "type": "Annotation",
            "body": [{"type": "TextualBody", "purpose": "tagging", "value": "Huge"}],
            "target": {
                "source": "long.txt",
                "selector": [{"type": "TextQuoteSelector", "exact": quote}],
            },
        }
        path = folder / f"quote-{size}mb-{kind.replace(' ', '-')}.json"
        path.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")
        files.append((size, kind, path))
    return files


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_bytes() -> int:
    """The peak resident size of this process since it started (Linux: VmHWM)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    # Elsewhere ru_maxrss (bytes on macOS, kilobytes on Linux); it may count the parent's size.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def child(project: Path, path: Path) -> None:
    """Import ``path`` into ``project`` and print what it took, as JSON."""
    from annotator.services.importing import import_file
    from annotator.store.library import Library

    with Library.open(project) as library:
        library.documents.text(library.documents.list()[0].id)  # warm, as an open app is
        before = rss_bytes()
        started = time.perf_counter()
        report = import_file(library, path)
        seconds = time.perf_counter() - started
        peak = peak_bytes()
        result = "found" if report.placed + report.moved else "orphan"
        result = "skipped" if report.skipped else result
    print(json.dumps({"seconds": seconds, "extra": peak - before, "result": result}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doc-mb", type=float, default=8.0, help="document size (M chars)")
    parser.add_argument("--sizes", default="5,50", help="quote sizes in MB, comma-separated")
    parser.add_argument("--child", nargs=2, metavar=("PROJECT", "JSON"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = build(folder, int(args.doc_mb * MB), sizes)
        print(f"document: {args.doc_mb:g} M characters")
        print(
            f"{'quote':>8} {'case':>10} {'result':>7} {'time':>9} {'extra memory':>13} "
            f"{'x quote':>8}"
        )
        for size, kind, path in files:
            project = folder / f"{path.stem}.annotator"
            _copy_project(folder / "project.annotator", project)
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(project), str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(done.stdout)
            extra = result["extra"]
            print(
                f"{size:>5} MB {kind:>10} {result['result']:>7} {result['seconds']:>8.2f}s "
                f"{extra / MB:>10.0f} MB {extra / (size * MB):>7.2f}x",
                flush=True,
            )


def _copy_project(source: Path, target: Path) -> None:
    # Every import starts from the same project (the document, no annotations).
    shutil.copyfile(source, target)


if __name__ == "__main__":
    main()
