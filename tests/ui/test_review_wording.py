"""Review shows an edited passage's old and new wording, the change marked word by word."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.models import AnchorStatus
from annotator.core.textload import decode_bytes
from annotator.core.wording import word_diff
from annotator.services.reload import reload_document
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.controller import ProjectController
from annotator.ui.review_panel import ReviewPanel

OLD = "Intro.\n\nThe pipeline deal stalled over the price of gas for years.\n\nEnd.\n"
NEW = "Intro.\n\nThe pipeline deal stalled over the cost of gas for two years.\n\nEnd.\n"
QUOTE = "The pipeline deal stalled over the price of gas for years."


def test_word_diff_marks_deleted_and_inserted_words():
    assert word_diff("the price of gas", "the cost of gas") == [
        ("same", "the "),
        ("deleted", "price"),
        ("inserted", "cost"),
        ("same", " of gas"),
    ]


def test_an_edited_passage_shows_was_and_now_with_the_change_marked(tmp_path, qtbot):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text(OLD, encoding="utf-8")
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    start = OLD.index(QUOTE)
    annotation = library.annotations.create(doc.id, start, start + len(QUOTE)).value
    reload_document(library, doc.id, decode_bytes(NEW.encode()))
    edited = library.annotations.get(annotation.id)
    assert edited.status is AnchorStatus.EDITED
    assert library.annotations.previous_wording([annotation.id]) == {annotation.id: QUOTE}
    # A second edit before review keeps the wording the reader highlighted.
    reload_document(library, doc.id, decode_bytes(NEW.replace("two", "three").encode()))
    assert library.annotations.previous_wording([annotation.id]) == {annotation.id: QUOTE}

    panel = ReviewPanel(ProjectController(library))
    qtbot.addWidget(panel)
    panel.set_document(doc.id)
    item = panel.items.item(0)
    card = item.data(Qt.ItemDataRole.UserRole + 1)
    assert '<s style="color:#b3261e">price</s>' in card
    assert '<u style="color:#1b7f3b">cost</u>' in card
    assert '<u style="color:#1b7f3b">three </u>' in card
    assert item.toolTip().startswith(f"Was: “{QUOTE}” Now: “")
    library.close()
