"""install-desktop.sh puts the menu entry, icons, metainfo and MIME type under XDG_DATA_HOME."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator import __version__
from annotator.store.library import Library

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SCRIPT = PACKAGING / "install-desktop.sh"
MIME_TYPE = "application/x-annotator-project"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
METAINFO = PACKAGING / "io.github.annotator.Annotator.metainfo.xml"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("bash") is None,
    reason="freedesktop integration: Linux only",
)


def install(share: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_DATA_HOME=str(share), PYTHON=sys.executable)
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=120
    )


def desktop_entry(share: Path) -> dict[str, str]:
    lines = (share / "applications" / "annotator.desktop").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


@pytest.fixture
def app(tmp_path) -> Path:
    """A stand-in for the frozen app, in a folder whose name needs quoting in an Exec line."""
    folder = tmp_path / "Annotator 0.1 (frozen)"
    folder.mkdir()
    program = folder / "annotator"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    return program


def test_install_puts_every_file_in_place(tmp_path, app):
    share = tmp_path / "share"
    done = install(share, str(app))
    assert done.returncode == 0, done.stderr

    entry = desktop_entry(share)
    assert entry["Exec"] == f'"{app}" %f'
    assert entry["Icon"] == "annotator"
    assert MIME_TYPE in entry["MimeType"].split(";")
    for size in SIZES:
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "annotator.png"
        assert png_size(png) == (size, size)
    svg = share / "icons" / "hicolor" / "scalable" / "apps" / "annotator.svg"
    assert svg.read_bytes() == (ROOT / "resources" / "icons" / "annotator.svg").read_bytes()
    assert (share / "metainfo" / "io.github.annotator.Annotator.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / "annotator-project.xml").is_file()
    if shutil.which("update-mime-database"):
        assert MIME_TYPE in (share / "mime" / "types").read_text()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(share / "applications" / "annotator.desktop")],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_without_an_argument_the_entry_starts_annotator_from_path(tmp_path, app):
    share = tmp_path / "share"
    done = install(share, path=f"{app.parent}{os.pathsep}{os.environ['PATH']}")
    assert done.returncode == 0, done.stderr
    assert desktop_entry(share)["Exec"] == f'"{app}" %f'


def test_a_path_with_shell_characters_is_quoted_as_the_spec_says(tmp_path):
    folder = tmp_path / 'odd $dir "q" 50%'
    folder.mkdir()
    program = folder / "annotator"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    share = tmp_path / "share"
    assert install(share, str(program)).returncode == 0
    escaped = str(program).replace("$", "\\\\$").replace('"', '\\\\"').replace("%", "%%")
    assert desktop_entry(share)["Exec"] == f'"{escaped}" %f'


def test_the_desktop_knows_annotator_projects(tmp_path, app):
    if not shutil.which("xdg-mime"):
        pytest.skip("xdg-utils is not installed")
    share = tmp_path / "share"
    assert install(share, str(app)).returncode == 0
    project = tmp_path / "study.annotator"
    Library.open(project).close()  # a real project: an SQLite file
    env = dict(os.environ, XDG_DATA_HOME=str(share))
    env.pop("XDG_CURRENT_DESKTOP", None)

    def xdg_mime(*args: str) -> str:
        done = subprocess.run(["xdg-mime", *args], env=env, capture_output=True, text=True)
        return done.stdout.strip()

    # Without a desktop, xdg-mime asks `mimetype` (the shared MIME database) or else `file`
    # (libmagic, which knows only SQLite).
    if shutil.which("mimetype"):
        assert xdg_mime("query", "filetype", str(project)) == MIME_TYPE
    if shutil.which("update-desktop-database"):
        assert xdg_mime("query", "default", MIME_TYPE) == "annotator.desktop"


def test_uninstall_removes_what_install_put_there(tmp_path, app):
    share = tmp_path / "share"
    assert install(share, str(app)).returncode == 0
    done = install(share, "--uninstall")
    assert done.returncode == 0, done.stderr
    left = {p for p in share.rglob("*") if p.is_file() and "annotator" in p.name.lower()}
    assert left == set()
    if shutil.which("update-mime-database"):
        assert MIME_TYPE not in (share / "mime" / "types").read_text()


def test_a_missing_app_is_refused_with_a_message(tmp_path):
    done = install(tmp_path / "share", str(tmp_path / "nowhere" / "annotator"))
    assert done.returncode != 0
    assert "is not an executable file" in done.stderr


def test_the_metadata_files_agree():
    """One id, MIME type and version across the .desktop, metainfo and MIME files."""
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.tag == "component" and metainfo.get("type") == "desktop-application"
    assert metainfo.findtext("id") == "io.github.annotator.Annotator"
    for required in ("name", "summary", "metadata_license", "project_license", "description"):
        assert metainfo.find(required) is not None, required
    assert metainfo.findtext("launchable") == "annotator.desktop"
    assert metainfo.findtext("provides/mediatype") == MIME_TYPE
    assert metainfo.find("releases/release").get("version") == __version__

    mime = ET.parse(PACKAGING / "annotator-project.xml").getroot()
    mime_type = mime.find(f"{MIME_NS}mime-type")
    assert mime_type.get("type") == MIME_TYPE
    assert mime_type.find(f"{MIME_NS}glob").get("pattern") == "*.annotator"
    assert mime_type.find(f"{MIME_NS}sub-class-of").get("type") == "application/vnd.sqlite3"

    entry = (PACKAGING / "annotator.desktop").read_text(encoding="utf-8")
    assert f"MimeType={MIME_TYPE};" in entry.splitlines()

    if shutil.which("appstreamcli"):
        checked = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(METAINFO)],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
