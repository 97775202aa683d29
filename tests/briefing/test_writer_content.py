"""The .docx read back: excerpts, citations, notes, headings, overview, links, comments."""

from __future__ import annotations

import docx
import pytest
from briefing_corpus import ANNOTATIONS, TAGS
from briefing_readback import (
    anchors,
    bookmarks,
    instructions,
    paragraphs,
    table_rows,
    texts_with_style,
)
from docx.oxml.ns import qn

from annotator.core.briefing import EmptyBriefing
from annotator.core.models import AnchorStatus

BODY = [a for a in ANNOTATIONS if a.status is not AnchorStatus.ORPHAN]


def _descendants(tag_id: int) -> set[int]:
    found = {tag_id}
    changed = True
    while changed:
        more = {t.id for t in TAGS if t.parent_id in found} - found
        found |= more
        changed = bool(more)
    return found


def test_by_document_every_excerpt_appears_once_with_citation_and_note(compile_briefing):
    briefing, _, document = compile_briefing(group_by="document")
    paras = paragraphs(document)
    quotes = [t for s, t in paras if s == "block quote"]
    assert sorted(quotes) == sorted(a.exact for a in BODY)
    for a in BODY:
        i = next(i for i, (s, t) in enumerate(paras) if s == "block quote" and t == a.exact)
        style, citation = paras[i + 1]
        excerpt = next(e for e in briefing.excerpts() if e.annotation_id == a.id)
        assert style == "citation"
        assert f"Source number {a.document_id}" in citation
        assert f"¶ {excerpt.paragraph}" in citation
        following = [t for s, t in paras[i + 1 : i + 4] if s == "excerpt note"]
        if a.note:
            assert following and a.note in following[0]
        else:
            assert not following


def test_paragraph_locators_count_non_empty_lines(compile_briefing):
    _, _, document = compile_briefing(group_by="document")
    citations = texts_with_style(document, "Citation")
    # Foxtrot follows two blank lines: still the 3rd paragraph of document 2.
    assert any("Source number 2, ¶ 3" in c for c in citations)
    assert any("Source number 1, ¶ 2" in c for c in citations)  # Bravo, after a blank line


def test_by_tag_an_excerpt_appears_under_each_of_its_tags(compile_briefing):
    _, _, document = compile_briefing()
    quotes = texts_with_style(document, "Block Quote")
    for a in BODY:
        assert quotes.count(a.exact) == max(1, len(a.tag_ids))
    tags_lines = texts_with_style(document, "Excerpt Tags")
    assert "Also tagged: Economy" in tags_lines and "Also tagged: Polls" in tags_lines


def test_headings_follow_the_tag_tree(compile_briefing):
    _, _, document = compile_briefing()
    headings = [(s, t) for s, t in paragraphs(document) if s.startswith("heading")]
    assert headings == [
        ("heading 1", "Overview"),
        ("heading 1", "Politics"),
        ("heading 2", "Elections"),
        ("heading 3", "Polls"),
        ("heading 3", "Margins"),  # level 4 of the tree, capped at Heading 3
        ("heading 1", "Economy"),
        ("heading 1", "Untagged"),
        ("heading 1", "Appendix: Sources"),
        ("heading 2", "Document notes"),
    ]
    notes = texts_with_style(document, "Section Note")
    assert "All things political." in notes and "Tag note on politics." in notes


def test_overview_counts_distinct_excerpts_and_sources_per_tag_subtree(compile_briefing):
    _, _, document = compile_briefing()
    rows = table_rows(document.tables[0])
    assert rows[0] == ["Tag", "Excerpts", "Sources"]
    got = {name: (int(n), int(s)) for name, n, s in rows[1:]}
    for tag in TAGS:
        ids = _descendants(tag.id)
        hits = [a for a in BODY if ids & set(a.tag_ids)]
        if hits:
            expected = (len(hits), len({a.document_id for a in hits}))
            assert got.pop(tag.name) == expected
        else:
            assert tag.name not in got
    assert got == {"Untagged": (1, 1)}


def test_internal_links_resolve_to_bookmarks(compile_briefing):
    _, _, document = compile_briefing(include_orphans=True)
    targets = anchors(document)
    names = bookmarks(document)
    assert targets and set(targets) <= names
    # The TOC links every heading of the body to its bookmark.
    toc = [t for s, t in paragraphs(document) if s in ("toc 1", "toc 2", "toc 3")]
    headings = [t for s, t in paragraphs(document) if s in ("heading 1", "heading 2", "heading 3")]
    assert toc == [h for h in headings if h != "Document notes"]


def test_toc_is_a_real_field_and_word_is_asked_to_refresh_it(compile_briefing):
    _, _, document = compile_briefing()
    assert any(i.startswith("TOC ") for i in instructions(document.element.body))
    settings = [c.tag.split("}")[1] for c in document.settings.element]
    assert "updateFields" in settings
    # Schema order: updateFields comes before compat, rsids and the rest (Word rejects otherwise).
    for later in ("compat", "rsids", "themeFontLang", "clrSchemeMapping"):
        if later in settings:
            assert settings.index("updateFields") < settings.index(later)
    before = {"zoom", "proofState", "defaultTabStop", "characterSpacingControl"}
    assert all(settings.index(s) < settings.index("updateFields") for s in before & set(settings))


def test_notes_become_comments_anchored_on_the_quote(compile_briefing):
    _, _, document = compile_briefing(notes_as_comments=True)
    comments = list(document.comments)
    noted = [a for a in BODY if a.note]
    placements = sum(max(1, len(a.tag_ids)) for a in noted)
    assert len(comments) == placements
    assert sorted({c.text for c in comments}) == sorted({a.note for a in noted})
    assert {c.author for c in comments} == {"Ana Lyst"} and comments[0].initials == "AL"
    assert not {a.note for a in noted} & set(texts_with_style(document, "Excerpt Note"))
    body = document.element.body
    for start in body.iter(qn("w:commentRangeStart")):
        p = start.getparent()
        assert p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "BlockQuote"
    assert len(list(body.iter(qn("w:commentReference")))) == placements


def test_orphans_appendix_only_when_asked(compile_briefing):
    lost = next(a for a in ANNOTATIONS if a.status is AnchorStatus.ORPHAN)
    _, _, without = compile_briefing()
    assert "Appendix: Orphaned excerpts" not in texts_with_style(without, "Heading 1")
    _, _, document = compile_briefing(include_orphans=True)
    paras = paragraphs(document)
    start = paras.index(("heading 1", "Appendix: Orphaned excerpts"))
    appendix = paras[start:]
    assert ("block quote", lost.exact) in appendix
    assert any(s == "excerpt note" and lost.note in t for s, t in appendix)
    assert ("excerpt tags", "Tagged: Politics") in appendix


def test_sources_appendix_lists_each_cited_document(compile_briefing):
    _, _, document = compile_briefing()
    rows = table_rows(document.tables[-1])
    assert rows[0] == ["Document", "File", "Words", "Last read", "Excerpts"]
    assert rows[1:] == [
        ["Source number 1", "source-1.txt", "1,234", "2026-03-01", "3"],
        ["Source number 2", "source-2.txt", "2,234", "2026-03-02", "2"],
        ["Source number 3", "source-3.txt", "3,234", "2026-03-03", "1"],
    ]
    notes = texts_with_style(document, "Excerpt Note")
    assert "Note on document 1." in notes and "Note on document 2." not in notes
    _, _, plain = compile_briefing(include_document_notes=False)
    assert "Note on document 1." not in texts_with_style(plain, "Excerpt Note")


def test_title_page_header_footer_and_properties(compile_briefing):
    _, path, document = compile_briefing(subtitle="Sub")
    paras = paragraphs(document)
    assert paras[0] == ("title", "Test briefing") and paras[1] == ("subtitle", "Sub")
    assert ("summary", "Its second paragraph.") in paras
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Test briefing"
    assert instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text.startswith("Page ")
    props = document.core_properties
    assert (props.title, props.author) == ("Test briefing", "Ana Lyst")
    assert props.keywords == "Politics, Elections, Polls, Margins, Economy"


def test_empty_selection_raises_instead_of_writing(compile_briefing, tmp_path):
    with pytest.raises(EmptyBriefing):
        compile_briefing(annotations=[])
    assert not list(tmp_path.iterdir())


def test_written_file_opens_again_in_python_docx(compile_briefing):
    _, path, _ = compile_briefing(include_orphans=True, notes_as_comments=True)
    reopened = docx.Document(str(path))
    assert reopened.paragraphs[0].text == "Test briefing"


def test_overview_by_document_counts_excerpts_and_tags(compile_briefing):
    _, _, document = compile_briefing(group_by="document")
    rows = table_rows(document.tables[0])
    assert rows[0] == ["Document", "Excerpts", "Tags"]
    expected = []
    for doc_id in (1, 2, 3):
        mine = [a for a in BODY if a.document_id == doc_id]
        tags = {t for a in mine for t in a.tag_ids}
        expected.append([f"Source number {doc_id}", str(len(mine)), str(len(tags))])
    assert rows[1:] == expected
    headings = [t for s, t in paragraphs(document) if s == "heading 1"]
    assert headings[1:4] == ["Source number 1", "Source number 2", "Source number 3"]


def test_an_excerpts_citation_and_note_stay_on_the_page_of_its_quote(compile_briefing):
    _, _, document = compile_briefing(group_by="document")
    paras = list(document.paragraphs)
    for i, p in enumerate(paras):
        style = p.style.name.lower()
        if style not in ("citation", "excerpt tags"):
            continue
        following = paras[i + 1].style.name.lower() if i + 1 < len(paras) else ""
        belongs = following in ("excerpt tags", "excerpt note")
        # Keep-with-next binds the lines of one excerpt, and never one excerpt to the next.
        assert bool(p.paragraph_format.keep_with_next) == belongs, (p.text, following)
