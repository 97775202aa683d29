"""One window per project: a lock and a local socket, both keyed by the project file's path."""

from __future__ import annotations

import enum
import getpass
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QDir, QLockFile, QObject, QThread, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_REQUEST = b"raise\n"
_ANSWER = b"ok\n"
_ASK_MS = 2000  # one try at the owner; a busy owner (opening a large project) answers later


class Claim(enum.Enum):
    OWNED = "owned"
    """This process holds the project: open it."""
    HANDED_OVER = "handed over"
    """Another Annotator process has it open and brought its window to the front."""
    BUSY = "busy"
    """Another Annotator process has it open and does not answer."""


def instance_key(path: Path) -> str:
    """The name of a project's lock and socket: the same for every process of this user.

    The user is part of it because Unix local sockets of different users share one folder.
    """
    where = os.path.normcase(str(Path(path).expanduser().resolve()))
    digest = hashlib.sha256(f"{getpass.getuser()}\0{where}".encode()).hexdigest()
    return f"annotator-{digest[:24]}"


class ProjectInstance(QObject):
    """This process's hold on one project file, and its line to the process that holds it.

    The lock lives in the user's temporary folder, not next to the project: a project in a
    read-only or synced folder gets no stray files, and the lock only has to keep two windows of
    this user apart (SQLite already keeps the file whole when several programs write to it).
    A lock whose process has died (kill -9, a crash) is stale and taken over; the socket such a
    process leaves behind is removed by whoever holds the lock next.
    """

    raise_requested = Signal()
    """Another Annotator process was asked to open this project: bring its window forward."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path).expanduser().resolve()
        self.key = instance_key(self.path)
        self._lock = QLockFile(str(Path(QDir.tempPath()) / f"{self.key}.lock"))
        # Never stale by age: a window may stay open for weeks. Only a dead owner frees it.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    def try_own(self) -> bool:
        """Take the project for this process (True), unless another live process holds it."""
        if self._lock.isLocked():
            return True
        if not self._lock.tryLock(0):
            return False
        # Holding the lock, any socket with our name belongs to a process that died.
        QLocalServer.removeServer(self.key)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._accept)
        # Without a socket the lock still keeps a second window out; it just cannot call us.
        if server.listen(self.key):
            self._server = server
        return True

    def owner_pid(self) -> int | None:
        """The process id written in the lock by whoever holds it (None: unknown)."""
        info = self._lock.getLockInfo()
        return int(info[0]) if isinstance(info, tuple) and info and info[0] else None

    def ask_owner_to_raise(self, timeout_ms: int = _ASK_MS) -> bool:
        """Ask the process holding the project to show its window; True when it answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        try:
            if not socket.waitForConnected(timeout_ms):
                return False
            socket.write(_REQUEST)
            if not socket.waitForBytesWritten(timeout_ms):
                return False
            answer = b""
            while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
                answer += bytes(socket.readAll().data())
            return answer == _ANSWER
        finally:
            socket.abort()

    def release(self) -> None:
        """Let the project go (at close), so the next window may take it."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            connection.readyRead.connect(lambda c=connection: self._answer(c))
            connection.disconnected.connect(connection.deleteLater)
            self._answer(connection)

    def _answer(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            return
        if bytes(connection.readLine().data()) == _REQUEST:
            connection.write(_ANSWER)
            connection.flush()
            self.raise_requested.emit()


def claim(path: Path, timeout_ms: int = 10_000) -> tuple[Claim, ProjectInstance]:
    """Take ``path`` for this process, or hand it to the Annotator process that has it open.

    A process that holds the lock but is not listening yet (it is starting) or not answering
    (it is busy) is asked again until ``timeout_ms`` runs out; one that dies meanwhile loses
    the project to us.
    """
    instance = ProjectInstance(path)
    deadline = QDeadlineTimer(timeout_ms)
    while True:
        if instance.try_own():
            return Claim.OWNED, instance
        ask_ms = max(1, min(_ASK_MS, deadline.remainingTime()))
        if instance.ask_owner_to_raise(ask_ms):
            return Claim.HANDED_OVER, instance
        if deadline.hasExpired():
            return Claim.BUSY, instance
        QThread.msleep(100)
