"""The tag tree: order, unique names, move, reorder, merge and unmerge, delete and restore."""

from __future__ import annotations

import pytest

from annotator.core.models import ExcerptFilter
from annotator.store.errors import Conflict, NotFound


def snapshot(lib):
    """Everything about the tags a user could notice: the tree, and which annotation has which."""
    tags = [
        (t.id, t.name, t.parent_id, t.color, t.description, t.note, t.position, t.count)
        for t in lib.tags.list()
    ]
    links = sorted(lib.db.execute("SELECT annotation_id, tag_id FROM annotation_tags").fetchall())
    return tags, links


@pytest.fixture
def tree(lib, add_doc):
    """Security (Arms, Nuclear (Warheads)), Energy (Gas, Oil), and annotations tagged with them."""
    t = {}
    t["Security"] = lib.tags.create("Security", color="#aa0000").value
    t["Arms"] = lib.tags.create("Arms", parent_id=t["Security"].id).value
    t["Nuclear"] = lib.tags.create("Nuclear", parent_id=t["Security"].id).value
    t["Warheads"] = lib.tags.create("Warheads", parent_id=t["Nuclear"].id).value
    t["Energy"] = lib.tags.create("Energy", description="oil and gas").value
    t["Gas"] = lib.tags.create("Gas", parent_id=t["Energy"].id).value
    t["Oil"] = lib.tags.create("Oil", parent_id=t["Energy"].id).value
    doc = add_doc(lib, "a.txt", "one two three four five six seven eight nine ten " * 3)
    ann = {}
    ann["arms"] = lib.annotations.create(doc.id, 0, 3, tag_ids=[t["Arms"].id]).value
    ann["both"] = lib.annotations.create(doc.id, 4, 7, tag_ids=[t["Arms"].id, t["Gas"].id]).value
    ann["war"] = lib.annotations.create(
        doc.id, 8, 13, tag_ids=[t["Warheads"].id, t["Oil"].id]
    ).value
    ann["gas"] = lib.annotations.create(doc.id, 14, 18, tag_ids=[t["Gas"].id]).value
    return {name: tag.id for name, tag in t.items()}, {k: a.id for k, a in ann.items()}


def names(lib):
    return [lib.tags.path(t.id) for t in lib.tags.list()]


def test_tree_order_parents_first_siblings_by_position(lib, tree):
    assert names(lib) == [
        "Security",
        "Security/Arms",
        "Security/Nuclear",
        "Security/Nuclear/Warheads",
        "Energy",
        "Energy/Gas",
        "Energy/Oil",
    ]
    tags = {t.name: t for t in lib.tags.list()}
    assert tags["Security"].color == "#aa0000"
    assert tags["Energy"].description == "oil and gas"
    assert (tags["Arms"].count, tags["Gas"].count, tags["Security"].count) == (2, 2, 0)


def test_new_tags_get_distinct_colours(lib):
    colours = [lib.tags.create(f"T{i}").value.color for i in range(6)]
    assert len(set(colours)) == 6
    assert all(len(c) == 7 and c.startswith("#") for c in colours)


def test_names_are_unique_among_siblings_ignoring_case(lib, tree):
    ids, _ = tree
    with pytest.raises(Conflict, match="already exists under 'Security'"):
        lib.tags.create("arms", parent_id=ids["Security"])
    with pytest.raises(Conflict, match="top level"):
        lib.tags.create("ENERGY")
    with pytest.raises(Conflict):
        lib.tags.rename(ids["Oil"], "gas")
    # The same name under another parent is fine, and so is changing a name's case.
    lib.tags.create("Arms", parent_id=ids["Energy"])
    lib.tags.rename(ids["Oil"], "OIL")
    assert lib.tags.get(ids["Oil"]).name == "OIL"


def test_bad_names_and_colours_are_refused(lib):
    for bad in ("", "   ", "a/b"):
        with pytest.raises(ValueError):
            lib.tags.create(bad)
    with pytest.raises(ValueError, match="#RRGGBB"):
        lib.tags.create("X", color="red")
    with pytest.raises(NotFound):
        lib.tags.create("X", parent_id=999)
    assert lib.tags.list() == []


def test_find_by_name_or_path(lib, tree):
    ids, _ = tree
    lib.tags.create("Arms", parent_id=ids["Energy"])
    assert lib.tags.find("warheads").id == ids["Warheads"]
    assert lib.tags.find("Security/Arms").id == ids["Arms"]
    with pytest.raises(Conflict, match="give its path"):
        lib.tags.find("Arms")
    assert lib.tags.find("Nope") is None
    with pytest.raises(NotFound):
        lib.tags.require("Nope")


def test_ensure_path_creates_only_missing_levels(lib, tree):
    ids, _ = tree
    tag = lib.tags.ensure_path("security / Nuclear/Doctrine", color="#123456").value
    assert lib.tags.path(tag.id) == "Security/Nuclear/Doctrine"
    assert tag.parent_id == ids["Nuclear"] and tag.color == "#123456"
    assert lib.tags.ensure_path("Security/Nuclear/Doctrine").value.id == tag.id
    assert len(lib.tags.list()) == 8


def test_move_reparents_and_reorders(lib, tree):
    ids, _ = tree
    lib.tags.move(ids["Oil"], ids["Energy"], 0)
    assert names(lib)[4:] == ["Energy", "Energy/Oil", "Energy/Gas"]
    lib.tags.move(ids["Nuclear"], None, 0)
    assert names(lib)[:2] == ["Nuclear", "Nuclear/Warheads"]
    assert [t.position for t in lib.tags.list() if t.parent_id is None] == [0, 1, 2]
    lib.tags.move(ids["Gas"], ids["Security"])  # no position: at the end
    assert [lib.tags.path(t.id) for t in lib.tags.list() if t.parent_id == ids["Security"]] == [
        "Security/Arms",
        "Security/Gas",
    ]


def test_move_into_itself_or_a_descendant_is_refused(lib, tree):
    ids, _ = tree
    before = snapshot(lib)
    with pytest.raises(Conflict, match="inside itself"):
        lib.tags.move(ids["Security"], ids["Warheads"])
    with pytest.raises(Conflict):
        lib.tags.move(ids["Security"], ids["Security"])
    lib.tags.create("Arms", parent_id=ids["Energy"])
    with pytest.raises(Conflict):
        lib.tags.move(ids["Arms"], ids["Energy"])  # a sibling of that name is there already
    assert snapshot(lib)[0][:7] == before[0]


def test_impact_counts_tags_below_and_distinct_annotations(lib, tree):
    ids, _ = tree
    assert lib.tags.impact(ids["Security"]) == (4, 3)
    assert lib.tags.impact(ids["Energy"]) == (3, 3)
    assert lib.tags.impact(ids["Warheads"]) == (1, 1)


def test_delete_and_restore_put_everything_back(lib, tree):
    ids, ann = tree
    before = snapshot(lib)
    outcome = lib.tags.delete(ids["Security"])
    removed, changes = outcome.value, outcome.changes
    assert changes.tag_tree and changes.tags == {
        ids["Security"],
        ids["Arms"],
        ids["Nuclear"],
        ids["Warheads"],
    }
    assert names(lib) == ["Energy", "Energy/Gas", "Energy/Oil"]
    # Annotations stay, with their other tags.
    assert lib.annotations.count() == 4
    assert lib.annotations.get(ann["war"]).tag_ids == (ids["Oil"],)
    assert lib.annotations.get(ann["arms"]).tag_ids == ()
    lib.tags.restore(removed)
    assert snapshot(lib) == before


def test_merge_moves_annotations_and_children(lib, tree):
    ids, ann = tree
    lib.tags.create("Sanctions", parent_id=ids["Energy"])
    outcome = lib.tags.merge(ids["Security"], ids["Energy"])
    record, changes = outcome.value, outcome.changes
    assert changes.tag_tree and ids["Security"] in changes.tags
    # The children keep their order, after the target's own children.
    assert names(lib) == [
        "Energy",
        "Energy/Gas",
        "Energy/Oil",
        "Energy/Sanctions",
        "Energy/Arms",
        "Energy/Nuclear",
        "Energy/Nuclear/Warheads",
    ]
    with pytest.raises(NotFound):
        lib.tags.get(ids["Security"])
    # An annotation carrying both tags keeps one link to the target.
    lib.tags.merge(ids["Arms"], ids["Gas"])
    assert lib.annotations.get(ann["both"]).tag_ids == (ids["Gas"],)
    assert lib.annotations.get(ann["arms"]).tag_ids == (ids["Gas"],)
    assert lib.tags.get(ids["Gas"]).count == 3
    assert set(record.moved_children) == {ids["Arms"], ids["Nuclear"]}


def test_unmerge_restores_the_tree_and_links_exactly(lib, tree):
    ids, _ = tree
    lib.tags.create("Zeta", parent_id=ids["Security"])
    before = snapshot(lib)
    outcome = lib.tags.merge(ids["Security"], ids["Energy"])
    first, _ = outcome.value, outcome.changes
    outcome = lib.tags.merge(ids["Arms"], ids["Gas"])
    second, _ = outcome.value, outcome.changes
    lib.tags.unmerge(second)
    lib.tags.unmerge(first)
    assert snapshot(lib) == before


def test_merge_refuses_itself_a_descendant_and_name_clashes(lib, tree):
    ids, _ = tree
    lib.tags.create("Arms", parent_id=ids["Energy"])
    before = snapshot(lib)
    with pytest.raises(Conflict):
        lib.tags.merge(ids["Energy"], ids["Energy"])
    with pytest.raises(Conflict, match="own child"):
        lib.tags.merge(ids["Security"], ids["Warheads"])
    with pytest.raises(Conflict, match="Arms"):
        lib.tags.merge(ids["Security"], ids["Energy"])
    assert snapshot(lib) == before


def test_a_failing_merge_changes_nothing(lib, tree, monkeypatch):
    ids, _ = tree
    before = snapshot(lib)
    real_execute = lib.db.execute

    def failing(sql, *args, **kwargs):
        if sql.startswith("DELETE FROM tags"):
            raise RuntimeError("disk pulled out mid-merge")
        return real_execute(sql, *args, **kwargs)

    monkeypatch.setattr(lib.db, "execute", failing)
    with pytest.raises(RuntimeError):
        lib.tags.merge(ids["Security"], ids["Energy"])
    monkeypatch.undo()
    assert snapshot(lib) == before


def test_a_failing_delete_changes_nothing(lib, tree, monkeypatch):
    ids, _ = tree
    before = snapshot(lib)
    real_execute = lib.db.execute
    calls = []

    def failing(sql, *args, **kwargs):
        if sql.startswith("DELETE FROM tags"):
            calls.append(sql)
            if len(calls) == 2:  # after the first tag went
                raise RuntimeError("interrupted")
        return real_execute(sql, *args, **kwargs)

    monkeypatch.setattr(lib.db, "execute", failing)
    with pytest.raises(RuntimeError):
        lib.tags.delete(ids["Security"])
    monkeypatch.undo()
    assert snapshot(lib) == before


def test_tag_search_and_counts_through_descendants(lib, tree):
    ids, _ = tree
    lib.tags.set_note(ids["Oil"], "Brent crude benchmarks")
    assert lib.search.tags("crude") == [ids["Oil"]]
    assert set(lib.search.tags("oil")) == {ids["Energy"], ids["Oil"]}  # description mentions oil
    assert lib.annotations.count(ExcerptFilter(tag_ids=(ids["Security"],))) == 3
    assert lib.tags.descendants(ids["Security"]) == {
        ids["Security"],
        ids["Arms"],
        ids["Nuclear"],
        ids["Warheads"],
    }


def _sqlite_steps(lib, action) -> int:
    """How much work SQLite does for ``action``: its virtual machine's steps, in hundreds."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0

    lib.db.conn.set_progress_handler(count, 100)
    try:
        action()
    finally:
        lib.db.conn.set_progress_handler(None, 100)
    return steps


def test_creating_a_tag_costs_the_same_among_200_or_2000_siblings(lib):
    # A codebook of 5,000 sibling codes took minutes: each new tag scanned every tag (for its
    # position among its siblings, the depth of its parent, and its colour).
    grey = "#c9c9c9"
    parent = lib.tags.create("Codes", color=grey).value
    for n in range(200):
        lib.tags.create(f"Code {n}", parent_id=parent.id, color=grey)
        lib.tags.create(f"Top {n}", color=grey)
    few = _sqlite_steps(
        lib, lambda: lib.tags.create("Probe A", parent_id=parent.id, color=grey).value
    )
    for n in range(200, 2000):
        lib.tags.create(f"Code {n}", parent_id=parent.id, color=grey)
        lib.tags.create(f"Top {n}", color=grey)
    many = _sqlite_steps(
        lib, lambda: lib.tags.create("Probe B", parent_id=parent.id, color=grey).value
    )
    assert many < 2 * few + 20, (few, many)
    # Choosing a colour counts the tags of each palette colour over an index, in SQLite.
    assert lib.tags.color_counts() == {grey: 4003}
    assert lib.tags.create("Probe C").value.color == "#f6c343"  # the first palette colour unused
