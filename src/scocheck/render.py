"""Renderers: one function per command and output format.

JSON renderers return plain data (the CLI dumps it); text renderers write to a
rich Console. Text the user wrote (quotes, statements, notes) is always passed
as `rich.text.Text`, never as markup, with control characters removed, so a
quote containing "[bold]" or an escape sequence prints as itself.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from .verdicts import CiteVerdict, Severity, Stance, Status

if TYPE_CHECKING:
    from .corpus import Source
    from .registry import Claim
    from .verify import ClaimResult

JSON_VERSION = 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_STATUS_STYLE = {Status.OK: "green", Status.DISPUTED: "yellow", Status.BROKEN: "red", Status.CONTRADICTED: "red"}


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: str) -> str:
    """User text made safe to echo: no control characters or bidirectional overrides, and
    no lone surrogates (bytes of a file name or argument that were not UTF-8) to break the output."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text.replace("\t", " ")))


def one_line(text: str) -> str:
    """clean() text flattened onto one line: for messages that must stay one line."""
    return " ".join(clean(text).split())


def to_json(data, indent: int | None = 2) -> str:
    """JSON text that is always valid UTF-8: a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", json.dumps(data, ensure_ascii=False, indent=indent))


def dumps(data: dict) -> str:
    return to_json({"version": JSON_VERSION, **data})


# --- verify ------------------------------------------------------------------------


def verify_json(results: list[ClaimResult], summary: dict) -> dict:
    from .verify import evidence_problem

    claims = []
    for result in results:
        evidence = []
        for read in result.evidence:
            item = {"source": read.quote.source, "line": None, "quote": read.quote.quote, "found": False,
                    "value": read.stated.value.canonical if read.stated else None}
            if read.found is not None:
                item |= read.found.mention.as_json() | {"found": True, "match": read.found.method,
                                                        "score": round(read.found.score, 1)}
            problem = evidence_problem(read)
            if problem:
                item["problem"] = problem
            evidence.append(item)
        conflicts = [
            c.mention.as_json() | {"value": c.value.canonical, "acknowledged": c.acknowledged,
                                   "confidence": c.confidence, "note": c.note}
            for c in result.conflicts
        ]
        claims.append({"id": result.claim.id, "status": result.status, "value": result.claim.value.canonical,
                       "evidence": evidence, "conflicts": conflicts, "problems": list(result.problems)})
    return {"claims": claims, "summary": summary}


def verify_text(results: list[ClaimResult], summary: dict, console, verbose: bool = False) -> None:
    from rich.text import Text

    from .verify import evidence_problem

    for result in results:
        if result.status == Status.OK and not verbose:
            continue
        line = Text()
        line.append(f"{result.status:<13}", style=_STATUS_STYLE[result.status])
        line.append(clean(result.claim.id), style="bold")
        line.append(f"  = {clean(result.claim.value.canonical)}")
        console.print(line)
        for read in result.evidence:
            problem = evidence_problem(read)
            if problem:
                console.print(Text(f"    evidence {read.quote.source}: {clean(problem)}: ", style="red")
                              + Text(clean(_short(read.quote.quote))))
        for problem in result.problems:
            console.print(Text(f"    {clean(problem)}", style="red"))
        for conflict in result.conflicts:
            mark = "acknowledged" if conflict.acknowledged else "NOT ACKNOWLEDGED"
            text = Text(f"    {conflict.mention.source}:{conflict.mention.line} says ")
            text.append(clean(conflict.value.canonical), style="bold")
            text.append(f" ({mark}): ", style="yellow" if conflict.acknowledged else "red")
            text.append_text(quote_text(conflict))
            console.print(text)
    statuses = (Status.OK, Status.DISPUTED, Status.BROKEN, Status.CONTRADICTED)
    parts = [f"{summary['claims']} claims"] + [f"{summary[s]} {s}" for s in statuses]
    console.print(Text(": ".join([parts[0], ", ".join(parts[1:])]), style="bold"))


def quote_text(stated, limit: int = 220):
    """A passage as rich Text, flattened to one line, with its value highlighted."""
    from rich.text import Text

    quote = stated.mention.quote
    if stated.highlight is None:
        return Text(clean(_short(quote, limit)))
    start, end = stated.highlight
    before, value, after = (" ".join(clean(part).split()) for part in (quote[:start], quote[start:end], quote[end:]))
    room = max(limit - len(value), 40)
    if len(before) > room // 2:
        before = "…" + before[-(room // 2):]
    if len(after) > room // 2:
        after = after[: room // 2] + "…"
    text = Text(before + (" " if before and quote[start - 1 : start].isspace() else ""))
    text.append(value, style="bold reverse")
    text.append((" " if after and quote[end : end + 1].isspace() else "") + after)
    return text


def _short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# --- conflicts ----------------------------------------------------------------------


def conflicts_json(disagreements) -> dict:
    items = []
    for d in disagreements:
        item = {"claim": d.claim, "subject": d.subject, "property": d.property, "type": d.type,
                "confidence": d.confidence, "acknowledged": d.acknowledged,
                "positions": [{"value": value, "mentions": [s.mention.as_json() | {
                    "acknowledged": s.acknowledged, "confidence": s.confidence} for s in stated]}
                    for value, stated in d.positions]}
        if d.suggestion is not None:
            item["suggestion"] = d.suggestion
        items.append(item)
    return {"conflicts": items}


def conflicts_text(disagreements, console, suggest: bool = False) -> None:
    from rich.text import Text

    for d in disagreements:
        title = Text(clean(d.claim or "(not registered)"), style="bold")
        about = " / ".join(clean(x) for x in (d.subject, d.property) if x) or "unknown fact"
        state = "acknowledged" if d.acknowledged else ("CONTRADICTION" if d.is_error else "possible")
        title.append(f"  {about}, {d.type}, confidence {d.confidence:.2f}, ")
        title.append(state, style="yellow" if d.acknowledged else ("red" if d.is_error else "cyan"))
        console.print(title)
        for value, stated in d.positions:
            console.print(Text("  ") + Text(clean(value), style="bold") + Text(f"  ({len(stated)} passage{'s' * (len(stated) != 1)})"))
            for item in stated:
                mark = " acknowledged" if item.acknowledged else ""
                line = Text(f"    {item.mention.source}:{item.mention.line}{mark}: ", style="dim")
                console.print(line + quote_text(item))
        if suggest and d.suggestion is not None:
            import yaml

            console.print(Text("  registry entry to paste into claims/:", style="dim"))
            console.print(Text(clean(yaml.safe_dump([d.suggestion], sort_keys=False, allow_unicode=True, width=100))))
    errors = sum(d.is_error for d in disagreements)
    acknowledged = sum(d.acknowledged for d in disagreements)
    console.print(Text(f"{len(disagreements)} disagreements: {acknowledged} acknowledged, {errors} unacknowledged "
                       f"at error level, {len(disagreements) - acknowledged - errors} hints", style="bold"))


# --- cite ---------------------------------------------------------------------------


def cite_json(result, sources: dict, style: str) -> dict:
    from .citations import cite

    def evidence(items):
        return [e.mention.as_json() | {"stance": e.stance, "value": e.value.canonical, "score": e.score,
                                       "citation": cite([sources[e.mention.source]], style),
                                       "read": e.read.as_json() if e.read is not None else None} for e in items]

    facts = [{"text": result.text[f.value.start:f.value.end], "value": f.value.canonical, "type": f.value.type,
              "subject": f.subject, "predicate": f.predicate, "verdict": f.verdict,
              "claim": f.claims[0].id if f.claims else None, "read": [r.as_json() for r in f.read],
              "evidence": evidence(f.evidence)}
             for f in result.facts]
    supporting = [sources[key] for key in result.supporting_sources]
    return {"claim": result.text, "verdict": result.verdict,
            "value": result.reading.value.canonical if result.reading.value is not None else None,
            "claims": [c.id for c in result.reading.claims], "subject": result.reading.subject,
            "property": result.reading.property, "evidence": evidence(result.evidence), "statements": facts,
            "citation": cite(supporting, style) if supporting else None}


_VERDICT_STYLE = {CiteVerdict.SUPPORTED: "green", CiteVerdict.CONTRADICTED: "red", CiteVerdict.DISPUTED: "yellow",
                  CiteVerdict.NOT_FOUND: "dim"}


_STANCE_STYLE = {Stance.SUPPORTS: "green", Stance.CONTRADICTS: "red", Stance.PLAN: "yellow"}


def cite_text(result, sources: dict, style: str, console, explain: bool = False) -> None:
    from rich.text import Text

    from .citations import cite

    line = Text(result.verdict.replace("_", " ").upper(), style="bold " + _VERDICT_STYLE[result.verdict])
    reading = result.reading
    if reading.subject is not None and reading.value is not None:
        line.append(f"  {reading.subject} / {reading.property} = {clean(reading.value.canonical)}")
        if reading.claims:
            line.append(f"  (registry: {', '.join(c.id for c in reading.claims)})", style="dim")
    elif reading.subject is None and not result.facts:
        line.append("  (no registered subject and property found in the sentence)", style="dim")
    elif reading.subject is not None:
        line.append(f"  ({reading.subject}: no value of a kind the registry records found in the sentence)", style="dim")
    console.print(line)
    if len(result.facts) > 1 or (result.facts and reading.value is None):
        for fact in result.facts:  # which fact is right, which wrong, and the passage that decided it
            said = Text(f"  {fact.verdict.replace('_', ' '):<13}", style=_VERDICT_STYLE[fact.verdict])
            said.append(f"{clean(result.text[fact.value.start:fact.value.end])}  "
                        f"({clean(fact.subject or '?')} / {clean(fact.predicate or '?')})")
            deciding = [e for e in fact.evidence if e.stance != Stance.PLAN]
            if deciding:
                said.append(f"  {deciding[0].mention.source}:{deciding[0].mention.line}", style="dim")
            plans = sorted({(e.value.canonical, e.mention.source) for e in fact.evidence if e.stance == Stance.PLAN})
            if plans:  # what was meant to happen, said as such: never a dispute of what did
                said.append("  planned: " + "; ".join(f"{clean(v)} in {s}" for v, s in plans), style="dim")
            console.print(said)
    for item in result.evidence:
        head = Text(f"  {item.stance:<12}", style=_STANCE_STYLE[item.stance])
        head.append(f"{item.mention.source}:{item.mention.line}  ", style="dim")
        console.print(head + quote_text(item))
    supporting = [sources[key] for key in result.supporting_sources]
    if supporting:
        console.print(Text("cite: ", style="bold") + Text(clean(cite(supporting, style))))
    if explain:
        _explain_text(result, console)


def _explain_text(result, console) -> None:
    """What was compared: each fact as read from the sentence, then each passage's statement of it."""
    from rich.text import Text

    def said(read) -> str:
        line = f"{read.how}: {clean(read.subject)} / {clean(read.predicate)} = {clean(read.value)}"
        if read.time:
            line += f"  (time {clean(read.time)})"
        if read.plan:
            line += "  (a plan)"
        if read.claim:
            line += f"  (claim {read.claim})"
        return line

    console.print(Text("explain:", style="bold"))
    if not result.facts:
        console.print(Text("  no fact read from the sentence: it names no registered subject with a cue word, "
                           "and the grammar found no value", style="dim"))
    for fact in result.facts:
        console.print(Text(f"  fact \"{clean(result.text[fact.value.start:fact.value.end])}\"  {fact.verdict}",
                           style="bold " + _VERDICT_STYLE[fact.verdict]))
        for read in fact.read:
            console.print(Text(f"    sentence    {said(read)}"))
        if not fact.evidence:
            console.print(Text("    no passage states a comparable value for the same subject, predicate and time",
                               style="dim"))
        for item in fact.evidence:
            head = Text(f"    {item.stance:<12}", style=_STANCE_STYLE[item.stance])
            head.append(f"{item.mention.source}:{item.mention.line}  ", style="dim")
            console.print(head + Text(said(item.read) if item.read is not None else clean(item.value.canonical)))


# --- check --------------------------------------------------------------------------


def check_text(diagnostics) -> str:
    lines = [f"{one_line(d.path)}:{d.line}:{d.column}: {d.severity}: {one_line(d.message)} [{d.rule}]"
             for d in diagnostics]
    return "".join(line + "\n" for line in lines)


def check_json(diagnostics) -> str:
    items = [{"path": d.path, "line": d.line, "column": d.column, "severity": d.severity, "rule": d.rule,
              "message": d.message, "claim": d.claim, "evidence": [m.as_json() for m in d.evidence]}
             for d in diagnostics]
    return dumps({"diagnostics": items}) + "\n"


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def check_github(diagnostics) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on its line."""
    def escape(text: str, property_value: bool = False) -> str:
        text = clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if property_value else text

    return "".join(
        f"::{_GITHUB_LEVEL[d.severity]} file={escape(d.path, True)},line={d.line},col={d.column},"
        f"title={escape(d.rule, True)}::{escape(d.message)}\n"
        for d in diagnostics
    )


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def check_sarif(diagnostics) -> str:
    """A SARIF 2.1.0 log with one run of scocheck."""
    from . import __version__
    from .lint import RULES

    rules = [{"id": r.id, "shortDescription": {"text": r.summary}, "fullDescription": {"text": r.explanation},
              "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]}} for r in RULES.values()]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [{"ruleId": d.rule, "ruleIndex": index[d.rule], "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": d.path.replace("\\", "/")},
                                                    "region": {"startLine": d.line, "startColumn": d.column}}}]}
               for d in diagnostics]
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "scocheck", "version": __version__,
                                         "informationUri": "https://example.invalid/scocheck", "rules": rules}},
                     "results": results}]}
    return to_json(log) + "\n"


# --- coverage -----------------------------------------------------------------------


def coverage_json(result) -> dict:
    return {"checkable": result.checkable, "covered": result.covered, "percent": result.percent,
            "uncovered": [m.as_json() for m in result.uncovered]}


def coverage_text(result, console) -> None:
    from rich.text import Text

    for mention in result.uncovered:
        console.print(Text(f"{mention.source}:{mention.line}: ", style="bold") + Text(clean(_short(mention.quote, 200))))
    console.print(Text(f"{result.covered} of {result.checkable} checkable sentences linked to a claim "
                       f"({result.percent}%); {len(result.uncovered)} not", style="bold"))


# --- claims ------------------------------------------------------------------------


def claims_json(claims: list[Claim]) -> dict:
    return {"claims": [claim.as_json() for claim in claims]}


def claims_text(claims: list[Claim], console, detail: bool = False) -> None:
    from rich.text import Text

    if detail:
        for claim in claims:
            console.print(Text(claim.id, style="bold"))
            for key, value in (("statement", claim.statement), ("subject", claim.subject),
                               ("property", claim.property), ("type", claim.type),
                               ("value", claim.value.canonical)):
                console.print(Text(f"  {key}: ") + Text(clean(value)))
            if claim.as_of is not None:
                console.print(Text(f"  as of: {claim.as_of.canonical}"))
            for label, quotes in (("evidence", claim.evidence), ("disputed by", claim.disputed_by)):
                for quote in quotes:
                    console.print(Text(f"  {label} [{quote.source}]: ") + Text(clean(_short(quote.quote))))
                    if quote.note:
                        console.print(Text("    note: ") + Text(clean(quote.note)))
        return
    for claim in claims:
        line = Text(claim.id, style="bold") + Text(f"  {claim.type} ") + Text(clean(claim.value.canonical), style="cyan")
        line.append(f"  [{', '.join(sorted({q.source for q in claim.evidence}))}]")
        if claim.disputed_by:
            line.append(f" disputed by [{', '.join(sorted({q.source for q in claim.disputed_by}))}]", style="yellow")
        console.print(line)


def registry_check_json(findings) -> dict:
    """`claims --check` for programs: its findings (registry_check.Finding) in order."""
    return {"findings": [{"path": f.path, "line": f.line, "column": f.column, "severity": f.severity, "rule": f.rule,
                          "message": f.message, "claim": f.claim} for f in findings]}


# --- sources -------------------------------------------------------------------------


def sources_json(sources: dict[str, Source]) -> dict:
    from .citations import csl_item

    return {"sources": [{"id": s.id, "file": s.file, "year": s.year, **csl_item(s)} for s in sources.values()]}


def sources_csl(sources: dict[str, Source]) -> str:
    from .citations import csl_item

    return to_json([csl_item(s) for s in sources.values()])


_BIBTEX_TYPES = {"article-journal": "article", "article": "article", "book": "book", "chapter": "incollection",
                 "report": "techreport", "thesis": "phdthesis", "paper-conference": "inproceedings"}


def sources_bibtex(sources: dict[str, Source]) -> str:
    entries = []
    for source in sources.values():
        csl = source.csl
        kind = _BIBTEX_TYPES.get(str(csl.get("type", "")), "misc")
        fields: list[tuple[str, str]] = []
        authors = [_bibtex_name(a) for a in csl.get("author") or [] if isinstance(a, dict)]
        if authors:
            fields.append(("author", " and ".join(authors)))
        if csl.get("title"):
            fields.append(("title", "{" + _bibtex_escape(str(csl["title"])) + "}"))
        container = csl.get("container-title")
        if container:
            fields.append(("journal" if kind == "article" else "series", _bibtex_escape(str(container))))
        if csl.get("publisher"):
            fields.append(("institution" if kind == "techreport" else "publisher", _bibtex_escape(str(csl["publisher"]))))
        if csl.get("number") is not None:
            fields.append(("number", _bibtex_escape(str(csl["number"]))))
        if source.year:
            fields.append(("year", str(source.year)))
        if csl.get("URL"):
            fields.append(("url", _bibtex_url(str(csl["URL"]))))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{kind}{{{source.id},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def _bibtex_name(author: dict) -> str:
    if "literal" in author:
        return "{" + _bibtex_escape(str(author["literal"])) + "}"
    family, given = author.get("family", ""), author.get("given", "")
    return _bibtex_escape(f"{family}, {given}" if given else str(family))


# BibTeX counts every brace, escaped or not, so a brace in a field is written as a command with no
# brace of its own to count: no text can close its field early and start an entry of its own.
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                   "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                   **{ch: "\\" + ch for ch in "&%$#_"}}


def _bibtex_escape(text: str) -> str:
    """A field's text: one line, no control characters, TeX's special characters as commands."""
    return re.sub(r"[\\{}~^&%$#_]", lambda m: _BIBTEX_SPECIAL[m.group()], one_line(text))


def _bibtex_url(url: str) -> str:
    """A URL as the url field takes it: characters a URL may not hold raw (braces, backslashes,
    spaces, controls) percent-encoded, so it cannot end its field."""
    from urllib.parse import quote

    return quote(one_line(url), safe=":/?#[]@!$&'()*+,;=%-._~")


def sources_text(sources: dict[str, Source], console) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, box=None)
    table.add_column("id", no_wrap=True)
    table.add_column("year", no_wrap=True)
    table.add_column("title")
    for source in sources.values():
        authors = "; ".join(_author_name(a) for a in source.csl.get("author") or [] if isinstance(a, dict))
        title = f"{authors}: {source.csl.get('title', '')}" if authors else str(source.csl.get("title", ""))
        table.add_row(Text(source.id), Text(str(source.year or "n.d.")), Text(clean(title)))
    console.print(table)


def _author_name(author: dict) -> str:
    if "literal" in author:
        return str(author["literal"])
    return " ".join(str(part) for part in (author.get("given"), author.get("family")) if part)


# --- init -----------------------------------------------------------------------------------------


def init_json(proposal, written) -> dict:
    return {"version": 1, "files": [str(p) for p in written], "proposed": proposal.counts(),
            "review": list(proposal.review)}


def init_text(proposal, written, console) -> None:
    counts = proposal.counts()
    for path in written:
        console.print(f"wrote {path}", highlight=False, markup=False)
    console.print(f"proposed: {counts['documents']} sources, {counts['entities']} entities, {counts['places']} places, "
                  f"{counts['properties']} properties, {counts['claims']} claims ({counts['disputed']} disputed)",
                  highlight=False, markup=False)
    if proposal.review:
        console.print(f"needs a human decision ({len(proposal.review)}):", highlight=False, markup=False)
        for item in proposal.review:
            console.print(f"  {item}", highlight=False, markup=False)
    console.print("next: review claims/draft.yaml (every claim's note says REVIEW), then run "
                  "`scocheck claims --check` and `scocheck conflicts`", highlight=False, markup=False)
