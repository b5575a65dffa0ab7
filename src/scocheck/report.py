"""The HTML report: every claim against every source, built from `verify` results.

`build_report` turns verify results into an immutable model (a row per claim,
a column per source, a cell per pair, a summary per source); `render_html`
fills the page template (templates/report.html, with its CSS and script
inlined) so the file opens from the file system with no network at all.

A cell's state says what the source says about the claim's fact:
"states" (a registered evidence passage from the source states the claim's
value), "differs" (a passage from the source states another value: a
conflict, acknowledged in disputed_by or not, or a registered quote that
states the wrong value) or "silent" (neither).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from importlib.resources import files
from string import Template
from typing import TYPE_CHECKING, Iterable

from .render import clean
from .verdicts import Agreement, Status
from .verify import summary as summarise

if TYPE_CHECKING:
    from .conflicts import Stated
    from .corpus import Source
    from .verify import ClaimResult

STATES = ("states", "differs", "silent")
SYMBOLS = {"states": "✓", "differs": "✗", "silent": "·"}


@dataclass(frozen=True)
class Passage:
    source: str
    line: int
    quote: str
    value: str
    agrees: bool  # states the claim's value
    highlight: tuple[int, int] | None  # the value's span in the quote
    acknowledged: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Cell:
    source: str
    state: str  # one of STATES
    values: tuple[str, ...]  # the other values stated, when it differs
    also_states: bool  # differs, yet also states the claim's value elsewhere
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Row:
    claim: str
    statement: str
    value: str
    status: Status
    cells: tuple[Cell, ...]

    @property
    def disputed(self) -> bool:
        """Some source states another value than the claim's."""
        return any(cell.state == "differs" for cell in self.cells)


@dataclass(frozen=True)
class Column:
    source: str
    title: str
    year: int | None


@dataclass(frozen=True)
class SourceSummary:
    source: str
    supports: int  # claims whose value it states
    disputed: int  # disputed claims it speaks to, on either side
    outliers: tuple[tuple[str, tuple[str, ...]], ...]  # (claim id, the other values it states)


@dataclass(frozen=True)
class Report:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    summaries: tuple[SourceSummary, ...]
    counts: tuple[tuple[str, int], ...]  # verify's summary as pairs: ("claims", n), then each status


# --- the model ------------------------------------------------------------------------


def build_report(results: list[ClaimResult], sources: dict[str, Source]) -> Report:
    columns = tuple(Column(s.id, str(s.csl.get("title", "")), s.year) for s in sources.values())
    rows = tuple(build_row(result, [c.source for c in columns]) for result in results)
    summaries = tuple(summarise_source(rows, index, column.source) for index, column in enumerate(columns))
    return Report(columns, rows, summaries, tuple(summarise(results).items()))


def build_row(result: ClaimResult, sources: list[str]) -> Row:
    agreeing = [read.stated for read in result.evidence if read.stated is not None and read.verdict == Agreement.AGREE]
    # a registered quote that states another value (a broken claim) is a source differing too
    wrong = [read.stated for read in result.evidence if read.stated is not None and read.verdict == Agreement.DISAGREE]
    cells = tuple(build_cell(source, agreeing, [*result.conflicts, *wrong]) for source in sources)
    claim = result.claim
    return Row(claim.id, claim.statement, claim.value.canonical, result.status, cells)


def build_cell(source: str, agreeing: list[Stated], conflicts: Iterable[Stated]) -> Cell:
    agree = _passages((s for s in agreeing if s.mention.source == source), agrees=True)
    differ = _passages((s for s in conflicts if s.mention.source == source), agrees=False)
    if differ:
        values = tuple(dict.fromkeys(p.value for p in differ))
        return Cell(source, "differs", values, bool(agree), _by_line(agree + differ))
    return Cell(source, "states" if agree else "silent", (), False, agree)


def summarise_source(rows: tuple[Row, ...], index: int, source: str) -> SourceSummary:
    cells = [(row, row.cells[index]) for row in rows]
    supports = sum(cell.state == "states" or cell.also_states for _, cell in cells)
    disputed = sum(row.disputed and cell.state != "silent" for row, cell in cells)
    outliers = tuple((row.claim, cell.values) for row, cell in cells if cell.values)
    return SourceSummary(source, supports, disputed, outliers)


def _passages(stated: Iterable[Stated], agrees: bool) -> tuple[Passage, ...]:
    """Passages, one per place in the source (two registered quotes may share a passage)."""
    unique = {}
    for s in stated:
        key = (s.mention.start, s.mention.end, s.value.canonical)
        unique.setdefault(key, Passage(s.mention.source, s.mention.line, s.mention.quote, s.value.canonical,
                                       agrees, s.highlight, s.acknowledged, s.note))
    return _by_line(tuple(unique.values()))


def _by_line(passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    return tuple(sorted(passages, key=lambda p: p.line))


# --- the page -------------------------------------------------------------------------


def render_html(report: Report) -> str:
    """The whole page: the template filled with escaped text and the data as inert JSON."""
    counts = dict(report.counts)
    style, script = _template_text("report.css"), _template_text("report.js")
    return _template("report.html").substitute(
        style=style,
        script=script,
        # the page's policy runs only this script and applies only this style sheet, by their hashes:
        # markup that slipped into the page could neither run code nor send a form anywhere
        style_hash=_csp_hash(f"\n{style}\n"),
        script_hash=_csp_hash(f"\n{script}\n"),
        title=escape(f"scocheck report: {counts['claims']} claims, {len(report.columns)} sources"),
        counts=escape(_counts_line(counts)),
        source_options="".join(_source_option(i, c) for i, c in enumerate(report.columns)),
        summary_rows="".join(_summary_row(s, c) for s, c in zip(report.summaries, report.columns)),
        source_headers="".join(_source_header(i, c) for i, c in enumerate(report.columns)),
        claim_rows="".join(_claim_row(i, row) for i, row in enumerate(report.rows)),
        data=_json_for_script(_page_data(report)),
    )


def _csp_hash(element_text: str) -> str:
    """A Content-Security-Policy source for exactly this text of a <script> or <style> element."""
    import base64
    import hashlib

    return "sha256-" + base64.b64encode(hashlib.sha256(element_text.encode("utf-8")).digest()).decode("ascii")


def _template(name: str) -> Template:
    return Template(_template_text(name))


def _template_text(name: str) -> str:
    return files("scocheck").joinpath("templates", name).read_text(encoding="utf-8")


def _text(value: str) -> str:
    """User text as safe HTML, in text or in a quoted attribute."""
    return escape(clean(value), quote=True)


def _counts_line(counts: dict[str, int]) -> str:
    statuses = ", ".join(f"{counts[s]} {s}" for s in (Status.OK, Status.DISPUTED, Status.CONTRADICTED, Status.BROKEN))
    return f"{counts['claims']} claims: {statuses}"


def _source_label(column: Column) -> str:
    year = column.year or "n.d."
    return f"{column.title} ({year})" if column.title else str(year)


def _source_option(index: int, column: Column) -> str:
    return f'<option value="{index}">{_text(column.source)}</option>'


def _source_header(index: int, column: Column) -> str:
    return (f'<th scope="col" class="source" data-col="{index}" title="{_text(_source_label(column))}">'
            f'{_text(column.source)}</th>')


def _summary_row(summary: SourceSummary, column: Column) -> str:
    outliers = "".join(f'<li><span class="claim-id">{_text(claim)}</span>: <b>{_text(", ".join(values))}</b></li>'
                       for claim, values in summary.outliers)
    outliers = f'<ul class="outliers">{outliers}</ul>' if outliers else '<span class="none">none</span>'
    return (f'<tr data-source="{_text(summary.source)}"><th scope="row">{_text(summary.source)}'
            f'<span class="source-title">{_text(_source_label(column))}</span></th>'
            f'<td class="num">{summary.supports}</td><td class="num">{summary.disputed}</td>'
            f'<td>{outliers}</td></tr>')


def _claim_row(index: int, row: Row) -> str:
    marker = (f'<span class="badge status-{row.status}">{row.status}</span>' if row.status != Status.OK else "")
    cells = "".join(_cell(index, col, cell, row.value) for col, cell in enumerate(row.cells))
    return (f'<tr class="claim status-{row.status}" data-row="{index}" data-status="{row.status}" '
            f'data-disputed="{str(row.disputed).lower()}"><th scope="row" class="claim-head">'
            f'<span class="claim-id">{_text(row.claim)}</span>{marker}'
            f'<span class="statement">{_text(row.statement)}</span></th>'
            f'<td class="value">{_text(row.value)}</td>{cells}</tr>')


def _cell(row: int, col: int, cell: Cell, claim_value: str) -> str:
    symbol = f'<span class="symbol" aria-hidden="true">{SYMBOLS[cell.state]}</span>'
    label = _cell_label(cell, claim_value)
    if cell.state == "silent":
        return (f'<td class="cell state-silent" data-col="{col}" data-state="silent">'
                f'<span class="mark" title="{_text(label)}">{symbol}<span class="sr">{_text(label)}</span></span></td>')
    shown = "".join(f'<span class="other">{_text(v)}</span>' for v in cell.values)
    also = '<span class="also" title="also states the claim\'s value">+✓</span>' if cell.also_states else ""
    return (f'<td class="cell state-{cell.state}" data-col="{col}" data-state="{cell.state}">'
            f'<button type="button" class="mark" data-row="{row}" data-col="{col}" aria-label="{_text(label)}" '
            f'title="{_text(label)}">{symbol}{shown}{also}</button></td>')


def _cell_label(cell: Cell, claim_value: str) -> str:
    count = len(cell.passages)
    passages = f"{count} passage{'s' * (count != 1)}"
    if cell.state == "states":
        return f"{cell.source} states {claim_value} ({passages})"
    if cell.state == "differs":
        also = f", and also {claim_value}" if cell.also_states else ""
        return f"{cell.source} states {', '.join(cell.values)}{also} ({passages})"
    return f"{cell.source} is silent"


def _page_data(report: Report) -> dict:
    """What the script needs to open a cell: its passages, split around the value to highlight."""
    return {
        "sources": [c.source for c in report.columns],
        "claims": [{"id": clean(row.claim), "statement": clean(row.statement), "value": clean(row.value),
                    "status": row.status,
                    "cells": [[_passage_data(p) for p in cell.passages] for cell in row.cells]}
                   for row in report.rows],
    }


def _passage_data(passage: Passage) -> dict:
    quote = passage.quote
    start, end = passage.highlight or (0, 0)
    return {"source": passage.source, "line": passage.line, "value": passage.value, "agrees": passage.agrees,
            "acknowledged": passage.acknowledged, "note": clean(passage.note) if passage.note else None,
            "before": clean(quote[:start]), "match": clean(quote[start:end]), "after": clean(quote[end:])}


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its <script> element or open a comment: <, > and & as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
