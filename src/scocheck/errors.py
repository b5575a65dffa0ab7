"""The one error the core raises for bad input: it names the file and the problem."""

from __future__ import annotations

import os
TYPE_CHECKING = False  # typing and pathlib cost a replay (which imports this module) milliseconds
if TYPE_CHECKING:
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
        message = _excerpts(self.message, hidden=bool(self.path) and _leaves_its_folder(self.path))
        return f"{where}: {message}" if where else message


# What a message quotes from a file: a value in quotes. At most EXCERPT characters of it are shown,
# and none of a file reached through a symlink that leads out of its folder (a registry file linked
# to a secret must not print the secret into a CI log).
EXCERPT = 60
_QUOTED = r"'[^'\n]{0,5000}'|\"[^\"\n]{0,5000}\""


def _excerpts(message: str, hidden: bool) -> str:
    import re  # here, not at the top: a replay imports this module and must start fast

    def shown(match: re.Match) -> str:
        quoted = match.group()
        if hidden:
            return quoted[0] + "…" + quoted[-1]
        return quoted if len(quoted) <= EXCERPT + 2 else quoted[: EXCERPT + 1] + "…" + quoted[-1]

    return re.sub(_QUOTED, shown, message)


def _leaves_its_folder(path: str) -> bool:
    try:
        folder = os.path.realpath(os.path.dirname(os.path.abspath(path)))
        return os.path.commonpath([folder, os.path.realpath(path)]) != folder
    except (OSError, ValueError):
        return True
