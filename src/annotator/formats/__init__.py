"""The one registry of what the app reads and writes: source formats and export formats."""
