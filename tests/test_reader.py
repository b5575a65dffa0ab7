"""The background reader (`scocheck reader`): the same statements as reading in-process, or none at all.

A reader is started once for the module, in a private runtime folder of its own (never the
user's), and stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import time

import pytest

from conftest import write
from scocheck.cli import main
from scocheck.mentions import referencing_spans
from scocheck.reading import server
from scocheck.reading.store import code_fingerprint, read_sentence, sentence_statements

pytestmark = pytest.mark.skipif(not server.available(), reason="no Unix sockets here")

SENTENCES = [
    "The Harbour League was founded in 1990 in Kell.",
    "It opened a second office in 1994 (Orm 2001, p. 12).",
    "Norland joined the League, founded in 1990, in 1995.",
]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory):
    folder = tmp_path_factory.mktemp("runtime")
    os.chmod(folder, 0o700)
    saved = os.environ.get("XDG_RUNTIME_DIR")
    os.environ["XDG_RUNTIME_DIR"] = str(folder)
    yield folder
    server.stop(code_fingerprint())
    if saved is None:
        del os.environ["XDG_RUNTIME_DIR"]
    else:
        os.environ["XDG_RUNTIME_DIR"] = saved


@pytest.fixture(scope="module")
def reader(runtime):
    return server.start(code_fingerprint(), idle_minutes=5)


def as_json(found):
    return [[s.as_json() for s in statements] for statements in found]


def test_a_running_reader_reads_what_the_run_would_read_itself(reader, tmp_path):
    before = server.status(code_fingerprint())["sentences"]
    by_reader = sentence_statements(SENTENCES, tmp_path / "a", referencing_spans)
    assert server.status(code_fingerprint())["sentences"] == before + len(SENTENCES)
    here = [read_sentence(SENTENCES[i - 1] if i else "", text, referencing_spans) for i, text in enumerate(SENTENCES)]
    assert as_json(by_reader) == as_json(here)
    assert [s.keys for s in by_reader[1]] == [("harbour league",)]  # "It" is the sentence before's subject
    assert not any(s.value.canonical == "2001" for s in by_reader[1])  # the citation's year was skipped, as here


def test_a_reader_of_other_reading_code_is_not_used(reader):
    item = {"before": "", "text": SENTENCES[0], "skip": {}}
    assert server.read([item], code_fingerprint()) is not None
    other = code_fingerprint()[:24] + "0" * 40  # the same socket name, another version of the code
    assert server.read([item], other) is None


def test_no_reader_means_reading_in_process(runtime, tmp_path):
    assert server.read([{"before": "", "text": "x", "skip": {}}], "f" * 64) is None
    found = sentence_statements(SENTENCES[:1], tmp_path)
    assert [s.value.canonical for s in found[0]] == [s.value.canonical for s in read_sentence("", SENTENCES[0])]


def test_a_dead_readers_socket_is_ignored(runtime):
    fingerprint = "d" * 64
    path = server.socket_path(fingerprint, create=True)
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(path))
    dead.close()  # the file stays, nobody listens
    try:
        assert server.read([{"before": "", "text": "x", "skip": {}}], fingerprint) is None
        assert server.status(fingerprint) is None
    finally:
        path.unlink()


def test_a_socket_folder_others_can_enter_is_not_used(tmp_path, monkeypatch, capsys):
    open_folder = tmp_path / "open"
    (open_folder / f"scocheck-{os.getuid()}").mkdir(parents=True, mode=0o755)
    os.chmod(open_folder / f"scocheck-{os.getuid()}", 0o755)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(open_folder))
    assert server.socket_path(code_fingerprint(), create=True) is None
    assert main(["reader", "start"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "cannot start the reader" in error


def test_reader_commands_say_what_runs(reader, capsys):
    assert main(["reader", "start"]) == 0  # already running: reported, not started twice
    assert f"pid {reader['pid']}" in capsys.readouterr().out
    assert main(["reader", "status"]) == 0
    assert "reader running" in capsys.readouterr().out


def test_the_start_reader_setting_starts_one_for_the_next_run_and_prints_the_same(runtime, project, run):
    server.stop(code_fingerprint())
    write(project / "draft.md", "The Widget Council was founded in 1990.\n")
    plain = run("check", "draft.md", "--format", "json", cwd=project)
    shutil.rmtree(project / ".scocheck")
    write(project / "scocheck.toml", "start-reader = true\n")
    first = run("check", "draft.md", "--format", "json", cwd=project)
    assert (first.code, first.out) == (plain.code, plain.out)  # read in-process, a reader starting meanwhile
    deadline = time.monotonic() + 120  # a deadline for a busy machine, not a measured time
    while server.status(code_fingerprint()) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    before = server.status(code_fingerprint())["sentences"]
    write(project / "draft.md", "The Widget Council was founded in 1991.\n")
    edited = run("check", "draft.md", "--format", "json", cwd=project)
    assert server.status(code_fingerprint())["sentences"] == before + 1  # the edited sentence, by the reader
    assert edited.code in (0, 1)


def test_a_start_reader_setting_that_is_not_true_or_false_is_an_input_error(project, run):
    write(project / "scocheck.toml", 'start-reader = "yes"\n')
    write(project / "draft.md", "The Widget Council was founded in 1990.\n")
    result = run("check", "draft.md", cwd=project)
    assert result.code == 2 and result.err.count("\n") == 1 and "start-reader must be true or false" in result.err


def test_reader_stop_stops_it(runtime, capsys):
    server.start(code_fingerprint(), idle_minutes=5)
    assert main(["reader", "stop"]) == 0
    assert capsys.readouterr().out == "reader stopped\n"
    assert server.status(code_fingerprint()) is None
    assert main(["reader", "status"]) == 0
    assert capsys.readouterr().out == "no reader running\n"
