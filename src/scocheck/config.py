"""Where a project's claims and corpus live, and its settings.

Read from `scocheck.toml`, or `[tool.scocheck]` in `pyproject.toml`, found by
walking up from the current directory; command-line options override both.
Keys are the long option names (`claims`, `corpus`, `fail-level`, ...).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, read_text


@dataclass(frozen=True)
class Config:
    root: Path  # the folder relative paths are resolved against
    claims: Path
    corpus: Path
    settings: dict = field(default_factory=dict, compare=False, hash=False)
    file: Path | None = None


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest scocheck.toml or pyproject.toml with [tool.scocheck], and its table."""
    for folder in (start, *start.parents):
        own = folder / "scocheck.toml"
        if own.is_file():
            return own, _load_toml(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            tools = _load_toml(pyproject).get("tool", {})
            if not isinstance(tools, dict):
                raise InputError(pyproject, "[tool] must be a table")
            table = tools.get("scocheck")
            if isinstance(table, dict):
                return pyproject, table
            if table is not None:
                raise InputError(pyproject, "[tool.scocheck] must be a table")
    return None


def load_config(claims: Path | None = None, corpus: Path | None = None, start: Path | None = None) -> Config:
    start = (start or Path.cwd()).resolve()
    found = find_config(start)
    if found is None:
        root, settings, file = start, {}, None
    else:
        file, settings = found
        root = file.parent
    paths = settings.get("paths", {})
    if not isinstance(paths, dict):
        raise InputError(file, "[paths] must be a table")
    chosen = {}
    for key in ("claims", "corpus"):
        value = paths.get(key, settings.get(key, key))
        if not isinstance(value, str) or not value.strip() or "\0" in value:
            raise InputError(file, f"{key} must be a folder name (text), not {str(value)[:80]!r}")
        chosen[key] = root / value
    claims_dir = claims or chosen["claims"]
    corpus_dir = corpus or chosen["corpus"]
    return Config(root, Path(claims_dir), Path(corpus_dir), settings, file)


def _load_toml(path: Path) -> dict:
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
