"""scocheck: fact-checking and citation for writers.

The library core (corpus, registry, values, match, mentions, verify, ...) has
no printing and no exits; the command line in `cli` is a thin layer over it.
"""

__version__ = "0.1.0"
