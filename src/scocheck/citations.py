"""Citations of sources, from the CSL-JSON fields in sources.yaml.

- pandoc: `[@grieger2015]`, `[@grieger2015; @css2009]`
- author-date: `(Grieger 2015)`, `(Khan and Sultana n.d.)`, `(Liaqat et al. 2025)` for three or more
- full: a reference-list entry formatted by citeproc-py (a CSL processor) with a
  CSL style, never by hand-written string formatting.
"""

from __future__ import annotations

from .corpus import Source

FULL_STYLE = "harvard-cite-them-right"  # ships with citeproc-py


def csl_item(source: Source) -> dict:
    """A source as a CSL-JSON item: sources.yaml holds CSL fields; dates become date-parts."""
    item = {"id": source.id}
    for key, value in source.csl.items():
        if key == "id" or value is None:
            continue
        if key in ("issued", "accessed"):
            item[key] = {"date-parts": [[int(part) for part in str(value).split("-")[:3]]]}
        else:
            item[key] = value
    item.setdefault("type", "document")
    return item


def pandoc(keys: list[str]) -> str:
    return "[" + "; ".join(f"@{key}" for key in keys) + "]" if keys else ""


def author_date(sources: list[Source]) -> str:
    return "(" + "; ".join(_author_date_one(s) for s in sources) + ")" if sources else ""


def _author_date_one(source: Source) -> str:
    names = [_family(a) for a in source.csl.get("author") or [] if isinstance(a, dict)]
    names = [n for n in names if n] or [str(source.csl.get("title") or source.id)]
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {source.year or 'n.d.'}"


def _family(author: dict) -> str:
    return str(author.get("family") or author.get("literal") or "")


def full(sources: list[Source]) -> list[str]:
    """Reference-list entries, one per source, in the order given."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = [csl_item(s) for s in sources]
    style = CitationStylesStyle(FULL_STYLE, validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    entries = {}
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    for key, entry in zip(bibliography.keys, bibliography.bibliography()):
        entries[key] = str(entry)
    return [entries.get(s.id.lower(), entries.get(s.id, "")) for s in sources]


def cite(sources: list[Source], style: str) -> str:
    if style == "pandoc":
        return pandoc([s.id for s in sources])
    if style == "author-date":
        return author_date(sources)
    return "\n".join(full(sources))
