"""Re-anchoring every annotation of a document after its text changed (diff based)."""
