"""The bundled seed articles as structured articles (title, standfirst, headings, paragraphs).

The seeds are texts copied from web pages, furniture and all ("9 mins read", captions, "[See
also: ...]" links). The fixture builders need the article alone, to lay it out in a page, a Word
file or a PDF and to know which text a reader must give back: long lines that end like a
sentence are paragraphs, short lines right before a paragraph are headings, the rest is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

_SENTENCE_END = re.compile(r"[.!?…][\"”’)]?$|[\"”]$")
_FURNITURE = re.compile(
    r"^(skip to|new times|new thinking|by |written by|image source|\[see also|leave a reply"
    r"|latest from|content from|give a gift|cover illustration|font change|this article)",
    re.IGNORECASE,
)
# Where the article ends and the author boxes, comment forms and promotions begin.
_END = re.compile(r"^(written by|leave a reply|content from our partners)$", re.IGNORECASE)


@dataclass(frozen=True)
class SeedArticle:
    title: str
    standfirst: str  # the summary under the title ("" when the seed has none)
    blocks: tuple[tuple[str, str], ...]  # ("h2" | "p", text), in order

    @property
    def paragraphs(self) -> list[str]:
        return [text for _kind, text in self.blocks]

    def body_text(self) -> str:
        """The blocks as a reader gives them back: one paragraph each, a blank line between."""
        return "\n\n".join(self.paragraphs)


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@cache
def seed_article(index: int) -> SeedArticle:
    """Seed number ``index`` (0-4) parsed into an article."""
    lines = [" ".join(line.split()) for line in seed_files()[index].read_text("utf-8").split("\n")]
    lines = [line for line in lines if line]
    start = next(i for i, line in enumerate(lines) if not _FURNITURE.match(line) and len(line) > 15)
    title = lines[start]
    standfirst = ""
    blocks: list[tuple[str, str]] = []
    for i in range(start + 1, len(lines)):
        line = lines[i]
        words = len(line.split())
        if _END.match(line):
            break
        if _FURNITURE.match(line) or line == title:
            continue
        is_paragraph = words >= 12 and bool(_SENTENCE_END.search(line))
        if is_paragraph and not blocks and not standfirst and i <= start + 3 and words <= 30:
            standfirst = line
        elif is_paragraph:
            blocks.append(("p", line))
        elif 1 <= words <= 10 and not line.endswith((".", ")", ",")) and i + 1 < len(lines):
            following = lines[i + 1]
            if len(following.split()) >= 12 and _SENTENCE_END.search(following):
                blocks.append(("h2", line))
    return SeedArticle(title, standfirst, tuple(blocks))
