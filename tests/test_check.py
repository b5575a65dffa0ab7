"""`scocheck check`: drafts with planted errors of every rule, and clean sentences beside them.

The project is the made-up Widget Council corpus of conftest, plus a third
source (gamma) that states an unregistered fact and nothing about the others.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO, SOURCES, VOCABULARY, write
from scocheck.drafts import read_draft
from scocheck.lint import RULES

GAMMA_SOURCE = """\
- id: gamma
  file: gamma.txt
  type: report
  title: Widget Surveys
  author: [{family: Gray, given: Gil}]
  issued: 2013
"""

GAMMA = """\
The Widget Council publishes an annual survey of widget prices.
In 2011 the Widget Council had 1,200 member firms.
"""

MEMBER_FIRMS = """\
  - id: member-firms
    cues: [member firms]
    time_varying: true
    type: number
"""

# rule -> (a sentence that breaks it, a clean sentence about the same fact)
PLANTED = {
    "contradicts-registry": ("The Widget Council's secretariat is in Strelsau.",
                             "The Widget Council's secretariat is in Zenda [@beta]."),
    "citation-unsupported": ("The Widget Council's secretariat is in Zenda [@gamma].",
                             "The Widget Council's secretariat is in Zenda [@alpha]."),
    "unknown-citation": ("The Widget Council's budget was US$12 billion in 2009 [@delta].",
                         "The Widget Council's budget was US$12 billion in 2009 [@beta]."),
    "disputed-unacknowledged": ("The Widget Council was established in 1999 [@alpha].",
                                "The Widget Council was established in 1999, though sources differ [@alpha; @beta]."),
    "contradicted-by-corpus": ("In 2011 the Widget Council had 1,500 member firms.",
                               "In 2011 the Widget Council had 1,200 member firms [@gamma]."),
    "uncited-fact": ("The Widget Council's secretariat is in Zenda.",
                     "The Widget Council's secretariat is in Zenda [@alpha, p. 1]."),
}


@pytest.fixture
def writers(project: Path) -> Path:
    """The Widget Council project with a third source and an unregistered, time-varying property."""
    write(project / "corpus" / "sources.yaml", SOURCES + GAMMA_SOURCE)
    write(project / "corpus" / "gamma.txt", GAMMA)
    write(project / "claims" / "vocabulary.yaml", VOCABULARY.replace("modality:", MEMBER_FIRMS + "modality:"))
    return project


def check(run, folder: Path, text: str, *options: str, name: str = "draft.md"):
    write(folder / name, text)
    return run("check", name, "--format", "json", *options, cwd=folder)


def by_line(result) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    for item in result.json()["diagnostics"]:
        found.setdefault(item["line"], []).append(item)
    return found


# --- rules -------------------------------------------------------------------------


@pytest.mark.parametrize("rule", sorted(PLANTED))
def test_each_planted_error_is_found_and_the_clean_sentence_beside_it_is_not(run, writers, rule):
    wrong, right = PLANTED[rule]
    result = check(run, writers, f"{wrong}\n\n{right}\n")
    found = by_line(result)
    assert rule in {d["rule"] for d in found.get(1, [])}, result.out
    assert found.get(3, []) == [], result.out
    assert result.code == (1 if RULES[rule].severity == "error" else 0)


def test_a_draft_with_every_planted_error_and_clean_sentences_between(run, writers):
    lines = []
    for wrong, right in PLANTED.values():
        lines += [wrong, right, ""]
    result = check(run, writers, "\n".join(lines))
    found = by_line(result)
    for number, (rule, _) in enumerate(PLANTED.items()):
        wrong_line, right_line = 3 * number + 1, 3 * number + 2
        assert rule in {d["rule"] for d in found.get(wrong_line, [])}, (rule, result.out)
        assert not [d for d in found.get(right_line, []) if d["severity"] == "error"], (rule, result.out)
    assert result.code == 1


def test_a_draft_that_agrees_and_cites_gets_nothing(run, writers):
    draft = "\n".join(right for _, right in PLANTED.values()) + "\n"
    result = check(run, writers, draft)
    assert (result.code, result.json()["diagnostics"]) == (0, [])


def test_contradiction_names_the_claim_its_value_and_its_sources(run, writers):
    result = check(run, writers, PLANTED["contradicts-registry"][0] + "\n")
    [finding] = [d for d in result.json()["diagnostics"] if d["rule"] == "contradicts-registry"]
    assert finding["claim"] == "wc-secretariat.location"
    assert "Zenda" in finding["message"] and "alpha" in finding["message"] and "beta" in finding["message"]


def test_unsupported_citation_names_the_sources_that_do_state_it(run, writers):
    result = check(run, writers, PLANTED["citation-unsupported"][0] + "\n")
    [finding] = [d for d in result.json()["diagnostics"] if d["rule"] == "citation-unsupported"]
    assert "@gamma" in finding["message"] and "@alpha" in finding["message"] and "@beta" in finding["message"]
    assert {m["source"] for m in finding["evidence"]} == {"alpha", "beta"}


def test_citing_a_source_that_says_otherwise_says_what_it_says(run, writers):
    result = check(run, writers, "The Widget Council was established in 1999 [@beta].\n")
    [finding] = [d for d in result.json()["diagnostics"] if d["rule"] == "citation-unsupported"]
    assert "@beta says 2000, not 1999" in finding["message"]


def test_a_dispute_names_both_sides(run, writers):
    result = check(run, writers, PLANTED["disputed-unacknowledged"][0] + "\n")
    [finding] = [d for d in result.json()["diagnostics"] if d["rule"] == "disputed-unacknowledged"]
    assert "1999 (alpha)" in finding["message"] and "2000 (beta)" in finding["message"]


def test_a_changed_value_in_a_time_varying_fact_is_compared_at_its_time(run, writers):
    """1,500 member firms in 2011 contradicts gamma; the same number in another year is not compared."""
    result = check(run, writers, "In 2011 the Widget Council had 1,500 member firms.\n\n"
                                 "In 2016 the Widget Council had 1,500 member firms.\n")
    found = by_line(result)
    assert [d["rule"] for d in found[1]] == ["contradicted-by-corpus"]
    assert 3 not in found


def test_evidence_in_json_is_exact_text_of_the_source_at_its_line(run, writers):
    draft = "\n".join(wrong for wrong, _ in PLANTED.values()) + "\n"
    result = check(run, writers, draft)
    mentions = [m for d in result.json()["diagnostics"] for m in d["evidence"]]
    assert mentions
    for mention in mentions:
        source = (writers / "corpus" / f"{mention['source']}.txt").read_text(encoding="utf-8")
        assert mention["quote"] in "\n".join(source.split("\n")[mention["line"] - 1:])


# --- reading Markdown ----------------------------------------------------------------

MARKDOWN = """\
---
title: The Widget Council's secretariat is in Strelsau.
---
# Widgets

```
The Widget Council's secretariat is in Strelsau.
```

    The Widget Council's secretariat is in Strelsau.

Quoted as code: `The Widget Council's secretariat is in Strelsau.`

<!-- The Widget Council's secretariat is in Strelsau. -->

- First item.
- The Widget Council's
  secretariat is in Strelsau.

| year | fact |
|---|---|
| 2003 | The Widget Council's secretariat is in Strelsau. |

> A reader wrote that the Widget Council's secretariat is in Strelsau.

Some text first. The Widget Council's secretariat is
in *Strelsau*, it says.
"""


def test_markdown_skips_code_front_matter_and_comments_and_keeps_exact_positions(run, writers):
    result = check(run, writers, MARKDOWN)
    positions = sorted((d["line"], d["column"]) for d in result.json()["diagnostics"]
                       if d["rule"] == "contradicts-registry")
    lines = MARKDOWN.split("\n")
    assert positions == [(17, 3), (22, 10), (24, 3), (26, 18)], result.out
    for line, column in positions:
        assert lines[line - 1][column - 1:].startswith(("The Widget", "A reader"))


def test_plain_text_drafts_are_read_by_paragraph(run, writers):
    text = "Notes.\n\nThe Widget Council's secretariat\nis in Strelsau.\n"
    result = check(run, writers, text, name="notes.txt")
    assert [(d["line"], d["column"], d["rule"]) for d in result.json()["diagnostics"]] == [
        (3, 1, "contradicts-registry")]


def test_pandoc_citations_are_parsed_and_tied_to_their_sentence(tmp_path):
    text = ("First claim [@alpha, p. 4; @beta]. Second claim, as @gamma says.\n"
            "Third [see @alpha, pp. 2-3].\n"
            "An email address like ann@example.org is not a citation.\n")
    draft = read_draft(Path("d.md"), text)
    cited = [[(c.key, c.line, c.column, c.locator) for c in s.citations] for s in draft.sentences]
    assert cited == [
        [("alpha", 1, 14, "p. 4"), ("beta", 1, 28, "")],
        [("gamma", 1, 53, "")],
        [("alpha", 2, 12, "pp. 2-3")],
        [],
    ]
    assert [s.text for s in draft.sentences][:2] == ["First claim .", "Second claim, as says."]


def test_a_citation_on_the_line_after_its_sentence_belongs_to_it(tmp_path):
    draft = read_draft(Path("d.md"), "The Widget Council's secretariat is in Zenda.\n[@alpha]\n")
    assert [[c.key for c in s.citations] for s in draft.sentences] == [["alpha"]]


# --- control -------------------------------------------------------------------------


def test_an_ignore_comment_silences_the_named_rule_on_the_next_line_only(run, writers):
    wrong = PLANTED["contradicts-registry"][0]
    text = f"<!-- scocheck: ignore contradicts-registry -->\n{wrong}\n\n{wrong}\n"
    found = by_line(check(run, writers, text))
    assert 2 not in found
    assert [d["rule"] for d in found[4]] == ["contradicts-registry"]


def test_an_ignore_comment_for_another_rule_silences_nothing(run, writers):
    wrong = PLANTED["contradicts-registry"][0]
    found = by_line(check(run, writers, f"<!-- scocheck: ignore uncited-fact -->\n{wrong}\n"))
    assert [d["rule"] for d in found[2]] == ["contradicts-registry"]


def test_configured_severities_and_fail_level(run, writers):
    wrong = PLANTED["disputed-unacknowledged"][0]
    assert check(run, writers, wrong + "\n").code == 0
    write(writers / "scocheck.toml", 'fail-level = "warning"\n')
    assert check(run, writers, wrong + "\n").code == 1
    write(writers / "scocheck.toml", '[rules]\ndisputed-unacknowledged = "error"\n')
    result = check(run, writers, wrong + "\n")
    assert result.code == 1 and result.json()["diagnostics"][0]["severity"] == "error"
    write(writers / "scocheck.toml", '[rules]\ndisputed-unacknowledged = "off"\n')
    assert check(run, writers, wrong + "\n").json()["diagnostics"] == []


def test_config_in_pyproject_and_the_option_override_it(run, writers):
    wrong = PLANTED["disputed-unacknowledged"][0]
    write(writers / "pyproject.toml", '[tool.scocheck]\nfail-level = "warning"\n')
    assert check(run, writers, wrong + "\n").code == 1
    assert check(run, writers, wrong + "\n", "--fail-level", "error").code == 0


def test_require_citations_makes_an_uncited_fact_a_warning(run, writers):
    uncited = PLANTED["uncited-fact"][0] + "\n"
    assert [d["severity"] for d in check(run, writers, uncited).json()["diagnostics"]] == ["info"]
    assert [d["severity"] for d in check(run, writers, uncited, "--require-citations").json()["diagnostics"]] == [
        "warning"]
    write(writers / "scocheck.toml", "require-citations = true\n")
    assert [d["severity"] for d in check(run, writers, uncited).json()["diagnostics"]] == ["warning"]


@pytest.mark.parametrize("config, complaint", [
    ('[rules]\nno-such-rule = "error"\n', "unknown rule 'no-such-rule'"),
    ('[rules]\nuncited-fact = "loud"\n', "severity must be"),
    ('fail-level = "fatal"\n', "fail-level must be"),
    ("rules = 3\n", "[rules] must be a table"),
])
def test_bad_configuration_is_one_line_naming_the_file(run, writers, config, complaint):
    write(writers / "scocheck.toml", config)
    result = check(run, writers, "Nothing here.\n")
    assert result.code == 2 and result.out == ""
    assert complaint in result.err and "scocheck.toml" in result.err and result.err.count("\n") == 1


def test_corpus_documents_passed_by_a_hook_are_not_checked_as_drafts(run, writers):
    result = run("check", "corpus/beta.txt", "--format", "json", cwd=writers)
    assert (result.code, result.json()["diagnostics"]) == (0, [])


def test_a_missing_or_binary_draft_is_one_line_exit_2(run, writers):
    write(writers / "bad.md", b"\xff\xfe\x00binary")
    for name, complaint in (("missing.md", "no such file"), ("bad.md", "not UTF-8")):
        result = run("check", name, cwd=writers)
        assert result.code == 2 and name in result.err and complaint in result.err
        assert result.err.count("\n") == 1 and "Traceback" not in result.err


# --- output formats ------------------------------------------------------------------


def test_text_output_is_one_line_per_finding_path_line_col(run, writers):
    write(writers / "draft.md", "Intro.\n\n" + PLANTED["contradicts-registry"][0] + "\n")
    result = run("check", "draft.md", cwd=writers)
    assert result.code == 1
    assert re.fullmatch(r"draft\.md:3:1: error: says Strelsau, but wc-secretariat\.location is Zenda \(alpha, beta\)"
                        r" \[contradicts-registry\]\n", result.out), result.out


def test_github_format_is_one_workflow_annotation_per_finding(run, writers):
    write(writers / "draft.md", "Intro.\n\n" + PLANTED["unknown-citation"][0] + "\n")
    result = run("check", "draft.md", "--format", "github", cwd=writers)
    lines = result.out.splitlines()
    assert lines and all(re.fullmatch(r"::(error|warning|notice) file=draft\.md,line=\d+,col=\d+,title=[\w-]+::.+", x)
                         for x in lines), result.out
    assert "::error file=draft.md,line=3,col=1,title=unknown-citation::" in result.out


def test_sarif_output_validates_against_a_sarif_2_1_0_model(run, writers):
    from sarif_pydantic import Sarif

    draft = "\n".join(wrong for wrong, _ in PLANTED.values()) + "\n"
    write(writers / "draft.md", draft)
    result = run("check", "draft.md", "--format", "sarif", cwd=writers)
    log = Sarif.model_validate(json.loads(result.out))
    _assert_no_unknown_fields(log)
    [sarif_run] = log.runs
    assert log.version == "2.1.0" and sarif_run.tool.driver.name == "scocheck"
    assert {r.id for r in sarif_run.tool.driver.rules} == set(RULES)
    located = {(r.rule_id, r.locations[0].physical_location.region.start_line) for r in sarif_run.results}
    for number, rule in enumerate(PLANTED, start=1):
        assert (rule, number) in located


def _assert_no_unknown_fields(model) -> None:
    """sarif-pydantic accepts unknown keys; a misspelt one must still fail this test."""
    from pydantic import BaseModel

    assert not model.model_extra, model.model_extra
    for value in model.__dict__.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                _assert_no_unknown_fields(item)


def test_json_output_has_the_spec_shape(run, writers):
    result = check(run, writers, PLANTED["contradicts-registry"][0] + "\n")
    document = result.json()
    assert document["version"] == 1
    for item in document["diagnostics"]:
        assert set(item) >= {"path", "line", "column", "severity", "rule", "message", "claim", "evidence"}
        assert item["severity"] in ("error", "warning", "info") and item["rule"] in RULES
        for mention in item["evidence"]:
            assert set(mention) >= {"source", "line", "quote"}


def test_explain_prints_each_rule_and_refuses_an_unknown_one(run, writers):
    for rule in RULES:
        result = run("explain", rule, cwd=writers)
        assert result.code == 0 and result.out.startswith(f"{rule} ({RULES[rule].severity})")
    result = run("explain", "no-such-rule", cwd=writers)
    assert result.code == 2 and "unknown rule" in result.err


# --- the shipped corpus --------------------------------------------------------------


def test_a_briefing_on_a_perturbed_copy_of_the_shipped_corpus(run, sco):
    """A writer's draft on the real corpus, after a sixth, wrong source has been added.

    The new source moves the Secretariat to Moscow; the registry does not
    know it, so the draft's Beijing stays clean while Moscow is an error and
    citing the new source for Beijing is unsupported.
    """
    sources = (sco / "corpus" / "sources.yaml").read_text(encoding="utf-8")
    write(sco / "corpus" / "sources.yaml", sources + "\n- id: wrong2020\n  file: wrong2020.txt\n  type: report\n"
          "  title: A Careless Note\n  issued: 2020\n")
    write(sco / "corpus" / "wrong2020.txt", "A Careless Note\n\nThe SCO Secretariat is located in Moscow.\n")
    draft = ("# Briefing\n\n"
             "The SCO Secretariat is located in Beijing [@masuda2011].\n"
             "The SCO Secretariat is located in Beijing [@wrong2020].\n"
             "The SCO Secretariat is located in Moscow [@wrong2020].\n"
             "The Regional Anti-Terrorist Structure is headquartered in Tashkent [@css2009].\n")
    found = by_line(check(run, sco, draft))
    assert not [d for d in found.get(3, []) if d["severity"] == "error"]
    assert "citation-unsupported" in {d["rule"] for d in found[4]}
    assert "contradicts-registry" in {d["rule"] for d in found[5]}
    assert not [d for d in found.get(6, []) if d["severity"] == "error"]


def test_the_hook_declaration_is_valid_for_pre_commit():
    import yaml

    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "scocheck" and hook["entry"] == "scocheck check" and hook["language"] == "python"
    assert re.search(hook["files"], "notes/draft.md") and not re.search(hook["files"], "claims/x.yaml")


def test_a_dispute_the_registry_records_is_flagged_even_when_the_dissent_states_no_comparable_value(run, writers):
    """The dissenting passage says "no fixed seat": nothing to compare, but the registry records the dispute."""
    write(writers / "corpus" / "gamma.txt", GAMMA + "Some say the Widget Council's secretariat has no fixed seat.\n")
    facts = (writers / "claims" / "facts.yaml").read_text(encoding="utf-8")
    write(writers / "claims" / "facts.yaml", facts.replace(
        "      quote: has its secretariat in Zenda\n",
        "      quote: has its secretariat in Zenda\n  disputed_by:\n    - source: gamma\n"
        "      quote: the Widget Council's secretariat has no fixed seat\n      note: Gamma says it moves.\n", 1))
    found = by_line(check(run, writers, "The Widget Council's secretariat is in Zenda [@alpha].\n\n"
                                        "The Widget Council's secretariat is in Zenda, though some say otherwise [@alpha].\n"))
    [finding] = found[1]
    assert finding["rule"] == "disputed-unacknowledged" and "gamma" in finding["message"]
    assert 3 not in found


# --- what a reader sees is what is checked (issue 18 item 9) ----------------------------------

_MOVED = "The Widget Council's secretariat is in Strelsau."
SEEN_AS_A_READER_SEES_IT = {
    "in an HTML paragraph": f"<p>{_MOVED}</p>",
    "in an HTML div": f"<div>\n{_MOVED}\n</div>",
    "in an HTML table cell": f"<table>\n<tr><td>{_MOVED}</td></tr>\n</table>",
    "under 40 block quotes": "> " * 40 + _MOVED,
    "in a list 30 levels deep": "\n".join("  " * i + "- item" for i in range(29)) + "\n" + "  " * 29 + "- " + _MOVED,
    "with a zero-width space in a name": _MOVED.replace("Strelsau", "Strel\u200bsau"),
    "with a soft hyphen in a name": _MOVED.replace("Strelsau", "Strel\u00adsau"),
    "in full-width letters": _MOVED.replace("Strelsau", "Ｓｔｒｅｌｓａｕ"),
}


@pytest.mark.parametrize("case", SEEN_AS_A_READER_SEES_IT)
def test_a_contradiction_is_found_however_the_draft_writes_it(project, run, case):
    write(project / "draft.md", SEEN_AS_A_READER_SEES_IT[case] + "\n")
    result = run("check", "draft.md", "--format", "json", cwd=project)
    assert [d["rule"] for d in result.json()["diagnostics"]] == ["contradicts-registry"], result.out


@pytest.mark.parametrize("element", ["script", "style", "pre", "textarea"])
def test_html_a_reader_does_not_read_as_prose_is_not_checked(project, run, element):
    write(project / "draft.md", f"<div>\n<{element}>{_MOVED}</{element}>\nNothing more.\n</div>\n")
    assert run("check", "draft.md", "--format", "json", cwd=project).json()["diagnostics"] == []


def test_text_nested_too_deeply_to_read_is_a_warning_never_silence(project, run):
    write(project / "draft.md", "Fine.\n\n" + "> " * 150 + _MOVED + "\n")
    result = run("check", "draft.md", cwd=project)
    assert result.code == 0
    assert result.out.startswith("draft.md:3:1: warning: block quotes or lists nest more than") and \
        result.out.rstrip().endswith("[unread-text]"), result.out


def test_each_citation_answers_for_the_fact_written_before_it(project, run):
    # [@beta] follows the secretariat clause, which the corpus does not state in these words: it
    # answers for that clause only, not for the place of establishment that alpha states
    right = "The Widget Council was established in Strelsau [@alpha], and its secretariat is in Zenda [@beta].\n"
    swapped = "The Widget Council was established in Strelsau [@beta], and its secretariat is in Zenda [@alpha].\n"
    write(project / "right.md", right)
    write(project / "swapped.md", swapped)
    assert run("check", "right.md", cwd=project).out == ""
    result = run("check", "swapped.md", "--format", "json", cwd=project)
    [finding] = result.json()["diagnostics"]
    assert finding["rule"] == "citation-unsupported" and "@beta does not state" in finding["message"]
