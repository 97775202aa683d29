"""Fixtures: the small test project, and a helper that writes its briefing and reads it back."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from briefing_corpus import ANNOTATIONS, TAGS, TEXTS, make_document

from annotator.briefing.writer import write_briefing
from annotator.core.briefing import BriefingOptions, build_briefing


@pytest.fixture
def inputs() -> dict:
    return {
        "project_name": "Test project",
        "project_note": "The executive summary.\nIts second paragraph.",
        "documents": [make_document(i) for i in (1, 2, 3)],
        "texts": dict(TEXTS),
        "tags": list(TAGS),
        "annotations": list(ANNOTATIONS),
    }


@pytest.fixture
def compile_briefing(inputs, tmp_path):
    """compile_briefing(**options) -> (briefing, path, python-docx Document read back)."""

    def run(annotations=None, template=None, progress=None, **options):
        opts = dataclasses.replace(
            BriefingOptions(title="Test briefing", author="Ana Lyst", date="1 March 2026"),
            **options,
        )
        data = dict(inputs)
        if annotations is not None:
            data["annotations"] = annotations
        briefing = build_briefing(opts, **data)
        path = write_briefing(briefing, tmp_path / "out.docx", template=template, progress=progress)
        return briefing, path, docx.Document(str(path))

    return run
