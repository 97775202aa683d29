"""Duplicate GUIDs in a REFI-QDA file: the first keeps its GUID, the others are kept and reported.

A GUID names one thing, so a file giving two codes (or notes, or users) one GUID is ambiguous
about what a reference to it means. Refusing the package would lose all of it; letting the last
one win silently (as a dict does) loses the others without a word. Here the first in document
order keeps the GUID, so every reference resolves to it, deterministically; each later one is
still imported (a code becomes a tag, a note goes to the project notes) under a key nothing
refers to, and the report names every duplicate.
"""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.interchange.refiqda_read import Code, TextItem


def walk_codes(codes: list[Code]) -> list[Code]:
    """Every code in the tree, parents before children (iterative: the tree comes from a file)."""
    found: list[Code] = []
    stack = list(reversed(codes))
    while stack:
        code = stack.pop()
        found.append(code)
        stack.extend(reversed(code.children))
    return found


def settle_code_guids(codes: list[Code], problems: list[str]) -> None:
    """Give each code after the first with a GUID a key of its own, and report it."""
    first: dict[str, Code] = {}
    stack = list(reversed(codes))
    while stack:  # parents before children, in document order (no recursion on file input)
        code = stack.pop()
        stack.extend(reversed(code.children))
        if not code.guid:
            continue
        if code.guid not in first:
            first[code.guid] = code
            continue
        kept = first[code.guid]
        problems.append(
            f"the codes “{kept.name}” and “{code.name}” share the GUID {code.guid}: codings "
            f"with it go to “{kept.name}”; “{code.name}” was imported as a tag without them"
        )
        code.guid = own_key(code.guid, first)


def first_of_each(guid: str, taken: Container[str], kind: str, names: tuple[str, str]) -> str:
    """A problem to report when ``guid`` is already ``taken`` by another ``kind``, else ''."""
    if not guid or guid not in taken:
        return ""
    kept, other = names
    return (
        f"two {kind}s share the GUID {guid} (“{kept}” and “{other}”): references to it go to "
        f"“{kept}”"
    )


def own_key(guid: str, taken: Container[str]) -> str:
    """A key for a duplicate of ``guid`` that no reference in the file can name."""
    number = 2
    while f"{guid}#{number}" in taken:
        number += 1
    return f"{guid}#{number}"


def report_source_guids(texts: list[TextItem], problems: list[str]) -> None:
    """Sources sharing a GUID are all imported (their selections are inside them): say so."""
    seen: dict[str, TextItem] = {}
    for item in texts:
        if not item.guid:
            continue
        if item.guid in seen:
            problems.append(
                f"the sources “{seen[item.guid].label}” and “{item.label}” share the GUID "
                f"{item.guid}: both were imported"
            )
        else:
            seen[item.guid] = item
