"""Interchange formats: W3C Web Annotation JSON, REFI-QDA, CSV and Markdown."""
