"""Notice what other programs (the command line, a second window) committed to an open project."""

from __future__ import annotations

from annotator.core.models import Changes
from annotator.store.changelog import OutsideWrites
from annotator.store.library import Library

__all__ = ["OutsideWatch", "OutsideWrites", "overlaps"]


class OutsideWatch:
    """Asks the project what others changed since the last ``poll``.

    A poll costs one ``PRAGMA data_version`` when nobody else wrote, so it can run every second;
    only then is the change log read (the rows after the last one seen, not the tables).
    """

    def __init__(self, library: Library) -> None:
        self._lib = library
        self._version = library.data_version()
        self._seq = library.log.last()

    def poll(self) -> OutsideWrites | None:
        """What other programs changed since the last poll (None: nothing)."""
        version = self._lib.data_version()
        if version == self._version:
            return None
        self._version = version
        found, self._seq = self._lib.log.since(self._seq)
        self._lib.log.forget_up_to(self._seq)
        return found if found else None


def overlaps(a: Changes, b: Changes) -> bool:
    """Whether two sets of changes wrote any of the same records."""
    return bool(
        a.annotations & b.annotations
        or a.documents & b.documents
        or a.tags & b.tags
        or (a.tag_tree and b.tag_tree)
        or (a.project and b.project)
    )
