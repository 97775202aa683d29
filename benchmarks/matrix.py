"""How fast the matrix view opens: 1,000 documents × 30 tags over 50,000 annotations.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/matrix.py [DOCUMENTS] [TAGS] [ANNOTATIONS]
Builds a throw-away project (generated article-like texts, a two-level tag tree, annotations
with one to three tags), then times: the counting queries alone, opening the matrix window on
tags × documents (counted, laid out and painted), switching to tags × tags, the tag tree's
totals, and writing the CSV. Target: the matrix opens in well under a second.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from corpus import build_text  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.services import matrix as matrices  # noqa: E402
from annotator.services.sources import add_paths  # noqa: E402
from annotator.store.library import Library  # noqa: E402
from annotator.ui.controller import ProjectController  # noqa: E402
from annotator.ui.matrix_view import MatrixView  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def best(label: str, action, runs: int = 5) -> None:
    """The median and the fastest of ``runs`` (the machine is shared: the median is typical)."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        action()
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"{label:44} median {ms(times[len(times) // 2])}, fastest {ms(times[0])}")


def build(folder: Path, documents: int, tags: int, annotations: int) -> Library:
    rng = random.Random(7)
    texts = folder / "texts"
    texts.mkdir()
    for n in range(documents):
        text = build_text(2500 + rng.randrange(2500), seed=n)
        (texts / f"article_{n:04d}.txt").write_text(f"Article {n}\n\n{text}", encoding="utf-8")
    library = Library.open(folder / "matrix.annotator")
    add_paths(library, [texts])
    ids: list[int] = []
    with library.atomic():
        for p in range(max(1, tags // 5)):
            parent = library.tags.create(f"Theme {p}").value
            ids.append(parent.id)
            for c in range(4):
                if len(ids) < tags:
                    ids.append(library.tags.create(f"Aspect {c}", parent_id=parent.id).value.id)
        docs = [(d.id, d.char_count) for d in library.documents.list()]
        for _ in range(annotations):
            doc, length = rng.choice(docs)
            start = rng.randrange(0, length - 60)
            chosen = rng.sample(ids, rng.choice((1, 1, 2, 3)))
            library.annotations.create(doc, start, start + 50, tag_ids=chosen)
    return library


def main() -> None:
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tags = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    annotations = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        library = build(Path(tmp), documents, tags, annotations)
        print(
            f"{documents:,} documents, {tags} tags, {annotations:,} annotations "
            f"(built in {time.perf_counter() - started:.1f} s)"
        )
        by_document = matrices.tags_by_documents(library)
        best("count tags × documents (query only)", lambda: matrices.tags_by_documents(library))
        best("count tags × tags (query only)", lambda: matrices.tags_by_tags(library))
        best("tag tree totals", library.counts.totals)

        controller = ProjectController(library)
        views: list[MatrixView] = []

        def open_view() -> None:
            view = MatrixView(controller)
            views.append(view)
            view.show()  # counts, lays out the table ...
            view.table.viewport().repaint()  # ... and paints the cells on screen
            app.processEvents()

        best("open the matrix window (tags × documents)", open_view)
        view = views[-1]

        def switch() -> None:
            view.set_kind(
                matrices.TAGS if view.kind() == matrices.DOCUMENTS else matrices.DOCUMENTS
            )
            view.table.viewport().repaint()

        best("switch tags × documents <-> tags × tags", switch)

        def swap() -> None:
            view.swap_box.toggle()
            view.table.viewport().repaint()

        best("swap rows and columns", swap)
        best(
            "write tags × documents as CSV",
            lambda: matrices.write_csv(by_document, Path(tmp) / "matrix.csv"),
        )
        for other in views:
            other.close()
        library.close()


if __name__ == "__main__":
    main()
