"""Hardening (issue 8): hostile input, hostile output, concurrency and damaged state.

scocheck runs unattended in hooks and CI on files it did not write. Whatever the
input, it must give a result or exit 2 with one line naming the file, within
seconds, never print a traceback, never let user text drive the terminal, and
never write outside its cache folder. docs/security.md maps each protection to
the test here that would fail without it.

Anything that could hang without its protection runs the CLI in a subprocess
with a hang guard (HANG_SECONDS, far beyond any normal run: not a speed limit),
so a regression fails instead of stalling the suite. Errors are asserted by what
a user relies on (exit 2, one line, the file and line named), and by scocheck's
own words only where scocheck wrote them, never a dependency's wording.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import pkgutil
import re
import re._constants as _C
import re._parser as _sre_parse
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

import scocheck
from conftest import FACTS, HANG_SECONDS, REPO, SOURCES, VOCABULARY, write
from scocheck.index import CACHE_DIR, INDEX_FILE

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo") or not hasattr(signal, "setitimer"),
                                reason="FIFOs and interval timers are POSIX")
CLAIM = "The Widget Council was founded in 2000"
DRAFT = "# Notes\n\nThe Widget Council was established in 1999, though sources differ [@alpha; @beta].\n"


# --- running the CLI ---------------------------------------------------------------------------


@dataclass
class Ran:
    code: int
    out: str
    err: str


def cli(*args: str | bytes, cwd: Path, timeout: float = HANG_SECONDS) -> Ran:
    """scocheck in its own process; failing the test (not hanging) when it overruns `timeout`."""
    env = {k: v for k, v in os.environ.items() if k != "SCOCHECK_DEBUG"}
    try:
        done = subprocess.run([sys.executable, "-m", "scocheck", *args], cwd=cwd, capture_output=True,
                              timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail(f"scocheck {' '.join(map(str, args))[:120]} did not finish within {timeout} s", pytrace=False)
    return Ran(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))


def assert_handled(result, fmt: str = "json") -> None:
    """A result (exit 0 or 1, and parseable JSON) or one line of error (exit 2); never a crash."""
    assert "Traceback" not in result.err, result.err[-2000:]
    if result.code == 2:
        lines = result.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("scocheck: error: "), result.err[:2000]
        assert "internal error" not in lines[0], lines[0]
        assert result.out == ""
    else:
        assert result.code in (0, 1), (result.code, result.err[:2000])
        if fmt == "json":
            json.loads(result.out)


def assert_one_line_error(result, *fragments: str) -> None:
    assert_handled(result)
    assert result.code == 2, (result.code, result.out[:500])
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


def commands(draft: str = "draft.md") -> dict[str, tuple[str, ...]]:
    return {
        "verify": ("verify", "--format", "json"),
        "conflicts": ("conflicts", "--format", "json"),
        "cite": ("cite", CLAIM, "--format", "json"),
        "check": ("check", draft, "--format", "json"),
    }


COMMANDS = sorted(commands())


# --- inputs: corpus documents -----------------------------------------------------------------


def _runon_facts(size: int) -> str:
    """One "sentence" of `size` characters full of names, cue words and values."""
    unit = "The WC was founded in Zenda in 2001, its secretariat opened in Strelsau in 2003, "
    return (unit * (size // len(unit) + 1))[:size] + ".\n"


HOSTILE_DOCUMENTS = {
    # name: (contents, what the one-line error says, or None for a result)
    "binary": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not UTF-8"),
    "NUL bytes (valid UTF-8)": (b"The WC\x00 was founded\x00 in 2000.\n", "binary file"),
    "empty": ("", None),
    "only white space and controls": (" \n\t\x0b\x0c\r\n\x1b[2J\u2028\u2029\n", None),
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", sorted(HOSTILE_DOCUMENTS))
def test_hostile_corpus_document_gives_a_result_or_one_line_error(project, run, case, command):
    contents, complaint = HOSTILE_DOCUMENTS[case]
    write(project / "corpus" / "beta.txt", contents)
    write(project / "draft.md", DRAFT)
    result = run(*commands()[command], cwd=project)
    if complaint is None:
        assert_handled(result)
        assert result.code in (0, 1)
    else:
        assert_one_line_error(result, "beta.txt", complaint)


@pytest.mark.parametrize("command", COMMANDS)
def test_an_enormous_corpus_document_is_refused_at_once(project, command):
    write(project / "corpus" / "beta.txt", "The WC was founded in 2000. " * 180_000)  # a 5 MB line
    write(project / "draft.md", DRAFT)
    assert_one_line_error(cli(*commands()[command], cwd=project), "beta.txt", "too large")


@posix_only
@pytest.mark.parametrize("command", ["verify", "cite"])
def test_a_fifo_in_the_corpus_is_refused_not_waited_on(project, command):
    (project / "corpus" / "beta.txt").unlink()
    os.mkfifo(project / "corpus" / "beta.txt")
    assert_one_line_error(cli(*commands()[command], cwd=project), "beta.txt", "not a regular file")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_run_on_document_full_of_facts_is_read_in_seconds(project, command):
    write(project / "corpus" / "beta.txt", _runon_facts(300_000))
    write(project / "draft.md", DRAFT)
    result = cli(*commands()[command], cwd=project)
    assert_handled(result)
    assert result.code in (0, 1)


# --- inputs: drafts ---------------------------------------------------------------------------


HOSTILE_DRAFTS = {
    # name: (contents, complaint or None)
    "not UTF-8": (b"The WC was founded in 2000.\n\nIt \xff\xfe was.\n", "draft.md:3: not UTF-8"),
    "a 5 MB single line": ("The WC was founded in 2000 [@alpha]. " * 140_000, "too large"),
    "NUL bytes": (b"The WC was founded\x00 in 2000.\n", "binary file"),
    "empty": ("", None),
    "10,000 nested block quotes": (">" * 10_000 + " The WC was founded in 2000 [@alpha].\n", None),
    "10,000 nested list items": ("- " * 10_000 + "The WC was founded in 2000.\n" + "1. " * 10_000 + "x\n", None),
    "10,000 nested brackets": ("[" * 10_000 + "The WC was founded in 2000 [@alpha]." + "]" * 10_000 + "\n", None),
    "10,000 nested quotes and lists": ("> - 1. " * 10_000 + "The WC was founded in 2000.\n", None),
    "2 MB of unclosed brackets": ("[ " * 950_000 + "\n", None),
    "floods of @ and [": ("@" * 100_000 + "\n\n" + "[@" * 100_000 + "\n\n" + "[" * 100_000 + "@x\n", None),
    "unclosed comments": ("The WC was founded in 2000 <!-- " * 20_000 + "\n", None),
    "mixed unclosed markup": ("@[<!--`![<a " * 60_000 + "\n", None),
    "ignore directive with 50,000 spaces": ("<!-- scocheck: ignore " + " " * 50_000 + "\nThe WC was founded in 2000.\n", None),
    "one 300 KB sentence full of facts": (_runon_facts(300_000), None),
    "front matter never closed": ("---\n" + "key: value\n" * 50_000, None),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_DRAFTS))
def test_hostile_draft_gives_a_result_or_one_line_error_in_seconds(project, case):
    contents, complaint = HOSTILE_DRAFTS[case]
    write(project / "draft.md", contents)
    result = cli("check", "draft.md", "--format", "json", cwd=project)
    assert_handled(result)
    if complaint is None:
        assert result.code in (0, 1)
        for diagnostic in result.out and json.loads(result.out)["diagnostics"]:
            assert diagnostic["path"] == "draft.md"
    else:
        assert_one_line_error(result, complaint)


def test_a_draft_of_thousands_of_fact_sentences_is_checked_in_seconds(sco):  # it took 30 s before
    """Each sentence asks the index about a registered fact: the corpus is read once per fact, not per sentence."""
    facts = ["The SCO was founded in {}.", "RATS was established in {}.", "The SCO summit in {} was held in Astana.",
             "In {} the SCO had 6 members.", "The Shanghai Five was formed in {}."]
    sentences = [facts[i % len(facts)].format(1990 + i % 30) for i in range(3_000)]
    write(sco / "draft.md", "\n\n".join(" ".join(sentences[i:i + 10]) for i in range(0, len(sentences), 10)) + "\n")
    result = cli("check", "draft.md", "--format", "json", cwd=sco)
    assert_handled(result)
    assert len(json.loads(result.out)["diagnostics"]) > 500


@posix_only
def test_a_fifo_draft_is_refused_not_waited_on(project):
    os.mkfifo(project / "draft.md")
    assert_one_line_error(cli("check", "draft.md", cwd=project), "draft.md", "not a regular file")


def test_cite_reads_one_sentence_and_refuses_a_document(project, run):
    assert_one_line_error(run("cite", "The WC was founded in 2000, " * 100, cwd=project), "CLAIM", "characters")
    result = run("cite", "The WC was founded in 2000, " * 30, "--format", "json", cwd=project)
    assert_handled(result)
    assert result.code == 0


# --- inputs: YAML and TOML --------------------------------------------------------------------


def _billion_laughs(levels: int = 9) -> str:
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _facts_with(old: str, new: str) -> str:
    assert old in FACTS
    return FACTS.replace(old, new, 1)


HOSTILE_YAML = {
    # name: (file, contents, command, fragments of the one-line error)
    "python tag in sources.yaml": ("corpus/sources.yaml", "- !!python/object/apply:os.system ['echo pwned']\n",
                                   "sources", ("sources.yaml:1", "invalid YAML")),
    "python/object/new in a claim": ("claims/facts.yaml", _facts_with(
        "statement: The Widget Council was established in 1999.",
        "statement: !!python/object/new:os.system [echo pwned]"), "verify", ("facts.yaml:2", "invalid YAML")),
    "billion laughs in the registry": ("claims/laughs.yaml", _billion_laughs(), "verify",
                                       ("laughs.yaml", "expand to more than")),
    "billion laughs in a source's title": ("corpus/sources.yaml", SOURCES.replace(
        "  issued: 2010\n", "  issued: 2010\n  laughs:\n" + textwrap.indent(_billion_laughs(), "    ")).replace(
        "title: Widgets in Ruritania", "title: *lol8"), "sources", ("sources.yaml", "expand to more than")),
    "an alias inside itself": ("claims/facts.yaml", _facts_with("  evidence:\n", "  loop: &loop [*loop]\n  evidence:\n"),
                               "verify", ("facts.yaml", "alias refers to")),
    "aliases nesting 1,000 deep": ("claims/deep.yaml", "\n".join(
        [f"a0: &a0 {'[' * 40}x{']' * 40}"] + [f"a{i}: &a{i} {'[' * 40}*a{i - 1}{']' * 40}" for i in range(1, 25)]),
        "verify", ("deep.yaml", "nest more than")),
    "a key given twice in a claim": ("claims/facts.yaml", _facts_with("  value: 1999\n", "  value: 1999\n  value: 2000\n"),
                                     "verify", ("facts.yaml:7", "duplicate key 'value'")),
    "a key given twice in a source": ("corpus/sources.yaml", SOURCES.replace("  issued: 2010\n", "  issued: 2010\n  issued: 1900\n"),
                                      "sources", ("sources.yaml:7", "duplicate key 'issued'")),
    "a 5,000-digit number": ("claims/facts.yaml", _facts_with("value: 1999", "value: 1" + "0" * 5000), "verify",
                             ("facts.yaml:6", "invalid value")),
    "1e999999": ("claims/facts.yaml", _facts_with("value: 1999", "value: 1e999999"), "verify",
                 ("facts.yaml:1", "not a valid year")),
    ".nan": ("claims/facts.yaml", _facts_with("value: 1999", "value: .nan"), "verify", ("facts.yaml:1", "not a valid year")),
    "month 13": ("corpus/sources.yaml", SOURCES.replace("issued: 2012", "issued: 2012-13-45"), "sources",
                 ("sources.yaml:12", "invalid value")),
    "a 1.5 MB string": ("claims/facts.yaml", _facts_with("statement: The Widget Council was established in 1999.",
                                                         "statement: " + "x" * 1_500_000), "claims", ()),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_YAML))
def test_hostile_yaml_is_one_line_error_or_a_result(project, case):
    file, contents, command, fragments = HOSTILE_YAML[case]
    write(project / file, contents)
    result = cli(command, "--format", "json", cwd=project)
    assert_handled(result)
    if fragments:
        assert_one_line_error(result, *fragments)


@pytest.mark.parametrize("contents", ["[" * 100_000, "- " * 100_000 + "x\n", "{a: " * 50_000])
def test_deeply_nested_yaml_is_refused_before_it_can_crash_the_process(project, contents):
    write(project / "claims" / "deep.yaml", contents)
    # whichever refuses it first (scocheck's depth check or the YAML library's own), the user gets
    # exit 2 and one line naming the file and the line
    assert_one_line_error(cli("verify", cwd=project), "deep.yaml:1")


@pytest.mark.parametrize("contents,complaint", [
    ("a = " + "[" * 100_000, "nested too deeply"),
    ("a = 1" + "0" * 10_000, "invalid TOML"),
    ("[paths]\nclaims = [1, 2]\n", "claims must be a folder name"),
])
def test_hostile_configuration_is_one_line_naming_it(project, run, contents, complaint):
    write(project / "scocheck.toml", contents)
    assert_one_line_error(run("verify", cwd=project), "scocheck.toml", complaint)


# --- inputs: corpus paths ---------------------------------------------------------------------


def _point_beta_at(project: Path, file: str) -> None:
    write(project / "corpus" / "sources.yaml", SOURCES.replace("file: beta.txt", f"file: {file}"))


@pytest.mark.parametrize("how", ["absolute", "dot-dot inside a folder name", "symlinked folder", "symlink chain",
                                 "relative symlink climbing out"])
def test_a_document_outside_the_corpus_folder_is_refused_however_named(project, run, tmp_path_factory, how):
    outside = tmp_path_factory.mktemp("outside")
    secret = write(outside / "secret.txt", "The WC was founded in 1900.\n")
    if how == "absolute":
        _point_beta_at(project, str(secret))
    elif how == "dot-dot inside a folder name":
        (project / "corpus" / "sub").mkdir()
        assert (project / "corpus" / "sub" / ".." / ".." / ".." / outside.name / "secret.txt").resolve() == secret
        _point_beta_at(project, f"sub/../../../{outside.name}/secret.txt")
    elif how == "symlinked folder":
        (project / "corpus" / "sub").symlink_to(outside, target_is_directory=True)
        _point_beta_at(project, "sub/secret.txt")
    elif how == "symlink chain":
        (project / "corpus" / "hop.txt").symlink_to(secret)
        (project / "corpus" / "beta.txt").unlink()
        (project / "corpus" / "beta.txt").symlink_to(project / "corpus" / "hop.txt")
    else:
        (project / "corpus" / "beta.txt").unlink()
        (project / "corpus" / "beta.txt").symlink_to(Path("..") / ".." / outside.name / "secret.txt")
        assert (project / "corpus" / "beta.txt").resolve() == secret
    for command in ("verify", "sources"):
        assert_one_line_error(run(command, cwd=project), "sources.yaml", "outside the corpus folder")


def test_a_symlink_that_stays_inside_the_corpus_folder_is_fine(project, run):
    (project / "corpus" / "copy.txt").symlink_to(project / "corpus" / "beta.txt")
    _point_beta_at(project, "copy.txt")
    result = run("verify", "--format", "json", cwd=project)
    assert result.code == 0, result.err


# --- output: user text is never markup or escape sequences; JSON is always valid ---------------


HOSTILE_TEXT = "\x1b[31m\x1b]0;pwned\x07[bold red]x[/]\u202eevil\u202c\x9b2J"
HOSTILE_SENTENCE = f"The WC was founded in 2005, says {HOSTILE_TEXT} [link](x).\n"


@pytest.fixture
def hostile(project: Path) -> Path:
    """The Widget Council project with escape sequences, rich markup and bidi overrides in every user text."""
    write(project / "corpus" / "alpha.txt", (project / "corpus" / "alpha.txt").read_text() + HOSTILE_SENTENCE)
    write(project / "corpus" / "sources.yaml", SOURCES.replace("title: Widgets in Ruritania",
                                                               f"title: \"{_escaped(HOSTILE_TEXT)} [bold]Widgets[/bold]\""))
    write(project / "claims" / "facts.yaml", FACTS.replace(
        "      note: Beta dates the Council from its charter.",
        f"      note: \"Beta {_escaped(HOSTILE_TEXT)} [blink]dates[/blink]\""))
    write(project / "draft.md", "The WC was founded in 2005.\n")
    return project


def _escaped(text: str) -> str:
    """text as the inside of a YAML double-quoted scalar (the YAML reader refuses raw control characters)."""
    return text.encode("unicode_escape").decode("ascii").replace('"', '\\"')


def _hostile_free(text: str) -> None:
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text, repr(text[:300])
    assert not set(text) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"), repr(text[:300])


OUTPUTS = {  # arguments: what must be printed literally (rich markup in user text is text)
    ("verify", "-v"): "[bold red]x[/]", ("conflicts",): "[bold red]x[/]", ("conflicts", "--suggest"): "[bold red]x[/]",
    ("cite", "The WC was founded in 2005"): "[bold red]x[/]", ("claims", "wc.established"): "[blink]dates[/blink]",
    ("sources",): "[bold]Widgets[/bold]", ("check", "draft.md"): None, ("check", "draft.md", "--format", "github"): None,
    ("claims",): None, ("sources", "--format", "bibtex"): None, ("coverage",): None,
    ("cite", "The WC was founded in 2005 in Strelsau", "--explain"): None,
}


@pytest.mark.parametrize("args", sorted(OUTPUTS))
def test_user_text_is_printed_as_itself_never_as_markup_or_escapes(hostile, run, args):
    result = run(*args, cwd=hostile)
    assert result.code in (0, 1), result.err
    _hostile_free(result.out + result.err)
    if OUTPUTS[args]:
        assert OUTPUTS[args] in result.out, result.out[:3000]


def test_error_lines_and_check_lines_stay_one_clean_line_whatever_the_file_name(hostile, run):
    name = "draft\x1b[31m\n\u202e.md"
    write(hostile / name, "The WC was founded in 2005.\n")
    result = run("check", name, cwd=hostile)
    assert result.code == 1 and result.out, result.err
    assert all(line.startswith("draft[31m .md:1:1: ") for line in result.out.splitlines()), result.out
    _hostile_free(result.out)
    missing = run("check", "missing\x1b[2J\nfake: error\u202e.md", cwd=hostile)
    assert_one_line_error(missing, "no such file")
    _hostile_free(missing.err)


ODD_UNICODE = ("\ufeffBOM \U0001F600 emoji, e\u0301 combining, \u05e9\u05dc\u05d5\u05dd RTL, \u2028line\u2029para "
               "\x85NEL \u200d\u200bzero-width \ufffd \U0010FFFF \x01\x7f ")


@pytest.mark.parametrize("args", [
    ("verify",), ("conflicts",), ("cite", "The WC \U0001F600 was founded in 2005 \u2028"), ("check", "draft.md"),
    ("check", "draft.md", "--format", "sarif"), ("sources",), ("sources", "--format", "csl-json"), ("claims",),
    ("coverage",),
])
def test_json_output_is_valid_and_exact_for_odd_unicode(project, run, args):
    sentence = f"The WC {ODD_UNICODE} was founded in 2005.\n"
    write(project / "corpus" / "alpha.txt", sentence + (project / "corpus" / "alpha.txt").read_text() + sentence)
    write(project / "corpus" / "sources.yaml", SOURCES.replace("title: Widgets in Ruritania",
                                                               f"title: \"{_escaped(ODD_UNICODE)}\""))
    write(project / "draft.md", f"{ODD_UNICODE}\n\nThe WC {ODD_UNICODE} was founded in 2005 [@alpha].\n")
    result = run(*args, "--format", "json", cwd=project) if "--format" not in args else run(*args, cwd=project)
    assert result.code in (0, 1), result.err
    data = json.loads(result.out)
    raw = (project / "corpus" / "alpha.txt").read_text(encoding="utf-8")
    for mention in _mentions(data):
        if mention["source"] == "alpha":  # the exact text, on the line reported
            lines = {raw.count("\n", 0, m.start()) + 1 for m in re.finditer(re.escape(mention["quote"]), raw)}
            assert mention["line"] in lines, (mention, lines)


def _mentions(data):
    if isinstance(data, dict):
        if {"source", "line", "quote"} <= set(data) and isinstance(data["line"], int):
            yield data
        for value in data.values():
            yield from _mentions(value)
    elif isinstance(data, list):
        for value in data:
            yield from _mentions(value)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file names must be valid UTF-8 elsewhere")
def test_bytes_that_are_not_utf8_in_names_and_arguments_never_break_the_output(project):
    write(project / "draft.md", "x\n")
    bad_name = b"draft-\xff\xfe.md"
    (project / os.fsdecode(bad_name)).write_text("The WC was founded in 2005.\n", encoding="utf-8")
    as_json = cli("check", bad_name, "--format", "json", cwd=project)
    assert as_json.code == 1, as_json.err
    assert json.loads(as_json.out)["diagnostics"][0]["path"] == "draft-\ufffd\ufffd.md"
    as_text = cli("check", bad_name, cwd=project)
    assert as_text.code == 1 and as_text.out.startswith("draft-\ufffd\ufffd.md:1:1: "), as_text
    assert_one_line_error(cli("cite", b"The WC was founded in \xff2000", cwd=project), "not valid UTF-8")
    assert_one_line_error(cli("check", b"missing-\xff.md", cwd=project), "missing-\ufffd.md", "no such file")


# --- state: the cache, processes at once, nothing written elsewhere ---------------------------


def tree(root: Path) -> dict[str, tuple[int, str]]:
    """Every file under root (symlinks as links): modification time and content hash."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(root))] = (0, "-> " + os.readlink(path))
        elif path.is_file():
            found[str(path.relative_to(root))] = (path.stat().st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return found


EVERY_COMMAND = [
    ("verify",), ("verify", "--format", "json"), ("conflicts", "--suggest"), ("conflicts", "--format", "json"),
    ("cite", CLAIM), ("cite", CLAIM, "--format", "json", "--style", "full"), ("check", "draft.md", "notes.txt"),
    ("check", "draft.md", "--format", "sarif"), ("check", "draft.md", "--format", "github"),
    ("check", "corpus/alpha.txt"), ("sources",), ("sources", "--format", "bibtex"), ("sources", "--format", "csl-json"),
    ("claims",), ("claims", "wc.established", "--format", "json"), ("coverage",), ("explain",),
    ("verify", "--format", "xml"), ("check", "missing.md"),
]


def test_scocheck_writes_nothing_outside_its_cache_folder(project, run):
    write(project / "draft.md", DRAFT + "The WC was founded in 2005 [@beta].\n")
    write(project / "notes.txt", "The Widget Council secretariat is in Strelsau.\n")
    write(project / "scocheck.toml", "[rules]\nuncited-fact = \"warning\"\n")
    before = tree(project)
    for args in EVERY_COMMAND:
        assert run(*args, cwd=project).code in (0, 1, 2)
    after = tree(project)
    changed = {name for name in set(before) | set(after) if before.get(name) != after.get(name)}
    assert all(name.startswith(CACHE_DIR + os.sep) for name in changed), sorted(changed)
    new = {name for name in after if name not in before}
    stored = {name for name in new if name.startswith((f"{CACHE_DIR}/runs/", f"{CACHE_DIR}/statements/",
                                                                f"{CACHE_DIR}/sentences/"))
              and name.endswith(".json")}
    assert new - stored == {f"{CACHE_DIR}/{INDEX_FILE}", f"{CACHE_DIR}/.gitignore"}


@pytest.mark.parametrize("kind", ["symlink to a folder elsewhere", "a file", "an index that is a symlink"])
def test_a_cache_folder_that_is_not_scocheck_s_own_is_never_written(project, run, tmp_path_factory, kind):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    target = write(elsewhere / "keep.sqlite", b"not an index")
    if kind == "symlink to a folder elsewhere":
        (project / CACHE_DIR).symlink_to(elsewhere, target_is_directory=True)
    elif kind == "a file":
        write(project / CACHE_DIR, "mine\n")
    else:
        (project / CACHE_DIR).mkdir()
        (project / CACHE_DIR / INDEX_FILE).symlink_to(target)
    before, outside = tree(project), tree(elsewhere)
    result = run("cite", CLAIM, "--format", "json", cwd=project)
    assert result.code == 0 and result.json()["verdict"] == "disputed", result.err
    assert tree(elsewhere) == outside
    if kind != "an index that is a symlink":
        assert tree(project) == before
    else:  # the link itself is replaced by a real index; its target is untouched
        assert (project / CACHE_DIR / INDEX_FILE).is_file() and not (project / CACHE_DIR / INDEX_FILE).is_symlink()


def test_a_cache_that_cannot_be_written_gives_an_index_in_memory(project, run, monkeypatch):
    import scocheck.index

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(scocheck.index, "_build", read_only)
    result = run("cite", CLAIM, "--format", "json", cwd=project)
    assert result.code == 0 and result.json()["verdict"] == "disputed", result.err
    assert not (project / CACHE_DIR / INDEX_FILE).exists()


def test_an_interrupted_rebuild_leaves_the_old_index_whole_and_no_debris(project, run, monkeypatch):
    import scocheck.index

    assert run("cite", CLAIM, cwd=project).code == 0
    index = project / CACHE_DIR / INDEX_FILE
    old = index.read_bytes()
    write(project / "corpus" / "beta.txt", (project / "corpus" / "beta.txt").read_text() + "More.\n")  # stale now
    real_fill = scocheck.index._fill

    def dies_half_way(connection, sources, wanted, progress):
        connection.execute("CREATE TABLE half (x)")
        connection.commit()
        raise Killed  # as if the hook were killed while writing

    monkeypatch.setattr(scocheck.index, "_fill", dies_half_way)
    with pytest.raises(Killed):
        run("cite", CLAIM, cwd=project)
    assert index.read_bytes() == old
    assert sorted(p.name for p in (project / CACHE_DIR).iterdir()
                  if p.name not in ("runs", "statements", "sentences")) == [".gitignore", INDEX_FILE]
    monkeypatch.setattr(scocheck.index, "_fill", real_fill)
    assert run("cite", CLAIM, "--format", "json", cwd=project).json()["verdict"] == "disputed"


class Killed(BaseException):
    """A process being killed: not an error scocheck handles."""


def _index(project: Path) -> sqlite3.Connection:
    return sqlite3.connect(project / CACHE_DIR / INDEX_FILE)


def test_an_index_whose_rows_were_changed_is_not_trusted(project, run):
    assert run("cite", CLAIM, cwd=project).code == 0
    with _index(project) as db:  # same corpus hash, same count: only the content lies
        db.execute("UPDATE passages SET quote = 'FABRICATED: the WC was founded in 2000', text = 'The WC was founded in "
                   "2000 according to a forged passage' WHERE source = 'alpha'")
    result = run("cite", CLAIM, "--format", "json", cwd=project)
    assert result.code == 0 and "FABRICATED" not in result.out
    alpha = (project / "corpus" / "alpha.txt").read_text()
    assert all(e["quote"] in alpha for e in result.json()["evidence"] if e["source"] == "alpha")
    with _index(project) as db:
        assert not db.execute("SELECT count(*) FROM passages WHERE quote LIKE 'FABRICATED%'").fetchone()[0]


def test_an_index_whose_full_text_part_is_damaged_is_rebuilt(project, run):
    assert run("cite", CLAIM, cwd=project).code == 0
    with _index(project) as db:
        db.execute("UPDATE passages_fts_data SET block = x'00ff00ff00ff00ff' WHERE id > 10")
    with _index(project) as db:  # damage SQLite's own check does not see
        assert db.execute("PRAGMA quick_check").fetchone() == ("ok",)
        with pytest.raises(sqlite3.DatabaseError):
            db.execute("SELECT * FROM passages_fts WHERE passages_fts MATCH 'founded'").fetchall()
    result = run("cite", CLAIM, "--format", "json", cwd=project)
    assert result.code == 0 and result.json()["verdict"] == "disputed", result.err
    with _index(project) as db:
        assert db.execute("SELECT count(*) FROM passages_fts WHERE passages_fts MATCH 'founded'").fetchone()[0] > 0


def test_an_index_with_another_schema_is_rebuilt(project, run):
    assert run("cite", CLAIM, cwd=project).code == 0
    with _index(project) as db:
        wanted, count = (db.execute("SELECT value FROM meta WHERE key = ?", (k,)).fetchone()[0] for k in ("hash", "passages"))
    (project / CACHE_DIR / INDEX_FILE).unlink()
    with _index(project) as db:
        db.executescript("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
                         "CREATE TABLE passages (rowid INTEGER PRIMARY KEY, source TEXT, quote TEXT);")
        db.executemany("INSERT INTO meta VALUES (?, ?)", [("hash", wanted), ("passages", "1")])
        db.execute("INSERT INTO passages (source, quote) VALUES ('alpha', 'x')")
    result = run("cite", CLAIM, "--format", "json", cwd=project)
    assert result.code == 0 and result.json()["verdict"] == "disputed", result.err
    assert count != "1"  # the planted count was a lie that matched the planted table


def test_parallel_processes_on_a_fresh_project_agree_and_leave_a_sound_index(sco):
    """Eight processes at once (pre-commit runs hooks in parallel), half checking drafts that
    include hostile ones, half citing; none has an index to start with."""
    write(sco / "draft.md", "The SCO was founded in 2001 in Shanghai [@grieger2015].\n\n"
                            "RATS was established in 2004 [@css2009].\n\nThe SCO has 12 members.\n")
    write(sco / "hostile.md", "> - [" * 3_000 + "<!-- " * 3_000 + "@" * 3_000 + "\n\nThe SCO was founded in 1996.\n")
    write(sco / "runon.md", _runon_facts(100_000).replace("WC", "SCO"))
    check = [sys.executable, "-m", "scocheck", "check", "draft.md", "hostile.md", "runon.md", "--format", "json"]
    cite = [sys.executable, "-m", "scocheck", "cite", "RATS was established in 2003", "--format", "json"]
    processes = [subprocess.Popen(check if i % 2 else cite, cwd=sco, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for i in range(8)]
    try:
        outputs = [p.communicate(timeout=120) for p in processes]
    finally:
        for p in processes:
            p.kill()
    results = [(p.args[3], p.returncode, out.decode(), err.decode()) for p, (out, err) in zip(processes, outputs)]
    for command in ("check", "cite"):
        same = {(code, out) for name, code, out, err in results if name == command}
        assert len(same) == 1, [err for name, code, out, err in results if name == command]
        code, out = same.pop()
        assert code in (0, 1) and json.loads(out)
    assert not any(err for *_, err in results), [err for *_, err in results]
    leftovers = sorted(p.name for p in (sco / CACHE_DIR).iterdir() if p.name not in ("runs", "statements", "sentences"))
    assert leftovers == [".gitignore", INDEX_FILE]
    from scocheck.index import _open_checked, corpus_hash
    from scocheck.project import open_project

    project = open_project(start=sco)
    wanted = corpus_hash(project.sources, project.config.corpus / "sources.yaml")
    assert _open_checked(sco / CACHE_DIR / INDEX_FILE, wanted, project.sources) is not None
    again = subprocess.run(check, cwd=sco, capture_output=True, timeout=120)
    assert again.stdout.decode() == next(out for name, code, out, err in results if name == "check")


# --- fuzzy matching is bounded in size --------------------------------------------------------


FUZZY_PROBE = r"""
import random, sys
from pathlib import Path
from scocheck.corpus import Document, Passage, Source
from scocheck.match import find_quote
from scocheck.text import line_starts, normalise

random.seed(8)
vocabulary = ["the", "council", "was", "founded", "in", "zenda", "widget", "budget", "secretariat"] + [f"w{i}" for i in range(3000)]
sentences = [" ".join(random.choice(vocabulary) for _ in range(20)) + "." for _ in range(17_000)]
raw = " ".join(sentences)                       # about 2 MB
norm = normalise(raw)
passages, start = [], 0
for i, sentence in enumerate(sentences):       # the same sentences the segmenter would find, without its cost
    passages.append(Passage("doc", i, start, start + len(sentence), sentence))
    start += len(sentence) + 1
document = Document(Source("doc", "doc.txt", Path("doc.txt"), {}), norm, tuple(passages), line_starts(raw))
assert len(raw) > 1_900_000 and norm.text == raw
near = sentences[5000][:-1]
near = near[:30] + ("q" if near[30] != "q" else "z") + near[31:]   # one letter wrong: only fuzzy finds it
found = find_quote(document, near)
assert found is not None and found.method == "fuzzy", found
for size in (10_000, 30_000, 100_000):          # quotes that are nowhere: every strategy is tried
    quote = " ".join(random.choice(vocabulary) for _ in range(size // 5))[:size]
    assert find_quote(document, quote) is None
print("ok")
"""


def test_fuzzy_quote_search_is_bounded_for_huge_documents_and_quotes(tmp_path):
    try:
        done = subprocess.run([sys.executable, "-c", FUZZY_PROBE], cwd=tmp_path, capture_output=True, text=True,
                              timeout=HANG_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"find_quote on a 2 MB document did not finish within {HANG_SECONDS} s", pytrace=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


# --- regular expressions: no catastrophic backtracking, no quadratic scans --------------------
#
# Every compiled pattern in scocheck's modules is run against adversarial strings built from the
# pattern itself ("pump" strings: what comes before a repetition, then a long run of what the
# repetition accepts, then a character nothing expects) and against long runs of the characters
# it repeats. A single match attempt must not blow up (exponential or cubic backtracking), and a
# scan (finditer) must stay near-linear. The sizes are chosen so that the difference is not a
# matter of speed: a safe pattern finishes each string in milliseconds, a cubic attempt or a
# quadratic scan needs some 10^10 steps (hours). A hang guard (SIGALRM interrupts the regex
# engine) turns the hang into a failure; it is a thousand times what a safe pattern needs, so a
# busy machine cannot trip it.

REGEX_HANG_SECONDS = 60.0
PUMP = 5_000  # single attempts: exponential or cubic (1.25e11 steps) backtracking hangs on this
RUN = 200_000  # scans: a quadratic scan of this is 4e10 steps
_CANDIDATES = " a1-.,A@[<>\n\t_/:;!?(#*'\"&%$`|=~+é\u00a0\u2009Z0x"
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT)

# Patterns applied only at one position (match/fullmatch), or searched in a window of a few
# characters: scanning them across a long text is not how they are used (a test below checks
# that the source uses them so). They still get the single-attempt test.
ANCHORED = {
    "corpus._ID": r"\.match\(",
    "registry._ID": r"\.match\(",
    "mentions._LIST_GLUE": r"\.match\(",
    "text._LIST_MARKER": r"\.match\(",
    "values.extract._NEXT_WORD": r"\.match\(",
    "values.extract._WORD_ORDINAL_AFTER": r"\.match\(",
    "values.extract._SUP_CLOSE": r"\.match\(",
    "values.extract._SENTENCE_OPENER": r"\.search\(text, max\(0, start - 4\), start\)",
    "values.parse._PARSE_NUMBER": r"\.match\(",
    "values.parse._PARSE_RANGE": r"\.match\(",
    "values.parse._PARSE_MONEY": r"\.match\(",
    "values.parse._PARSE_YEAR": r"\.match\(",
}


def compiled_patterns() -> dict[str, re.Pattern]:
    """Every re.Pattern held by a scocheck module, directly or in a dict, list or tuple."""
    found = {}
    for info in pkgutil.walk_packages(scocheck.__path__, "scocheck."):
        if info.name == "scocheck.__main__":
            continue
        module = importlib.import_module(info.name)
        short = info.name.removeprefix("scocheck.")  # names as the tests below spell them
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{short}.{name}"] = value
            elif isinstance(value, dict):
                found.update({f"{short}.{name}[{k}]": v for k, v in value.items() if isinstance(v, re.Pattern)})
            elif isinstance(value, (list, tuple)):
                found.update({f"{short}.{name}[{i}]": v for i, v in enumerate(value) if isinstance(v, re.Pattern)})
    # built at run time from registry quotes: a long quote makes a long pattern
    from scocheck.match import _quote_pattern

    for quote in ("The Widget Council (WC) was established in 1999", "a - b - c " * 30):
        found[f"match._quote_pattern({quote[:20]!r})"] = _quote_pattern(quote)
    # built from the English lexicon when first used
    from scocheck.reading.lexicon import english

    found["reading.lexicon.english().relative_year_pattern"] = english().relative_year_pattern
    found["reading.lexicon.english().address_pattern"] = english().address_pattern
    from scocheck.reading.linking import _words

    found["reading.linking._ACRONYM"] = _words()[2]  # the acronym definitions, built on the name joiners
    return found


PATTERNS = compiled_patterns()


class _Timeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float):
    """Inside, limit(what) starts a fresh `seconds` for one piece of work; overrunning fails the test."""
    current = ["?"]

    def expire(signum, frame):
        raise _Timeout(current[0])

    def limit(what: str) -> None:
        current[0] = what
        signal.setitimer(signal.ITIMER_REAL, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        yield limit
    except _Timeout as timeout:
        pytest.fail(f"{timeout} took more than {seconds} s", pytrace=False)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_class(ch: str, items) -> bool:
    negate = hit = False
    for op, av in items:
        if op is _C.NEGATE:
            negate = True
        elif op is _C.LITERAL:
            hit |= ch == chr(av)
        elif op is _C.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        elif op is _C.CATEGORY:
            name = str(av)
            value = {"CATEGORY_DIGIT": ch.isdecimal(), "CATEGORY_SPACE": ch.isspace(),
                     "CATEGORY_WORD": ch.isalnum() or ch == "_"}.get(name.replace("NOT_", ""), False)
            hit |= (not value) if "NOT_" in name else value
    return hit != negate


def _firsts(seq) -> list[str]:
    """A few characters a parsed sequence can start with."""
    for op, av in seq:
        if op is _C.LITERAL:
            return [chr(av)]
        if op is _C.NOT_LITERAL:
            return [c for c in _CANDIDATES if ord(c) != av][:4]
        if op is _C.ANY:
            return ["a", " "]
        if op is _C.IN:
            return [c for c in _CANDIDATES if _in_class(c, av)][:4]
        if op is _C.BRANCH:
            out: list[str] = []
            for alternative in av[1]:
                out += [c for c in _firsts(alternative) if c not in out]
            return out[:8]
        if op is _C.SUBPATTERN:
            return _firsts(av[3])
        if op is _C.ATOMIC_GROUP:
            return _firsts(av)
        if op in _REPEATS:
            return _firsts(av[2])
    return []


def _sample(seq, groups: dict) -> str:
    """A short string the parsed sequence matches (near enough: lookarounds are ignored)."""
    out = []
    for op, av in seq:
        if op is _C.LITERAL:
            out.append(chr(av))
        elif op is _C.NOT_LITERAL:
            out.append("a" if av != ord("a") else "b")
        elif op is _C.ANY:
            out.append("a")
        elif op is _C.IN:
            members = [c for c in _CANDIDATES if _in_class(c, av)]
            out.append(members[0] if members else "a")
        elif op is _C.BRANCH:
            out.append(min((_sample(alternative, groups) for alternative in av[1]), key=len))
        elif op is _C.SUBPATTERN:
            text = _sample(av[3], groups)
            if av[0]:
                groups[av[0]] = text
            out.append(text)
        elif op is _C.ATOMIC_GROUP:
            out.append(_sample(av, groups))
        elif op in _REPEATS:
            out.append(_sample(av[2], groups) * av[0])
        elif op is _C.GROUPREF:
            out.append(groups.get(av, ""))
    return "".join(out)


def attack_strings(pattern: re.Pattern) -> tuple[set[str], set[str]]:
    """(pumps for single attempts, long runs for scans) built from the pattern's repetitions."""
    pumps: set[str] = set()
    runs = {c * RUN for c in " a1\n"}

    def walk(seq, prefix: str, groups: dict) -> None:
        for i, (op, av) in enumerate(seq):
            before = prefix + _sample(seq[:i], groups)
            if op in _REPEATS:
                body = av[2]
                for unit in {_sample(body, dict(groups)), *_firsts(body)} - {""}:
                    pump = unit * (PUMP // len(unit))
                    pumps.update({before + pump, before + pump + "\0", before + pump + "!"})
                    runs.update({unit * (RUN // len(unit)), unit * (RUN // len(unit)) + "\0"})
                if before:
                    runs.add(before * (RUN // len(before)))
                walk(body, before, groups)
            elif op is _C.SUBPATTERN:
                walk(av[3], before, groups)
            elif op is _C.ATOMIC_GROUP:
                walk(av, before, groups)
            elif op is _C.BRANCH:
                for alternative in av[1]:
                    walk(alternative, before, groups)
            elif op in (_C.ASSERT, _C.ASSERT_NOT):
                walk(av[1], before, groups)

    walk(_sre_parse.parse(pattern.pattern, pattern.flags), "", {})
    return pumps, runs


def _shown(text: str) -> str:
    return repr(text[:30]) + (f"... ({len(text):,} characters)" if len(text) > 30 else "")


@posix_only
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_regular_expression_is_safe_on_adversarial_input(name):
    pattern = PATTERNS[name]
    pumps, runs = attack_strings(pattern)
    with time_limit(REGEX_HANG_SECONDS) as limit:
        for text in sorted(pumps):
            limit(f"{name}.match({_shown(text)})")
            pattern.match(text)
        if name not in ANCHORED:
            for text in sorted(runs):
                limit(f"{name}.finditer({_shown(text)})")
                for _ in pattern.finditer(text):
                    pass


FLOODS = ["x <!--", "<!-- scocheck: ignore ", "[@", "[", "@", "`", "``x", "<a ", "![", "](", "---\n"]


@posix_only
@pytest.mark.parametrize("name", sorted(n for n in PATTERNS if n.startswith("drafts.")))
def test_draft_patterns_scan_two_megabytes_of_unclosed_markup_quickly(name):
    """Linear with a small constant: a pattern that rescans up to its bound from every opening
    (2,000 characters for a comment) is linear too, but a 2 MB draft would take minutes."""
    pattern = PATTERNS[name]
    with time_limit(REGEX_HANG_SECONDS) as limit:
        for flood in FLOODS:
            text = flood * (2_000_000 // len(flood))
            limit(f"{name}.finditer({_shown(text)})")
            for _ in pattern.finditer(text):
                pass


def test_patterns_exempt_from_scanning_are_only_used_at_one_position():
    for name, usage in ANCHORED.items():
        module, attribute = name.rsplit(".", 1)  # "values.extract._NEXT_WORD": module values.extract
        source = Path(importlib.import_module(f"scocheck.{module}").__file__).read_text(encoding="utf-8")
        uses = re.findall(rf"\b{re.escape(attribute)}(\.\w+\([^\n]*)", source)
        assert uses, f"{name} is not used: drop it from ANCHORED"
        for use in uses:
            assert re.match(usage, use), f"{name} is used as {use!r}: scanning it must be tested"


def test_the_regex_sweep_sees_every_module_pattern():
    assert {"drafts._IGNORE", "drafts._COMMENT", "values.extract._SCANNER", "text._DEFECTS", "mentions._REFERENCE",
            "reading.linking._ACRONYM",
            "values.extract._FORM_RE[quantity]", "render._CONTROL"} <= set(PATTERNS)
    assert len(PATTERNS) >= 50


# --- the threat model names real tests ---------------------------------------------------------


def test_the_threat_model_names_only_tests_that_exist():
    text = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    defined = {m for path in (REPO / "tests").glob("test_*.py")
               for m in re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.MULTILINE)}
    named = re.findall(r"`(?:\w+\.py::)?(test_[\w…]++)(?!\.py)", text)
    assert len(named) >= 30
    for name in named:
        prefix = name.split("…")[0]
        assert any(d == name or ("…" in name and d.startswith(prefix)) for d in defined), name


@pytest.fixture
def hostile_registry(project: Path) -> Path:
    """The Widget Council project with escape sequences in the registry's own words: an entity's name
    and alias, a place's name, a claim's statement and note, and quotes that no longer state their
    value (one states the hostile place instead)."""
    hostile = _escaped(HOSTILE_TEXT)
    write(project / "claims" / "vocabulary.yaml", VOCABULARY.replace(
        "    name: Widget Council\n", f'    name: "Widget Council {hostile}"\n').replace(
        "aliases: [WC]", f'aliases: [WC, "W{hostile}C"]').replace(
        "    name: Strelsau\n", f'    name: "Strelsau {hostile}"\n    aliases: [Strelsau]\n'))
    write(project / "claims" / "facts.yaml", FACTS.replace(
        "  statement: The Widget Council was established in 1999.",
        f'  statement: "The Widget Council {hostile} was established in 1999."').replace(
        "      quote: a budget of US$12 billion", "      quote: had some 1 000\n      note: \"" + hostile + "\"").replace(
        "      quote: Its secretariat opened in Zenda in 2003", "      quote: established in 1999 in Strelsau"))
    write(project / "draft.md", "The WC was founded in 2005.\n")
    return project


@pytest.mark.parametrize("args", sorted(OUTPUTS))
def test_the_registry_s_own_words_never_print_escape_codes(hostile_registry, run, args):
    result = run(*args, cwd=hostile_registry)
    assert result.code in (0, 1), result.err
    _hostile_free(result.out + result.err)


def _bibtex_entries(text: str) -> list[str]:
    """The entries as BibTeX itself reads them: '@' at brace depth 0 starts one, and every brace counts,
    escaped or not."""
    entries, depth, start = [], 0, None
    for index, ch in enumerate(text):
        if ch == "@" and depth == 0:
            start = index
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            assert depth >= 0, text
            if depth == 0 and start is not None:
                entries.append(text[start : index + 1])
                start = None
    assert depth == 0, text
    return entries


def test_bibtex_export_keeps_each_source_one_entry_whatever_its_fields_hold(project, run):
    """A title or URL holding braces, a backslash, a new line or escape codes cannot close its field
    and add an entry (or a field) of its own."""
    injected = "}\\n}\\n@misc{planted,\\n  title = {x"
    write(project / "corpus" / "sources.yaml", SOURCES.replace(
        "title: Widgets in Ruritania",
        f'title: "Widgets {injected} \\\\}} \\e[31m"\n  URL: "https://example.org/a{injected}"\n  number: "{injected}"'))
    result = run("sources", "--format", "bibtex", cwd=project)
    assert result.code == 0, result.err
    entries = _bibtex_entries(result.out)
    assert [e.split("{", 1)[0] + "{" + e.split("{", 1)[1].split(",", 1)[0] for e in entries] == \
        ["@techreport{alpha", "@article{beta"]
    assert "planted" not in "".join(e.split("\n", 1)[0] for e in entries)
    assert all(line.startswith(("@", "  ", "}")) or not line for line in result.out.splitlines())
    _hostile_free(result.out)


# --- unreadable input, settings, files written, keys and secrets (issue 18 items 6, 7, 8, 10, 16) ---

def test_a_claims_folder_that_cannot_be_listed_is_an_error_not_an_empty_registry(project, run, monkeypatch):
    listing = os.listdir

    def refuse(folder):
        if os.path.basename(os.fspath(folder)) == "claims":
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(os, "listdir", refuse)
    for args in (["verify"], ["coverage", "--fail-under", "90"]):
        assert_one_line_error(run(*args, cwd=project), "claims", "cannot list the folder: Permission denied")


@pytest.mark.parametrize("kind", ["a device", "a FIFO", "a symlink"])
def test_report_never_replaces_a_device_fifo_or_symlink(project, run, tmp_path, kind):
    target = tmp_path / "target.html"
    write(target, "the user's own page\n")
    if kind == "a device":
        path = Path(os.devnull)
    elif kind == "a FIFO":
        path = tmp_path / "pipe.html"
        os.mkfifo(path)
    else:
        path = tmp_path / "link.html"
        path.symlink_to(target)
    before = os.lstat(path)
    assert_one_line_error(run("report", "--html", str(path), cwd=project), str(path), "not replacing it")
    after = os.lstat(path)
    assert (before.st_mode, before.st_ino) == (after.st_mode, after.st_ino)
    assert target.read_text() == "the user's own page\n"


def test_source_ids_that_differ_only_in_case_are_refused(project, run):
    """BibTeX and CSL processors fold case: `alpha` and `ALPHA` would print one reference for both."""
    write(project / "corpus" / "sources.yaml", SOURCES.replace("- id: beta", "- id: ALPHA"))
    assert_one_line_error(run("sources", cwd=project), "sources.yaml", "'alpha' and 'ALPHA' differ only in case")


@pytest.mark.parametrize("setting, fragment", [
    ('require-citations = "false"', "require-citations must be true or false"),
    ("require-citations = 1", "require-citations must be true or false"),
    ('start-reader = "yes"', "start-reader must be true or false"),
    ("fail-level = 3", "fail-level must be one of"),
])
def test_a_setting_of_the_wrong_type_is_an_error_never_a_guess(project, run, setting, fragment):
    write(project / "scocheck.toml", setting + "\n")
    write(project / "draft.md", "The WC was founded in 1999.\n")
    assert_one_line_error(run("check", "draft.md", cwd=project), "scocheck.toml", fragment)


@pytest.mark.parametrize("table", ['tool = "x"', '[tool]\nscocheck = "x"'])
def test_a_pyproject_whose_tool_table_is_not_a_table_is_an_input_error(project, run, table):
    write(project / "pyproject.toml", table + "\n")
    assert_one_line_error(run("verify", cwd=project), "pyproject.toml", "must be a table")


@pytest.mark.parametrize("args", [["conflicts", "--min-confidence", "nan"], ["coverage", "--fail-under", "nan"],
                                  ["coverage", "--fail-under", "inf"], ["coverage", "--fail-under", "101"]])
def test_a_number_option_that_is_not_a_number_in_range_is_a_usage_error(project, run, args):
    assert_one_line_error(run(*args, cwd=project), args[1])


def test_an_error_never_quotes_a_file_linked_from_outside_the_project(project, run, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "credentials"
    write(secret, "TOKEN_4f2a9: 1\nTOKEN_4f2a9: 2\n")
    (project / "claims" / "zz.yaml").symlink_to(secret)
    result = run("verify", cwd=project)
    assert_one_line_error(result, "zz.yaml:2", "duplicate key")
    assert "TOKEN_4f2a9" not in result.err
    (project / "claims" / "zz.yaml").unlink()
    write(project / "claims" / "zz.yaml", f"claims:\n  - id: c{'x' * 500}\n")
    long = run("verify", cwd=project)
    assert_one_line_error(long, "zz.yaml")
    assert "c" + "x" * 59 + "…" in long.err and "x" * 60 not in long.err
