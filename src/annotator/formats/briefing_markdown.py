"""The Markdown briefing (.md): headings per tag, block quotes, citations, notes."""

from __future__ import annotations

import os
import re
from pathlib import Path

from annotator.briefing.sanitize import clean_briefing
from annotator.core.atomic_write import write_atomic
from annotator.core.briefing import Briefing, Excerpt, Section, SourceEntry, repair_surrogates
from annotator.core.briefing_cite import (
    ET_AL_AFTER,
    authors_text,
    count,
    plural,
    reference_parts,
    snippet,
)
from annotator.core.sentences import gap_after, gap_before
from annotator.formats.registry import ExportFormat, ExportInput, ExportOptions
from annotator.formats.written import briefing_of, briefing_written

# Characters that would start markup inside running text ("~~" is strikethrough in GFM).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An "&" that would start a character reference ("&amp;", "&#42;", "&#x2A;").
_ENTITY = re.compile(r"&(?=[A-Za-z][A-Za-z0-9]*;|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)")
# Line starts that Markdown reads as a heading, list item, quote or rule.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def escape(text: str) -> str:
    """``text`` with Markdown syntax neutralised, so a quote prints as written."""
    text = _ENTITY.sub("&amp;", text)
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark[0].isdigit():  # "1." starts a list: escape the punctuation, not the digit
        return f"{m.group(1)}{mark[:-1]}\\{mark[-1]}"
    return f"{m.group(1)}\\{mark}"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _line(text: str) -> str:
    """A single-line field (title, name, author): edge whitespace off, inner runs one space.

    Leading spaces would make a list item or code block, trailing ones break emphasis.
    """
    return " ".join(text.split())


def _heading(level: int, title: str) -> str:
    text = escape(_line(title))
    # A heading's trailing "#"s are a closing sequence that renderers drop: "Issue #" -> "Issue".
    if text.endswith("#"):
        text = f"{text[:-1]}\\#"
    return f"{'#' * level} {text}"


def _emphasis(text: str) -> list[str]:
    """``text`` in italics, one paragraph per line: emphasis never spans a blank line."""
    return [line for chunk in _paragraphs(text) for line in (f"*{escape(chunk)}*", "")]


def render_markdown(briefing: Briefing) -> str:
    """The whole briefing as one Markdown document (control characters dropped, as in Word)."""
    briefing = clean_briefing(briefing)
    o = briefing.options
    title = _line(o.title) or "Briefing"
    out: list[str] = [_heading(1, title), ""]
    out += _emphasis(_line(o.subtitle))
    meta = [_line(m) for m in (briefing.project_name, o.author, o.date)]
    meta = [m for m in meta if m and m != title]
    if meta:
        out += [" · ".join(escape(m) for m in meta), ""]
    if briefing.summary.strip():
        out += [_heading(2, o.summary_heading or "Summary"), ""]
        for chunk in _paragraphs(briefing.summary):
            out += [escape(chunk), ""]
    out += _overview(briefing)
    sources = {s.document_id: s for s in briefing.sources}
    for section in briefing.sections:
        _section(out, briefing, section, sources)
    out += ["## Appendix: Sources", ""]
    for s in briefing.sources:
        parts = reference_parts(s, s.title)
        if len(s.authors) > ET_AL_AFTER:
            parts[0] = (authors_text(s.authors, full=True), False)
        ref = ", ".join(f"*{escape(t)}*" if italic else escape(t) for t, italic in parts)
        if s.url:
            ref += f"{'' if ref[-1:] in '.?!…' else '.'} <{s.url}>"
        small = [plural(s.excerpt_count, "excerpt")]
        if s.path:
            small.append(f"file {escape(s.path)}" + (" (missing)" if s.missing else ""))
        out += [f"- {ref}  ", f"  <small>{' · '.join(small)}</small>", ""]
    notes = [s for s in briefing.sources if s.note.strip()]
    if notes and o.group_by == "tag":
        out += ["### Document notes", ""]
        for s in notes:
            out += [f"**{escape(_line(s.title))}**", ""]
            out += [line for chunk in _paragraphs(s.note) for line in (escape(chunk), "")]
    if briefing.orphans:
        out += ["## Appendix: Orphaned excerpts", ""]
        out += [
            "These passages could no longer be found in the current text of their documents.",
            "",
        ]
        for e in briefing.orphans:
            _excerpt(out, e, list(e.tag_names), "Tagged", briefing, sources, cite_title=True)
    return "\n".join(out).rstrip() + "\n"


def _overview(briefing: Briefing) -> list[str]:
    heat = briefing.heat_map
    if heat is None or not heat.rows:
        return []
    heads = [str(i) for i in range(1, len(heat.columns) + 1)] + (["Others"] if heat.others else [])
    out = ["## Overview", "", f"| Tag | {' | '.join(heads)} | Total |"]
    out.append("|---|" + "--:|" * (len(heads) + 1))
    for row in heat.rows:
        indent = "&nbsp;&nbsp;" * (row.level - 1)
        cells = " | ".join(count(v) if v else "" for v in row.counts)
        out.append(f"| {indent}{_cell(row.title)} | {cells} | {count(row.total)} |")
    out.append("")
    for i, s in enumerate(heat.columns, 1):
        out.append(f"{i}. {escape(citation_text_of(s))}")
    return [*out, ""]


def citation_text_of(source: SourceEntry) -> str:
    return ", ".join(t for t, _ in reference_parts(source, source.title))


def _section(
    out: list[str], briefing: Briefing, section: Section, sources: dict[int, SourceEntry]
) -> None:
    out += [_heading(min(section.level + 1, 6), section.title), ""]
    by_document = section.kind == "document"
    if by_document:
        source = sources.get(section.document_id or 0)
        ref = ", ".join(t for t, _ in reference_parts(source, ""))
        if ref:
            out += [f"*{escape(ref)}*", ""]
    elif section.description.strip():
        lines = _emphasis(section.description)
        if section.kind == "tag":
            lines[0] = f"**Description:** {lines[0]}"
        out += lines
    for i, chunk in enumerate(_paragraphs(section.note)):
        out += [("**Notes:** " if i == 0 else "") + escape(chunk), ""]
    for e in section.excerpts:
        if by_document:
            _excerpt(out, e, list(e.tag_names), "Tags", briefing, sources, cite_title=False)
        else:
            tags = [t.name for t in section.other_tags(e)]
            _excerpt(out, e, tags, "Also tagged", briefing, sources, cite_title=True)
    for e in section.references:
        where = f"see {e.home_title}" + (f", {e.locator}" if e.locator else "")
        out += [f"“{escape(snippet(e.quote))}” — {escape(where)}", ""]
    for child in section.children:
        _section(out, briefing, child, sources)


def _excerpt(
    out: list[str],
    e: Excerpt,
    tags: list[str],
    label: str,
    briefing: Briefing,
    sources: dict[int, SourceEntry],
    *,
    cite_title: bool,
) -> None:
    quote = _paragraphs(e.quote) or ["(empty passage)"]
    for i, chunk in enumerate(quote):
        if i:
            out.append(">")
        text = escape(chunk)
        if i == 0 and e.before:
            before = escape(e.before)
            text = f"<span class=\"context\">{before}</span>{gap_before(e.before)}{text}"
        if i == len(quote) - 1 and e.after:
            text = f"{text}{gap_after(e.after)}<span class=\"context\">{escape(e.after)}</span>"
        out.append(f"> {text}")
    out.append("")
    if cite_title:
        parts = reference_parts(sources.get(e.document_id), e.document_title)
    else:
        parts = []
    cite = ", ".join(f"*{escape(t)}*" if italic else escape(t) for t, italic in parts)
    if e.locator:
        cite += (", " if cite else "") + e.locator
    if e.changed_note:
        cite += f" ({e.changed_note})"
    cite = f"— {cite}"
    author = _line(e.author)
    if tags:
        cite += f"  \n{label}: {escape(', '.join(_line(t) for t in tags))}"
    if author and author != _line(briefing.options.author):
        cite += f"  \nHighlighted by {escape(author)}"
    out += [cite, ""]
    for i, chunk in enumerate(_paragraphs(e.note)):
        out += [("**Note:** " if i == 0 else "") + escape(chunk), ""]
    for inner in e.inner:
        details = [inner.locator] if inner.locator else []
        if inner.tags:
            details.append(f"tagged {', '.join(inner.tag_names)}")
        if (inner.start, inner.end) == (e.start, e.end):
            details = details[1:] if inner.locator else details
            line = "**Also highlighted**"
        else:
            line = f"**Includes:** “{escape(snippet(inner.quote, 160))}”"
        if details:
            line += f" ({escape('; '.join(details))})"
        out += [line, ""]
        for chunk in _paragraphs(inner.note):
            out += ["**Note:** " + escape(chunk), ""]


def _cell(text: str) -> str:
    return escape(" ".join(text.split()))


def write_markdown(briefing: Briefing, path: str | os.PathLike[str]) -> Path:
    """Write the Markdown rendering as UTF-8 (lone surrogates become U+FFFD), atomically.

    Raises ``WriteError`` (readable message) when ``path`` cannot be written.
    """
    target = Path(path)
    text = repair_surrogates(render_markdown(briefing))
    # newline="\n": the same bytes on every platform (no \r\n on Windows).
    write_atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
    return target


def write(data: ExportInput, out: Path, options: ExportOptions) -> str:
    briefing = briefing_of(data)
    write_markdown(briefing, out)
    return briefing_written(briefing, out)


FORMAT = ExportFormat("md", "Markdown briefing", ".md", "briefing", write)
