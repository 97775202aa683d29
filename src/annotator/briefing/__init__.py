"""The Word briefing: a pure model of sections and excerpts, rendered to .docx by python-docx."""
