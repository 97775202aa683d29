"""CLI test helpers: run ``annotator`` in-process and a private copy of the bundled seeds."""

from __future__ import annotations

import json
import shutil

import pytest

from annotator.bundled import seeds_dir
from annotator.cli.main import main


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(seeds_dir(), folder)
    return folder


@pytest.fixture
def run(capsys):
    """``run(*args)`` -> (exit status, stdout, stderr) of ``annotator args``."""

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return call


@pytest.fixture
def run_json(run):
    def call(*args: str):
        status, out, err = run(*args, "--json")
        assert status == 0, err
        return json.loads(out)

    return call


def unique_quote(text: str, length: int = 40) -> str:
    """A passage of ``text`` that occurs exactly once, taken from its middle."""
    for start in range(len(text) // 2, len(text) - length):
        quote = text[start : start + length]
        if "\n" not in quote and quote.strip() == quote and text.count(quote) == 1:
            return quote
    raise AssertionError("no unique passage")


@pytest.fixture
def quote_of():
    return unique_quote
