"""Open a large project in the app: time to a shown window, the start-up scan, and a tag filter.

Make the project first with the store benchmark, then open it here (offscreen by default):

    python benchmarks/store.py --out big/big.annotator     # 1,000 documents, 50,000 highlights
    python benchmarks/app_startup.py big/big.annotator
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.store.library import Library  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    args = parser.parse_args()
    os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="annotator-startup-")
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from annotator.ui.main_window import MainWindow  # after the QApplication exists

    library = Library.open(args.project)
    opened = time.perf_counter()
    window = MainWindow(library)
    window.resize(1500, 950)
    built = time.perf_counter()
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    while (
        not window.parts.watch_label.text().startswith("Watching")
        and time.perf_counter() - shown < 120
    ):
        app.processEvents()
    watching = time.perf_counter()
    documents = library.documents.list()
    annotations = library.annotations.count()
    print(f"project: {len(documents):,} documents, {annotations:,} annotations")
    print(f"Qt + project open          {1000 * (opened - started):7.0f} ms")
    print(f"main window built          {1000 * (built - opened):7.0f} ms")
    state = window.parts.watch_label.text()
    print(f"first show + start-up scan {1000 * (watching - built):7.0f} ms  ({state})")
    before = time.perf_counter()
    job = window.sources.rescan(quiet=True)  # on the worker thread: wait for it
    while not job.done:
        app.processEvents()
        time.sleep(0.001)
    print(f"rescan every file (F5)     {1000 * (time.perf_counter() - before):7.0f} ms")
    parent = next(tag for tag in library.tags.list() if tag.parent_id is None)
    before = time.perf_counter()
    window.parts.tag_panel.set_checked([parent.id])
    app.processEvents()
    after = time.perf_counter()
    rows = window.parts.excerpts.model.rowCount()
    print(f"check a parent tag         {1000 * (after - before):7.0f} ms  ({rows:,} excerpts)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory       {peak:7.0f} MB")
    window.close()
    app.processEvents()
    library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
