"""One lock for PDFium, which is not thread-safe, not even across documents (pypdfium2's docs).

The app reads sources on a worker thread while the watcher reloads another on its own, and an
export may read its PDF's outline meanwhile: whoever opens a PDFium document holds this until
it is closed again.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
