"""Reading and writing a user's files: regular files only, size-limited, decoded or refused with an
InputError that names the file; written whole or not at all; and, for a stored run, a note of
every file read and the digest of what was read."""

from __future__ import annotations

import os
import stat
TYPE_CHECKING = False  # typing and pathlib cost a replay (which imports this module) milliseconds
if TYPE_CHECKING:
    from pathlib import Path

from .errors import InputError

# The largest file scocheck reads (documents, drafts, registry, configuration). A writer's
# sources and drafts are far smaller; a bigger file is refused at once instead of costing
# minutes of analysis (or all the memory) in a hook.
MAX_FILE_BYTES = 2_000_000


# The logs of the runs that are noting what they read (see `logging_reads`).
_LOGS: list[dict[str, str]] = []
CHANGED = "changed"  # a file read twice with different contents: the run saw two versions of it


class logging_reads:
    """`with logging_reads() as log:` notes every file read through `read_bytes` meanwhile, as
    {absolute path: "file:" + SHA-256 of the bytes read}. A stored run is keyed on what the run
    actually read, not on what the files held when it ended: a file edited during the run no longer
    matches its record. (A class, not contextlib: a replay imports this module and must start fast.)"""

    def __enter__(self) -> dict[str, str]:
        self.log: dict[str, str] = {}
        _LOGS.append(self.log)
        return self.log

    def __exit__(self, *exc) -> None:
        _LOGS.remove(self.log)


def _note(path: Path, data: bytes) -> None:
    import hashlib

    digest = "file:" + hashlib.sha256(data).hexdigest()
    name = os.path.abspath(path)
    for log in _LOGS:
        log[name] = digest if log.get(name, digest) == digest else CHANGED


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes, or an InputError: missing, not a regular file (a FIFO or device
    would block or never end), or larger than `limit`."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below)
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, "not a regular file")
            data = handle.read(limit + 1)  # never more than the limit, even if the file grows
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        size = max(info.st_size, len(data))
        raise InputError(path, f"too large ({size / 1e6:.1f} MB; scocheck reads files up to {limit / 1e6:g} MB)")
    if _LOGS:
        _note(path, data)
    return data


def files_in(folder: Path, suffix: str) -> list[Path]:
    """The files in folder whose names end in suffix, sorted; an InputError when the folder cannot be
    listed (unreadable input is an error, never an empty registry)."""
    from pathlib import Path

    try:
        names = os.listdir(folder)
    except OSError as error:
        raise InputError(folder, f"cannot list the folder: {error.strerror or error}") from None
    return sorted(Path(folder) / name for name in names if name.endswith(suffix))


def read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file's contents, or an InputError saying why not."""
    data = read_bytes(path, limit)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(path, f"not UTF-8 text (byte 0x{data[error.start]:02x})", line) from None
    nul = text.find("\0")
    if nul != -1:
        raise InputError(path, "binary file, not text (it contains NUL bytes)", text.count("\n", 0, nul) + 1)
    return text


def write_text(path: Path, text: str) -> None:
    """Write a user's file whole or not at all (see cache.write_atomically), or an InputError saying why not."""
    from .cache import write_atomically

    if not path.parent.is_dir():
        raise InputError(path, f"no such folder: {path.parent}")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise InputError(path, f"cannot write: {error.strerror or error}") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(path, "is a directory, not a file")
    if mode is not None and stat.S_ISLNK(mode):
        raise InputError(path, "is a symlink: not replacing it (name the file it points to, or a new file)")
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError(path, "is not a regular file (a device, FIFO or socket): not replacing it")
    try:
        write_atomically(path, text, _new_file_mode(path))
    except OSError as error:
        raise InputError(path, f"cannot write: {error.strerror or error}") from None


def _new_file_mode(path: Path) -> int:
    """The mode the file would have if written in place (mkstemp makes it private)."""
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
