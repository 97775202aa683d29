"""Map a REFI-QDA text's selections and span-bound notes onto its normalised text (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.models import Document
from annotator.interchange.refiqda_common import (
    Counting,
    countings,
    locate_span,
    score_counting,
)
from annotator.interchange.refiqda_read import Package, Selection, TextItem


@dataclass
class Placed:
    document: Document | None
    text: str
    selections: list[tuple[Selection, int, int]]
    note_spans: list[tuple[str, int, int]]  # (note text, start, end): QualCoder's annotations
    used_notes: set[str] = field(default_factory=set)  # GUID keys of the notes placed


def place_item(
    item: TextItem,
    package: Package,
    cache: dict[int, list[Counting]],
    note_refs: list[str],
    problems: list[str],
) -> Placed:
    """Where the selections of ``item`` (and the notes ``note_refs`` bound to spans) fall.

    ``cache`` keeps the countings of each raw text the package holds, by ``id()``: sources
    sharing one package file share its string, and so its countings (and normalised text),
    rather than holding a copy per source. Problems are appended to ``problems``.
    """
    if item.raw is None:
        problems.append(item.problem or f"{item.label}: no text")
        return Placed(None, "", [], [])
    options = cache.get(id(item.raw))
    if options is None:
        prefer_two = "nvivo" in package.origin.lower()
        options = countings(item.raw, prefer_crlf_as_two=prefer_two)
        cache[id(item.raw)] = options
    spans = [(s.start, s.end, s.hint) for s in item.selections]
    note_spans = [
        (note, start, end)
        for ref in note_refs
        if (note := package.notes.get(ref)) is not None and note.spans
        for start, end in note.spans
    ]
    spans += [(start, end, "") for _, start, end in note_spans]
    best = max(options, key=lambda counting: score_counting(counting, spans))
    if best is not options[0] and spans:
        problems.append(f"{item.label}: positions read as {best.label}")
    placed: list[tuple[Selection, int, int]] = []
    mismatched = 0
    for selection in item.selections:
        if selection.end <= selection.start:
            problems.append(f"{item.label}: an empty selection at {selection.start} was skipped")
            continue
        found = locate_span(options, best, selection.start, selection.end, selection.hint)
        if found is None:
            problems.append(
                f"{item.label}: the selection {selection.start}–{selection.end} "
                f"({_short(selection.hint)}) is outside the text and was skipped"
            )
            continue
        start, end, agrees = found
        mismatched += not agrees
        placed.append((selection, start, end))
    if mismatched:
        problems.append(
            f"{item.label}: {mismatched} selections are named differently from the text "
            "at their positions (kept where the file puts them)"
        )
    result = Placed(None, best.text, placed, [])
    for note, start, end in note_spans:
        found = locate_span(options, best, start, end, "")
        if found is not None:
            result.note_spans.append((note.text, found[0], found[1]))
            result.used_notes.add(note.guid)
    return result


def _short(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"
