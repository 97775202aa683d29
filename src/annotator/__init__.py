"""Annotator: read articles closely, tag passages, take notes and compile a Word briefing."""

__version__ = "0.1.0"
