"""Shared test set-up: Qt runs offscreen, each test gets its own data directory, and formats can
be registered (a toy source and export) or taken away for one test."""

import os
import threading
from pathlib import Path

# pytest-qt aborts the whole run without a display unless Qt is told to render offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from annotator.core.content import SourceContent, SourceMetadata  # noqa: E402
from annotator.core.textload import load_text  # noqa: E402
from annotator.formats.registry import (  # noqa: E402
    REGISTRY,
    ExportFormat,
    ExportInput,
    ExportOptions,
    SourceFormat,
)
from annotator.formats.written import snapshot_of  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """Keep the default project and settings of every test away from the user's real ones."""
    home = tmp_path_factory.mktemp("annotator-home")
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(home))
    return home


@pytest.fixture(autouse=True)
def _no_office_unless_asked(request, monkeypatch):
    """Word exports lay the file out with LibreOffice when it is installed (seconds each): only
    the tests marked ``office`` do; the others see a machine without it."""
    if request.node.get_closest_marker("office") is None:
        from annotator.formats import briefing_pdf

        monkeypatch.setattr(briefing_pdf, "soffice", lambda: None)


def _finishes(action, seconds: float = 10.0):
    """Run ``action`` on a thread: what it returned (or raise what it raised); fail if it hangs.

    For actions that block forever when they regress (opening a FIFO waits for a writer): the
    test then fails instead of hanging the whole suite.
    """
    outcome: dict = {}

    def work():
        try:
            outcome["value"] = action()
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"{action} did not return within {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def finishes():
    """``finishes(action)``: run ``action`` with a time limit (see ``_finishes``)."""
    return _finishes


def read_toy(path: Path) -> SourceContent:
    """A .toy file is a text whose reader upper-cases it (and whose title is its name)."""
    plain = load_text(path)
    return SourceContent.of(
        plain.text.upper(), "toy", metadata=SourceMetadata(title=f"Toy {path.stem}")
    )


def write_toy(data: ExportInput, out: Path, options: ExportOptions) -> str:
    """A toy export: one line per annotation, "quote|tags"."""
    snapshot = snapshot_of(data)
    paths = snapshot.tag_paths()
    lines = [f"{a.exact}|{','.join(paths[t] for t in a.tag_ids)}" for a in snapshot.annotations]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"Wrote {len(lines)} toy lines"


TOY_SOURCE = SourceFormat("toy", "Toy text", (".toy",), read_toy)
TOY_EXPORT = ExportFormat("toy", "Toy list", ".toylist", "annotations", write_toy)


@pytest.fixture
def toy_formats(monkeypatch):
    """The toy formats registered, as a module and one line in ``formats.builtin`` would."""
    monkeypatch.setitem(REGISTRY.sources, TOY_SOURCE.key, TOY_SOURCE)
    monkeypatch.setitem(REGISTRY.exports, TOY_EXPORT.key, TOY_EXPORT)
    return TOY_SOURCE, TOY_EXPORT


@pytest.fixture
def without_markdown():
    """The Markdown source and briefing formats taken out of the registry (a broken entry).

    Put back where they were: the registry's order is what the dialogs and messages list
    (monkeypatch.delitem would put them back last)."""
    saved = [(table, dict(table)) for table in (REGISTRY.sources, REGISTRY.exports)]
    del REGISTRY.sources["markdown"]
    del REGISTRY.exports["md"]
    yield
    for table, items in saved:
        table.clear()
        table.update(items)
