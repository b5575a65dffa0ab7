"""Stored runs of `check` and `cite`: the same command on unchanged files prints what it printed before.

The hook runs on every commit, often over drafts that have not changed (a
commit retried after another hook failed, CI re-running a branch), and writers
ask `cite` the same sentence again. A finished run stores its output and exit
status together with every file it read (configuration candidates, registry,
corpus, drafts) and a digest of each, keyed by its folder, command line and
terminal (colour and width change text output). The next identical command replays the
record only if every file still has the same digest and no folder gained or
lost a file; otherwise it runs afresh. Only the standard library is imported
here, so a replay costs little more than starting Python.

Records live in `.scocheck/runs/` beside the index, are written atomically,
and are checked on read: anything malformed is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os

from .build import fingerprint
from .cache import CACHE_DIR, cache_folder, write_atomically

RUNS_DIR = "runs"
KEEP = 64  # records kept; the oldest go first
CONFIG_FILES = ("scocheck.toml", "pyproject.toml")


def config_candidates(start: str) -> list[str]:
    """Every file whose presence or content could change the configuration found from `start`."""
    found, folder = [], os.path.abspath(start)
    while True:
        found += [os.path.join(folder, name) for name in CONFIG_FILES]
        parent = os.path.dirname(folder)
        if parent == folder:
            return found
        folder = parent


def files_under(*folders) -> list[str]:
    """Each folder and every file in it: the registry or corpus a run read."""
    found = []
    for folder in map(os.fspath, folders):
        found.append(folder)
        found += [os.path.join(top, name) for top, _, names in os.walk(folder) for name in names]
    return found


def replay(argv: list[str], cwd: str) -> tuple[str, int] | None:
    """The stored output and exit status of this command, if none of its inputs changed."""
    name = _key(argv, cwd) + ".json"
    folder = os.path.abspath(cwd)
    while True:
        record = _read(os.path.join(folder, CACHE_DIR, RUNS_DIR, name))
        if record is not None:
            return (record["output"], record["code"]) if _unchanged(record["inputs"]) else None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def record(root: str, argv: list[str], cwd: str, inputs: list[str], output: str, code: int) -> None:
    """Store a finished run for `replay`; a failure to store is not the user's problem."""
    try:
        folder = cache_folder(root, RUNS_DIR)
        data = {"version": fingerprint(), "inputs": [[p, _digest(p)] for p in sorted(set(inputs))],
                "output": output, "code": code}
        write_atomically(os.path.join(folder, _key(argv, cwd) + ".json"), json.dumps(data))
        _prune(folder)
    except OSError:
        pass


def _key(argv: list[str], cwd: str) -> str:
    text = json.dumps([fingerprint(), os.path.abspath(cwd), argv, _terminal()])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _terminal() -> list:
    """What about standard output changes text output: a terminal, its width, colour settings."""
    import sys

    tty = sys.stdout.isatty()
    width = os.get_terminal_size(sys.stdout.fileno()).columns if tty else None
    return [tty, width, *(os.environ.get(name) for name in ("TERM", "NO_COLOR", "FORCE_COLOR", "COLUMNS"))]


def _digest(path: str) -> str:
    """A file's content hash, a folder's list of files (recursively), or 'missing'."""
    if os.path.isdir(path):
        listing = sorted(os.path.relpath(os.path.join(top, f), path) for top, _, files in os.walk(path) for f in files)
        return "folder:" + hashlib.sha256("\n".join(listing).encode("utf-8", "surrogatepass")).hexdigest()
    try:
        with open(path, "rb") as handle:
            return "file:" + hashlib.sha256(handle.read()).hexdigest()
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"


def _unchanged(inputs: list) -> bool:
    return all(_digest(path) == digest for path, digest in inputs)


def _read(path: str) -> dict | None:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    valid = (isinstance(data, dict) and data.get("version") == fingerprint() and isinstance(data.get("output"), str)
             and isinstance(data.get("code"), int) and isinstance(data.get("inputs"), list)
             and all(isinstance(i, list) and len(i) == 2 and all(isinstance(x, str) for x in i)
                     for i in data["inputs"]))
    return data if valid else None


def _prune(folder: str) -> None:
    records = [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".json")]
    if len(records) <= KEEP:
        return
    records.sort(key=lambda p: os.stat(p).st_mtime_ns)
    for path in records[: len(records) - KEEP]:
        try:
            os.unlink(path)
        except OSError:
            pass
