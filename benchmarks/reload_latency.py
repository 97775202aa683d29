"""Latency from an editor's save to repainted highlights, for a 20 KB article open in the app.

Runs the real main window offscreen over a temporary project, saves the open article N times in
place (each save inserts or removes a sentence near the top), and times from the moment the file
is closed to the moment the reading view has repainted with the new text and moved highlights.

    python benchmarks/reload_latency.py [--saves 20] [--annotations 100]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.bundled import seeds_dir  # noqa: E402
from annotator.services.sources import add_paths  # noqa: E402
from annotator.store.library import Library  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--annotations", type=int, default=100)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    rng = random.Random(7)
    seed = max(seeds_dir().glob("*.txt"), key=lambda p: p.stat().st_size)
    base = seed.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        folder.mkdir()
        article = folder / "article.txt"
        article.write_text(base, encoding="utf-8")
        os.environ["ANNOTATOR_DATA_DIR"] = str(Path(tmp) / "home")
        library = Library.open(Path(tmp) / "p.annotator")
        add_paths(library, [folder])
        doc = library.documents.list()[0]
        text = library.documents.text(doc.id)
        tags = [library.tags.create(f"Tag {i}").value.id for i in range(8)]
        words = [i for i, c in enumerate(text) if c == " "]
        items = []
        for _ in range(args.annotations):
            start = rng.choice(words[:-40]) + 1
            end = words[words.index(start - 1) + rng.randint(3, 30)]
            items.append((doc.id, start, end, (rng.choice(tags),), ""))
        with library.atomic():
            for doc_id, start, end, tag_ids, note in items:
                library.annotations.create(doc_id, start, end, tag_ids=tag_ids, note=note)
        window = MainWindow(library)
        window.resize(1400, 900)
        window.show()
        deadline = time.monotonic() + 10
        while (
            not window.parts.watch_label.text().startswith("Watching")
            and time.monotonic() < deadline
        ):
            app.processEvents()
        window.open_document(doc.id)
        app.processEvents()
        print(
            f"article: {len(text):,} characters, {args.annotations} highlights, {args.saves} saves"
        )

        latencies = []
        repaints = []
        for i in range(args.saves):
            expected = f"Inserted sentence number {i}.\n\n" + base if i % 2 == 0 else base
            with article.open("w", encoding="utf-8") as handle:
                handle.write(expected)
            closed = time.perf_counter()
            deadline = time.monotonic() + 5
            while window.parts.view.text() != expected and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.001)
            if window.parts.view.text() != expected:
                print(f"save {i}: not reloaded within 5 s")
                continue
            painted = time.perf_counter()
            window.parts.view.viewport().repaint()
            done = time.perf_counter()
            latencies.append((done - closed) * 1000)
            repaints.append((done - painted) * 1000)
            for _ in range(30):  # let the status message and late events settle
                app.processEvents()
                time.sleep(0.01)
        if latencies:
            median = statistics.median(latencies)
            print(
                f"save closed -> highlights repainted: median {median:.0f} ms, "
                f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms (target <= 300 ms)"
            )
            print(f"  of which the repaint itself: median {statistics.median(repaints):.1f} ms")
            print("  (the watcher waits ~100 ms after the close on purpose, to let writers finish)")
        window.close()
        app.processEvents()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
