"""Saved web pages: the article without the site around it, the page's metadata, its charset."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from builders import assert_changes_within
from html_pages import PAGE_STYLES, Page, news_site

from annotator.core.textload import LoadError, NotRegularFile
from annotator.formats import html_reader
from annotator.formats.html_reader import read_html


def saved(tmp_path: Path, data: bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("build", PAGE_STYLES, ids=lambda build: build.__name__)
def test_article_text_without_furniture(build, tmp_path: Path) -> None:
    page: Page = build()
    got = read_html(saved(tmp_path, page.data))
    paragraphs = got.text.split("\n\n")
    body = [p for p in paragraphs if p not in page.neutral]
    assert body == page.body
    leaked = [line for line in page.chrome if line.lower() in got.text.lower()]
    assert leaked == []


@pytest.mark.parametrize("build", PAGE_STYLES, ids=lambda build: build.__name__)
def test_metadata_from_the_page(build, tmp_path: Path) -> None:
    page: Page = build()
    got = read_html(saved(tmp_path, page.data))
    assert (got.title, got.authors, got.published, got.url, got.outlet) == (
        page.title,
        page.authors,
        page.published,
        page.url,
        page.outlet,
    )
    assert got.pages == () and got.page_at(10) is None


def test_reading_twice_gives_the_same_text(tmp_path: Path) -> None:
    path = saved(tmp_path, news_site().data)
    assert read_html(path) == read_html(path)


def test_an_edited_paragraph_changes_only_itself(tmp_path: Path) -> None:
    page = news_site()
    before = read_html(saved(tmp_path, page.data)).text
    edited = page.data.replace(b"a whopping 42 times", b"42 times")
    after = read_html(saved(tmp_path, edited, "edited.html")).text
    assert after == before.replace("a whopping 42 times", "42 times")
    assert_changes_within(before, after, "Putin and Xi have met")


ARTICLE = """<html><head><title>{title}</title>{head}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>Putin has visited China more often than any other world leader, and Xi has returned the
favour many times: the two men have met more than forty times in ten years.</p>
{extra}
<p>Their partnership is real, but the interests of the two countries do not always coincide,
and each keeps its freedom of manoeuvre in Central Asia and the Arctic.</p>
</article></body></html>"""


def page_bytes(
    title: str = "Frequent Visitors", head: str = "", extra: str = "", encoding: str = "utf-8"
) -> bytes:
    return ARTICLE.format(title=title, head=head, extra=extra).encode(encoding)


def test_lists_and_tables_in_the_article(tmp_path: Path) -> None:
    extra = """<ul><li>Energy deals</li><li>Joint exercises</li></ul>
<table><tr><th>Year</th><th>Visits</th></tr><tr><td>2023</td><td>2</td></tr></table>
<p>First line<br>second line</p>"""
    text = read_html(saved(tmp_path, page_bytes(extra=extra))).text
    assert "\n\n• Energy deals\n\n• Joint exercises\n\nYear | Visits\n2023 | 2\n\n" in text
    assert "First line\nsecond line" in text


def test_declared_charset_is_used(tmp_path: Path) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    data = page_bytes(title="Über die Partnerschaft – Analyse", head=head, encoding="cp1252")
    assert read_html(saved(tmp_path, data)).title == "Über die Partnerschaft – Analyse"


def test_a_byte_order_mark_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    head = '<meta charset="windows-1252">'
    data = codecs.BOM_UTF8 + page_bytes(title="Bērziņa-Čerenkova on China", head=head)
    assert read_html(saved(tmp_path, data)).title == "Bērziņa-Čerenkova on China"


def test_without_a_declaration_utf8_then_windows_1252(tmp_path: Path) -> None:
    utf8 = page_bytes(title="Rühlig’s view")
    assert read_html(saved(tmp_path, utf8)).title == "Rühlig’s view"
    legacy = page_bytes(title="Rühlig’s view", encoding="cp1252")
    assert read_html(saved(tmp_path, legacy, "old.html")).title == "Rühlig’s view"


def test_an_unknown_charset_label_falls_back(tmp_path: Path) -> None:
    data = page_bytes(title="Naïve hopes", head='<meta charset="x-no-such-charset">')
    assert read_html(saved(tmp_path, data)).title == "Naïve hopes"


def test_xhtml_with_an_xml_declaration(tmp_path: Path) -> None:
    data = b'<?xml version="1.0" encoding="utf-8"?>\n' + page_bytes()
    assert "forty times" in read_html(saved(tmp_path, data)).text


def test_title_without_the_site_name(tmp_path: Path) -> None:
    data = page_bytes(title="Frequent Visitors | The Meridian Daily").replace(
        b"<h1>Frequent Visitors | The Meridian Daily</h1>", b""
    )
    got = read_html(saved(tmp_path, data))
    assert (got.title, got.outlet) == ("Frequent Visitors", "The Meridian Daily")


def test_url_from_the_note_a_browser_adds_when_saving(tmp_path: Path) -> None:
    note = b"<!-- saved from url=(0040)https://www.example.org/frequent-visitors -->\n"
    got = read_html(saved(tmp_path, note + page_bytes()))
    assert got.url == "https://www.example.org/frequent-visitors"


def test_a_page_without_an_article_is_refused(tmp_path: Path) -> None:
    data = b"""<html><head><title>Menu</title></head><body><nav><ul>
<li><a href="/a">World</a></li><li><a href="/b">Politics</a></li></ul></nav>
<footer>All rights reserved</footer></body></html>"""
    with pytest.raises(LoadError, match="no article text found in menu.html"):
        read_html(saved(tmp_path, data, "menu.html"))


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="empty.html"):
        read_html(saved(tmp_path, b"", "empty.html"))


def test_a_page_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.html"
    with open(huge, "wb") as file:
        file.truncate(html_reader.MAX_BYTES + 1)
    with pytest.raises(LoadError, match="huge.html is 50.0 MB; web page files over 50 MB"):
        read_html(huge)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_is_never_opened(tmp_path: Path, finishes) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    with pytest.raises(NotRegularFile):
        finishes(lambda: read_html(fifo))
