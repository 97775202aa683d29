"""REFI-QDA export for the tools that read it: stable lowercase GUIDs, notes where QualCoder and
NVivo read them, one code per selection, tag groups as <Sets>, repeated tag names reported."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from test_refiqda import _excerpts, _project, _schema, export_qdpx, import_qdpx
from tool_shapes import guid, nvivo_project, nvivo_text, word_spans, write_package

from annotator.core.models import ExcerptFilter
from annotator.interchange.refiqda_export import write_qdpx
from annotator.services.exporting import export, project_snapshot
from annotator.store.library import Library

GUID = re.compile(r'(?:guid|targetGUID|creatingUser|creatingUserGUID)="([^"]+)"')


def _qde(path: Path) -> str:
    return zipfile.ZipFile(path).read("project.qde").decode("utf-8")


@pytest.fixture
def project(tmp_path):
    lib = _project(tmp_path / "source")
    yield lib
    lib.close()


def test_guids_are_lowercase_and_the_same_at_every_export(project, tmp_path):
    first, second = tmp_path / "one.qdpx", tmp_path / "two.qdpx"
    export_qdpx(project, first)
    export_qdpx(project, second)
    one, two = GUID.findall(_qde(first)), GUID.findall(_qde(second))
    assert one == two and len(one) > 20
    assert all(g == g.lower() and re.fullmatch(r"[0-9a-f-]{36}", g) for g in one)
    with zipfile.ZipFile(first) as package:
        assert all(n == n.lower() for n in package.namelist())


def test_an_imported_projects_guids_come_back_out(tmp_path):
    raw, text = nvivo_text()
    spans = word_spans(text, 12, ["Pricing", "Transit"])
    package = write_package(
        tmp_path / "nvivo.qdpx",
        nvivo_project(spans, raw, ["Pricing", "Transit"]),
        {guid("source"): raw},
    )
    with Library.open(tmp_path / "p.annotator") as lib:
        import_qdpx(lib, package)
        export_qdpx(lib, tmp_path / "back.qdpx")
    back = _qde(tmp_path / "back.qdpx")
    assert f'guid="{guid("code:Pricing")}"' in back
    assert f'guid="{guid("source")}"' in back
    assert f'guid="{guid("sel0")}"' in back


def test_notes_are_descriptions_and_notes_and_come_back_once(project, tmp_path):
    out = tmp_path / "notes.qdpx"
    export_qdpx(project, out)
    qde = _qde(out)
    # QualCoder reads memos from Description; the standard's Note/NoteRef are written too.
    assert "<Description>Key 😀</Description>" in qde
    assert "<Description>Transcript from the\nsecond session</Description>" in qde
    assert "<Description>Defence, arms</Description>" in qde
    assert "Check the SIPRI figures 📊</Description>" in qde
    assert "<Description>Briefing for the committee ✔</Description>" in qde
    assert qde.count("<NoteRef") >= 5
    with Library.open(tmp_path / "back.annotator") as back:
        import_qdpx(back, out)
        assert _excerpts(back) == _excerpts(project) - {
            e
            for e in _excerpts(project)
            if e[3] == "passage"  # the orphan is left out
        }
        arms = back.tags.find("Arms sales")
        assert back.tags.get(arms.id).note == "Check the SIPRI figures 📊"
        assert back.tags.get(arms.id).description == ""
        assert back.project.note == "Briefing for the committee ✔"


def test_every_selection_names_a_user(project, tmp_path):
    out = tmp_path / "users.qdpx"
    export_qdpx(project, out)
    selections = re.findall(r"<PlainTextSelection [^>]*>", _qde(out))
    assert selections and all("creatingUser=" in s for s in selections)


def test_one_code_per_selection_writes_a_selection_per_tag_and_reads_back_as_one(project, tmp_path):
    etree, schema = _schema("Project.xsd")
    out = tmp_path / "one.qdpx"
    export(project, "qdpx", out, one_code_per_selection=True)
    qde = _qde(out)
    assert schema.validate(etree.fromstring(qde.encode("utf-8"))), schema.error_log
    for selection in re.findall(r"<PlainTextSelection .*?</PlainTextSelection>", qde, re.S):
        assert selection.count("<CodeRef") <= 1
    assert qde.count('name="said 😀 the deal"') == 2
    with Library.open(tmp_path / "back.annotator") as back:
        import_qdpx(back, out)
        (annotation,) = [a for a in back.annotations.query() if a.exact == "said 😀 the deal"]
        assert len(annotation.tag_ids) == 2 and annotation.note == "Key 😀"


def test_tag_groups_are_sets_that_validate_and_come_back(project, tmp_path):
    etree, schema = _schema("Project.xsd")
    tone = project.tags.find("Tone")
    arms = project.tags.find("Arms sales")
    project.interchange.add_group("Reading", [tone.id, arms.id], description="for the memo")
    out = tmp_path / "sets.qdpx"
    report = export(project, "qdpx", out)
    qde = _qde(out)
    assert schema.validate(etree.fromstring(qde.encode("utf-8"))), schema.error_log
    assert '<Set guid="' in qde and qde.count("<MemberCode") == 2
    assert "1 tag groups as <Sets>" in report
    with Library.open(tmp_path / "back.annotator") as back:
        import_qdpx(back, out)
        (group,) = back.interchange.groups()
        names = sorted(back.tags.get(t).name for t in group.tag_ids)
        assert (group.name, names, group.description) == (
            "Reading",
            ["Arms sales", "Tone"],
            "for the memo",
        )


def test_tag_names_repeated_under_different_parents_are_warned_about(tmp_path):
    with Library.open(None) as lib:
        energy = lib.tags.create("Energy").value
        trade = lib.tags.create("Trade").value
        lib.tags.create("Prices", parent_id=energy.id)
        lib.tags.create("Prices", parent_id=trade.id)
        message = write_qdpx(project_snapshot(lib, ExcerptFilter()), tmp_path / "x.qdpx").message
    assert "“Prices” is used under 2 parents (Energy, Trade)" in message
    assert message.count("warning:") == 1
