"""This build of scocheck as one digest: its version and every file of its code and data.

A cache made by one build is never read by another: an index holds passages as this build's
normaliser cut them, and a stored run holds what this build's rules printed. Editing a rule, a
word list or a template, or installing another commit under the same version number, changes the
digest, so every cache keyed on it is rebuilt. Only the standard library is used here: replaying a
stored run computes it too, and must start fast.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache

from . import __version__

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_KINDS = (".py", ".yaml", ".html", ".css", ".js")


@cache
def fingerprint() -> str:
    digest = hashlib.sha256(f"scocheck {__version__}\n".encode())
    found = []
    for top, folders, names in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [os.path.join(top, n) for n in names if n.endswith(_KINDS)]
    for path in sorted(found):
        name = os.path.relpath(path, _PACKAGE).replace(os.sep, "/")
        with open(path, "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()
