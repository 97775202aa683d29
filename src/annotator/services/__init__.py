"""Use cases on top of the store: add sources, scan, annotate, reload, import and export."""
