"""Pinned digit keys kept in the project, and the passage counts under each tag."""

from __future__ import annotations

import pytest

from annotator.core.models import ExcerptFilter
from annotator.store.library import Library


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "p.annotator")
    yield library
    library.close()


def test_pins_survive_reopening_and_forget_deleted_tags(tmp_path, lib):
    a = lib.tags.create("A").value
    b = lib.tags.create("B").value
    lib.tag_keys.set_pinned({3: a.id, 5: b.id})
    lib.close()
    again = Library.open(tmp_path / "p.annotator")
    assert again.tag_keys.pinned() == {3: a.id, 5: b.id}
    again.tags.delete(b.id)
    assert again.tag_keys.pinned() == {3: a.id}
    again.close()


def test_a_hand_edited_value_means_no_pins(lib):
    lib.project.set("digit_keys", "not json")
    assert lib.tag_keys.pinned() == {}
    lib.project.set("digit_keys", '{"12": 1, "x": 2, "4": "y"}')
    assert lib.tag_keys.pinned() == {}
    with pytest.raises(ValueError, match="1 to 9"):
        lib.tag_keys.set_pinned({10: 1})


def test_totals_count_a_passage_once_under_its_tag_and_ancestors(lib, tmp_path):
    doc_folder = tmp_path / "docs"
    doc_folder.mkdir()
    (doc_folder / "a.txt").write_text("one two three four five six seven", encoding="utf-8")
    from annotator.services.sources import add_paths

    add_paths(lib, [doc_folder])
    (doc,) = lib.documents.list()
    energy = lib.tags.ensure_path("Energy").value
    oil = lib.tags.ensure_path("Energy/Oil").value
    gas = lib.tags.ensure_path("Energy/Gas").value
    other = lib.tags.create("Other").value
    lib.annotations.create(doc.id, 0, 3, tag_ids=[energy.id])
    lib.annotations.create(doc.id, 4, 7, tag_ids=[oil.id, gas.id])  # once under Energy
    lib.annotations.create(doc.id, 8, 13, tag_ids=[gas.id, other.id])
    totals = lib.counts.totals()
    assert totals == {energy.id: 3, oil.id: 1, gas.id: 2, other.id: 1}
    for tag_id, n in totals.items():  # the filters' convention, exactly
        assert lib.annotations.count(ExcerptFilter(tag_ids=(tag_id,))) == n
