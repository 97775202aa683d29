"""Benchmark the reading view on a 3 MB text with 10,000 highlights (20% overlapping, 12 tags).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/reading_view.py
Targets: open + highlight <= 0.3 s, add one <= 10 ms, filter <= 100 ms, repaint <= 10 ms,
resident memory <= 200 MB.
"""

from __future__ import annotations

import os
import random
import resource
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.ui.reading_view import Highlight, ReadingView  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TARGET_CHARS = 3_000_000
N_HIGHLIGHTS = 10_000
N_TAGS = 12
PALETTE = [
    "#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231", "#911eb4",
    "#42d4f4", "#f032e6", "#bfef45", "#fabed4", "#469990", "#dcbeff",
]  # fmt: skip


def build_text(rng: random.Random) -> str:
    """Seed articles repeated with small variations (numbered copies, shuffled paragraphs)."""
    articles = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    parts: list[str] = []
    size = 0
    copy = 0
    while size < TARGET_CHARS:
        paragraphs = rng.choice(articles).split("\n\n")
        rng.shuffle(paragraphs)
        chunk = f"Copy {copy} ✦\n\n" + "\n\n".join(paragraphs) + "\n\n"
        parts.append(chunk)
        size += len(chunk)
        copy += 1
    return "".join(parts)[:TARGET_CHARS]


def build_highlights(text: str, rng: random.Random) -> list[Highlight]:
    n = len(text)
    step = n // N_HIGHLIGHTS
    out: list[Highlight] = []
    for i in range(N_HIGHLIGHTS):
        start = i * step + rng.randrange(0, step // 4)
        length = rng.randrange(20, 200)
        if rng.random() < 0.22:  # reach into the next highlight's span
            length = step + rng.randrange(10, 120)
        tags = rng.sample(range(N_TAGS), 2 if rng.random() < 0.1 else 1)
        out.append(
            Highlight(
                i + 1, start, min(n, start + length), tuple(PALETTE[t] for t in tags), tuple(tags)
            )
        )
    return out


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main() -> None:
    rng = random.Random(7)
    app = QApplication.instance() or QApplication([])
    text = build_text(rng)
    highlights = build_highlights(text, rng)
    overlapping = sum(
        1 for a, b in zip(highlights, highlights[1:], strict=False) if a.end > b.start
    )
    print(
        f"text: {len(text):,} chars, {text.count(chr(10)):,} lines; {len(highlights):,} "
        f"highlights ({overlapping / len(highlights):.0%} overlap the next), {N_TAGS} tags"
    )
    rss0 = rss_mb()
    view = ReadingView()
    view.resize(1000, 800)
    view.show()
    app.processEvents()

    def timed(action) -> tuple[float, float]:
        """Seconds for ``action`` alone, and for it plus the repaint that shows its result."""
        t0 = time.perf_counter()
        action()
        t1 = time.perf_counter()
        view.viewport().repaint()
        return t1 - t0, time.perf_counter() - t0

    rows: list[tuple[str, tuple[float, float], str]] = []
    rows.append(
        ("open (set_text) + highlight", timed(lambda: view.set_text(text, highlights)), "<= 300 ms")
    )
    app.processEvents()
    mid = len(text) // 2
    view.select_span(mid, mid + 10)
    app.processEvents()

    def median_of(actions) -> tuple[float, float]:
        runs = sorted((timed(a) for a in actions), key=lambda r: r[1])
        return runs[len(runs) // 2]

    extras = [
        Highlight(N_HIGHLIGHTS + 1 + k, mid + 30 * k, mid + 30 * k + 150, (PALETTE[k],), (k,))
        for k in range(9)
    ]
    rows.append(
        (
            "add one highlight (median of 9)",
            median_of([lambda h=h: view.add_highlight(h) for h in extras]),
            "<= 10 ms",
        )
    )
    rows.append(
        (
            "remove one highlight (median of 9)",
            median_of([lambda h=h: view.remove_highlight(h.annotation_id) for h in extras]),
            "",
        )
    )
    rows.append(
        (
            "filter to one tag, dim (median of 9)",
            median_of([lambda t=t: view.set_tag_filter({t}, "dim") for t in range(9)]),
            "<= 100 ms",
        )
    )
    rows.append(
        (
            "filter to one tag, hide (median of 9)",
            median_of([lambda t=t: view.set_tag_filter({t}, "hide") for t in range(9)]),
            "",
        )
    )
    rows.append(("clear filter", timed(lambda: view.set_tag_filter(None)), ""))
    rows.append(
        ("set_highlights (all 10,000 again)", timed(lambda: view.set_highlights(highlights)), "")
    )

    vbar = view.verticalScrollBar()
    repaints = []
    for _ in range(30):
        vbar.setValue(vbar.value() + vbar.pageStep())
        t = time.perf_counter()
        view.viewport().repaint()
        repaints.append(time.perf_counter() - t)
    repaints.sort()
    # The margin strip: stripes, and (where the view has them) tag-name labels on them.
    if hasattr(view, "set_tag_names"):
        view.set_tag_names({t: f"Tag {t} {'name ' * (t % 3)}".strip() for t in range(N_TAGS)})
    strip = next(w for w in view.children() if type(w).__name__ == "MarginStrip")
    strip_paints = []
    for _ in range(30):
        vbar.setValue(vbar.value() + vbar.pageStep())
        t = time.perf_counter()
        strip.repaint()
        strip_paints.append(time.perf_counter() - t)
    strip_paints.sort()
    t = time.perf_counter()
    view.grab()
    t_grab = time.perf_counter() - t
    t = time.perf_counter()
    view.select_span(len(text) // 5, len(text) // 5 + 400)
    t_select = time.perf_counter() - t

    print(f"{'operation':40s} {'alone':>11s} {'+ repaint':>11s}   target")
    for name, (alone, painted), target in rows:
        print(f"{name:40s} {ms(alone)} {ms(painted)}   {target}")
    print(
        f"{'repaint after a page scroll':40s} median {ms(repaints[len(repaints) // 2])}, "
        f"max {ms(repaints[-1])}   <= 10 ms"
    )
    print(
        f"{'margin strip repaint, page scroll':40s} median "
        f"{ms(strip_paints[len(strip_paints) // 2])}, max {ms(strip_paints[-1])}   "
        f"({strip.width()} px wide)"
    )
    print(f"{'grab() of the whole widget':40s} {ms(t_grab)}")
    print(f"{'select_span + centre, far away':40s} {ms(t_select)}")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"resident now {rss_mb():.0f} MB (before view {rss0:.0f} MB), peak {maxrss:.0f} MB   "
        f"target <= 200 MB"
    )


if __name__ == "__main__":
    main()
