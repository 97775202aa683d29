"""Digit keys pinned to tags, kept in the project so that they survive a reordered tree."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from annotator.core.models import Changes, Outcome

if TYPE_CHECKING:
    from annotator.store.library import Library

_KEY = "digit_keys"


class TagKeys:
    """Digit keys the reader pinned to tags, so that reordering the tree does not remap them."""

    def __init__(self, library: Library) -> None:
        self._lib = library

    def pinned(self) -> dict[int, int]:
        """{digit: tag id} for the keys pinned to tags that still exist."""
        raw = self._lib.project.get(_KEY)
        try:
            stored = json.loads(raw) if raw else {}
        except ValueError:
            return {}  # a hand-edited value: no pins rather than an error at every key press
        if not isinstance(stored, dict):
            return {}
        pins: dict[int, int] = {}
        for digit, tag_id in stored.items():
            if str(digit).isdigit() and 1 <= int(digit) <= 9 and isinstance(tag_id, int):
                pins[int(digit)] = tag_id
        if not pins:
            return {}
        marks = ",".join("?" * len(pins))
        alive = {
            row[0]
            for row in self._lib.db.execute(
                f"SELECT id FROM tags WHERE id IN ({marks})", list(pins.values())
            )
        }
        return {d: t for d, t in sorted(pins.items()) if t in alive}

    def set_pinned(self, pins: dict[int, int]) -> Outcome[None]:
        """Store ``pins`` ({digit: tag id}) as the project's pinned keys."""
        bad = [d for d in pins if not 1 <= int(d) <= 9]
        if bad:
            raise ValueError(f"only keys 1 to 9 can be pinned, not {bad[0]}")
        value = json.dumps({str(d): int(t) for d, t in sorted(pins.items())})
        outcome = self._lib.project.set(_KEY, value)
        return Outcome(None, outcome.changes.merge(Changes(tags=set(pins.values()))))
