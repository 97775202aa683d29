"""How the excerpts table copes with a large project: 50,000 annotations over generated texts.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/excerpts.py [annotations]
Prints the time to build the model (ids only), to paint the first screen, to jump to the last
row, to apply a tag filter and a text search, and the Python memory the model holds.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.models import ExcerptFilter, Match  # noqa: E402
from annotator.services.sources import add_paths  # noqa: E402
from annotator.store.library import Library  # noqa: E402
from annotator.ui.excerpts_model import COLUMNS, ExcerptsModel  # noqa: E402
from annotator.ui.excerpts_panel import ExcerptsPanel  # noqa: E402

WORDS = (
    "energy pipeline treaty border sanctions trade summit minister alliance security oil gas "
    "grain yuan rouble arms exercise navy council statement partnership strategy market"
).split()


def make_project(folder: Path, total: int) -> Library:
    rng = random.Random(7)
    texts = folder / "texts"
    texts.mkdir()
    for n in range(50):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))).capitalize() + "."
            for _ in range(60)
        ]
        (texts / f"article_{n:03}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    library = Library.open(folder / "big.annotator")
    add_paths(library, [texts])
    tags = [library.tags.create(f"Theme {i}").value.id for i in range(24)]
    documents = [(d.id, d.char_count) for d in library.documents.list()]
    with library.atomic():
        for i in range(total):
            document_id, length = documents[i % len(documents)]
            start = rng.randrange(0, length - 200)
            chosen = rng.sample(tags, rng.randint(0, 3))
            note = "check this" if i % 9 == 0 else ""
            library.annotations.create(
                document_id, start, start + rng.randint(20, 180), tag_ids=chosen, note=note
            )
    return library, tags


def timed(label: str, action) -> object:
    started = time.perf_counter()
    result = action()
    print(f"{label:<38} {1000 * (time.perf_counter() - started):8.1f} ms")
    return result


def main() -> int:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        library, tags = make_project(Path(tmp), total)
        print(f"generated {total:,} annotations in {time.perf_counter() - started:.1f} s")

        tracemalloc.start()
        model = timed("model over every annotation (ids)", lambda: ExcerptsModel(library))
        current, _peak = tracemalloc.get_traced_memory()
        print(f"{'model memory after building':<38} {current / 1e6:8.2f} MB")

        def first_screen() -> None:
            for row in range(40):
                for column in range(len(COLUMNS)):
                    model.index(row, column).data()

        timed("first screen (40 rows)", first_screen)
        timed("last row", lambda: model.index(model.rowCount() - 1, 0).data())

        def scroll_all() -> None:
            for row in range(0, model.rowCount(), 25):
                model.index(row, 0).data()

        timed("scroll through every page", scroll_all)
        current, peak = tracemalloc.get_traced_memory()
        print(
            f"{'model memory after scrolling (peak)':<38} {current / 1e6:8.2f} MB "
            f"({peak / 1e6:.2f})"
        )
        tracemalloc.stop()

        any_filter = ExcerptFilter(tag_ids=(tags[0], tags[1]), match=Match.ANY)
        timed("filter: two tags, any", lambda: model.set_filter(any_filter))
        print(f"{'  rows':<38} {model.rowCount():8,}")
        all_filter = ExcerptFilter(tag_ids=(tags[0], tags[1]), match=Match.ALL)
        timed("filter: two tags, all", lambda: model.set_filter(all_filter))
        print(f"{'  rows':<38} {model.rowCount():8,}")
        timed(
            "filter: text search 'pipeline'",
            lambda: model.set_filter(ExcerptFilter(search="pipeline")),
        )
        print(f"{'  rows':<38} {model.rowCount():8,}")

        model.set_filter(ExcerptFilter())
        document = library.documents.list()[0]
        made = library.annotations.create(document.id, 10, 60, tag_ids=[tags[2]]).value
        from annotator.core.models import Changes

        changes = Changes(annotations={made.id}, documents={document.id}, tags={tags[2]})
        timed("refresh after one new highlight", lambda: model.refresh(changes))
        timed("documents.list() (titles, counts)", library.documents.list)

        panel = timed("panel with table shown", lambda: _show_panel(app, library))
        panel.close()

        window = timed("main window built and shown", lambda: _show_window(app, library))
        view = window.parts.view
        view.select_span(100, 140)
        timed("tag a selection (store + every view)", lambda: window.apply_tag(tags[5]))
        timed("undo it", window.controller.undo_stack.undo)
        other = library.documents.list()[7].id
        timed("open another document", lambda: window.open_document(other))
        window.close()
        library.close()
    return 0


def _show_window(app: QApplication, library: Library):
    from annotator.ui.main_window import MainWindow

    window = MainWindow(library)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    return window


def _show_panel(app: QApplication, library: Library) -> ExcerptsPanel:
    panel = ExcerptsPanel(library)
    panel.resize(700, 800)
    panel.show()
    app.processEvents()
    return panel


if __name__ == "__main__":
    raise SystemExit(main())
