"""The excerpts table and its filter bar, over a real project."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from annotator.bundled import seeds_dir
from annotator.core.models import Changes, ExcerptFilter, Match
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.excerpts_model import PAGE_SIZE, QUOTE, TAGS, AnnotationIdRole, ExcerptsModel
from annotator.ui.excerpts_panel import ExcerptsPanel


@pytest.fixture
def library(tmp_path):
    texts = tmp_path / "texts"
    shutil.copytree(seeds_dir(), texts)
    lib = Library.open(tmp_path / "project.annotator")
    add_paths(lib, [texts])
    yield lib
    lib.close()


@pytest.fixture
def tagged(library):
    """Two tags and four annotations: one tag each, both, and none."""
    doc = library.documents.list()[0]
    text = library.documents.text(doc.id)
    red = library.tags.create("Red", color="#f28e8e").value
    blue = library.tags.create("Blue", color="#7ec8e3").value
    spans = [(0, 10), (20, 40), (50, 70), (80, 95)]
    assert len(text) > 100
    made = [
        library.annotations.create(doc.id, *spans[0], tag_ids=[red.id]).value,
        library.annotations.create(doc.id, *spans[1], tag_ids=[blue.id]).value,
        library.annotations.create(doc.id, *spans[2], tag_ids=[red.id, blue.id], note="both").value,
        library.annotations.create(doc.id, *spans[3]).value,
    ]
    return library, red, blue, made


def test_two_tags_any_and_all(tagged):
    library, red, blue, made = tagged
    model = ExcerptsModel(library)
    assert model.rowCount() == len(made)
    model.set_filter(ExcerptFilter(tag_ids=(red.id, blue.id), match=Match.ANY))
    any_rows = {model.annotation_id(r) for r in range(model.rowCount())}
    assert any_rows == {a.id for a in made if a.tag_ids}
    model.set_filter(ExcerptFilter(tag_ids=(red.id, blue.id), match=Match.ALL))
    assert [model.annotation_id(r) for r in range(model.rowCount())] == [made[2].id]


def test_rows_show_quote_document_tags_and_note(tagged):
    library, red, blue, made = tagged
    model = ExcerptsModel(library)
    row = model.row_of(made[2].id)
    assert row is not None
    assert model.index(row, QUOTE).data() == " ".join(made[2].exact.split())
    assert model.index(row, TAGS).data() == "Red, Blue"
    assert model.index(row, QUOTE).data(AnnotationIdRole) == made[2].id
    title = library.documents.get(made[2].document_id).title
    assert model.index(row, 1).data() == title
    assert model.index(row, 3).data() == "both"


def test_large_lists_read_only_the_pages_shown(library):
    doc = library.documents.list()[0]
    n = PAGE_SIZE * 5 + 7
    with library.atomic():
        for i in range(n):
            library.annotations.create(doc.id, i % 50, i % 50 + 5)
    model = ExcerptsModel(library)
    assert model.rowCount() == n
    assert model.pages_loaded == 0
    model.index(0, QUOTE).data()
    model.index(1, QUOTE).data()
    assert model.pages_loaded == 1
    last = model.index(n - 1, QUOTE).data()
    assert last and model.pages_loaded == 2


def test_refresh_after_tagging_updates_the_row(tagged):
    library, red, blue, made = tagged
    model = ExcerptsModel(library)
    row = model.row_of(made[0].id)
    assert model.index(row, TAGS).data() == "Red"
    changes = library.annotations.add_tags(made[0].id, [blue.id]).changes
    model.refresh(changes)
    assert model.index(row, TAGS).data() == "Red, Blue"


def test_refresh_after_delete_drops_the_row(tagged):
    library, red, blue, made = tagged
    model = ExcerptsModel(library)
    outcome = library.annotations.delete(made[1].id)
    _, changes = outcome.value, outcome.changes
    model.refresh(changes)
    assert model.row_of(made[1].id) is None
    assert model.rowCount() == len(made) - 1


def test_panel_filters_by_tags_document_and_text(qtbot, tagged):
    library, red, blue, made = tagged
    panel = ExcerptsPanel(library)
    qtbot.addWidget(panel)
    panel.set_tag_filter([red.id, blue.id], "all")
    assert panel.model.rowCount() == 1
    assert panel.current_filter() == ExcerptFilter(tag_ids=(red.id, blue.id), match=Match.ALL)
    panel.match_box.setCurrentIndex(panel.match_box.findData(Match.ANY))
    assert panel.model.rowCount() == 3
    panel.set_tag_filter([])
    other = library.documents.list()[1]
    panel.set_document(other.id)
    assert panel.model.rowCount() == 0
    panel.set_document(None)
    assert panel.model.rowCount() == len(made)
    qtbot.keyClicks(panel.search_field, "both")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=2000)
    assert panel.model.annotation_id(0) == made[2].id


def test_panel_double_click_asks_to_jump(qtbot, tagged):
    library, red, blue, made = tagged
    panel = ExcerptsPanel(library)
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    qtbot.waitExposed(panel)
    row = panel.model.row_of(made[1].id)
    rect = panel.table.visualRect(panel.model.index(row, QUOTE))
    with qtbot.waitSignal(panel.excerpt_activated) as signal:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [made[1].id]


def test_panel_keeps_current_row_when_rows_change(qtbot, tagged):
    library, red, blue, made = tagged
    panel = ExcerptsPanel(library)
    qtbot.addWidget(panel)
    panel.select_annotation(made[3].id)
    outcome = library.annotations.delete(made[0].id)
    _, changes = outcome.value, outcome.changes
    panel.refresh(changes)
    assert panel.current_annotation() == made[3].id
    deleted_tag_changes = Changes(tag_tree=True)
    panel.set_tag_filter([red.id])
    library.tags.delete(red.id)
    panel.refresh(deleted_tag_changes)
    assert panel.current_filter().tag_ids == ()


def test_a_new_highlight_is_inserted_without_resetting_the_table(qtbot, tagged):
    library, red, blue, made = tagged
    model = ExcerptsModel(library)
    doc = made[0].document_id
    resets, inserted = [], []
    model.modelReset.connect(lambda: resets.append(True))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    new = library.annotations.create(doc, 12, 18, tag_ids=[red.id]).value
    model.refresh(Changes(annotations={new.id}, documents={doc}))
    row = model.row_of(new.id)
    assert inserted == [(row, row)] and not resets
    assert [model.annotation_id(r) for r in range(model.rowCount())] == library.annotations.ids()
    assert model.index(row, TAGS).data() == "Red"
