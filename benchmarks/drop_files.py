"""Files dropped into a watched folder while the app runs: time until all are in, and stalls.

Runs the real main window offscreen on a temporary project that watches a folder (holding one
annotated article, open in the reading view), then another process copies N article-like
files of about 20 KB into the folder, as a file manager would. Prints the time from the first
copy until every file is a document, and the longest stall of the event loop meanwhile
(a 10 ms timer records the gaps between its ticks: anything far above 10 ms is time the window
could not repaint or answer a click).

    python benchmarks/drop_files.py                # 5,000 files
    python benchmarks/drop_files.py --files 1000
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from corpus import build_article  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.services.sources import add_paths  # noqa: E402
from annotator.store.library import Library  # noqa: E402
from annotator.ui.main_thread_gc import install as collect_on_gui_thread  # noqa: E402

DOC_CHARS = 20_000
COPY = """
import shutil, sys
from pathlib import Path
staged, folder = map(Path, sys.argv[1:3])
for file in sorted(staged.iterdir()):
    shutil.copyfile(file, folder / file.name)
"""


class StallMeter:
    """A 10 ms timer; the gaps between its ticks are how long the event loop was busy."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self.longest = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now


def count_documents(path: Path) -> int:
    """Documents in the project, read on a connection of the benchmark's own."""
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM documents").fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--timeout", type=float, default=900, help="give up after (seconds)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Python's cycle collector runs on the GUI thread only, as in the app (ui/app.py).
    collect_on_gui_thread(app)
    from annotator.ui.main_window import MainWindow  # after the QApplication exists

    texts = ["\n\n".join(build_article(DOC_CHARS, seed=10_000 + i)) for i in range(args.files)]
    with tempfile.TemporaryDirectory(prefix="annotator-drop-") as tmp:
        root = Path(tmp)
        os.environ["ANNOTATOR_DATA_DIR"] = str(root / "home")
        folder = root / "texts"
        folder.mkdir()
        (folder / "article.txt").write_text("\n\n".join(build_article(DOC_CHARS, 1)), "utf-8")
        project = root / "p.annotator"
        library = Library.open(project)
        add_paths(library, [folder])
        doc = library.documents.list()[0]
        tag = library.tags.create("Energy").value
        for start in range(0, 10_000, 200):
            library.annotations.create(doc.id, start, start + 40, tag_ids=[tag.id])
        window = MainWindow(library)
        window.resize(1400, 900)
        window.show()
        deadline = time.perf_counter() + 60
        while not window.parts.watch_label.text().startswith("Watching"):
            app.processEvents()
            if time.perf_counter() > deadline:
                print("the window never started watching")
                return 1
        window.open_document(doc.id)
        app.processEvents()
        # The files wait outside the folder; another process copies them in, as a file
        # manager would (a thread of this process would compete for Python's lock with the
        # window, which no file manager does).
        staged = root / "staged"
        staged.mkdir()
        for i, text in enumerate(texts):
            (staged / f"dropped{i:05d}.txt").write_text(text, encoding="utf-8")

        meter = StallMeter()
        meter.start()
        started = time.perf_counter()
        writer = subprocess.Popen([sys.executable, "-c", COPY, str(staged), str(folder)])
        wanted = args.files + 1
        found, last_count = 0, 0.0
        while found < wanted and time.perf_counter() - started < args.timeout:
            app.processEvents()
            time.sleep(0.002)
            if time.perf_counter() - last_count > 0.5:
                last_count = time.perf_counter()
                found = count_documents(project)
        writer.wait()
        written = time.perf_counter()
        # Until the views have caught up too (the document list shows every file).
        while (
            window.parts.documents.model.rowCount() < wanted and time.perf_counter() - written < 60
        ):
            app.processEvents()
            time.sleep(0.002)
        seconds = time.perf_counter() - started
        meter.stop()
        shown = window.parts.documents.model.rowCount()
        print(f"{args.files:,} files of ~{DOC_CHARS // 1000} KB dropped into a watched folder")
        print(f"  all in the project                {seconds:8.1f} s  ({found - 1:,} added)")
        print(f"  rows in the document list          {shown - 1:8,}")
        print(f"  longest event-loop stall           {1000 * meter.longest:8.0f} ms")
        window.close()
        app.processEvents()
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
