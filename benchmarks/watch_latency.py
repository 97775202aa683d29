"""Measure the source watcher: close-write -> callback latency, and events per save style."""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from annotator.services.live import source_watcher


class RawCounter(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[str] = []

    def dispatch(self, event) -> None:
        self.events.append(event.event_type)


def save_in_place(folder: Path, i: int) -> None:
    (folder / "article.txt").write_text(f"in place {i}\n", encoding="utf-8")


def save_temp_replace(folder: Path, i: int) -> None:
    temp = folder / f".goutputstream-{i:04d}"
    temp.write_text(f"replace {i}\n", encoding="utf-8")
    os.replace(temp, folder / "article.txt")


def save_delete_create(folder: Path, i: int) -> None:
    (folder / "article.txt").unlink()
    (folder / "article.txt").write_text(f"recreate {i}\n", encoding="utf-8")


def save_vim(folder: Path, i: int) -> None:
    swap = folder / ".article.txt.swp"
    swap.write_bytes(b"swap")
    os.rename(folder / "article.txt", folder / "article.txt~")
    (folder / "article.txt").write_text(f"vim {i}\n", encoding="utf-8")
    (folder / "article.txt~").unlink()
    swap.unlink()


def save_fifty(folder: Path, i: int) -> None:
    for j in range(50):
        (folder / "article.txt").write_text(f"burst {i}.{j}\n", encoding="utf-8")


STYLES = {
    "write in place": save_in_place,
    "temp + os.replace": save_temp_replace,
    "delete then create": save_delete_create,
    "vim backup dance": save_vim,
    "50 quick writes": save_fifty,
}


def latency(style, saves: int = 20) -> tuple[float, float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "article.txt").write_text("start\n", encoding="utf-8")
        got = threading.Event()
        arrived: list[float] = []
        count = [0]

        def callback(event) -> None:
            count[0] += 1
            arrived.append(time.perf_counter())
            got.set()

        watcher = source_watcher(callback)  # the app's: close 0.05 s, modify 0.6 s
        watcher.watch(folder)
        watcher.start()
        samples = []
        try:
            for i in range(saves):
                got.clear()
                style(folder, i)
                done = time.perf_counter()
                if not got.wait(5):
                    raise RuntimeError("no event")
                samples.append(arrived[-1] - done)
                time.sleep(0.8)  # let stragglers (there should be none) arrive
        finally:
            watcher.stop()
        return (statistics.median(samples), min(samples), max(samples), count[0])


def raw_events(style) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "article.txt").write_text("start\n", encoding="utf-8")
        counter = RawCounter()
        observer = Observer()
        observer.schedule(counter, tmp, recursive=True)
        observer.start()
        try:
            time.sleep(0.2)
            style(folder, 0)
            time.sleep(0.5)
        finally:
            observer.stop()
            observer.join()
        return len(counter.events)


def main() -> None:
    print(
        f"{'save style':20} {'raw events':>10} {'settled/save':>12} "
        f"{'median ms':>10} {'min ms':>7} {'max ms':>7}"
    )
    for name, style in STYLES.items():
        raw = raw_events(style)
        saves = 20
        median, low, high, count = latency(style, saves)
        print(
            f"{name:20} {raw:>10} {count / saves:>12.2f} {median * 1000:>10.1f} "
            f"{low * 1000:>7.1f} {high * 1000:>7.1f}"
        )


if __name__ == "__main__":
    main()
