"""One writer per plan: an OS lock on a small file beside the plan, released when the process ends.

A second window (or a writing command) on the same plan is refused with a message naming who holds
it. The lock is advisory and dies with its process, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from pathlib import Path

from .errors import PlanFileError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False


def lock_path(plan_path: Path) -> Path:
    return plan_path.with_name(f".{plan_path.name}.lock")


class PlanLock:
    """Hold the write lock of one plan file for as long as this object lives (or until release())."""

    def __init__(self, plan_path: str | Path):
        self.plan_path = Path(plan_path)
        self.path = lock_path(self.plan_path.resolve())
        self._fd: int | None = None

    def acquire(self) -> PlanLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return self       # a read-only folder: nobody else can write there either
        if not _try_lock(fd):
            holder = self._holder(fd)
            os.close(fd)
            raise PlanFileError(f"{self.plan_path}: already open for editing elsewhere ({holder}); "
                                "close it there first. Nothing was changed.")
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps({"user": _user(), "host": socket.gethostname(), "pid": os.getpid()}).encode())
        self._fd = fd
        return self

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            info = json.loads(os.pread(fd, 4096, 0) or b"{}")
            return f"{info.get('user', '?')} on {info.get('host', '?')}, process {info.get('pid', '?')}"
        except (OSError, ValueError, AttributeError):
            return "another process"

    def release(self) -> None:
        # The small lock file stays: removing it could let two processes lock two different files.
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> PlanLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"
