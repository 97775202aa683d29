"""Render a briefing model as Markdown: headings per tag, block quotes, citations, notes."""

from __future__ import annotations

import os
import re
from pathlib import Path

from annotator.core.briefing import Briefing, Excerpt, Section, repair_surrogates

# Characters that would start markup inside running text.
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
# Line starts that Markdown reads as a heading, list item, quote or rule.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)


def escape(text: str) -> str:
    """``text`` with Markdown syntax neutralised, so a quote prints as written."""
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    mark = m.group(2)
    if mark[0].isdigit():  # "1." starts a list: escape the punctuation, not the digit
        return f"{m.group(1)}{mark[:-1]}\\{mark[-1]}"
    return f"{m.group(1)}\\{mark}"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def render_markdown(briefing: Briefing) -> str:
    """The whole briefing as one Markdown document."""
    o = briefing.options
    out: list[str] = [f"# {escape(o.title or briefing.project_name or 'Briefing')}", ""]
    if o.subtitle:
        out += [f"*{escape(o.subtitle)}*", ""]
    meta = [m for m in (briefing.project_name, o.author, o.date) if m and m != o.title]
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
            out += [f"**{escape(s.title)}**", ""]
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
    level = min(section.level + 1, 6)
    out += [f"{'#' * level} {escape(section.title)}", ""]
    if section.kind == "document" and section.description:
        out += [f"*File: {escape(section.description)}*", ""]
    elif section.description:
        out += [f"*{escape(section.description)}*", ""]
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
    cite = f"— *{escape(e.document_title)}*"
    if e.paragraph is not None:
        cite += f", ¶ {e.paragraph}"
    if e.created:
        cite += f" · {e.created[:10]}"
    if e.author and e.author != briefing.options.author:
        cite += f" · {escape(e.author)}"
    if tags:
        cite += f"  \n{label}: {escape(', '.join(tags))}"
    out += [cite, ""]
    for i, chunk in enumerate(_paragraphs(e.note)):
        out += [("**Note:** " if i == 0 else "") + escape(chunk), ""]


def _cell(text: str) -> str:
    return escape(" ".join(text.split()))


def write_markdown(briefing: Briefing, path: str | os.PathLike[str]) -> Path:
    """Write the Markdown rendering as UTF-8 (lone surrogates become U+FFFD), atomically."""
    target = Path(path)
    text = repair_surrogates(render_markdown(briefing))
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
