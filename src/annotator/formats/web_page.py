"""Web pages saved from a browser (.html, .htm) as sources: the article's text and metadata."""

from __future__ import annotations

from pathlib import Path

from annotator.core.content import SourceContent
from annotator.formats.registry import SourceFormat


def read(path: Path) -> SourceContent:
    """The article of the page (``html_reader``), its title, authors, date, site and URL."""
    from annotator.formats.html_reader import read_html  # lxml and readability on first use

    return read_html(path).content("html")


FORMAT = SourceFormat("html", "Web page", (".html", ".htm"), read)
