"""Stored runs of `check` and `cite`: the same command on unchanged files prints what it printed before.

The hook runs on every commit, often over drafts that have not changed (a
commit retried after another hook failed, CI re-running a branch), and writers
ask `cite` the same sentence again. A finished run stores its output and exit
status with what it read, keyed by the build (`build.fingerprint`), its folder,
command line and standard output (a terminal, its width, the settings colour
and width are read from, the encoding). What it read is:

- every file it read, with a digest of the bytes as they were read (see
  `files.logging_reads`), so a file edited while the run worked never matches;
- the listing of the registry and corpus folders: every name, its kind, and
  where a symlink points, never following one, so a retargeted folder link or
  a new file is a change;
- each configuration file that could have been found and was not read: that it
  is missing, or what kind of thing is there (it is never opened, so a FIFO
  there cannot block the replay).

A run that saw a file change under it, or could not list a folder, is not
stored. The next identical command replays the record only if all of it still
holds. Only the standard library is imported here, so a replay costs little
more than starting Python.

Records are trusted only where the run would store them: `.scocheck/runs/` in
the project's own folder (found as `configfile.find_config` finds it), never a
parent's. The folders and the record must be this user's, not symlinks, not
writable by others; a record must parse, name this very command, list what it
read, and hold output this build could print (no control characters but the
colour codes of a terminal). Anything else is ignored and the command runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat

from .build import fingerprint
from .cache import CACHE_DIR, cache_folder, write_atomically
from .configfile import CONFIG_FILES
from .files import CHANGED

RUNS_DIR = "runs"
KEEP = 64  # records kept; the oldest go first
MAX_RECORD_BYTES = 64_000_000  # a check of a draft at the size limit prints ~150 MB of JSON: not stored
# Every environment variable rich reads to decide colour, width or interactivity (tests check the list
# against rich's source): each changes the text a run prints, so each is part of the key.
OUTPUT_SETTINGS = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
                   "COLUMNS", "LINES", "JUPYTER_COLUMNS", "JUPYTER_LINES", "DATABRICKS_RUNTIME_VERSION")
_COLOUR_CODE = re.compile(r"\x1b\[[0-9;]{0,64}m")
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def config_candidates(start: str) -> list[str]:
    """Every file whose presence or content could change the configuration found from `start`."""
    found, folder = [], os.path.abspath(start)
    while True:
        found += [os.path.join(folder, name) for name in CONFIG_FILES]
        parent = os.path.dirname(folder)
        if parent == folder:
            return found
        folder = parent


def inputs_of(reads: dict[str, str], folders, candidates) -> list[list[str]] | None:
    """What a run read, as [path, digest] pairs; None when it cannot be stored (a file changed while
    it was read, or a folder could not be listed)."""
    found = dict(reads)
    for folder in map(os.fspath, folders):
        found[os.path.abspath(folder)] = _listing(folder)
    for path in map(os.path.abspath, candidates):
        found.setdefault(path, _presence(path))
    if any(digest in (None, CHANGED) for digest in found.values()):
        return None
    return [[path, found[path]] for path in sorted(found)]


def project_root(cwd: str) -> str | None:
    """The folder a run from cwd stores its records in (the project's), or None if the
    configuration cannot be read (the run will say why)."""
    from .configfile import find_config
    from .errors import InputError

    start = os.path.realpath(cwd)
    try:
        found = find_config(start)
    except InputError:
        return None
    return os.path.dirname(found[0]) if found else start


def replay(argv: list[str], cwd: str) -> tuple[str, int] | None:
    """The stored output and exit status of this command, if nothing it read has changed."""
    root = project_root(cwd)
    if root is None:
        return None
    key = _key(argv, cwd)
    data = _read(os.path.join(root, CACHE_DIR, RUNS_DIR, key + ".json"), key)
    if data is None or not _unchanged(data["inputs"]):
        return None
    return data["output"], data["code"]


def record(root: str, argv: list[str], cwd: str, inputs: list[list[str]] | None, output: str, code: int) -> None:
    """Store a finished run for `replay`; a failure to store is not the user's problem."""
    if not inputs:
        return
    try:
        folder = cache_folder(root, RUNS_DIR)
        if os.path.islink(folder):  # never written through a symlink (nor read through one: _read)
            return
        os.chmod(folder, 0o700)
        key = _key(argv, cwd)
        text = json.dumps({"version": fingerprint(), "key": key, "inputs": inputs, "output": output, "code": code})
        if len(text) <= MAX_RECORD_BYTES:
            write_atomically(os.path.join(folder, key + ".json"), text)
            _prune(folder)
    except OSError:
        pass


def _key(argv: list[str], cwd: str) -> str:
    text = json.dumps([fingerprint(), os.path.abspath(cwd), argv, _terminal()])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _terminal() -> list:
    """What about standard output changes what is printed: a terminal, its width, its encoding, and
    the settings rich reads."""
    import sys

    tty = sys.stdout.isatty()
    width = os.get_terminal_size(sys.stdout.fileno()).columns if tty else None
    return [tty, width, getattr(sys.stdout, "encoding", None), *(os.environ.get(name) for name in OUTPUT_SETTINGS)]


def _listing(folder: str) -> str | None:
    """A folder's entries, recursively: each relative name, its kind, and a symlink's target. Symlinks
    are not followed; None if any part cannot be listed."""
    entries, failed = [], []
    for top, folders, names in os.walk(folder, onerror=failed.append):
        for name in sorted(folders) + sorted(names):
            path = os.path.join(top, name)
            try:
                mode = os.lstat(path).st_mode
                target = os.readlink(path) if stat.S_ISLNK(mode) else ""
            except OSError:
                return None
            entries.append(f"{os.path.relpath(path, folder)}\0{stat.S_IFMT(mode)}\0{target}")
    if failed or not os.path.isdir(folder):
        return None
    return "folder:" + hashlib.sha256("\n".join(entries).encode("utf-8", "surrogatepass")).hexdigest()


def _presence(path: str) -> str:
    """A file that was not read: whether something is there, and what kind of thing (never opened)."""
    try:
        return f"present:{stat.S_IFMT(os.lstat(path).st_mode)}"
    except FileNotFoundError:
        return "missing"
    except OSError:
        return None


def _file_digest(path: str) -> str | None:
    """The digest `files.read_bytes` would note, reading as it reads (a regular file, never blocking,
    within the size limit), or None."""
    from .files import MAX_FILE_BYTES

    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        data = stream.read(MAX_FILE_BYTES + 1)
    return "file:" + hashlib.sha256(data).hexdigest() if len(data) <= MAX_FILE_BYTES else None


def _unchanged(inputs: list) -> bool:
    for path, digest in inputs:
        kind = digest.split(":", 1)[0]
        now = (_file_digest(path) if kind == "file" else _listing(path) if kind == "folder"
               else _presence(path))
        if now != digest:
            return False
    return True


def _ours(info: os.stat_result, folder: bool) -> bool:
    """A record or its folder as this user made it: the right kind (a symlink is neither), this user's,
    and not writable by anyone else."""
    kind = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
    owner = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return kind and owner and not info.st_mode & 0o022


def _read(path: str, key: str) -> dict | None:
    runs = os.path.dirname(path)
    try:
        if not all(_ours(os.lstat(folder), True) for folder in (os.path.dirname(runs), runs)):
            return None
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(stream.fileno())
            if not _ours(info, False) or info.st_size > MAX_RECORD_BYTES:
                return None
            data = json.loads(stream.read(MAX_RECORD_BYTES + 1))
    except (OSError, ValueError, RecursionError):
        return None
    if not (isinstance(data, dict) and data.get("version") == fingerprint() and data.get("key") == key
            and isinstance(data.get("output"), str) and data.get("code") in (0, 1)
            and isinstance(data.get("inputs"), list) and data["inputs"]
            and all(isinstance(i, list) and len(i) == 2 and all(isinstance(x, str) for x in i) for i in data["inputs"])
            and any(digest.startswith("folder:") for _, digest in data["inputs"])):
        return None
    return data if _printable(data["output"]) else None


def _printable(output: str) -> bool:
    """Output this build could have printed: on a terminal (or with colour forced) colour codes, and
    otherwise no control character but line breaks and tabs."""
    terminal = _terminal()
    colour = terminal[0] or any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE"))
    return not _UNPRINTABLE.search(_COLOUR_CODE.sub("", output) if colour else output)


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
