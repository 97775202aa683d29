"""The domain core: models, anchoring, text loading. Standard library only, no Qt."""
