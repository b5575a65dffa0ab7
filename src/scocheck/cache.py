"""The `.scocheck/` folder beside a project: what scocheck can rebuild, and nothing else.

It ignores itself in git, and every file in it is written to a temporary name
and moved into place, so a reader never sees half a file.
"""

from __future__ import annotations

import os

CACHE_DIR = ".scocheck"


def cache_folder(root: str | os.PathLike, *parts: str) -> str:
    """`root/.scocheck/parts...`, created, with the .gitignore that keeps it out of commits."""
    top = os.path.join(root, CACHE_DIR)
    if os.path.islink(top) or (os.path.lexists(top) and not os.path.isdir(top)):
        raise OSError(f"{top} is not scocheck's own folder (a symlink or a file): not writing there")
    folder = os.path.join(top, *parts)
    os.makedirs(folder, exist_ok=True)
    ignore = os.path.join(top, ".gitignore")
    if not os.path.exists(ignore):
        write_atomically(ignore, "# scocheck's cache: rebuilt when the corpus changes\n*\n")
    return folder


def write_atomically(path: str | os.PathLike, text: str, mode: int | None = None) -> None:
    """Write text whole or not at all: a temporary file in the same folder, then renamed over path.

    mode: the permissions to give the file (mkstemp makes it private, which suits the cache).
    """
    import tempfile  # not at the top: replaying a stored run (results) never writes, and must start fast

    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
