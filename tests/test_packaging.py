"""The built wheel carries the seeds and resources, and an installed copy finds them."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("annotator-*.whl"))


@pytest.mark.slow
def test_wheel_contains_every_seed_and_the_template(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for seed in (ROOT / "seeds").glob("*.txt"):
        assert f"annotator/_data/seeds/{seed.name}" in names
    resources = [p for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert resources, "the resources folder is empty"
    for resource in resources:
        relative = resource.relative_to(ROOT / "resources").as_posix()
        assert f"annotator/_data/resources/{relative}" in names


@pytest.mark.slow
def test_installed_copy_finds_seeds_outside_a_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target)]
        + [str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import annotator.bundled as b; "
        "print(b.seeds_dir()); print(len(list(b.seeds_dir().glob('*.txt'))))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {code}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    folder, count = result.stdout.split()
    assert Path(folder).is_relative_to(target)
    assert int(count) == len(list((ROOT / "seeds").glob("*.txt")))
