"""``annotator PROJECT_FILE`` opens the app on that project; every subcommand still runs."""

from __future__ import annotations

import importlib.metadata

import pytest

import annotator.cli.main as cli_main
from annotator import __version__


@pytest.fixture
def opened(monkeypatch):
    """The project each start of the app was asked to open (the GUI itself is not started)."""
    calls: list[str | None] = []

    def fake_open_app(project: str | None) -> int:
        calls.append(project)
        return 0

    monkeypatch.setattr(cli_main, "_open_app", fake_open_app)
    return calls


def test_a_project_file_alone_opens_the_app_on_it(tmp_path, run, opened):
    project = tmp_path / "study.annotator"
    assert run(project)[0] == 0
    assert run("--project", project)[0] == 0
    assert opened == [str(project), str(project)]
    assert not project.exists()  # the app opens it, not the command line


def test_an_existing_file_of_any_name_and_a_relative_path_open_too(tmp_path, run, opened):
    other = tmp_path / "Study (copy)"
    other.write_bytes(b"")
    assert run(other)[0] == 0
    assert run("sub/study")[0] == 0
    assert opened == [str(other), "sub/study"]


def test_no_argument_opens_the_default_project(run, opened):
    assert run()[0] == 0
    assert opened == [None]


def test_subcommands_still_run(tmp_path, run, opened, seeds):
    project = tmp_path / "study.annotator"
    status, out, err = run("--project", project, "add", seeds)
    assert status == 0, err
    status, out, err = run("--project", project, "docs")
    assert status == 0 and all(seed.name in out for seed in seeds.glob("*.txt"))
    # A project file named where the subcommand goes is the same as --project.
    assert run(project, "docs")[1] == out
    assert opened == []


def test_a_subcommand_name_stays_a_subcommand(run, opened, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").write_bytes(b"")  # even with a file of that name here
    status, _out, err = run("docs")
    assert status == 0, err
    assert opened == []


def test_a_mistyped_subcommand_is_an_error_not_a_new_project(run, opened, capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        run("exprot")
    assert info.value.code == 2
    assert "invalid choice: 'exprot'" in capsys.readouterr().err
    assert opened == []


def test_two_projects_at_once_is_an_error(run, opened, capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        run("--project", tmp_path / "a.annotator", tmp_path / "b.annotator")
    assert info.value.code == 2
    assert "two projects" in capsys.readouterr().err
    assert opened == []


def test_version_is_the_package_version(run, capsys):
    with pytest.raises(SystemExit) as info:
        run("--version")
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"annotator {__version__}"
    # pyproject.toml reads the same string (hatch's dynamic version), so the wheel carries it.
    assert importlib.metadata.version("annotator") == __version__
