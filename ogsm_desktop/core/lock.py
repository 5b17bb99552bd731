"""One writer per plan: an OS lock on the plan file itself, released when the plan closes or the process ends.

The lock is taken on the file's identity, not its name: a second name for the same file (a hard link,
another path to the same folder) is the same plan and is refused too, and nothing beside the plan can be
deleted or replaced to get round it. A small file beside the plan (``.NAME.lock``) only says who holds
the lock, for the message a second writer sees; when it cannot be written the lock holds all the same
(and a link, a pipe or a device put in its place is neither followed nor waited on).
The lock dies with its process, so a crash never leaves a stale lock behind.

(Linux and macOS: ``flock``, which does not touch SQLite's own byte-range locks. Windows: a byte far
beyond SQLite's lock bytes.)
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import stat
from pathlib import Path

from .errors import PlanFileError
from .i18n import _
from .places import os_problem

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _FAR = 1 << 40                       # SQLite's lock bytes sit at 1 GiB; stay well clear of them

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, _FAR, os.SEEK_SET)
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
        self.info_path = lock_path(self.plan_path.resolve())
        self._fd: int | None = None
        self._told = False                   # the side file is ours to remove on release

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> PlanLock:
        try:
            fd = os.open(self.plan_path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            raise PlanFileError(os_problem(self.plan_path, exc, "opened")) from None
        if not _try_lock(fd):
            os.close(fd)
            raise PlanFileError(_("{path}: already open for editing elsewhere ({holder}); close it there first. "
                                  "Nothing was changed.").format(path=self.plan_path, holder=self._holder()))
        self._fd = fd
        self._tell_who()
        return self

    def _tell_who(self) -> None:
        """Say in the side file who holds the lock (best effort: the lock does not depend on it)."""
        info = json.dumps({"user": _user(), "host": socket.gethostname(), "pid": os.getpid(),
                           "file": self._identity()}).encode()
        try:
            fd = _open_side_file(self.info_path, os.O_WRONLY | os.O_CREAT)
        except OSError:
            return
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return                    # a pipe or a device put there: say nothing, wait for nothing
            os.ftruncate(fd, 0)
            os.write(fd, info)
            self._told = True
        except OSError:
            pass
        finally:
            os.close(fd)

    def _identity(self) -> list[int]:
        """The locked file's identity (device, inode): which file a note beside the plan's name is about."""
        st = os.fstat(self._fd)
        return [st.st_dev, st.st_ino]

    def _note(self) -> dict:
        """What the side file says ({} when it cannot be read)."""
        try:
            fd = _open_side_file(self.info_path, os.O_RDONLY)
        except OSError:
            return {}
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return {}
            info = json.loads(os.read(fd, 4096) or b"{}")
            return info if isinstance(info, dict) else {}
        except (OSError, ValueError):
            return {}
        finally:
            os.close(fd)

    def _holder(self) -> str:
        info = self._note()
        if not info:
            return _("another process")
        return _("{user} on {host}, process {pid}").format(
            user=info.get("user", "?"), host=info.get("host", "?"), pid=info.get("pid", "?"))

    def release(self) -> None:
        # The note is removed only while it is about this lock's file: another file put in the plan's place
        # and locked since (in this process or another) has written its own note there, which stays.
        if self._told and self._fd is not None and self._note().get("file") == self._identity():
            try:
                self.info_path.unlink()
            except OSError:
                pass
        self._told = False
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> PlanLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _open_side_file(path: Path, flags: int) -> int:
    """Open the side file without following a link put in its place and without waiting on a pipe."""
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    return os.open(path, flags, 0o644)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"
