"""The formats layer: the one registry of what Annotator reads, writes and imports."""
