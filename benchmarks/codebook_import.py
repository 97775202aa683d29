"""Benchmark importing a large REFI-QDA codebook (.qdc): 5,000 codes, flat and nested.

Run: python benchmarks/codebook_import.py [--codes 5000] [--per-parent 50]

Generates codebooks of --codes codes each: flat ones (every code a sibling of every other, as a
tool's export of an uncategorised code list), with a colour on every other code and with none
(every tag then gets a palette colour), and a nested one (parents of --per-parent children, two
levels, colours on every other code). Each is imported into a new,
empty project, then again into the same project (every code merging into an existing tag), and
the wall times are printed. Issue 15's target: a 5,000-code codebook in <= 3 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

from annotator.services.importing import import_file
from annotator.store.library import Library


def code(n: int, name: str, children: str = "", colours: bool = True) -> str:
    colour = f' color="#{(n * 2654435761) % 0xFFFFFF:06X}"' if n % 2 and colours else ""
    guid = str(uuid.UUID(int=n + 1)).upper()
    head = f'<Code guid="{guid}" name={quoteattr(name)} isCodable="true"{colour}'
    if not children:
        return head + "/>"
    return f"{head}>{children}</Code>"


def flat(count: int, colours: bool = True) -> str:
    return "".join(code(n, f"Code {n:05}", colours=colours) for n in range(count))


def nested(count: int, per_parent: int) -> str:
    parts, n = [], 0
    while n < count:
        parent = n
        n += 1
        children = []
        for _ in range(min(per_parent, count - n)):
            children.append(code(n, f"Code {n:05}"))
            n += 1
        parts.append(code(parent, f"Group {parent:05}", "".join(children)))
    return "".join(parts)


def codebook(path: Path, codes: str) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="benchmark">'
        f"<Codes>{codes}</Codes></CodeBook>",
        encoding="utf-8",
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=5000)
    parser.add_argument("--per-parent", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        books = {
            "flat": codebook(folder / "flat.qdc", flat(args.codes)),
            "flat, no colours": codebook(folder / "plain.qdc", flat(args.codes, colours=False)),
            "nested": codebook(folder / "nested.qdc", nested(args.codes, args.per_parent)),
        }
        print(f"{'codebook':>16} {'codes':>7} {'new project':>12} {'again (merge)':>14}")
        for name, path in books.items():
            with Library.open(folder / f"{path.stem}.annotator") as library:
                times = []
                for _ in range(2):
                    started = time.perf_counter()
                    report = import_file(library, path)
                    times.append(time.perf_counter() - started)
                assert report.tags_merged == args.codes, report.message
                count = len(library.tags.list())
            print(f"{name:>16} {count:>7,} {times[0]:>11.2f}s {times[1]:>13.2f}s", flush=True)


if __name__ == "__main__":
    main()
