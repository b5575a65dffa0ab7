"""Where a project's claims and corpus live, and its settings.

Read from `scocheck.toml`, or `[tool.scocheck]` in `pyproject.toml`, found by
walking up from the current directory (configfile); command-line options override both.
Keys are the long option names (`claims`, `corpus`, `fail-level`, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .configfile import find_config
from .errors import InputError


@dataclass(frozen=True)
class Config:
    root: Path  # the folder relative paths are resolved against
    claims: Path
    corpus: Path
    settings: dict = field(default_factory=dict, compare=False, hash=False)
    file: Path | None = None


def load_config(claims: Path | None = None, corpus: Path | None = None, start: Path | None = None) -> Config:
    start = (start or Path.cwd()).resolve()
    found = find_config(start)
    if found is None:
        root, settings, file = start, {}, None
    else:
        file, settings = Path(found[0]), found[1]
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
