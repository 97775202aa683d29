"""packaging/build.sh on a fresh copy of the checkout: builds the frozen app and smoke-tests it.

It takes minutes (a new build environment, PyInstaller), so it runs only with ANNOTATOR_SLOW=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("ANNOTATOR_SLOW") != "1", reason="minutes long: set ANNOTATOR_SLOW=1"
)
@pytest.mark.skipif(shutil.which("bash") is None, reason="build.sh is a bash script")
def test_build_sh_on_a_fresh_copy_builds_and_smoke_tests_the_app(tmp_path):
    # A copy without the developer's environments and earlier builds, as a fresh clone has,
    # but with the working tree's changes in it.
    checkout = tmp_path / "annotator"
    shutil.copytree(
        ROOT,
        checkout,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "venv", "build", "dist", "__pycache__", ".pytest_cache", ".hypothesis"
        ),
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ANNOTATOR_", "QT_"))}
    done = subprocess.run(
        ["bash", str(checkout / "packaging" / "build.sh")],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "GUI on new.annotator: painted and closed, exit status 0" in done.stdout
    assert "handed over to the first window" in done.stdout
    app = checkout / "dist" / "annotator"
    assert (app / "_internal" / "annotator" / "_data" / "seeds").is_dir()
    size = sum(f.stat().st_size for f in app.rglob("*") if f.is_file() and not f.is_symlink())
    assert size < 150 * 1024 * 1024, f"the frozen app is {size / 2**20:.0f} MiB"
