"""Re-anchor every annotation of a document after its text changed, by one diff of old and new.

Each span is mapped through the diff. It is EXACT when the text there has the same words (white
space, quotes and dashes aside), EDITED when at least half of it (in characters or in words)
survived there, MOVED when its quote turns up, unambiguously and with agreeing context, in text
the diff reports as inserted away from its old place, and otherwise ORPHAN. A wrong anchor is
worse than an orphan: the user sees an orphan and re-attaches it, but a wrong anchor silently
mislabels a passage. The diff is returned too, as an ``OffsetMap``, so that the caller can keep a
reader's place without diffing the texts again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.anchoring import CONTEXT, Selectors, anchor
from annotator.core.models import AnchorStatus
from annotator.reanchor.alignment import Alignment, OffsetMap
from annotator.reanchor.diffing import diff
from annotator.reanchor.fold import expand_edges, fold, same_words
from annotator.reanchor.search import MovedSearch


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an annotation sits in the new text (code points), and how it got there."""

    start: int | None  # None when orphan
    end: int | None
    status: AnchorStatus

    @property
    def is_orphan(self) -> bool:
        return self.status is AnchorStatus.ORPHAN


@dataclass(frozen=True, slots=True)
class Reanchoring:
    """Where each annotation went, and the alignment of the two texts that placed them."""

    placements: list[Placement]
    mapping: OffsetMap


ORPHAN = Placement(None, None, AnchorStatus.ORPHAN)
_SUPPORT = 24  # non-space characters of quote and context the diff must keep for an in-place anchor
_COPY_EDIT = 40  # characters per side of a change that reads as a copy-edit (a word or two)


def reanchor_document(
    old_text: str, new_text: str, annotations: Sequence[Selectors]
) -> Reanchoring:
    """The placements in ``new_text`` of annotations made on ``old_text`` (same order), and the
    alignment of the texts, to map any other old offset (a reader's place) the same way.

    Positions in the selectors are code points into ``old_text``; a selector whose position does
    not hold its quote is first looked up in ``old_text`` by its quote (as ``anchor`` does).
    """
    if not isinstance(old_text, str) or not isinstance(new_text, str):
        raise TypeError("reanchor needs the old and the new text as str")
    located = [_locate_in_old(old_text, selectors) for selectors in annotations]
    if old_text == new_text:
        placements = [
            ORPHAN if sel is None else Placement(sel.start, sel.end, AnchorStatus.EXACT)
            for sel in located
        ]
        return Reanchoring(placements, OffsetMap.identity(len(old_text)))
    lengths = len(old_text), len(new_text)
    if not located:
        return Reanchoring([], OffsetMap(*lengths, lambda: _align(old_text, new_text)))
    alignment = _align(old_text, new_text)
    folded_old, folded_new = alignment.folded
    search = MovedSearch(old_text, new_text, folded_old, folded_new, alignment)
    placements = [
        ORPHAN if sel is None else _place(sel, old_text, new_text, folded_old, alignment, search)
        for sel in located
    ]
    return Reanchoring(placements, OffsetMap(*lengths, lambda: alignment))


def _align(old_text: str, new_text: str) -> Alignment:
    folded_old, folded_new = fold(old_text), fold(new_text)
    return Alignment.of(diff(folded_old, folded_new, old_text, new_text), folded_old, folded_new)


def _locate_in_old(old_text: str, selectors: Selectors) -> Selectors | None:
    start, end = selectors.start, selectors.end
    if 0 <= start <= end <= len(old_text) and old_text[start:end] == selectors.exact:
        return selectors
    found = anchor(old_text, selectors)
    if found is None:
        return None
    return Selectors(found.start, found.end, selectors.exact, selectors.prefix, selectors.suffix)


def _place(
    sel: Selectors,
    old_text: str,
    new_text: str,
    folded_old: str,
    alignment: Alignment,
    search: MovedSearch,
) -> Placement:
    start, end = sel.start, sel.end
    new_start = alignment.map_start(start)
    if start == end:
        return Placement(new_start, new_start, AnchorStatus.EXACT)
    new_end = max(alignment.map_end(end), new_start)
    if not _supported(start, end, old_text, folded_old, alignment):
        return _moved(sel, old_text, new_text, alignment, search)
    snapped = _snap(new_text, new_start, new_end, sel.exact)
    if snapped is not None and _same_edges(old_text, sel, new_text, *snapped):
        return Placement(*snapped, AnchorStatus.EXACT)
    whole = search.near(sel.exact, new_start, new_end)
    if whole is not None and _same_edges(old_text, sel, new_text, whole.start, whole.end):
        return Placement(whole.start, whole.end, AnchorStatus.EXACT)
    if _mostly_kept(start, end, folded_old, alignment):
        new_start, new_end = _trim(new_text, new_start, new_end, sel.exact)
        new_start, new_end = expand_edges(new_text, new_start, new_end, sel.exact)
        new_start, new_end = _whole_words(old_text, start, end, new_text, new_start, new_end)
        if new_end > new_start:
            return Placement(new_start, new_end, AnchorStatus.EDITED)
    return _moved(sel, old_text, new_text, alignment, search)


def _mostly_kept(start: int, end: int, folded_old: str, alignment: Alignment) -> bool:
    # At least half of the quote is still there, counted in characters or in words: "to resist
    # the" edited to "to alliance the" kept two words of three but only five letters of eleven.
    non_space = end - start - folded_old.count(" ", start, end)
    if non_space and 2 * alignment.kept(start, end, folded_old) >= non_space:
        return True
    kept, words = alignment.kept_words(start, end, folded_old)
    return words > 0 and 2 * kept >= words


def _moved(
    sel: Selectors, old_text: str, new_text: str, alignment: Alignment, search: MovedSearch
) -> Placement:
    found = search.find(sel)
    if found is None or not _same_edges(old_text, sel, new_text, found.start, found.end):
        return ORPHAN
    start, end = expand_edges(new_text, found.start, found.end, sel.exact)
    low, high = alignment.bounds(sel.start, sel.end)
    if low <= start and end <= high:
        # Found between the kept text that surrounded it: its place, not a new one. Text
        # changed around it (or before it) does not make it MOVED.
        same = same_words(new_text[start:end], sel.exact)
        return Placement(start, end, AnchorStatus.EXACT if same else AnchorStatus.EDITED)
    return Placement(start, end, AnchorStatus.MOVED)


def _snap(text: str, start: int, end: int, exact: str) -> tuple[int, int] | None:
    """The span, if it has the quote's words, its edges taken over a whole "..." or "--"."""
    if not same_words(text[start:end], exact):
        return None
    return expand_edges(text, start, end, exact)


def _supported(start: int, end: int, old: str, folded_old: str, alignment: Alignment) -> bool:
    # A diff of unrelated paragraphs still pairs up the odd " to " or " of the ": a short quote on
    # such an island would map onto a stranger. So the quote with its context must be kept by the
    # diff over at least _SUPPORT characters (or all there is, in a tiny text): within CONTEXT
    # characters, or further along its paragraph through copy-edits, since a sentence where
    # every other word was replaced is still the same sentence, while an island is cut off by
    # whole replaced passages, or is all that is left of its paragraph.
    lo, hi = max(0, start - CONTEXT), min(len(folded_old), end + CONTEXT)
    available = hi - lo - folded_old.count(" ", lo, hi)
    if alignment.kept(lo, hi, folded_old) >= min(_SUPPORT, available):
        return True
    kept = alignment.connected_kept(start, end, old, folded_old, _SUPPORT, _COPY_EDIT)
    return kept >= _SUPPORT


def _same_edges(old: str, sel: Selectors, new: str, start: int, end: int) -> bool:
    # "responding to a" is not intact in "responding to alliance": a span that began and ended
    # on word boundaries must do so again to be the same words.
    return not (
        (_inside_word(new, start) and not _inside_word(old, sel.start))
        or (_inside_word(new, end) and not _inside_word(old, sel.end))
    )


def _whole_words(
    old: str, start: int, end: int, new: str, new_start: int, new_end: int
) -> tuple[int, int]:
    # A span that began and ended on word boundaries does so again: when its first or last word
    # was rewritten ("reach" to "treaty"), the diff may keep the "rea" and leave the "t" outside.
    if not _inside_word(old, start):
        while _inside_word(new, new_start) and new_start < new_end:
            new_start -= 1
    if not _inside_word(old, end):
        while _inside_word(new, new_end) and new_end > new_start:
            new_end += 1
    return new_start, new_end


def _inside_word(text: str, p: int) -> bool:
    return 0 < p < len(text) and text[p - 1].isalnum() and text[p].isalnum()


def _trim(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    # An edit at the edge of a span may bring white space the quote did not have.
    if not exact[:1].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not exact[-1:].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end
