"""The scocheck command line: parse options, call the core, hand results to a renderer.

Exit status: 0 ran and found nothing at error level; 1 found something at
error level; 2 could not run (usage error or bad input), with one line on
stderr naming the file and the problem; 130 interrupted (Ctrl-C), with one
line on stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from .errors import InputError

app = typer.Typer(
    name="scocheck",
    help=(
        "Fact-checking and citation for writers. A corpus (corpus/: documents plus sources.yaml) "
        "and a claim registry (claims/*.yaml) live in your repository; scocheck proves every "
        "registered quote, finds where sources disagree, and checks drafts.\n\n"
        "Exit status: 0 nothing at error level, 1 something at error level, 2 could not run, "
        "130 interrupted (Ctrl-C)."
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class Level(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"


class CitationStyle(str, Enum):
    pandoc = "pandoc"
    author_date = "author-date"
    full = "full"


class SourceFormat(str, Enum):
    text = "text"
    json = "json"
    bibtex = "bibtex"
    csl_json = "csl-json"


ClaimsOption = Annotated[
    Optional[Path], typer.Option("--claims", help="Registry folder (default: from scocheck.toml, else ./claims).")
]
CorpusOption = Annotated[
    Optional[Path], typer.Option("--corpus", help="Corpus folder (default: from scocheck.toml, else ./corpus).")
]
FormatOption = Annotated[TextOrJson, typer.Option("--format", "-f", help="text for people, json for programs.")]


def _console(capture: bool = False):
    """A console for text output; with capture, it writes to a string (console.file) as it would to stdout."""
    from rich.console import Console

    if not capture:
        return Console(highlight=False, soft_wrap=True)
    import io

    tty = sys.stdout.isatty()
    return Console(file=io.StringIO(), highlight=False, soft_wrap=True, force_terminal=tty or None,
                   width=os.get_terminal_size(sys.stdout.fileno()).columns if tty else None)


def _remember(project, ctx: typer.Context, output: str, code: int) -> None:
    """Store this run for replay (see results): its output and what it read."""
    from .results import config_candidates, inputs_of, record

    inputs = inputs_of(ctx.obj["reads"], (project.config.claims, project.config.corpus),
                       config_candidates(os.getcwd()))
    record(str(project.config.root), ctx.obj["argv"], os.getcwd(), inputs, output, code)


def _print_json(data: dict) -> None:
    from .render import dumps

    sys.stdout.write(dumps(data) + "\n")


@app.command()
def verify(
    claims: ClaimsOption = None,
    corpus: CorpusOption = None,
    format: FormatOption = TextOrJson.text,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List ok claims too.")] = False,
) -> None:
    """Prove every registered quote and report where sources disagree.

    Each claim's evidence quotes must be found in their sources and state the
    claim's value; every other statement of the same subject and property in
    the corpus is compared with it. Statuses: ok, disputed (every conflict
    acknowledged in disputed_by), contradicted (a conflict is not), broken (a
    quote is missing or does not state the value). Exits 1 when any claim is
    broken or contradicted.
    """
    from .project import open_project
    from .render import verify_json, verify_text
    from .verdicts import Status
    from .verify import summary as summarise
    from .verify import verify as run_verify

    project = open_project(claims, corpus)
    results = run_verify(_analysis(project, format, _statements(project, format)))
    summary = summarise(results)
    if format is TextOrJson.json:
        _print_json(verify_json(results, summary))
    else:
        verify_text(results, summary, _console(), verbose)
    if summary[Status.BROKEN] or summary[Status.CONTRADICTED]:
        raise typer.Exit(1)


@app.command("cite")
def cite_claim(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(metavar="CLAIM", help="The sentence to check, in plain English.")],
    claims: ClaimsOption = None,
    corpus: CorpusOption = None,
    format: FormatOption = TextOrJson.text,
    style: Annotated[
        CitationStyle, typer.Option("--style", help="pandoc [@key], author-date (Name 2015), or full reference entries.")
    ] = CitationStyle.pandoc,
    explain: Annotated[
        bool, typer.Option("--explain", help="Also show what was compared: each fact as read from the sentence "
                                             "and each passage's statement of it (JSON always has it).")
    ] = False,
) -> None:
    """Say whether the corpus supports, contradicts or disputes a sentence, with passages and a citation.

    The sentence is read with the registry's names and cue words (what it is
    about, which property, which value). Passages that state the same fact are
    evidence: a compatible value supports, an incompatible one contradicts.
    Verdicts: supported, contradicted, disputed (both), not_found (the corpus
    does not state the fact; sharing a topic is not support). Uses the
    cached index in .scocheck/, rebuilt when the corpus changes.
    """
    from .cite import cite
    from .mentions import vocabulary
    from .render import cite_json, cite_text, dumps

    from .text import visible

    _check_claim(claim)
    claim = visible(claim)
    project, index = _open_with_index(claims, corpus, format)
    from .judge import read_sentences

    judge = _judge(project, index, format)
    (read,) = read_sentences([claim], project.config.root, _start_reader(project.config))
    result = cite(claim, vocabulary(project.registry), index, judge, read)
    if format is TextOrJson.json:
        output = dumps(cite_json(result, project.sources, style.value)) + "\n"
    else:
        console = _console(capture=True)
        cite_text(result, project.sources, style.value, console, explain)
        output = console.file.getvalue()
    sys.stdout.write(output)
    _remember(project, ctx, output, 0)


def _check_claim(claim: str) -> None:
    """cite reads one sentence of text: refuse bytes that are not UTF-8, and whole documents."""
    from .corpus import MAX_SENTENCE

    if any("\ud800" <= ch <= "\udfff" for ch in claim):
        raise InputError(None, "CLAIM is not valid UTF-8 text")
    if len(claim) > MAX_SENTENCE:
        raise InputError(None, f"CLAIM is {len(claim):,} characters long; cite reads one sentence of at most "
                               f"{MAX_SENTENCE:,}")


def _open_with_index(claims, corpus, format):
    """The project and its passage index, with a progress bar while the index is built on a terminal."""
    from .index import open_index
    from .project import open_project

    project = open_project(claims, corpus)
    with _progress_bar("indexing the corpus", format) as progress:
        index = open_index(project.config.root, project.sources, project.config.corpus / "sources.yaml", progress)
    return project, index


def _analysis(project, format, read=None):
    """The corpus read statement by statement, with a progress bar while it is read.

    read: the statements from grammar (_statements), which the registry-driven comparison uses too.
    """
    from .mentions import analyse_corpus, vocabulary

    with _progress_bar("reading the corpus", format) as progress:
        return analyse_corpus(project.documents, vocabulary(project.registry), progress, read)


def _statements(project, format):
    """The corpus read as statements from grammar (cached per document), with a progress bar while it is parsed."""
    from .mentions import referencing_spans
    from .reading.store import corpus_statements

    with _progress_bar("parsing the corpus", format) as progress:
        return corpus_statements(project.documents, project.config.root, referencing_spans, progress)


def _judge(project, index, format):
    """The corpus's statements as a judge (judge.Judge), with a progress bar while they are parsed; the
    documents come cut into passages from the index."""
    from .judge import corpus_judge

    with _progress_bar("parsing the corpus", format) as progress:
        return corpus_judge(project, progress, index.documents())


@contextlib.contextmanager
def _progress_bar(label: str, format):
    """A (done, total) callback drawing a rich progress bar on stderr; None on a pipe or with --format json."""
    if format is not TextOrJson.text or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command()
def check(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Markdown or text drafts to check.")],
    claims: ClaimsOption = None,
    corpus: CorpusOption = None,
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, github (workflow annotations) or sarif.")
    ] = CheckFormat.text,
    fail_level: Annotated[
        Optional[Level], typer.Option("--fail-level", help="Exit 1 at or above this severity (default: error).")
    ] = None,
    require_citations: Annotated[
        Optional[bool], typer.Option("--require-citations", help="A checkable fact with no citation is a warning.")
    ] = None,
) -> None:
    """Lint drafts: sentences that contradict the registry or cite sources that do not say so.

    Reads Markdown (code, front matter and comments skipped) or plain text,
    sentence by sentence, with Pandoc citations ([@key], [@a, p. 4; @b]).
    Rules: contradicts-registry, citation-unsupported and unknown-citation
    (errors); contradicted-by-corpus and disputed-unacknowledged (warnings);
    uncited-fact (info). `scocheck explain RULE` says more. Silence one
    finding with <!-- scocheck: ignore RULE --> on the line before. Settings
    in [tool.scocheck] or scocheck.toml: fail-level, require-citations,
    start-reader (see `scocheck reader`) and [rules] severities. Output:
    PATH:LINE:COL: SEVERITY: MESSAGE [RULE]. Files in the corpus folder are skipped. A run on unchanged files is
    replayed from .scocheck/runs/.
    """
    from .drafts import read_draft
    from .files import read_text
    from .judge import read_sentences
    from .lint import SEVERITIES, check_draft
    from .mentions import vocabulary
    from .render import check_github, check_json, check_sarif, check_text
    from .verdicts import Severity

    project, index = _open_with_index(claims, corpus, TextOrJson.text if format is CheckFormat.text else TextOrJson.json)
    config = project.config.settings
    settings = _check_settings(config, require_citations, project.config.file)
    level = (fail_level.value if fail_level else str(config.get("fail-level", Severity.ERROR)))
    if level not in SEVERITIES:
        raise InputError(project.config.file, f"fail-level must be one of {', '.join(SEVERITIES)}, not {level!r}")
    level = Severity(level)
    vocab = vocabulary(project.registry)
    diagnostics = []
    drafts = [read_draft(path, read_text(path)) for path in _drafts(files, project.config.corpus)]
    judge = _judge(project, index, TextOrJson.text if format is CheckFormat.text else TextOrJson.json)
    start_reader = _start_reader(project.config)
    for draft in drafts:
        read = read_sentences([s.text for s in draft.sentences], project.config.root, start_reader)
        diagnostics.extend(check_draft(draft, vocab, index, project.sources, settings, judge, read))
    renderer = {CheckFormat.text: check_text, CheckFormat.json: check_json,
                CheckFormat.github: check_github, CheckFormat.sarif: check_sarif}[format]
    output = renderer(diagnostics)
    code = 1 if any(SEVERITIES.index(d.severity) >= SEVERITIES.index(level) for d in diagnostics) else 0
    sys.stdout.write(output)
    _remember(project, ctx, output, code)
    if code:
        raise typer.Exit(1)


def _start_reader(config) -> bool:
    """The start-reader setting: start the background reader when a sentence has to be parsed."""
    value = config.settings.get("start-reader", False)
    if not isinstance(value, bool):
        raise InputError(config.file, f"start-reader must be true or false, not {str(value)[:40]!r}")
    return value


def _drafts(files: list[Path], corpus: Path) -> list[Path]:
    """The files to check: corpus documents are sources, not drafts (a hook sees them as text files)."""
    corpus = corpus.resolve()
    return [path for path in files if not path.resolve().is_relative_to(corpus)]


def _finite(value: float | None, name: str) -> float | None:
    """A number option must be a number: NaN passes every range check and compares false with all."""
    import math

    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a number", param_hint=f"'{name}'")
    return value


def _check_settings(config: dict, require_citations: bool | None, file):
    from .lint import OFF, RULES, SEVERITIES, Settings

    severities = config.get("rules", {})
    if not isinstance(severities, dict):
        raise InputError(file, "[rules] must be a table of rule = severity")
    for rule, severity in severities.items():
        if rule not in RULES:
            raise InputError(file, f"unknown rule '{rule}' in [rules] (see scocheck explain)")
        if severity not in (*SEVERITIES, OFF):
            raise InputError(file, f"rule '{rule}': severity must be info, warning, error or off, not {severity!r}")
    if require_citations is None:
        require_citations = config.get("require-citations", False)
        if not isinstance(require_citations, bool):
            raise InputError(file, f"require-citations must be true or false, not {str(require_citations)[:40]!r}")
    return Settings(dict(severities), require_citations)


@app.command()
def explain(
    rule: Annotated[Optional[str], typer.Argument(metavar="[RULE]", help="A rule id; all rules when omitted.")] = None,
) -> None:
    """Explain a `check` rule: what it finds, its default severity, and what to do."""
    from .lint import RULES

    if rule is not None and rule not in RULES:
        raise InputError(None, f"unknown rule '{rule}' (rules: {', '.join(RULES)})")
    for item in [RULES[rule]] if rule else RULES.values():
        sys.stdout.write(f"{item.id} ({item.severity}): {item.summary}\n\n{item.explanation}\n\n")


@app.command()
def conflicts(
    claims: ClaimsOption = None,
    corpus: CorpusOption = None,
    format: FormatOption = TextOrJson.text,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0.0, max=1.0, callback=lambda v: _finite(v, "--min-confidence"),
                            help="Hide disagreements read less surely than this (0 to 1).")
    ] = 0.0,
    suggest: Annotated[
        bool, typer.Option("--suggest", help="Print a registry entry to paste for each unregistered disagreement.")
    ] = False,
) -> None:
    """Find where the sources disagree, registered or not.

    Registry-driven: every statement of a claim's subject and property in the
    corpus (aliases and cue words), compared with the claim at the same time.
    Registry-free: passages that say the same thing in closely similar words
    but with a different value (claim: null). Each disagreement lists every
    value with the passages that state it. Confidence below 0.5 marks a hint,
    such as a plan set against what happened. Exits 1 when an unacknowledged
    disagreement has confidence 0.5 or more.
    """
    from .conflicts import all_disagreements
    from .project import open_project
    from .render import conflicts_json, conflicts_text

    project = open_project(claims, corpus)
    read = _statements(project, format)
    found = all_disagreements(_analysis(project, format, read), min_confidence)
    if format is TextOrJson.json:
        _print_json(conflicts_json(found))
    else:
        conflicts_text(found, _console(), suggest)
    if any(d.is_error for d in found):
        raise typer.Exit(1)


@app.command()
def coverage(
    claims: ClaimsOption = None,
    corpus: CorpusOption = None,
    format: FormatOption = TextOrJson.text,
    fail_under: Annotated[
        Optional[float], typer.Option("--fail-under", min=0.0, max=100.0, callback=lambda v: _finite(v, "--fail-under"),
                                      help="Exit 1 when coverage is below this percentage (0 to 100).")
    ] = None,
) -> None:
    """List corpus sentences that state a checkable fact no claim links to.

    A sentence is checkable when it names a registry entity, carries a cue word
    of a registry property and states a value (date, number, amount, percent,
    place) outside citations; it is covered when a registered quote lies in it.
    Prints the uncovered sentences and the percentage covered.
    """
    from .coverage import coverage as measure
    from .project import open_project
    from .render import coverage_json, coverage_text

    result = measure(open_project(claims, corpus).analysis)
    if format is TextOrJson.json:
        _print_json(coverage_json(result))
    else:
        coverage_text(result, _console())
    if fail_under is not None and result.percent < fail_under:
        raise typer.Exit(1)


@app.command("claims")
def list_claims(
    claim_id: Annotated[Optional[str], typer.Argument(metavar="[ID]", help="Show one claim in full.")] = None,
    claims: ClaimsOption = None,
    corpus: CorpusOption = None,
    format: FormatOption = TextOrJson.text,
    check: Annotated[
        bool, typer.Option("--check", help="Lint the registry against itself and the corpus (with ID: that claim's "
                                           "findings only).")
    ] = False,
) -> None:
    """List the registry's claims, or show one claim with its evidence and disputes.

    With --check, lint the registry instead: aliases that are descriptions or
    stand inside other names, cue words in headings or fixed phrases, evidence
    stating a plan or a bound, claims that contradict each other, disputes
    that are another claim's evidence, and disagreeing sources a note names
    but no entry records. One line per finding, PATH:LINE:COL: SEVERITY:
    MESSAGE [RULE]; exits 1 when a finding is at error level.
    """
    from .project import open_project
    from .render import claims_json, claims_text

    project = open_project(claims, corpus)
    selected = list(project.registry.claims)
    if claim_id is not None:
        claim = project.registry.claim(claim_id)
        if claim is None:
            raise InputError(project.config.claims, f"no claim with id '{claim_id}'")
        selected = [claim]
    if check:
        from .registry_check import check_registry
        from .render import check_text, registry_check_json
        from .verdicts import Severity

        findings = [f for f in check_registry(project, Path.cwd()) if claim_id is None or f.claim == claim_id]
        if format is TextOrJson.json:
            _print_json(registry_check_json(findings))
        else:
            sys.stdout.write(check_text(findings))
            if not findings:
                sys.stderr.write(f"registry clean: {len(selected)} claim{'s' * (len(selected) != 1)} checked\n")
        if any(f.severity == Severity.ERROR for f in findings):
            raise typer.Exit(1)
        return
    if format is TextOrJson.json:
        _print_json(claims_json(selected))
    else:
        claims_text(selected, _console(), detail=claim_id is not None)


@app.command()
def report(
    html: Annotated[Path, typer.Option("--html", metavar="PATH", help="Write the report to this HTML file.")],
    claims: ClaimsOption = None,
    corpus: CorpusOption = None,
) -> None:
    """Write one self-contained HTML page showing every claim against every source.

    A row per claim, a column per source; each cell says whether the source
    states the claim's value (✓), states another value (✗, the value shown)
    or is silent (·), and opens its passages with their lines. Filters for
    disputed claims and for one source, and a summary per source (claims
    supported, disputed claims, outlier values). The file needs no network:
    its style, script and data are inside it.
    """
    from .files import write_text
    from .project import open_project
    from .report import build_report, render_html
    from .verify import verify as run_verify

    project = open_project(claims, corpus)
    # the corpus read as verify reads it (with its grammar), so every cell says what verify says
    analysis = _analysis(project, TextOrJson.text, _statements(project, TextOrJson.text))
    model = build_report(run_verify(analysis), project.sources)
    write_text(html, render_html(model))
    disputed = sum(row.disputed for row in model.rows)
    sys.stdout.write(f"wrote {html}: {len(model.rows)} claims, {len(model.columns)} sources, {disputed} disputed\n")


@app.command()
def sources(
    corpus: CorpusOption = None,
    format: Annotated[
        SourceFormat, typer.Option("--format", "-f", help="text, json, bibtex or csl-json.")
    ] = SourceFormat.text,
) -> None:
    """List the corpus's sources, or export them as BibTeX or CSL-JSON."""
    from . import render
    from .project import open_sources

    found = open_sources(corpus)
    if format is SourceFormat.json:
        _print_json(render.sources_json(found))
    elif format is SourceFormat.bibtex:
        sys.stdout.write(render.sources_bibtex(found))
    elif format is SourceFormat.csl_json:
        sys.stdout.write(render.sources_csl(found) + "\n")
    else:
        render.sources_text(found, _console())


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="A folder of documents (or one whose corpus/ holds them).")] = Path("."),
    format: FormatOption = TextOrJson.text,
) -> None:
    """Start a project from a folder of documents: sources and a draft registry to review.

    Writes corpus/sources.yaml (one entry per document: id from author and year
    where the text shows them, title from its first line) and claims/draft.yaml:
    entities from the names and acronyms the documents use, properties from the
    verbs and nouns that carry values, and a claim for every fact two or more
    documents state, with their quotes and, where they disagree, disputed_by.
    Every claim is marked REVIEW. Documents directly in FOLDER are copied into
    FOLDER/corpus/. Never overwrites a file: an existing project, or a binary,
    empty or oversized document, stops it before anything is written (exit 2).
    Then: scocheck conflicts, scocheck claims --check, scocheck verify.
    """
    from . import render
    from .starter import propose, write

    with _progress_bar("reading documents", format) as progress:
        proposal = propose(folder, progress)
    written = write(proposal)
    if format is TextOrJson.json:
        _print_json(render.init_json(proposal, written))
    else:
        render.init_text(proposal, written, _console())


reader_app = typer.Typer(
    help=(
        "Keep the English parser loaded between runs, so a draft just edited is checked without loading "
        "it again (it costs about a second). One reader serves every project of this user; it stops by "
        "itself after --idle minutes without work. Results are the same with or without it."
    ),
    no_args_is_help=True,
)
app.add_typer(reader_app, name="reader")


@reader_app.command("start")
def reader_start(
    idle: Annotated[float, typer.Option("--idle", min=1, max=24 * 60, help="Minutes without work before it stops.")]
    = 30.0,
) -> None:
    """Start the background reader (or report the one already running)."""
    server, fingerprint = _reader()
    try:
        running = server.start(fingerprint, idle)
    except OSError as error:
        raise InputError(None, f"cannot start the reader: {error}") from None
    _reader_line(running)


@reader_app.command("status")
def reader_status() -> None:
    """Say whether a reader for this version of scocheck is running."""
    server, fingerprint = _reader()
    running = server.status(fingerprint)
    if running:
        _reader_line(running)
    else:
        sys.stdout.write("no reader running\n")


@reader_app.command("stop")
def reader_stop() -> None:
    """Stop the background reader."""
    server, fingerprint = _reader()
    sys.stdout.write("reader stopped\n" if server.stop(fingerprint) else "no reader running\n")


def _reader():
    """The reader module and this code's fingerprint, which names the reader that serves it."""
    from .reading import server
    from .reading.store import code_fingerprint

    return server, code_fingerprint()


def _reader_line(running: dict) -> None:
    sys.stdout.write(f"reader running: pid {running.get('pid')}, {running.get('sentences', 0)} sentences read, "
                     f"stops after {running.get('idle_minutes', 0):g} minutes without work\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning every failure to run into one line on stderr and exit 2."""
    from .files import logging_reads
    from .stdout import CannotWrite

    command = typer.main.get_command(app)
    argv = sys.argv[1:] if argv is None else argv
    try:
        with logging_reads() as reads:
            code = command.main(args=argv or ["--help"], prog_name="scocheck", standalone_mode=False,
                                obj={"argv": argv, "reads": reads})
    except InputError as error:
        return _fail(error.describe())
    except typer.Exit as exit_:
        return exit_.exit_code
    except click.ClickException as error:  # usage errors: bad option, missing argument
        return _fail(" ".join(error.format_message().split()))
    except (click.Abort, KeyboardInterrupt):  # Ctrl-C where the entry point's own handler is not installed
        sys.stderr.write("scocheck: interrupted\n")
        return 130
    except CannotWrite as error:
        return _fail(str(error))
    except Exception as error:  # a bug: still one line, unless asked for the traceback
        if os.environ.get("SCOCHECK_DEBUG"):
            raise
        return _fail(f"internal error: {type(error).__name__}: {error} (set SCOCHECK_DEBUG=1 for a traceback)")
    return code if isinstance(code, int) else 0


def _fail(message: str) -> int:
    from .render import one_line

    sys.stderr.write(f"scocheck: error: {one_line(message)}\n")
    return 2

