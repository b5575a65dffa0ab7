"""Open a scocheck project: its configuration, sources, registry and (lazily) documents."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config
from .corpus import Document, Source, load_sources, read_corpus

if TYPE_CHECKING:
    from .registry import Registry


@dataclass(frozen=True)
class Project:
    config: Config
    sources: dict[str, Source]
    registry: Registry

    @cached_property
    def documents(self) -> dict[str, Document]:
        return read_corpus(self.sources)

    @cached_property
    def analysis(self):
        from .mentions import analyse_corpus, vocabulary

        return analyse_corpus(self.documents, vocabulary(self.registry))


def open_project(claims: Path | None = None, corpus: Path | None = None, start: Path | None = None) -> Project:
    """Load and validate configuration, sources and registry; documents are read when first needed."""
    from .registry import load_registry

    config = load_config(claims, corpus, start)
    sources = load_sources(config.corpus)
    registry = load_registry(config.claims, set(sources))
    return Project(config, sources, registry)


def open_sources(corpus: Path | None = None, start: Path | None = None) -> dict[str, Source]:
    return load_sources(load_config(None, corpus, start).corpus)
