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
