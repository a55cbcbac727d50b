"""Put finished output in place: folders kept under --out, one build per target, no silent replacement.

A build writes into a fresh hidden folder (`tempfile.mkdtemp`: exclusive, unpredictable name)
beside its target while holding the target's lock (`flock` on `.NAME.lock`, released by the
kernel if the process dies), and moves it into place at the end with `renameat2`'s
RENAME_NOREPLACE: an atomic move that fails if anything appeared at the target meanwhile. So
two builds of one exam never both win, a folder that a person created during a build is never
replaced without --force, and an interrupted build leaves nothing but its hidden folder, which
the next build of that exam removes.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import MathExamsError


class OutputExists(MathExamsError):
    """The target exists and --force was not given."""


class OutputBusy(MathExamsError):
    """Another mathexams process is writing the same target."""


def exam_folder(out: Path, name: str) -> Path:
    """The folder `name` directly inside `out`, as an absolute path; MathExamsError when `name`
    could lead elsewhere ('..', '/', a symlink) or `out` is a file or lies under one."""
    if not name or name.startswith(".") or "/" in name or "\\" in name or "\0" in name or len(name) > 200:
        raise MathExamsError(f"{name!r} cannot name an exam folder")
    base = Path(out).resolve()
    for folder in (base, *base.parents):
        if folder.exists() and not folder.is_dir():
            raise MathExamsError(f"--out {out}: {folder} is a file, not a folder")
    target = base / name
    if target.is_symlink() or target.resolve().parent != base:
        raise MathExamsError(f"{target} is a symbolic link or leads outside {base}: refusing to write there")
    return target


def refuse_existing(target: Path, force: bool) -> None:
    """Raise OutputExists unless `target` is free or may be replaced."""
    if (target.exists() or target.is_symlink()) and not force:
        raise OutputExists(f"{target} already exists: pass --force to replace it, or choose another --out")


def _make_parent(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MathExamsError(f"cannot create {target.parent}: {exc.strerror}") from None


@contextmanager
def target_lock(target: Path) -> Iterator[None]:
    """Hold the lock of `target` for the block; OutputBusy at once if another process holds it."""
    _make_parent(target)
    lock = target.parent / f".{target.name}.lock"
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        raise MathExamsError(f"cannot create the lock {lock}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputBusy(f"another mathexams is writing {target} right now (it holds {lock.name}): "
                             "nothing was changed; run again when it has finished") from None
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)
    finally:
        os.close(fd)


def _leftovers(target: Path) -> list[Path]:
    """Hidden folders of earlier builds of `target` that were killed before cleaning up."""
    prefixes = (f".{target.name}.tmp-", f".{target.name}.old-")
    return [p for p in target.parent.iterdir()
            if p.name.startswith(prefixes) and p.is_dir() and not p.is_symlink()]


_AT_FDCWD = -100
_RENAME_NOREPLACE = 1


def rename_noreplace(source: Path, target: Path) -> None:
    """Move `source` to `target` atomically, failing with FileExistsError if `target` exists."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        if renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS):  # a file system without RENAME_NOREPLACE: fall back
            raise FileExistsError(err, os.strerror(err), str(target)) if err == errno.EEXIST else \
                OSError(err, os.strerror(err), str(target))
    os.mkdir(target)            # claims the name atomically (FileExistsError if taken) ...
    os.rename(source, target)   # ... and replaces only the empty folder just made


def _move_into_place(staging: Path, target: Path, force: bool) -> None:
    old = None
    if force and (target.exists() or target.is_symlink()):
        if target.is_symlink() or not target.is_dir():
            raise MathExamsError(f"{target} is not a folder mathexams wrote: refusing to replace it")
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.replace(target, old)   # onto the empty folder just made
    try:
        rename_noreplace(staging, target)
    except FileExistsError:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        raise OutputExists(f"{target} appeared while this build ran: nothing was replaced; pass --force "
                           "to replace it, or choose another --out") from None
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def staged_folder(target: Path, *, force: bool) -> Iterator[Path]:
    """A fresh hidden folder to build `target` in, moved into place when the block ends without
    an exception and removed otherwise; the target's lock is held throughout."""
    with target_lock(target):
        refuse_existing(target, force)
        for leftover in _leftovers(target):  # we hold the lock: nobody else is building this target
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            yield staging
            _move_into_place(staging, target, force)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def write_text_atomically(path: Path, text: str, *, force: bool) -> None:
    """Write one file through a fresh temporary file in its folder (never a fixed name that a
    symlink could redirect) and an atomic rename; an existing file is replaced only with force."""
    refuse_existing(path, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if force:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)      # fails if the name was taken meanwhile
            os.unlink(tmp)
    except FileExistsError:
        raise OutputExists(f"{path} appeared while writing: nothing was replaced; pass --force") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
