"""The errors the store raises, each with a message meant for the user."""


class StoreError(Exception):
    """The project file cannot be used as asked; the message says why."""


class ProjectLocked(StoreError):
    """Another program holds a lock on the project file."""


class ProjectCorrupt(StoreError):
    """The file is not an Annotator project, or it is damaged."""


class NotFound(StoreError, LookupError):
    """No document, tag or annotation with that id or name."""


class Conflict(StoreError, ValueError):
    """The change would break a rule (a duplicate tag name among siblings, a cycle in the tree)."""


class ProjectMissing(StoreError):
    """The project file was deleted or replaced while open: nothing more is written to it."""


class ProjectReadOnly(StoreError):
    """The project is open read-only (read-only media or file): changes cannot be saved."""


class StaleValue(Conflict):
    """Another program changed the value since it was read; nothing was overwritten."""

    def __init__(self, message: str, current: str) -> None:
        super().__init__(message)
        self.current = current


def check_expected(current: str, expected: str | None, what: str) -> None:
    """Optimistic concurrency: refuse to overwrite ``current`` unless it is what was ``expected``
    (``None``: no check). Call inside the transaction that writes."""
    if expected is not None and current != expected:
        raise StaleValue(
            f"{what} was changed by another program since it was loaded; nothing was overwritten",
            current,
        )
