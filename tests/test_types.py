"""The code type-checks (mypy, configured in pyproject.toml): a finding fails the suite.

Every package is checked, the GUI included (against PySide6's own stubs), with
``check_untyped_defs``, ``disallow_incomplete_defs``, ``no_implicit_optional`` and
``warn_unused_ignores``; no package is exempt, and the few per-line ignores say why.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "core",
    "store",
    "services",
    "reanchor",
    "watch",
    "formats",
    "interchange",
    "briefing",
    "cli",
    "ui",
)


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_mypy_finds_nothing():
    if _mypy("--version").returncode:
        pytest.skip("mypy is not installed (it is in the test extra)")
    result = _mypy()  # the files and options of [tool.mypy] in pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_every_package_is_checked_and_none_is_exempt():
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'files = ["src/annotator"]' in config
    assert "ignore_errors" not in config
    for option in (
        "check_untyped_defs = true",
        "disallow_incomplete_defs = true",
        "no_implicit_optional = true",
        "warn_unused_ignores = true",
    ):
        assert option in config
    for package in PACKAGES:
        assert (ROOT / "src" / "annotator" / package / "__init__.py").is_file()
