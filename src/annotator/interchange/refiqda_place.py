"""Map a REFI-QDA text's selections and span-bound notes onto its normalised text (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.models import Document
from annotator.interchange.refiqda_common import Counting, countings, locate_span, map_span
from annotator.interchange.refiqda_convention import Decision, decide, writer_prior
from annotator.interchange.refiqda_read import NoteItem, Package, Selection, TextItem

NOT_VERIFIED = "position convention not verified"


@dataclass
class Placed:
    document: Document | None
    text: str
    selections: list[tuple[Selection, int, int]]
    note_spans: list[tuple[NoteItem, int, int]]  # (note, start, end): QualCoder's annotations
    used_notes: set[str] = field(default_factory=set)  # GUID keys of the notes placed
    unverified: set[str] = field(default_factory=set)  # GUID keys of selections to review
    conventions: list[str] = field(default_factory=list)  # how positions were read, for the report


def place_item(
    item: TextItem,
    package: Package,
    cache: dict[int, list[Counting]],
    note_refs: list[str],
    problems: list[str],
) -> Placed:
    """Where the selections of ``item`` (and the notes ``note_refs`` bound to spans) fall.

    The way positions were counted is decided for this source alone (``refiqda_convention``),
    once for its named selections and once for its unnamed ones (another tool may have added
    those). ``cache`` keeps the countings of each raw text the package holds, by ``id()``:
    sources sharing one package file share its string. Problems are appended to ``problems``.
    """
    if item.raw is None:
        problems.append(item.problem or f"{item.label}: no text")
        return Placed(None, "", [], [])
    options = cache.get(id(item.raw))
    if options is None:
        options = countings(item.raw, prefer_crlf_as_two="nvivo" in package.origin.lower())
        cache[id(item.raw)] = options
    note_spans = [
        (note, start, end)
        for ref in note_refs
        if (note := package.notes.get(ref)) is not None and note.spans
        for start, end in note.spans
    ]
    valid = [s for s in item.selections if s.end > s.start]
    for selection in item.selections:
        if selection.end <= selection.start:
            problems.append(f"{item.label}: an empty selection at {selection.start} was skipped")
    named = [s for s in valid if s.hint]
    unnamed = [s for s in valid if not s.hint]
    result = Placed(None, options[0].text, [], [])
    by_name = by_place = None
    if named:
        by_name = decide(options, [(s.start, s.end, s.hint) for s in named], None)
        _say(result, item.label, "named selections" if unnamed else "selections", by_name)
    if unnamed:
        prior = writer_prior(
            package.origin,
            unnamed=True,
            lowercase_guids=all(s.lowercase_guid for s in unnamed),
        )
        by_place = decide(options, [(s.start, s.end, "") for s in unnamed], prior)
        _say(result, item.label, "unnamed selections" if named else "selections", by_place)
    result.text = (by_name or by_place or Decision(options[0], True, "")).counting.text
    mismatched = 0
    for group, decision in ((named, by_name), (unnamed, by_place)):
        if decision is None:
            continue
        for index, selection in enumerate(group):
            found = locate_span(
                options, decision.counting, selection.start, selection.end, selection.hint
            )
            if found is None:
                problems.append(
                    f"{item.label}: the selection {selection.start}–{selection.end} "
                    f"({_short(selection.hint)}) is outside the text and was skipped"
                )
                continue
            start, end, agrees = found
            mismatched += not agrees
            result.selections.append((selection, start, end))
            if index in decision.doubtful or not agrees:
                result.unverified.add(selection.guid)
    result.selections.sort(key=lambda placed: (placed[1], placed[2]))
    if mismatched:
        problems.append(
            f"{item.label}: {mismatched} selections are named differently from the text "
            "at their positions (kept where the file puts them, marked for review)"
        )
    # Span-bound notes (QualCoder's) follow the file's codings: the named decision if any.
    counting = (by_name or by_place or Decision(options[0], True, "")).counting
    for note, start, end in note_spans:
        mapped = map_span(counting, start, end)
        if mapped is not None:
            result.note_spans.append((note, mapped[0], mapped[1]))
            result.used_notes.add(note.guid)
    return result


def _say(result: Placed, label: str, what: str, decision: Decision) -> None:
    state = "verified" if decision.verified else "NOT verified"
    line = f"{label}: {what} read as {decision.counting.label} ({state}: {decision.how})"
    if decision.doubtful:
        line += f"; {len(decision.doubtful)} marked for review ({NOT_VERIFIED})"
    result.conventions.append(line)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"
