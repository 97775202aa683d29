"""Store a document's new text and re-anchor its annotations, in one transaction."""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field, replace

from annotator.core.anchoring import Selectors, placed_at
from annotator.core.content import SourceContent
from annotator.core.models import AnchorStatus, Annotation, Changes
from annotator.reanchor.alignment import OffsetMap
from annotator.store.library import Library


@dataclass
class ReloadResult:
    document_id: int
    counts: Counter = field(default_factory=Counter)  # AnchorStatus -> number of annotations
    changes: Changes = field(default_factory=Changes)
    # Old offsets to new ones, from the diff that re-anchored the annotations: a view keeps its
    # reader's place through it without diffing the texts again.
    mapping: OffsetMap = field(default_factory=lambda: OffsetMap.identity(0))

    @property
    def message(self) -> str:
        """A short notice, e.g. "3 passages moved, 1 orphaned"."""
        parts = []
        for status, word in (
            (AnchorStatus.EDITED, "edited"),
            (AnchorStatus.MOVED, "moved"),
            (AnchorStatus.ORPHAN, "orphaned"),
        ):
            n = self.counts.get(status, 0)
            if n:
                parts.append(f"{n} passage{'s' if n != 1 else ''} {word}")
        return ", ".join(parts) if parts else "every passage still in place"


class TextMappings:
    """The offset maps of the reloads this program made, by document and by the two texts.

    A reload records its map before its transaction commits, so a window finds it however it
    learns of the new text: from the worker's report, or from its own poll of the project that
    saw the commit first. Keyed by the hashes of the text before and after, a map is only ever
    applied to the change it describes; a window two reloads behind chains two maps.
    """

    KEPT = 8  # maps kept per document (a window is never more than a few reloads behind)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._maps: dict[int, list[tuple[str, str, OffsetMap]]] = {}

    def record(self, document_id: int, old_hash: str, new_hash: str, mapping: OffsetMap) -> None:
        with self._lock:
            kept = self._maps.setdefault(document_id, [])
            kept.append((old_hash, new_hash, mapping))
            del kept[: -self.KEPT]

    def find(self, document_id: int, old_hash: str, new_hash: str) -> OffsetMap | None:
        """The map from the text hashed ``old_hash`` to the one hashed ``new_hash`` (None: this
        program did not make that change, e.g. another program wrote the new text)."""
        with self._lock:
            kept = list(self._maps.get(document_id, ()))
        found: OffsetMap | None = None
        at, seen = old_hash, {old_hash}
        while at != new_hash:
            # The latest map from here: a text edited back and forth repeats its hashes.
            step = next(((b, m) for a, b, m in reversed(kept) if a == at and b not in seen), None)
            if step is None:
                return None
            at, mapping = step
            seen.add(at)
            found = found.then(mapping) if found is not None else mapping
        return found


def reload_document(
    library: Library,
    document_id: int,
    loaded: SourceContent,
    maps: TextMappings | None = None,
    place: tuple[int, str] | None = None,
) -> ReloadResult:
    """Replace the stored text with ``loaded`` and move every annotation to the new text.

    ``maps``: where to record the offset map for the windows showing the document. ``place``:
    the (source id, path) of a file renamed as well as edited."""
    old_text, old_hash = library.documents.stored_text(document_id)
    annotations = library.annotations.for_document(document_id)
    placed, counts, mapping = reanchor_annotations(old_text, loaded.text, annotations)
    result = ReloadResult(document_id, counts, mapping=mapping)
    if maps is not None:
        maps.record(document_id, old_hash, loaded.content_hash, mapping)
    with library.atomic():
        replaced = library.documents.replace_text(document_id, loaded, place)
        result.changes.merge(replaced.changes)
        result.changes.merge(library.annotations.replace_all(placed).changes)
        wording = previous_wording(library, annotations, placed)
        if wording:
            result.changes.merge(library.annotations.set_previous_wording(wording).changes)
    return result


def previous_wording(
    library: Library, before: list[Annotation], after: list[Annotation]
) -> dict[int, str]:
    """The wording to keep for each annotation whose words this reload changed: the words it
    had, or, while an earlier edit is still unreviewed, the words recorded then (the reader
    compares with what they highlighted, not with an intermediate version)."""
    old = {a.id: a for a in before}
    changed = [
        a.id
        for a in after
        if a.status is AnchorStatus.EDITED and a.id in old and old[a.id].exact != a.exact
    ]
    if not changed:
        return {}
    recorded = library.annotations.previous_wording(changed)
    return {
        i: recorded[i] if i in recorded and not old[i].reviewed else old[i].exact for i in changed
    }


def reanchor_annotations(
    old_text: str, new_text: str, annotations: list[Annotation]
) -> tuple[list[Annotation], Counter, OffsetMap]:
    """The annotations moved onto ``new_text``, how many of each status this edit gave, and the
    map of old offsets to new ones that placed them.

    Orphans keep their old span, quote and context (they are never deleted).
    """
    live = [a for a in annotations if a.status is not AnchorStatus.ORPHAN]
    orphans = [a for a in annotations if a.status is AnchorStatus.ORPHAN]
    selectors = [Selectors(a.start, a.end, a.exact, a.prefix, a.suffix) for a in live]
    # Imported here: the diff and fuzzy-search machinery is not needed to open the window.
    from annotator.reanchor.engine import reanchor_document

    reanchored = reanchor_document(old_text, new_text, selectors)
    placements = reanchored.placements
    result = []
    counts: Counter = Counter()
    for annotation, placement in zip(live, placements, strict=True):
        counts[placement.status] += 1
        if (
            placement.status is AnchorStatus.ORPHAN
            or placement.start is None
            or placement.end is None
        ):
            result.append(replace(annotation, status=AnchorStatus.ORPHAN, reviewed=False))
            continue
        if placement.status is AnchorStatus.EXACT:
            # Unchanged words keep whatever review state an earlier move or edit left.
            status, reviewed = annotation.status, annotation.reviewed
        else:
            status, reviewed = placement.status, False
        placed = placed_at(annotation, new_text, placement.start, placement.end, status, reviewed)
        result.append(placed)
    retried = _retry_orphans(old_text, new_text, orphans)
    counts.update(a.status for a in retried if a.status is AnchorStatus.MOVED)
    return result + retried, counts, reanchored.mapping


# An orphan's quote must be at least this long, and occur exactly once, to be re-attached by
# itself: short quotes ("Russia") recur everywhere and would land on the wrong words.
_MIN_RETRY_QUOTE = 16


def _retry_orphans(old_text: str, new_text: str, orphans: list[Annotation]) -> list[Annotation]:
    """Orphans whose exact quote is back (once) in the new text are re-attached there.

    Back means new: a copy the old text already had (the verbatim twin of a deleted paragraph)
    was there when the annotation became an orphan, and is not its home.
    """
    out = []
    for orphan in orphans:
        first = new_text.find(orphan.exact) if len(orphan.exact) >= _MIN_RETRY_QUOTE else -1
        if first == -1 or new_text.find(orphan.exact, first + 1) != -1 or orphan.exact in old_text:
            out.append(orphan)
            continue
        end = first + len(orphan.exact)
        out.append(placed_at(orphan, new_text, first, end, AnchorStatus.MOVED, reviewed=False))
    return out
