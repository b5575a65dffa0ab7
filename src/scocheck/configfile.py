"""Which file configures a project: the nearest `scocheck.toml`, or `pyproject.toml` with a
[tool.scocheck] table, walking up from the current folder.

Only the standard library, and TOML is parsed only when such a file exists: replaying a stored run
finds the project's folder this way too, and must start fast (see results).
"""

from __future__ import annotations

import os

from .errors import InputError
from .files import read_text

OWN_FILE, PYPROJECT = "scocheck.toml", "pyproject.toml"
CONFIG_FILES = (OWN_FILE, PYPROJECT)


def find_config(start: str | os.PathLike) -> tuple[str, dict] | None:
    """The nearest configuration file from start (an absolute, resolved folder) and its table."""
    folder = os.fspath(start)
    while True:
        own = os.path.join(folder, OWN_FILE)
        if os.path.isfile(own):
            return own, load_toml(own)
        pyproject = os.path.join(folder, PYPROJECT)
        if os.path.isfile(pyproject):
            tools = load_toml(pyproject).get("tool", {})
            if not isinstance(tools, dict):
                raise InputError(pyproject, "[tool] must be a table")
            table = tools.get("scocheck")
            if isinstance(table, dict):
                return pyproject, table
            if table is not None:
                raise InputError(pyproject, "[tool.scocheck] must be a table")
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load_toml(path: str) -> dict:
    import tomllib

    try:
        return tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        message = str(error).split(" (at line")[0]
        raise InputError(path, f"invalid TOML: {message}", line) from None
    except RecursionError:
        raise InputError(path, "invalid TOML: nested too deeply") from None
    except ValueError as error:  # e.g. an integer too long to convert
        raise InputError(path, f"invalid TOML: {' '.join(str(error).split())[:200]}") from None
