"""How fast the tag panel and quick-tag box build and refresh over a large tag tree.

Usage: QT_QPA_PLATFORM=offscreen python benchmarks/panels_scale.py [TAGS] [ANNOTATIONS]
Prints milliseconds for: building the panel, a count-only refresh (an annotation tagged),
a tree refresh (a tag created: a model reset keeping expansion), and the quick-tag reload.
"""

from __future__ import annotations

import random
import sys
import time

from PySide6.QtWidgets import QApplication

from annotator.bundled import seeds_dir
from annotator.services import commands as cmd
from annotator.services.sources import add_paths
from annotator.services.tagging import TagSpan
from annotator.store.library import Library
from annotator.ui.controller import ProjectController
from annotator.ui.quick_tag import QuickTagBox
from annotator.ui.tag_panel import TagPanel


def timed(label: str, action) -> None:
    started = time.perf_counter()
    action()
    QApplication.processEvents()
    print(f"{label:<44} {(time.perf_counter() - started) * 1000:8.1f} ms")


def main() -> None:
    tags_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    annotations_wanted = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    app = QApplication.instance() or QApplication([])
    library = Library.open(None)
    add_paths(library, [seeds_dir()])
    rng = random.Random(7)
    parents = max(1, tags_wanted // 10)
    ids: list[int] = []
    with library.atomic():
        for p in range(parents):
            parent = library.tags.create(f"Theme {p:03d}").value
            ids.append(parent.id)
            for c in range(9):
                if len(ids) < tags_wanted:
                    ids.append(library.tags.create(f"Aspect {c}", parent_id=parent.id).value.id)
        documents = [(d.id, d.char_count) for d in library.documents.list()]
        for _ in range(annotations_wanted):
            doc, length = rng.choice(documents)
            start = rng.randrange(0, length - 50)
            library.annotations.create(doc, start, start + 40, tag_ids=rng.sample(ids, 2))
    print(f"{len(ids)} tags, {annotations_wanted} annotations")
    controller = ProjectController(library)
    holder: dict[str, object] = {}
    timed("build TagPanel", lambda: holder.setdefault("panel", TagPanel(controller)))
    panel = holder["panel"]
    assert isinstance(panel, TagPanel)
    panel.resize(300, 600)
    panel.show()
    panel.view.expandAll()
    QApplication.processEvents()  # lay the expanded tree out before timing refreshes
    timed(
        "count refresh (annotation tagged)",
        lambda: controller.push(TagSpan(library, documents[0][0], 0, 30, ids[:2])),
    )
    timed(
        "tree refresh (tag created, reset)",
        lambda: controller.push(cmd.CreateTag(library, "New one", ids[0])),
    )
    timed("build QuickTagBox", lambda: holder.setdefault("box", QuickTagBox(controller)))
    box = holder["box"]
    assert isinstance(box, QuickTagBox)
    timed("QuickTagBox reload", box.reload)
    del app


if __name__ == "__main__":
    main()
