"""`scocheck verify`: quotes proved, values checked, disagreements found and acknowledged."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import registry_free_project, write


def claim(data: dict, claim_id: str) -> dict:
    return next(c for c in data["claims"] if c["id"] == claim_id)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(fragment)].count("\n") + 1


def test_clean_project_verifies_with_acknowledged_dispute(project, run):
    result = run("verify", "--format", "json", cwd=project)
    assert result.code == 0, result.err
    data = result.json()
    assert data["version"] == 1
    assert data["summary"] == {"claims": 3, "ok": 2, "disputed": 1, "broken": 0, "contradicted": 0}
    established = claim(data, "wc.established")
    assert established["status"] == "disputed"
    assert established["value"] == "1999"
    assert established["evidence"][0] | {"found": True} == established["evidence"][0]
    assert established["evidence"][0]["value"] == "1999"
    [conflict] = established["conflicts"]
    assert (conflict["source"], conflict["line"], conflict["value"], conflict["acknowledged"]) == ("beta", 1, "2000", True)


def test_unacknowledged_disagreement_is_contradicted_and_exits_1(project, run):
    facts = project / "claims" / "facts.yaml"
    data = yaml.safe_load(facts.read_text())
    del data[0]["disputed_by"]
    facts.write_text(yaml.safe_dump(data, sort_keys=False))
    result = run("verify", "--format", "json", cwd=project)
    assert result.code == 1
    established = claim(result.json(), "wc.established")
    assert established["status"] == "contradicted"
    [conflict] = established["conflicts"]
    assert conflict["source"] == "beta" and conflict["value"] == "2000" and conflict["acknowledged"] is False


def test_a_new_sentence_that_disagrees_is_found(project, run):
    edit(project / "corpus" / "alpha.txt", "member firms", "member firms. The Widget Council was\nfounded in 1997, say others")
    result = run("verify", "--format", "json", cwd=project)
    assert result.code == 1
    conflicts = claim(result.json(), "wc.established")["conflicts"]
    new = [c for c in conflicts if c["value"] == "1997"]
    assert new and new[0]["acknowledged"] is False and new[0]["source"] == "alpha"


def test_a_place_that_disagrees_is_found(project, run):
    write(project / "corpus" / "beta.txt", (project / "corpus" / "beta.txt").read_text() + "Its secretariat is located in Strelsau.\n")
    data = run("verify", "--format", "json", cwd=project).json()
    location = claim(data, "wc-secretariat.location")
    assert location["status"] == "contradicted"
    assert [c["value"] for c in location["conflicts"]] == ["Strelsau"]


def test_a_place_within_the_claimed_one_is_no_conflict(project, run):
    edit(project / "claims" / "vocabulary.yaml", "    name: Zenda\n    kind: city\n", "    name: Zenda\n    kind: city\n    part_of: [ruritania]\n")
    edit(project / "claims" / "vocabulary.yaml", "places:\n", "places:\n  - id: ruritania\n    name: Ruritania\n    kind: country\n")
    write(project / "corpus" / "beta.txt", (project / "corpus" / "beta.txt").read_text() + "Its secretariat is located in Ruritania.\n")
    data = run("verify", "--format", "json", cwd=project).json()
    assert claim(data, "wc-secretariat.location")["status"] == "ok"


def test_time_varying_facts_are_compared_only_at_the_same_time(project, run):
    beta = project / "corpus" / "beta.txt"
    write(beta, beta.read_text() + "By 2011 the Council's budget had grown to US$15 billion.\n")
    assert claim(run("verify", "--format", "json", cwd=project).json(), "wc.budget")["status"] == "ok"
    write(beta, beta.read_text() + "In 2009 the budget of the Widget Council was only US$9 billion.\n")
    budget = claim(run("verify", "--format", "json", cwd=project).json(), "wc.budget")
    assert budget["status"] == "contradicted"
    assert budget["conflicts"][0]["value"] == "9000000000 USD"


def test_a_plan_is_not_reported_as_a_contradiction(project, run):
    beta = project / "corpus" / "beta.txt"
    write(beta, beta.read_text() + "The WC was expected to be founded in 1995 by its promoters.\n")
    assert claim(run("verify", "--format", "json", cwd=project).json(), "wc.established")["conflicts"][0]["value"] == "2000"
    assert run("verify", cwd=project).code == 0


def test_quote_not_in_source_is_broken(project, run):
    edit(project / "claims" / "facts.yaml", "quote: has its secretariat in Zenda", "quote: keeps its secretariat in a castle in Zenda")
    result = run("verify", "--format", "json", cwd=project)
    assert result.code == 1
    location = claim(result.json(), "wc-secretariat.location")
    assert location["status"] == "broken"
    assert location["evidence"][1]["found"] is False


def test_quote_that_does_not_state_the_value_is_broken(project, run):
    edit(project / "claims" / "facts.yaml", "value: 1999", "value: 1998")
    edit(project / "claims" / "facts.yaml", "was established in 1999.", "was established in 1998.")
    result = run("verify", "--format", "json", cwd=project)
    established = claim(result.json(), "wc.established")
    assert result.code == 1 and established["status"] == "broken"
    assert established["evidence"][0]["found"] is True and established["evidence"][0]["value"] == "1999"


def test_quote_across_a_hyphenated_line_break_is_found_with_its_raw_text(project, run):
    data = run("verify", "--format", "json", cwd=project).json()
    evidence = claim(data, "wc-secretariat.location")["evidence"][0]
    assert evidence["found"] is True
    assert evidence["quote"] == "Its secre-\ntariat opened in Zenda in 2003"
    assert evidence["line"] == 3


def test_a_slightly_misquoted_passage_is_found_fuzzily(project, run):
    edit(project / "claims" / "facts.yaml", "quote: has its secretariat in Zenda", "quote: has its secretariatt in Zenda")
    data = run("verify", "--format", "json", cwd=project).json()
    evidence = claim(data, "wc-secretariat.location")["evidence"][1]
    assert evidence["found"] is True and evidence["match"] == "fuzzy" and evidence["score"] >= 90
    assert evidence["quote"] in (project / "corpus" / "beta.txt").read_text()


def test_text_output_names_problems_and_never_reads_markup(project, run):
    edit(project / "claims" / "facts.yaml", "statement: The Widget Council was established in 1999.", "statement: \"[bold red]x[/] \\e[31m\"")
    edit(project / "claims" / "facts.yaml", "quote: has its secretariat in Zenda", "quote: '[link=http://evil]in Zenda[/link]'")
    result = run("verify", cwd=project)
    assert result.code == 1
    assert "[link=http://evil]in Zenda[/link]" in " ".join(result.out.split())
    assert "\x1b" not in result.out


# --- the shipped SCO project ----------------------------------------------------------


def test_shipped_registry_verifies_and_every_mention_is_exact(run):
    from conftest import REPO

    result = run("verify", "--format", "json", cwd=REPO)
    assert result.code == 0, result.err
    data = result.json()
    assert data["summary"]["broken"] == data["summary"]["contradicted"] == 0
    assert data["summary"]["claims"] >= 80
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (REPO / "corpus").glob("*.txt")}
    mentions = [m for c in data["claims"] for m in (*c["evidence"], *c["conflicts"])]
    assert len(mentions) > 200
    for mention in mentions:
        text = texts[mention["source"]]
        position = text.find(mention["quote"])
        assert position != -1, mention
        starts = {text[:i].count("\n") + 1 for i in _all(text, mention["quote"])}
        assert mention["line"] in starts, mention


def _all(text: str, part: str):
    start = text.find(part)
    while start != -1:
        yield start
        start = text.find(part, start + 1)


def test_a_perturbed_copy_of_the_corpus_is_caught(sco, run):
    css = sco / "corpus" / "css2009.txt"
    css.write_text(css.read_text(encoding="utf-8") + "\nThe Regional Anti-Terrorist Structure was set up in 2006.\n", encoding="utf-8")
    result = run("verify", "--format", "json", cwd=sco)
    assert result.code == 1
    contradicted = [c for c in result.json()["claims"] if c["status"] == "contradicted"]
    found = [(c["id"], x["source"], x["value"]) for c in contradicted for x in c["conflicts"] if not x["acknowledged"]]
    assert ("rats.established", "css2009", "2006") in found, found


def test_a_quote_written_with_other_spacing_keeps_its_currency_and_percent_signs(tmp_path, run):
    folder = registry_free_project(tmp_path, {"form": (1987, "Order form\n\n________ $150\tKell Reader on tape.\n\n"
                                                             "Residents add 5%\tsales tax.\n")})
    write(folder / "claims" / "form.yaml", """\
entities:
  - {id: tape, name: Kell Reader tape, kind: product}
properties:
  - {id: price, cues: [tape], time_varying: true}
  - {id: tax, cues: [sales tax], time_varying: true}
claims:
  - {id: tape.price, statement: A Kell Reader tape cost $150., subject: tape, property: price, type: money,
     value: 150 USD, as_of: 1987, evidence: [{source: form, quote: "________ $150 Kell Reader on tape."}]}
  - {id: tape.tax, statement: Residents paid 5% tax., subject: tape, property: tax, type: percent,
     value: 5, as_of: 1987, evidence: [{source: form, quote: "Residents add 5% sales tax."}]}
""")
    statuses = {c["id"]: c["status"] for c in run("verify", "--format", "json", cwd=folder).json()["claims"]}
    assert statuses == {"tape.price": "ok", "tape.tax": "ok"}  # the tab in the text is a space in the quote
