"""The Markdown briefing (.md): headings per tag, block quotes, citations, notes."""

from __future__ import annotations

import os
import re
from pathlib import Path

from annotator.briefing.sanitize import clean_briefing
from annotator.core.atomic_write import write_atomic
from annotator.core.briefing import Briefing, Excerpt, Section, repair_surrogates
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
    title = _line(o.title) or _line(briefing.project_name) or "Briefing"
    out: list[str] = [_heading(1, title), ""]
    out += _emphasis(_line(o.subtitle))
    meta = [_line(m) for m in (briefing.project_name, o.author, o.date)]
    meta = [m for m in meta if m and m != title]
    if meta:
        out += [" · ".join(escape(m) for m in meta), ""]
    if briefing.summary.strip():
        out += ["## Executive summary", ""]
        for chunk in _paragraphs(briefing.summary):
            out += [escape(chunk), ""]
    out += _overview(briefing)
    for section in briefing.sections:
        _section(out, briefing, section)
    out += ["## Appendix: Sources", ""]
    out += ["| Document | File | Words | Last read | Excerpts |", "|---|---|--:|---|--:|"]
    for s in briefing.sources:
        cells = [s.title + (" (missing)" if s.missing else ""), s.file_name]
        out.append(
            f"| {_cell(cells[0])} | {_cell(cells[1])} | {s.word_count:,} | {s.read_at[:10]} "
            f"| {s.excerpt_count} |"
        )
    out.append("")
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
            _excerpt(out, e, list(e.tag_names), "Tagged", briefing)
    return "\n".join(out).rstrip() + "\n"


def _overview(briefing: Briefing) -> list[str]:
    by_tag = briefing.options.group_by == "tag"
    head = "| Tag | Excerpts | Sources |" if by_tag else "| Document | Excerpts | Tags |"
    out = ["## Overview", "", head, "|---|--:|--:|"]
    for s in briefing.walk():
        indent = "&nbsp;&nbsp;&nbsp;&nbsp;" * (s.level - 1)
        third = s.source_count if by_tag else s.tag_count
        out.append(f"| {indent}{_cell(s.title)} | {s.excerpt_count} | {third} |")
    return [*out, ""]


def _section(out: list[str], briefing: Briefing, section: Section) -> None:
    out += [_heading(min(section.level + 1, 6), section.title), ""]
    if section.kind == "document" and section.description.strip():
        out += [f"*File: {escape(_line(section.description))}*", ""]
    else:
        out += _emphasis(section.description)
    for chunk in _paragraphs(section.note):
        out += [escape(chunk), ""]
    for e in section.excerpts:
        _excerpt(out, e, [t.name for t in section.other_tags(e)], "Also tagged", briefing)
    for child in section.children:
        _section(out, briefing, child)


def _excerpt(out: list[str], e: Excerpt, tags: list[str], label: str, briefing: Briefing) -> None:
    quote = _paragraphs(e.quote) or ["(empty passage)"]
    for i, chunk in enumerate(quote):
        if i:
            out.append(">")
        out.append(f"> {escape(chunk)}")
    out.append("")
    cite = f"— *{escape(_line(e.document_title) or 'Untitled')}*"
    if e.paragraph is not None:
        cite += f", ¶ {e.paragraph}"
    if e.created:
        cite += f" · {e.created[:10]}"
    author = _line(e.author)
    if author and author != _line(briefing.options.author):
        cite += f" · {escape(author)}"
    if tags:
        cite += f"  \n{label}: {escape(', '.join(_line(t) for t in tags))}"
    out += [cite, ""]
    for i, chunk in enumerate(_paragraphs(e.note)):
        out += [("**Note:** " if i == 0 else "") + escape(chunk), ""]


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
