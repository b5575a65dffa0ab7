"""Bad input: exit 2, one line on stderr naming the file (and line) and the problem, no traceback, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import write


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_input_error(result, *fragments: str) -> None:
    assert result.code == 2, (result.code, result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("scocheck: error: ")
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert result.out == ""


BAD_INPUTS = {
    "malformed registry YAML": (
        lambda p: write(p / "claims" / "facts.yaml", "- id: x\n  statement: [unclosed\n"),
        ("claims/facts.yaml:", "invalid YAML"),
    ),
    "malformed sources YAML": (
        lambda p: write(p / "corpus" / "sources.yaml", "- id: alpha\n  file: alpha.txt\n - id: oops\n"),
        ("corpus/sources.yaml:", "invalid YAML"),
    ),
    "unknown source id in a claim": (
        lambda p: write(p / "claims" / "facts.yaml", (p / "claims" / "facts.yaml").read_text().replace("source: beta", "source: gamma", 1)),
        ("claims/facts.yaml:", "unknown source id 'gamma'"),
    ),
    "missing document": (
        lambda p: (p / "corpus" / "beta.txt").unlink(),
        ("corpus/beta.txt", "no such file"),
    ),
    "document not UTF-8": (
        lambda p: write(p / "corpus" / "beta.txt", b"The WC was founded\n in 2000 \xff\xfe here.\n"),
        ("corpus/beta.txt:2", "not UTF-8"),
    ),
    "registry not UTF-8": (
        lambda p: write(p / "claims" / "facts.yaml", b"- id: caf\xe9\n"),
        ("claims/facts.yaml:1", "not UTF-8"),
    ),
    "corpus file outside the corpus folder": (
        lambda p: write(p / "corpus" / "sources.yaml", (p / "corpus" / "sources.yaml").read_text().replace("file: beta.txt", "file: ../claims/facts.yaml")),
        ("corpus/sources.yaml:", "outside the corpus folder"),
    ),
    "unknown subject": (
        lambda p: write(p / "claims" / "facts.yaml", (p / "claims" / "facts.yaml").read_text().replace("subject: wc\n", "subject: widgets\n", 1)),
        ("claims/facts.yaml:1", "unknown subject 'widgets'"),
    ),
    "value not of the declared type": (
        lambda p: write(p / "claims" / "facts.yaml", (p / "claims" / "facts.yaml").read_text().replace("value: 1999", "value: soon")),
        ("claims/facts.yaml:1", "not a valid year"),
    ),
    "duplicate claim id": (
        lambda p: write(p / "claims" / "more.yaml", (p / "claims" / "facts.yaml").read_text()),
        ("claims/more.yaml:1", "duplicate claim id 'wc.established'"),
    ),
    "time-varying claim without as_of": (
        lambda p: write(p / "claims" / "facts.yaml", (p / "claims" / "facts.yaml").read_text().replace("  as_of: 2009\n", "")),
        ("claims/facts.yaml:", "needs as_of"),
    ),
    "missing claims folder": (
        lambda p: os.rename(p / "claims", p / "registry"),
        ("claims", "claims folder not found"),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_exit_2_naming_the_file(project, run, case):
    damage, fragments = BAD_INPUTS[case]
    damage(project)
    before = snapshot(project)
    result = run("verify", cwd=project)
    assert_input_error(result, *fragments)
    assert snapshot(project) == before, "scocheck wrote something"


def test_symlink_out_of_the_corpus_folder_is_refused(project, run, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("The WC was founded in 1900.\n")
    (project / "corpus" / "beta.txt").unlink()
    (project / "corpus" / "beta.txt").symlink_to(outside)
    assert_input_error(run("verify", cwd=project), "corpus/sources.yaml", "outside the corpus folder")


def test_yaml_is_loaded_safely(project, run):
    write(project / "claims" / "facts.yaml", "- !!python/object/apply:os.system ['echo pwned']\n")
    assert_input_error(run("verify", cwd=project), "claims/facts.yaml", "invalid YAML")


def test_unknown_option_value_is_a_usage_error(project, run):
    assert_input_error(run("verify", "--format", "xml", cwd=project), "xml")


def test_unknown_claim_id_names_the_registry(project, run):
    assert_input_error(run("claims", "no.such.claim", cwd=project), "no claim with id 'no.such.claim'")
