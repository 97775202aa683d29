"""A scan after many files went and came: time, and how well renamed and edited files are found.

Builds a project over N article-like files of about 20 KB (from corpus.py), then deletes all N
files and writes N new ones: half are renamed and edited versions of deleted articles (a new
title line, a paragraph dropped, one inserted, a few reworded), half are genuinely new articles
on the same topic (they share common phrases with the deleted ones, and one in five quotes two
paragraphs of a deleted article). Then
times ``scan`` and checks every rename it found against the truth. The scan leaves the texts
it wrote queued for the search index: a search right after it is timed (it must find a new
article), then the indexing that follows (the command line runs it before exiting, the app on
its worker thread when idle).

    python benchmarks/scan_scale.py                  # 2,000/2,000 and 6,000/6,000
    python benchmarks/scan_scale.py --sizes 500      # quicker
    python benchmarks/scan_scale.py --sizes 6000 --gui   # also the app's rescan: event-loop stalls
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from random import Random

from corpus import build_article

from annotator.services.sources import add_paths, scan
from annotator.store.library import Library

DOC_CHARS = 20_000


def article(seed: int) -> list[str]:
    """The paragraphs of one article (a title line first)."""
    return [f"Report {seed}: notes on China and Russia", *build_article(DOC_CHARS, seed)]


def edited(paragraphs: list[str], rng: Random) -> str:
    """A reworked version: retitled, one paragraph dropped, one inserted, three reworded."""
    body = list(paragraphs[1:])
    del body[rng.randrange(len(body))]
    insert = build_article(600, seed=rng.randrange(10**9))[0]
    body.insert(rng.randrange(len(body) + 1), insert)
    for _ in range(3):
        i = rng.randrange(len(body))
        words = body[i].split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(("however", "reportedly", "notably"))
        body[i] = " ".join(words)
    return "\n\n".join([f"Revised: {paragraphs[0]}", *body])


def build(root: Path, n: int) -> tuple[Path, dict[str, str]]:
    """A project over ``n`` files, then the files replaced; returns (project, new name -> old)."""
    folder = root / "texts"
    folder.mkdir()
    texts = {f"old/a{i:05d}.txt": article(i) for i in range(n)}
    for name, paragraphs in texts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    project = root / "p.annotator"
    with Library.open(project) as library:
        add_paths(library, [folder])
        library.search.index_pending()  # as ``annotator add`` leaves it
    shutil.rmtree(folder / "old")
    rng = Random(n)
    truth: dict[str, str] = {}
    (folder / "new").mkdir()
    for i, (name, paragraphs) in enumerate(texts.items()):
        if i % 2 == 0:
            renamed = f"new/moved{i:05d}.txt"
            (folder / renamed).write_text(edited(paragraphs, rng), encoding="utf-8")
            truth[renamed] = name
        else:
            fresh_paragraphs = article(1_000_000 + i)
            if i % 10 == 1:
                # On the same story: quotes two paragraphs of a deleted article.
                fresh_paragraphs[3:3] = paragraphs[2:4]
            fresh = "\n\n".join(fresh_paragraphs)
            (folder / f"new/fresh{i:05d}.txt").write_text(fresh, encoding="utf-8")
    return project, truth


def run(n: int, gui: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="annotator-scan-") as tmp:
        started = time.perf_counter()
        project, truth = build(Path(tmp), n)
        print(f"{n:,} deleted + {n:,} new files  (built in {time.perf_counter() - started:.0f} s)")
        with Library.open(project) as library:
            if gui:
                report, seconds = gui_scan(library)
            else:
                before, cpu = time.perf_counter(), time.process_time()
                report = scan(library)
                seconds = time.perf_counter() - before
                print(f"  scan, CPU time of this process {time.process_time() - cpu:8.2f} s")
                search_right_after(library, report)
            found = {doc.path: old for doc, old in report.renamed}
        right = sum(found.get(new) == old for new, old in truth.items())
        wrong = sum(1 for new, old in found.items() if truth.get(new) != old)
        print(f"  scan                          {seconds:8.2f} s")
        print(
            f"  renames found                 {right:,} of {len(truth):,} "
            f"({100 * right / max(1, len(truth)):.1f}%), wrong: {wrong}"
        )
        print(
            f"  new {len(report.new):,}, missing {len(report.missing):,}, "
            f"changed {len(report.changed):,}"
        )


def search_right_after(library: Library, report) -> None:
    """A search while the scan's texts wait for the index, then the indexing itself."""
    pending = library.search.pending()
    fresh = next((doc for doc in report.new if doc.path.startswith("new/fresh")), None)
    if fresh is not None:
        before = time.perf_counter()
        hits = library.search.documents(f"Report {fresh.title.split()[1]}")
        took = time.perf_counter() - before
        ok = "found" if fresh.id in {hit.document_id for hit in hits} else "NOT FOUND"
        print(f"  search right after ({pending:,} queued) {took:8.2f} s  (new article {ok})")
    before = time.perf_counter()
    library.search.index_pending()
    print(f"  then indexing them for search {time.perf_counter() - before:8.2f} s")


def gui_scan(library: Library):
    """The app's rescan (F5) on the main window, with the longest event-loop stall meanwhile."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["ANNOTATOR_DATA_DIR"] = tempfile.mkdtemp(prefix="annotator-scan-home-")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_thread_gc import install as collect_on_gui_thread
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Python's cycle collector runs on the GUI thread only, as in the app (ui/app.py).
    collect_on_gui_thread(app)
    window = MainWindow(library)
    window.sources.started = True  # no start-up scan: the rescan below is the one measured
    window.show()
    app.processEvents()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    before = time.perf_counter()
    job = window.sources.rescan(quiet=True)
    # Earlier versions scanned on the GUI thread behind a modal dialog and returned the report.
    while hasattr(job, "done") and not job.done:
        app.processEvents()
        time.sleep(0.001)
    report = getattr(job, "result", job)
    seconds = time.perf_counter() - before
    stall = 1000 * max(gaps, default=seconds)
    print(f"  longest event-loop stall      {stall:8.0f} ms (the app's rescan)")
    # Then the window indexes the texts for search on its worker thread, when idle.
    gaps.clear()
    indexing = time.perf_counter()
    while window.sources.busy() or library.search.pending():
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    stall = 1000 * max(gaps, default=0.0)
    print(
        f"  then indexing for search      {time.perf_counter() - indexing:8.2f} s, "
        f"longest stall {stall:.0f} ms"
    )
    window.sources.stop()
    window.close()
    return report, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 6000])
    parser.add_argument("--gui", action="store_true", help="scan through the app's rescan")
    args = parser.parse_args()
    for n in args.sizes:
        run(n, args.gui)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
