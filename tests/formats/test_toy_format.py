"""Adding a format is one module and one registration: a toy source and export, end to end.

The toy formats (tests/conftest.py) are registered for the test only. Nothing else in the app
knows them, yet a .toy file is added, watched by the real watcher, reloaded with its highlight
moved, and the project is exported in the toy format, listed by the dialogs and the CLI.
"""

from __future__ import annotations

import pytest

from annotator.cli.main import main
from annotator.cli.parser import build_parser
from annotator.formats.registry import file_dialog_filter
from annotator.services.exporting import export
from annotator.services.live import handle_events, source_watcher
from annotator.services.sources import add_paths, scan
from annotator.services.tagging import tag_span
from annotator.store.library import Library

FAST = {"close_delay": 0.05, "modify_delay": 0.25, "stable_look": 0.03, "root_poll": 0.2}


def test_a_registered_format_is_added_watched_reloaded_and_exported(tmp_path, toy_formats, events):
    folder = tmp_path / "texts"
    folder.mkdir()
    story = folder / "story.toy"
    story.write_text("the pipeline deal was signed in may.\n", encoding="utf-8")
    (folder / "notes.xyz").write_text("no format reads this", encoding="utf-8")
    with Library.open(tmp_path / "p.annotator") as library:
        report = add_paths(library, [folder])
        assert [d.path for d in report.added] == ["story.toy"]
        doc = report.added[0]
        assert doc.title == "Toy story"  # the reader's metadata
        text = library.documents.text(doc.id)
        assert text == "THE PIPELINE DEAL WAS SIGNED IN MAY.\n"  # the reader's text
        tag = library.tags.create("Energy").value
        start = text.index("PIPELINE DEAL")
        tagged = tag_span(library, doc.id, start, start + len("PIPELINE DEAL"), [tag.id])

        watcher = source_watcher(events, **FAST)  # the watcher the app makes
        watcher.watch(folder)
        watcher.start()
        try:
            story.write_text("breaking: the pipeline deal was signed in may.\n", encoding="utf-8")
            event = events.wait_for("story.toy")
        finally:
            watcher.stop()
        assert event is not None and event.kind == "changed"

        (result,) = handle_events(library, [(event, True)])
        assert "reloaded" in result.message and result.text_changed
        moved = library.annotations.get(tagged.annotation_id)
        new_text = library.documents.text(doc.id)
        assert new_text.startswith("BREAKING:")
        assert new_text[moved.start : moved.end] == "PIPELINE DEAL"
        rescan = scan(library)  # reads it the same way: nothing changed
        assert rescan.unchanged == 1 and not (rescan.new or rescan.changed or rescan.refused)

        out = tmp_path / "out.toylist"
        assert export(library, "toy", out) == "Wrote 1 toy lines"
        assert out.read_text(encoding="utf-8") == "PIPELINE DEAL|Energy\n"
    assert "*.toy" in file_dialog_filter()
    args = build_parser().parse_args(["export", "--format", "toy", "--out", "x.toylist"])
    assert args.format == "toy"


def test_the_command_line_exports_a_registered_format(tmp_path, toy_formats, capsys):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "story.toy").write_text("gas and oil.\n", encoding="utf-8")
    project = str(tmp_path / "p.annotator")
    assert main(["--project", project, "add", str(folder)]) == 0
    assert main(["--project", project, "tag", "add", "Energy"]) == 0
    assert (
        main(["--project", project, "annotate", "story", "--quote", "GAS", "--tag", "Energy"]) == 0
    )
    out = tmp_path / "out.toylist"
    assert main(["--project", project, "export", "--format", "toy", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "GAS|Energy\n"


@pytest.mark.parametrize("broken", [False, True])
def test_breaking_the_markdown_entry_is_noticed_everywhere(
    tmp_path, request, events, capsys, broken
):
    """With the .md entry taken out, the watcher, the file dialog and the command line all
    stop offering Markdown; with it in place, all three do (the same test, both ways)."""
    if broken:
        request.getfixturevalue("without_markdown")
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("one", encoding="utf-8")
    (folder / "b.md").write_text("two", encoding="utf-8")
    watcher = source_watcher(events, **FAST)
    watcher.watch(folder)
    watcher.start()
    try:
        (folder / "b.md").write_text("two, edited", encoding="utf-8")
        (folder / "a.txt").write_text("one, edited", encoding="utf-8")
        assert events.wait_for("a.txt") is not None  # the watcher is working
        got_md = events.wait_for("b.md", timeout=1.0 if broken else 10.0) is not None
    finally:
        watcher.stop()
    assert got_md is not broken
    assert ("*.md" in file_dialog_filter()) is not broken
    with pytest.raises(SystemExit):
        main(["--help"])
    add_help = next(line for line in capsys.readouterr().out.splitlines() if "add files" in line)
    assert (".md" in add_help) is not broken
    parser = build_parser()
    if broken:
        with pytest.raises(SystemExit):
            parser.parse_args(["export", "--format", "md", "--out", "b.md"])
    else:
        assert parser.parse_args(["export", "--format", "md", "--out", "b.md"]).format == "md"
