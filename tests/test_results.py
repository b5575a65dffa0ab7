"""Stored `check` runs: replayed only while every input is unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import HANG_SECONDS, write
from scocheck import results

WRONG = "The Widget Council's secretariat is in Strelsau.\n"
ARGV = ["check", "draft.md"]


@pytest.fixture
def checked(run, project: Path) -> Path:
    """A project whose draft has been checked once (so a run is stored)."""
    write(project / "draft.md", WRONG)
    first = run(*ARGV, cwd=project)
    assert first.code == 1 and "contradicts-registry" in first.out
    return project


def test_an_unchanged_check_is_replayed_with_its_output_and_exit_status(run, checked):
    fresh = run(*ARGV, cwd=checked)
    assert results.replay(ARGV, str(checked)) == (fresh.out, 1)


def test_the_command_replays_through_the_entry_point(checked):
    command = [sys.executable, "-m", "scocheck", *ARGV]
    env = {**os.environ, "SCOCHECK_DEBUG": ""}
    first = subprocess.run(command, cwd=checked, capture_output=True, text=True, env=env, timeout=120)
    again = subprocess.run(command, cwd=checked, capture_output=True, text=True, env=env, timeout=120)
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout) == (1, first.stdout)
    assert "contradicts-registry" in again.stdout


def _config_further_up(folder: Path, request) -> None:
    config = folder.parent / "pyproject.toml"  # shared by the session's other tests: removed afterwards
    request.addfinalizer(lambda: config.unlink(missing_ok=True))
    write(config, '[tool.scocheck]\nfail-level = "warning"\n')


CHANGES = {
    "draft": lambda p, _: write(p / "draft.md", "The Widget Council's secretariat is in Zenda [@alpha].\n"),
    "corpus file": lambda p, _: write(p / "corpus" / "beta.txt", (p / "corpus" / "beta.txt").read_text() + "More.\n"),
    "new registry file": lambda p, _: write(p / "claims" / "more.yaml", "claims: []\n"),
    "registry file": lambda p, _: write(p / "claims" / "facts.yaml", (p / "claims" / "facts.yaml").read_text() + "\n"),
    "new config": lambda p, _: write(p / "scocheck.toml", 'fail-level = "warning"\n'),
    "config further up": _config_further_up,
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_changed_input_means_a_fresh_run(checked, change, request):
    CHANGES[change](checked, request)
    assert results.replay(ARGV, str(checked)) is None


def test_other_options_or_folders_are_other_runs(checked):
    assert results.replay([*ARGV, "--format", "json"], str(checked)) is None
    assert results.replay(ARGV, str(checked / "claims")) is None


@pytest.mark.parametrize("damage", ["", "{", '{"version": "0.1.0", "output": 3}', "[]"])
def test_a_damaged_record_is_ignored_and_the_check_runs_again(run, checked, damage):
    [stored] = (checked / ".scocheck" / "runs").glob("*.json")
    stored.write_text(damage)
    assert results.replay(ARGV, str(checked)) is None
    again = run(*ARGV, cwd=checked)
    assert again.code == 1 and "contradicts-registry" in again.out
    assert results.replay(ARGV, str(checked)) == (again.out, 1)


def test_old_records_are_pruned(run, checked):
    inputs = results.inputs_of({}, [checked / "claims"], [])
    for number in range(results.KEEP + 5):
        results.record(str(checked), ["check", f"d{number}.md"], str(checked), inputs, "", 0)
    assert len(list((checked / ".scocheck" / "runs").glob("*.json"))) == results.KEEP


def test_cite_is_replayed_and_a_changed_sentence_is_not(run, project):
    asked = ["cite", "The WC was founded in 2000", "--format", "json"]
    first = run(*asked, cwd=project)
    assert first.json()["verdict"] == "disputed"
    assert results.replay(asked, str(project)) == (first.out, 0)
    assert results.replay(["cite", "The WC was founded in 1999", "--format", "json"], str(project)) is None


def test_a_run_stored_by_another_build_is_never_replayed(checked, monkeypatch):
    """Edited rules, word lists or another commit under the same version number: a new build."""
    assert results.replay(ARGV, str(checked)) is not None
    monkeypatch.setattr(results, "fingerprint", lambda: "another build")
    assert results.replay(ARGV, str(checked)) is None


def test_an_index_built_by_another_build_is_rebuilt(project, monkeypatch):
    from scocheck import index
    from scocheck.project import open_project

    found = open_project(start=project)
    sources_file = found.config.corpus / "sources.yaml"
    index.open_index(found.config.root, found.sources, sources_file).close()
    path = found.config.root / index.CACHE_DIR / index.INDEX_FILE
    ours = index.corpus_hash(found.sources, sources_file)
    assert index._open_checked(path, ours, found.sources) is not None
    monkeypatch.setattr(index, "fingerprint", lambda: "another build")
    assert index.corpus_hash(found.sources, sources_file) != ours
    index.open_index(found.config.root, found.sources, sources_file).close()  # rebuilt for this build
    assert index._open_checked(path, ours, found.sources) is None


# --- a stored run is never a false pass (issue 18: docs/security.md lists what each test protects) ---

def test_a_draft_edited_while_the_check_runs_is_checked_again_next_time(run, project, monkeypatch):
    """Digests are of what the run read: an edit made after the draft was read does not match."""
    from scocheck import lint

    write(project / "draft.md", "The Widget Council's secretariat is in Zenda.\n")
    checking = lint.check_draft

    def edit_while_checking(*args, **kwargs):
        write(project / "draft.md", WRONG)  # the writer saves while the hook works on the old text
        return checking(*args, **kwargs)

    monkeypatch.setattr(lint, "check_draft", edit_while_checking)
    first = run(*ARGV, cwd=project)
    assert first.code == 0  # it judged the text it read
    assert results.replay(ARGV, str(project)) is None
    monkeypatch.setattr(lint, "check_draft", checking)
    again = run(*ARGV, cwd=project)
    assert again.code == 1 and "contradicts-registry" in again.out


def test_a_corpus_document_edited_while_the_check_runs_is_read_again_next_time(run, project, monkeypatch):
    from scocheck import lint

    write(project / "draft.md", WRONG)
    checking = lint.check_draft

    def edit_corpus(*args, **kwargs):
        write(project / "corpus" / "beta.txt", BETA_MOVED)
        return checking(*args, **kwargs)

    monkeypatch.setattr(lint, "check_draft", edit_corpus)
    run(*ARGV, cwd=project)
    assert results.replay(ARGV, str(project)) is None


BETA_MOVED = "The WC has its secretariat in Strelsau.\n"


def test_every_runtime_dependency_is_part_of_the_build(request):
    """Upgrading any dependency (or installing another commit) makes stored runs and indexes stale."""
    import re
    import tomllib

    from scocheck import build

    declared = tomllib.loads((Path(request.config.rootpath) / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower().replace("-", "_") for d in declared}
    assert names == set(build.DEPENDENCIES)
    assert all(build.installed(d) for d in build.DEPENDENCIES)


def test_every_setting_that_changes_text_output_is_part_of_the_key():
    """rich reads these from the environment; a run with another value prints other text."""
    import re

    import rich

    folder = Path(rich.__file__).parent
    read = set()
    for source in folder.glob("*.py"):
        read |= set(re.findall(r"""(?:environ(?:\.get)?\(|getenv\(|environ\[)\s*["']([A-Z_]+)["']""", source.read_text()))
    assert read and read <= set(results.OUTPUT_SETTINGS), read - set(results.OUTPUT_SETTINGS)


def test_colour_forced_for_a_file_is_another_run(checked, monkeypatch):
    assert results.replay(ARGV, str(checked)) is not None
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert results.replay(ARGV, str(checked)) is None


def _record_path(project: Path) -> Path:
    [stored] = (project / ".scocheck" / "runs").glob("*.json")
    return stored


def test_a_record_planted_in_a_parent_folder_is_never_replayed(checked):
    """A shared temporary folder above the project: records are read from the project's folder only."""
    stored = _record_path(checked)
    moved = checked.parent / ".scocheck" / "runs"
    moved.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(stored, moved / stored.name)
        assert results.replay(ARGV, str(checked)) is None
    finally:
        import shutil
        shutil.rmtree(checked.parent / ".scocheck")


@pytest.mark.parametrize("forgery", ["no inputs", "printed escape codes", "another command's key",
                                     "exit status 7", "a symlinked record", "a symlinked folder",
                                     "writable by others", "100,000 brackets"])
def test_a_forged_record_is_never_replayed(checked, forgery, tmp_path):
    import json

    stored = _record_path(checked)
    data = json.loads(stored.read_text())
    assert results.replay(ARGV, str(checked)) is not None
    if forgery == "no inputs":
        data["inputs"] = []
    elif forgery == "printed escape codes":
        data["output"] = "\x1b]0;owned\x07\x1b[2Jdraft.md: all clean\n"
    elif forgery == "another command's key":
        data["key"] = "0" * 32
    elif forgery == "exit status 7":
        data["code"] = 7
    if forgery == "a symlinked record":
        elsewhere = tmp_path / "record.json"
        os.replace(stored, elsewhere)
        stored.symlink_to(elsewhere)
    elif forgery == "a symlinked folder":
        runs = stored.parent
        os.replace(runs, tmp_path / "runs")
        runs.symlink_to(tmp_path / "runs")
        results.record(str(checked), ARGV, str(checked), data["inputs"], "stored through a link\n", 0)
        assert "stored through a link" not in (tmp_path / "runs" / stored.name).read_text()
    elif forgery == "writable by others":
        stored.chmod(0o666)
    elif forgery == "100,000 brackets":
        stored.write_text("[" * 100_000)
    else:
        stored.write_text(json.dumps(data))
    assert results.replay(ARGV, str(checked)) is None


def test_a_retargeted_folder_link_in_the_corpus_is_a_change(run, tmp_path):
    """The corpus names `docs/beta.txt`, and `docs` is a symlink: pointing it elsewhere is new text."""
    import shutil

    from conftest import ALPHA, FACTS, SOURCES, VOCABULARY

    project = tmp_path / "p"
    write(project / "corpus" / "sources.yaml", SOURCES.replace("file: beta.txt", "file: docs/beta.txt"))
    write(project / "corpus" / "alpha.txt", ALPHA)
    write(project / "corpus" / "one" / "beta.txt", "The WC has its secretariat in Zenda.\n")
    write(project / "corpus" / "two" / "beta.txt", BETA_MOVED)
    (project / "corpus" / "docs").symlink_to("one")
    write(project / "claims" / "vocabulary.yaml", VOCABULARY)
    write(project / "claims" / "facts.yaml", FACTS.replace(
        "    - source: beta\n      quote: has its secretariat in Zenda\n", ""))
    write(project / "draft.md", "The Widget Council's secretariat is in Zenda.\n")
    assert run(*ARGV, cwd=project).code == 0
    assert results.replay(ARGV, str(project)) is not None
    (project / "corpus" / "docs").unlink()
    (project / "corpus" / "docs").symlink_to("two")
    assert results.replay(ARGV, str(project)) is None
    shutil.rmtree(project / ".scocheck")


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_a_corpus_folder_that_cannot_be_listed_is_never_replayed(run, checked):
    hidden = checked / "corpus" / "notes"
    hidden.mkdir()
    hidden.chmod(0)
    try:
        run(*ARGV, cwd=checked)
        assert results.replay(ARGV, str(checked)) is None
    finally:
        hidden.chmod(0o755)


def test_files_nobody_named_are_never_opened(run, checked, monkeypatch):
    """A FIFO, a huge stray file in the corpus or a FIFO named pyproject.toml further up is not a
    source or a setting: neither the run nor the replay opens it (it would block, or cost minutes)."""
    stray = checked / "corpus" / "dump.bin"
    with open(stray, "wb") as handle:
        handle.truncate(3_000_000_000)  # sparse: costs no disk
    os.mkfifo(checked / "corpus" / "pipe")
    opened = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *a, **k: opened.append(os.fspath(path)) or real_open(path, *a, **k))
    first = run(*ARGV, cwd=checked)
    assert first.code == 1
    assert results.replay(ARGV, str(checked)) == (first.out, 1)
    assert not [p for p in opened if p.endswith(("dump.bin", "pipe"))]


def _entry_point(args, cwd, **kwargs):
    env = {**os.environ, "SCOCHECK_DEBUG": "", **kwargs.pop("env", {})}
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, "-m", "scocheck", *args], cwd=cwd, text=True, env=env,
                          timeout=HANG_SECONDS, **streams)


def test_a_fifo_named_like_the_configuration_further_up_never_blocks(checked, tmp_path_factory):
    outer = tmp_path_factory.mktemp("outer")
    nested = outer / "inner"
    nested.mkdir()
    os.mkfifo(outer / "pyproject.toml")
    import shutil
    shutil.copytree(checked, nested, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".scocheck"))
    first = _entry_point(ARGV, nested)
    again = _entry_point(ARGV, nested)
    assert (first.returncode, again.returncode) == (1, 1) and again.stdout == first.stdout


def test_a_draft_swapped_for_a_fifo_is_an_error_not_a_hang(checked):
    (checked / "draft.md").unlink()
    os.mkfifo(checked / "draft.md")
    result = _entry_point(ARGV, checked)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "not a regular file" in result.stderr


def test_output_that_the_terminal_cannot_encode_is_replaced_in_fresh_runs_and_replays(project):
    beta = project / "corpus" / "beta.txt"
    write(beta, beta.read_text().replace("in Zenda.", "in Zenda (the “old town”)."))
    asked = ["cite", "The WC was founded in 2000"]
    first = _entry_point(asked, project, env={"PYTHONIOENCODING": "ascii"})
    again = _entry_point(asked, project, env={"PYTHONIOENCODING": "ascii"})
    assert first.returncode == again.returncode == 0, first.stderr
    assert again.stdout == first.stdout and "?" in first.stdout and first.stderr == ""


def test_a_full_disk_is_one_line_and_exit_2_fresh_or_replayed(checked):
    for _ in range(2):  # the first run is fresh (the entry point's own record differs), the second replayed
        with open("/dev/full", "w") as full:
            result = _entry_point(ARGV, checked, stdout=full)
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == ["scocheck: error: cannot write to standard output: "
                                                      "No space left on device"]


@pytest.mark.parametrize("args", [["verify", "-v"], ARGV])
def test_a_reader_that_stops_reading_is_not_a_finding(sco, args):
    """`scocheck verify | head -1`: the exit status is the findings', whatever the pipe did."""
    write(sco / "draft.md", "RATS is headquartered in Tashkent.\n")
    whole = _entry_point(args, sco)
    process = subprocess.Popen([sys.executable, "-m", "scocheck", *args], cwd=sco, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    process.stdout.close()  # gone before the first line is written
    process.wait(timeout=HANG_SECONDS)
    assert process.returncode == whole.returncode
    assert process.stderr.read() == ""


@pytest.mark.parametrize("stage", ["replay", "configuration", "reading the corpus", "writing"])
def test_ctrl_c_at_any_stage_is_one_line_and_exit_130(checked, monkeypatch, capsys, stage):
    from scocheck import __main__ as entry
    from scocheck import cli, configfile, mentions

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt if stage == "configuration" else entry.Interrupted

    if stage == "replay":
        monkeypatch.setattr(results, "replay", interrupt)
    elif stage == "configuration":
        monkeypatch.setattr(configfile, "find_config", interrupt)
    elif stage == "reading the corpus":
        monkeypatch.setattr(mentions, "analyse_corpus", interrupt)
    else:
        monkeypatch.setattr(cli, "_remember", interrupt)
    monkeypatch.chdir(checked)
    write(checked / "draft.md", "The Widget Council was founded in 2004.\n")  # not replayed
    args = ["verify"] if stage == "reading the corpus" else ARGV
    monkeypatch.setattr(sys, "argv", ["scocheck", *args])
    monkeypatch.setattr(sys, "stdout", sys.stdout)  # the entry point wraps it; put it back afterwards
    with pytest.raises(SystemExit) as stopped:
        entry.run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "scocheck: interrupted\n"


def test_ctrl_c_while_a_real_run_works_is_one_line_and_exit_130(project):
    """SIGINT once the run has started work (its cache folder exists): one line, never a traceback."""
    import signal
    import time

    write(project / "draft.md", WRONG)
    process = subprocess.Popen([sys.executable, "-m", "scocheck", *ARGV], cwd=project, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    while not (project / ".scocheck").exists() and process.poll() is None:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=HANG_SECONDS)
    assert "Traceback" not in err
    assert (process.returncode, err) == (130, "scocheck: interrupted\n") or process.returncode == 1


# --- the property: whatever happened before, what is printed is what a fresh run prints ----------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from conftest import ALPHA, BETA, FACTS, SOURCES, VOCABULARY  # noqa: E402

_DRAFTS = [WRONG, "The Widget Council's secretariat is in Zenda [@beta].\n", "The WC was founded in 2005.\n", ""]
_BETAS = [BETA, BETA.replace("secretariat in Zenda", "secretariat in Strelsau")]
_REGISTRIES = [FACTS, FACTS.replace("value: zenda", "value: strelsau")]
_CONFIGS = [None, 'fail-level = "warning"\n']
_ACTIONS = st.one_of(
    st.tuples(st.just("draft"), st.integers(0, len(_DRAFTS) - 1)),
    st.tuples(st.just("corpus"), st.integers(0, len(_BETAS) - 1)),
    st.tuples(st.just("registry"), st.integers(0, len(_REGISTRIES) - 1)),
    st.tuples(st.just("config"), st.integers(0, len(_CONFIGS) - 1)),
    st.tuples(st.just("run"), st.sampled_from(["text", "json"])),
    st.tuples(st.just("edit while running"), st.integers(0, len(_DRAFTS) - 1)),
    st.tuples(st.just("interrupt"), st.sampled_from(["reading", "storing"])),
)


def _set(project: Path, action: str, choice: int) -> None:
    if action == "draft":
        write(project / "draft.md", _DRAFTS[choice])
    elif action == "corpus":
        write(project / "corpus" / "beta.txt", _BETAS[choice])
    elif action == "registry":
        write(project / "claims" / "facts.yaml", _REGISTRIES[choice])
    elif _CONFIGS[choice] is None:
        (project / "scocheck.toml").unlink(missing_ok=True)
    else:
        write(project / "scocheck.toml", _CONFIGS[choice])


def _command(argv: list[str], cwd: Path) -> tuple[str, int]:
    """What the `scocheck` command prints and returns: a replay when one holds, else a run."""
    import contextlib
    import io

    from scocheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):  # the key holds stdout's kind
            replayed = results.replay(argv, str(cwd))
            if replayed is not None:
                return replayed
            code = main(argv)
    finally:
        os.chdir(previous)
    return out.getvalue() + err.getvalue(), code


def _fresh(project: Path, argv: list[str], scratch: Path) -> tuple[str, int]:
    """The same command on a copy of the same files, with no cache of any kind."""
    import shutil

    fresh = scratch / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".scocheck"))
    try:
        return _command(argv, fresh)
    finally:
        shutil.rmtree(fresh)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(_ACTIONS, min_size=2, max_size=8))
def test_every_printed_result_equals_a_fresh_run_on_the_same_files(actions):
    import tempfile

    from scocheck import __main__ as entry
    from scocheck import lint

    checking, storing = lint.check_draft, results.record
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        project = scratch / "project"
        for name, text in (("corpus/sources.yaml", SOURCES), ("corpus/alpha.txt", ALPHA), ("corpus/beta.txt", BETA),
                           ("claims/vocabulary.yaml", VOCABULARY), ("claims/facts.yaml", FACTS),
                           ("draft.md", WRONG)):
            write(project / name, text)
        for action, choice in actions + [("run", "text"), ("run", "text")]:
            argv = ["check", "draft.md", *(["--format", "json"] if choice == "json" else [])]
            if action == "run":
                assert _command(argv, project) == _fresh(project, argv, scratch), actions
            elif action in ("edit while running", "interrupt"):
                def meddle(*args, **kwargs):
                    if action == "edit while running":
                        write(project / "draft.md", _DRAFTS[choice])
                        return checking(*args, **kwargs)
                    raise entry.Interrupted

                target = "record" if choice == "storing" else "check_draft"
                owner = results if target == "record" else lint
                setattr(owner, target, meddle)
                try:
                    _command(argv, project)
                except entry.Interrupted:
                    pass
                finally:
                    lint.check_draft, results.record = checking, storing
            else:
                _set(project, action, choice)
