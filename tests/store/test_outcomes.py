"""Every store method that changes data returns one shape: ``Outcome(value, changes)``.

The managers' public methods are either readers (listed here, and none of them opens a write
transaction) or return an ``Outcome``: a new mutating method that returns anything else, or a
reader that starts writing, fails this test.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import typing

from annotator.core.models import Changes, Outcome
from annotator.store.annotations import AnnotationManager
from annotator.store.documents import DocumentManager, SourceManager
from annotator.store.interchange import InterchangeManager
from annotator.store.project import ProjectManager
from annotator.store.tags import TagManager

READERS: dict[type, set[str]] = {
    SourceManager: {"find", "get", "list"},
    DocumentManager: {
        "get",
        "list",
        "many",
        "titles",
        "missing",
        "text",
        "stored_text",
        "texts",
        "pages",
        "find",
        "find_by_hash",
        "resolve",
    },
    TagManager: {
        "list",
        "get",
        "find",
        "require",
        "path",
        "descendants",
        "impact",
        "color_counts",
        "next_position",
        "check_unique",
    },
    AnnotationManager: {
        "get",
        "for_document",
        "query",
        "ids",
        "many",
        "count",
        "authors",
        "unverified",
        "previous_wording",
    },
    ProjectManager: {"get", "name", "note", "author", "settings"},
    InterchangeManager: {"project_uuid", "guids", "groups", "group"},
}


def _public(cls: type) -> dict[str, object]:
    return {
        name: member
        for name, member in vars(cls).items()
        if not name.startswith("_") and (callable(member) or isinstance(member, property))
    }


def _writes(member: object) -> bool:
    """Whether the method's own code opens a transaction or calls a writing helper."""
    function = member.fget if isinstance(member, property) else member
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("atomic", "_update", "_link"):
            return True
    return False


def violations(cls: type, readers: set[str]) -> list[str]:
    found = []
    for name, member in _public(cls).items():
        if name in readers:
            if _writes(member):
                found.append(f"{cls.__name__}.{name} is listed as a reader but writes")
            continue
        hints = typing.get_type_hints(member)
        if typing.get_origin(hints.get("return")) is not Outcome:
            found.append(f"{cls.__name__}.{name} changes data but returns {hints.get('return')}")
    return found


def test_every_mutating_method_of_every_manager_returns_an_outcome():
    for cls, readers in READERS.items():
        assert set(readers) <= set(_public(cls)), f"a listed reader of {cls.__name__} is gone"
        assert violations(cls, readers) == []


def test_the_check_catches_a_method_that_returns_a_bare_record():
    class Sloppy:
        def __init__(self, library) -> None:
            self._lib = library

        def get(self, item_id: int) -> int:
            return item_id

        def rename(self, item_id: int, name: str) -> Changes:
            return Changes(tags={item_id})

        def add(self, name: str) -> tuple[int, Changes]:
            with self._lib.atomic():
                return 1, Changes()

        def fine(self, name: str) -> Outcome[None]:
            return Outcome(None, Changes())

    assert violations(Sloppy, {"get"}) == [
        "Sloppy.rename changes data but returns <class 'annotator.core.models.Changes'>",
        "Sloppy.add changes data but returns tuple[int, annotator.core.models.Changes]",
    ]
    assert violations(Sloppy, {"get", "add", "rename", "fine"}) == [
        "Sloppy.add is listed as a reader but writes"
    ]


def test_an_outcome_says_what_changed(tmp_path):
    from annotator.core.textload import decode_bytes
    from annotator.store.library import Library

    with Library.open(tmp_path / "p.annotator") as lib:
        source = lib.sources.add(tmp_path, "folder")
        assert source.changes.sources == {source.value.id}
        assert lib.sources.add(tmp_path, "folder").changes == Changes()  # already there
        doc = lib.documents.add(source.value.id, "a.txt", decode_bytes(b"Gas and oil."))
        assert doc.changes.documents == {doc.value.id}
        tag = lib.tags.create("Energy")
        assert tag.changes.tags == {tag.value.id} and tag.changes.tag_tree
        made = lib.annotations.create(doc.value.id, 0, 3, tag_ids=[tag.value.id])
        assert made.changes == Changes(
            annotations={made.value.id}, documents={doc.value.id}, tags={tag.value.id}
        )
        gone = lib.annotations.delete(made.value.id)
        assert gone.value == made.value and gone.changes == made.changes
        assert lib.project.set_name("Study").changes.project
