"""Find a quote that left its place in the text the diff reports as inserted (a moved passage).

A candidate is accepted only when its context agrees and it is the single best place, and when no
other copy of the quote that left the old text claims it as well: a passage that was deleted must
become an orphan, not land on a look-alike or on its verbatim twin (which was there before the
edit, so it is nobody's new home), and every doubt is an orphan.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from annotator.core.anchoring import Selectors, common_prefix, common_suffix, describe
from annotator.reanchor.alignment import Alignment
from annotator.reanchor.diffing import diff, sentences
from annotator.reanchor.fold import canonical, expand_edges, fold, squash

_WIDE_CONTEXT = 400  # old text around a quote that tells a moved passage from its look-alikes
_CONTEXT_NEEDED = 16  # characters of context (on each side, within its line) that must agree
_EVIDENCE_NEEDED = 24  # quote plus agreeing context, in characters, for any acceptance
_FUZZY_CUTOFF = 75.0  # rapidfuzz partial ratio for a candidate region of an edited moved quote
_FUZZY_MARGIN = 8.0  # how far the runner-up must trail the best approximate region
_TIE_MARGIN = 4  # a best place must beat the next by this many characters of agreeing context
_MAX_FUZZY_QUOTE = 2_000  # longer quotes are only looked up exactly (approximate search is costly)
_INDEXED = 20  # shortest sentence looked up by its text, in characters
_INDEXED_COPIES = 20  # a sentence more frequent than this is no guide to where a quote went
_EXACT_BUDGET = 300_000_000  # characters of inserted text searched for quotes, per document
_RIVAL_BUDGET = 200_000  # copies of quotes in deleted text weighed as rivals, per document
_FUZZY_BUDGET = 30_000_000  # characters times 64-character blocks of quote, per document


@dataclass(frozen=True, slots=True)
class Found:
    start: int
    end: int


class MovedSearch:
    """Looks for quotes in the inserted parts of one new text."""

    def __init__(
        self, old_text: str, new_text: str, folded_old: str, folded_new: str, alignment: Alignment
    ) -> None:
        self._old = old_text
        self._folded_old = folded_old
        self._new = new_text
        self._folded = folded_new
        self._zones = [zone for zone in alignment.inserted() if zone[1] - zone[0] > 0]
        self._gone = alignment.deleted()
        self._gone_lows = [start for start, _ in self._gone]
        self._gone_text: str | None = None  # the deleted text, zones joined by NUL
        self._gone_starts: list[int] = []  # where each zone starts in it
        self._rival_budget = _RIVAL_BUDGET
        self._contexts: dict[tuple[int, int], tuple[str, str]] = {}
        self._around: dict[tuple[int, int], tuple[str, str]] = {}
        self._zone_size = sum(end - start for start, end in self._zones)
        self._zone_starts = [start for start, _ in self._zones]
        self._pieces: list[tuple[int, str]] | None = None  # inserted paragraphs, for fuzzy search
        self._index: dict[str, list[int]] | None = None  # inserted sentences and where they are
        # Work budgets in characters scanned, so that a text replaced by another one altogether
        # (everything "inserted") costs seconds, not minutes; past them quotes stay orphans.
        self._exact_budget = _EXACT_BUDGET
        self._fuzzy_budget = _FUZZY_BUDGET

    def find(self, selectors: Selectors) -> Found | None:
        """Where the quote of ``selectors`` (a span of the old text) went, if it is sure."""
        if not self._zones or not selectors.exact.strip():
            return None
        before, after = self._paragraph_context(selectors.start, selectors.end)
        candidates = self._indexed_candidates(selectors.exact, before, after)
        if not candidates:
            if self._exact_budget < self._zone_size:
                return None
            self._exact_budget -= self._zone_size
            candidates = self._exact_candidates(selectors.exact)
        found = None
        if candidates:
            found = self._decide(selectors, candidates)
        else:
            cost = self._zone_size * (len(selectors.exact) // 64 + 1)
            if len(selectors.exact) <= _MAX_FUZZY_QUOTE and cost <= self._fuzzy_budget:
                self._fuzzy_budget -= cost
                found = self._approximate(selectors)
        if found is None or self._claimed_by_another(selectors, found):
            return None
        return found

    def _paragraph_context(self, start: int, end: int) -> tuple[str, str]:
        # The rest of the paragraph: a moved paragraph keeps it, its new neighbours are strangers.
        before = self._old[max(0, start - _WIDE_CONTEXT) : start].rsplit("\n\n", 1)[-1]
        after = self._old[end : end + _WIDE_CONTEXT].split("\n\n", 1)[0]
        return before, after

    def _claimed_by_another(self, selectors: Selectors, found: Found) -> bool:
        """Whether another copy of the quote that left the old text fits ``found`` as well.

        A paragraph deleted here while its verbatim twin moved (or was rewritten around) there
        reads exactly like the twin deleted and this one moved: nobody can tell, so neither is
        placed. A copy with other surroundings (the same phrase in another paragraph) is no rival.
        """
        if self._gone_text is None:
            self._gone_text = "\0".join(self._folded_old[a:b] for a, b in self._gone)
            at = 0
            for a, b in self._gone:
                self._gone_starts.append(at)
                at += b - a + 1
        quote, old, new = fold(selectors.exact), self._folded_old, self._folded
        reach = _CONTEXT_NEEDED
        beside = new[max(0, found.start - reach) : found.start], new[found.end : found.end + reach]
        own = None
        at = self._gone_text.find(quote)
        while at != -1:
            self._rival_budget -= 1
            if self._rival_budget < 0:
                return True  # cannot rule a rival out: every doubt is an orphan
            k = bisect_right(self._gone_starts, at) - 1
            start = self._gone[k][0] + at - self._gone_starts[k]
            end = start + len(quote)
            at = self._gone_text.find(quote, at + 1)
            if start < selectors.end and end > selectors.start:
                continue  # the quote itself
            own = self._fit(selectors, found) if own is None else own
            # Its neighbours beside the candidate bound how well a copy can fit: most copies
            # differ there at once and need no weighing of their whole paragraph.
            left = common_suffix(old[max(0, start - reach) : start], beside[0])
            right = common_prefix(old[end : end + reach], beside[1])
            if (left < reach or right < reach) and left + right + 2 <= own - _TIE_MARGIN:
                continue
            if self._fit(describe(self._old, start, end), found) > own - _TIE_MARGIN:
                return True
        return False

    def _fit(self, selectors: Selectors, found: Found) -> int:
        """Characters of the old context of ``selectors`` (its paragraph) agreeing around
        ``found``; the context of the quote's selectors when the quote is a whole paragraph."""
        before, after = self._context(selectors.start, selectors.end)
        if not (before or after):
            return sum(self._sides(selectors, found.start, found.end))
        key = (found.start, found.end)
        if key not in self._around:  # the same candidate is weighed against many rivals
            width = 2 * _WIDE_CONTEXT + 8
            self._around = {
                key: (
                    squash(self._folded[max(0, found.start - width) : found.start]),
                    squash(self._folded[found.end : found.end + width]),
                )
            }
        new_before, new_after = self._around[key]
        return common_suffix(before, new_before) + common_prefix(after, new_after)

    def _context(self, start: int, end: int) -> tuple[str, str]:
        """``_paragraph_context``, made canonical (remembered: rivals recur)."""
        key = (start, end)
        if key not in self._contexts:
            before, after = self._paragraph_context(start, end)
            self._contexts[key] = canonical(before), canonical(after)
        return self._contexts[key]

    def near(self, exact: str, start: int, end: int) -> Found | None:
        """The quote's words whole, overlapping new ``[start, end)``, if the diff split them.

        The diff may keep part of a passage in place and report the rest as re-inserted (a moved
        paragraph sharing sentences with its neighbours); the quote is then intact right there.
        """
        if not exact.strip():
            return None
        reach = len(exact)
        lo, hi = max(0, start - reach), min(len(self._folded), end + reach)
        window = self._folded[lo:hi]
        if not all(word in window for word in _words(exact)):
            return None  # most quotes here had a word changed: no need to build their pattern
        hits = [
            m.span()
            for m in _pattern(exact).finditer(self._folded, lo, hi)
            if m.start() < end and m.end() > start
        ]
        return Found(*hits[0]) if len(hits) == 1 else None

    def _indexed_candidates(self, exact: str, before: str, after: str) -> list[tuple[int, int]]:
        # Where the sentences around the quote reappear in inserted text: looking there first
        # keeps a document whose paragraphs were all reordered from scanning megabytes per quote.
        if self._index is None:
            self._index = {}
            for start, end in self._zones:
                at = start
                for token in sentences(self._folded[start:end]):
                    key = token.strip()
                    if len(key) >= _INDEXED:
                        self._index.setdefault(key, []).append(at + token.index(key[0]))
                    at += len(token)
        text = fold(before + exact + after)
        q0, q1 = len(before), len(before) + len(exact)
        pattern = _pattern(exact)
        found: set[tuple[int, int]] = set()
        at = 0
        for token in sentences(text):
            t0, at = at, at + len(token)
            key = token.strip()
            if at <= q0 or t0 >= q1 or len(key) < _INDEXED:
                continue
            t0 += token.index(key[0])
            positions = self._index.get(key, ())
            if len(positions) > _INDEXED_COPIES:
                return []  # boilerplate: only a scan of all inserted text can rule out a tie
            for position in positions:
                lo = max(0, position - (t0 - q0) - _INDEXED)
                hi = min(len(self._folded), position + (q1 - t0) + _INDEXED)
                found.update(
                    m.span()
                    for m in pattern.finditer(self._folded, lo, hi)
                    if self._inside_zone(*m.span())
                )
        return sorted(found)

    def _inside_zone(self, start: int, end: int) -> bool:
        k = bisect_right(self._zone_starts, start) - 1
        return k >= 0 and end <= self._zones[k][1]

    def _inserted(self, start: int, end: int) -> int:
        """How many characters of new ``[start, end)`` lie in text the diff reports inserted."""
        total = 0
        k = max(bisect_right(self._zone_starts, start) - 1, 0)
        while k < len(self._zones) and self._zones[k][0] < end:
            total += max(0, min(end, self._zones[k][1]) - max(start, self._zones[k][0]))
            k += 1
        return total

    def _exact_candidates(self, exact: str) -> list[tuple[int, int]]:
        pattern = _pattern(exact)
        found: list[tuple[int, int]] = []
        for start, end in self._zones:
            found.extend(m.span() for m in pattern.finditer(self._folded, start, end))
        return found

    def _decide(self, selectors: Selectors, candidates: list[tuple[int, int]]) -> Found | None:
        # Copies of a passage often share their 32 characters of context; more of the old text
        # around the quote (the rest of its paragraph) tells a moved passage from its look-alike.
        scored = []
        for start, end in candidates:
            agreement, ok = self._agreement(selectors, start, end)
            scored.append((self._fit(selectors, Found(start, end)), agreement, ok, start, end))
        scored.sort(reverse=True)
        best, agreement, ok, start, end = scored[0]
        if len(scored) > 1 and scored[1][0] > best - _TIE_MARGIN:
            return None  # two (about) equally good places: never guess
        if not ok:
            return None
        if len(canonical(selectors.exact)) + agreement < _EVIDENCE_NEEDED:
            if not self._moved_paragraph(selectors, start, end):
                return None
        return Found(start, end)

    def _moved_paragraph(self, selectors: Selectors, start: int, end: int) -> bool:
        """Whether the quote's whole paragraph left the old text and arrived, word for word, as
        the one copy of that paragraph in inserted text: a short line ("9 mins read") that moved.

        Its context is too short to be evidence, but the move is: the paragraph is gone from its
        place and the single inserted copy is that same paragraph whole. A copy that was there
        before the edit is kept text, never inserted, so a deleted line cannot land on its twin;
        and another copy that left as well is a rival (``_claimed_by_another``): no guess.
        """
        before, after = self._paragraph_context(selectors.start, selectors.end)
        if len(before) >= _WIDE_CONTEXT or len(after) >= _WIDE_CONTEXT:
            return False  # a long paragraph: its own context is the evidence, or nothing is
        old_lo, old_hi = selectors.start - len(before), selectors.end + len(after)
        k = bisect_right(self._gone_lows, old_lo) - 1
        if k < 0 or old_hi > self._gone[k][1]:
            return False  # part of its paragraph is still in place: it did not move whole
        if self._exact_budget < self._zone_size:
            return False
        self._exact_budget -= self._zone_size
        copies = self._exact_candidates(self._old[old_lo:old_hi])
        if len(copies) != 1:
            return False  # the paragraph arrived twice, or not whole: no telling
        lo, hi = copies[0]
        whole = (lo == 0 or self._new.endswith("\n\n", 0, lo)) and (
            hi == len(self._new) or self._new.startswith("\n\n", hi)
        )
        return whole and lo <= start and end <= hi and canonical(self._new[lo:start]) == canonical(
            before
        )

    def _sides(self, selectors: Selectors, start: int, end: int) -> tuple[int, int]:
        """Characters of the quote's context on its own line agreeing before and after."""
        prefix, suffix = _own_line(selectors)
        before = squash(self._folded[max(0, start - 2 * len(selectors.prefix) - 8) : start])
        after = squash(self._folded[end : end + 2 * len(selectors.suffix) + 8])
        return common_suffix(prefix, before), common_prefix(suffix, after)

    def _agreement(self, selectors: Selectors, start: int, end: int) -> tuple[int, bool]:
        """Characters of context that agree, and whether each side agrees enough.

        Only the context on the quote's own line counts: across a line break the neighbours of a
        moved passage legitimately differ, and agreement there would be coincidence.
        """
        prefix, suffix = _own_line(selectors)
        left, right = self._sides(selectors, start, end)
        left_ok = left >= min(len(prefix), _CONTEXT_NEEDED)
        right_ok = right >= min(len(suffix), _CONTEXT_NEEDED)
        if not (left_ok and right_ok):
            # A word copy-edited right beside a moved quote: the rest of its paragraph on that
            # side still reads the same, word for word, for the most part.
            old_before, old_after = self._context(selectors.start, selectors.end)
            if not left_ok:
                new_before = squash(self._folded[max(0, start - len(old_before) - 8) : start])
                left_ok = _words_agree(old_before, new_before, before=True)
            if not right_ok:
                new_after = squash(self._folded[end : end + len(old_after) + 8])
                right_ok = _words_agree(old_after, new_after, before=False)
        return left + right, left_ok and right_ok

    def _approximate(self, selectors: Selectors) -> Found | None:
        # Imported here: few reloads come this far, and the app starts 25 ms sooner without it.
        from rapidfuzz import fuzz

        quote = fold(selectors.exact)
        regions: list[tuple[float, int, int]] = []
        for start, text in self._paragraphs():
            if len(text) * 2 < len(quote):
                continue
            hit = fuzz.partial_ratio_alignment(
                quote, text, score_cutoff=_FUZZY_CUTOFF - _FUZZY_MARGIN
            )
            if hit is not None:
                regions.append((hit.score, start + hit.dest_start, start + hit.dest_end))
        if not regions:
            return None
        regions.sort(reverse=True)
        score, start, end = regions[0]
        if score < _FUZZY_CUTOFF or (len(regions) > 1 and regions[1][0] > score - _FUZZY_MARGIN):
            return None
        return self._refine(selectors, start, end)

    def _paragraphs(self) -> list[tuple[int, str]]:
        # Inserted text cut at blank lines: the runner-up must be found in another paragraph,
        # which one search over a whole zone (best place only) would not tell.
        if self._pieces is None:
            self._pieces = []
            for start, end in self._zones:
                at = start
                for found in re.finditer(r"\n\s*\n", self._new[start:end]):
                    self._pieces.append((at, self._folded[at : start + found.start()]))
                    at = start + found.end()
                self._pieces.append((at, self._folded[at:end]))
        return self._pieces

    def _refine(self, selectors: Selectors, start: int, end: int) -> Found | None:
        # Diff quote and context against the region to place both ends as the in-place mapping
        # would, and to check how much of the quote and of its context really is there.
        prefix, exact, suffix = (
            fold(selectors.prefix),
            fold(selectors.exact),
            fold(selectors.suffix),
        )
        margin = len(exact) // 4 + 8
        lo = max(0, start - len(prefix) - margin)
        hi = min(len(self._folded), end + len(suffix) + margin)
        old = prefix + exact + suffix
        alignment = Alignment.of(diff(old, self._folded[lo:hi]))
        q0, q1 = len(prefix), len(prefix) + len(exact)
        if not alignment.kept(q0, q1, old):
            return None
        new_start = lo + alignment.map_start(q0)
        new_end = lo + alignment.map_end(q1)
        new_start, new_end = expand_edges(self._new, new_start, new_end, selectors.exact)
        if new_end <= new_start or 2 * self._inserted(new_start, new_end) < new_end - new_start:
            return None  # mostly on kept text: a twin of the quote beside the region found
        agreement, ok = self._agreement(selectors, new_start, new_end)
        if not ok or len(canonical(selectors.exact)) + agreement < _EVIDENCE_NEEDED:
            return None
        return Found(new_start, new_end)


def _words_agree(old: str, new: str, before: bool) -> bool:
    """Whether most of ``old`` (at least _CONTEXT_NEEDED characters) is in ``new`` word for word,
    counted outwards from the quote: the same word at the same distance (a replaced word is
    allowed, a shift is not, so the same phrase a sentence away does not count)."""
    a, b = old.split(), new.split()
    if before:
        a, b = a[::-1], b[::-1]
    matched = sum(len(x) + 1 for x, y in zip(a, b, strict=False) if x == y)
    return matched >= max(_CONTEXT_NEEDED, len(old) // 2)


@lru_cache(maxsize=64)
def _own_line(selectors: Selectors) -> tuple[str, str]:
    return (
        canonical(selectors.prefix.rsplit("\n", 1)[-1]),
        canonical(selectors.suffix.split("\n", 1)[0]),
    )


@lru_cache(maxsize=64)
def _pattern(exact: str) -> re.Pattern[str]:
    # Words of the quote in order with any white space between them, dashes and quotes folded;
    # a folded dash may be one or several dashes in the other text, an ellipsis "." or "...".
    body = r"\s+".join(map(re.escape, fold(exact).split()))
    return re.compile(_DOTS.sub(r"\\.+", _DASHES.sub("-+", body)))


_DASHES = re.compile(r"(?:\\-)+")  # escaped dashes in a row
_DOTS = re.compile(r"(?:\\\.)+")  # escaped full stops in a row


@lru_cache(maxsize=64)
def _words(exact: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", fold(exact)))
