"""The one error the core raises for bad input: it names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input scocheck cannot work with: the CLI prints it as one line and exits 2."""

    def __init__(self, path: Path | str | None, message: str, line: int | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


def read_text(path: Path) -> str:
    """A UTF-8 text file's contents, or an InputError saying why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(path, f"not UTF-8 text (byte 0x{data[error.start]:02x})", line) from None


def write_text(path: Path, text: str) -> None:
    """Write a UTF-8 file whole or not at all: a temporary file in the same folder, then renamed over it."""
    import os
    import tempfile

    folder = path.parent
    if not folder.is_dir():
        raise InputError(path, f"no such folder: {folder}")
    if path.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise InputError(path, f"cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        os.chmod(temporary, _new_file_mode(path))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(path, f"cannot write: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _new_file_mode(path: Path) -> int:
    """The mode the file would have if written in place (mkstemp makes it private)."""
    import os
    import stat

    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
