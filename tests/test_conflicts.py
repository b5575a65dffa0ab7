"""`scocheck conflicts`: every disagreement, registered or not, grouped by fact."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import registry_free_project, write


def add(project, source: str, text: str) -> None:
    path = project / "corpus" / f"{source}.txt"
    write(path, path.read_text(encoding="utf-8") + text)


def test_registered_disagreement_groups_every_passage_by_value(project, run):
    result = run("conflicts", "--format", "json", cwd=project)
    assert result.code == 0
    data = result.json()
    assert data["version"] == 1
    [conflict] = data["conflicts"]
    assert conflict["claim"] == "wc.established"
    assert (conflict["subject"], conflict["property"], conflict["type"]) == ("wc", "established", "year")
    assert conflict["acknowledged"] is True
    values = {p["value"]: [(m["source"], m["line"]) for m in p["mentions"]] for p in conflict["positions"]}
    assert values == {"1999": [("alpha", 3)], "2000": [("beta", 1)]}


def test_an_unacknowledged_disagreement_exits_1(project, run):
    add(project, "beta", "Old papers say the Widget Council was established in 1990.\n")
    result = run("conflicts", "--format", "json", cwd=project)
    assert result.code == 1
    [conflict] = result.json()["conflicts"]
    assert conflict["acknowledged"] is False
    assert "1990" in [p["value"] for p in conflict["positions"]]


def test_a_drifted_paraphrase_is_found_without_a_claim_and_a_registry_entry_is_suggested(project, run):
    add(project, "beta", "\nA second history.\n\nIn those years the Council had some 3 000 member firms and a budget.\n")
    result = run("conflicts", "--format", "json", cwd=project)
    free = [c for c in result.json()["conflicts"] if c["claim"] is None]
    assert len(free) == 1
    assert sorted(p["value"] for p in free[0]["positions"]) == ["1000", "3000"]
    suggestion = free[0]["suggestion"]
    assert {e["source"] for e in (*suggestion["evidence"], *suggestion["disputed_by"])} == {"alpha", "beta"}
    text = run("conflicts", "--suggest", cwd=project).out
    pasted = yaml.safe_load(text[text.index("- id:"): text.index("\n", text.index("note:")) + 1])
    assert pasted[0]["type"] == "number"


def test_same_value_in_other_words_is_no_conflict(project, run):
    add(project, "beta", "\nA second history.\n\nIn those years the Council had about 1,000 member firms and a budget.\n")
    assert [c["claim"] for c in run("conflicts", "--format", "json", cwd=project).json()["conflicts"]] == ["wc.established"]


def test_min_confidence_hides_plans_set_against_what_happened(project, run):
    add(project, "beta", "In 1995 the Widget Council was expected to be founded in 1996.\n")
    everything = run("conflicts", "--format", "json", cwd=project).json()["conflicts"]
    hint = [p for c in everything for p in c["positions"] if p["value"] == "1996"]
    assert hint and all(m["confidence"] < 0.5 for m in hint[0]["mentions"])
    sure = run("conflicts", "--format", "json", "--min-confidence", "0.5", cwd=project)
    assert "1996" not in sure.out
    assert sure.code == 0


def test_text_output_names_each_side_with_source_and_line(project, run):
    result = run("conflicts", cwd=project)
    assert "wc.established" in result.out
    assert "alpha:3" in result.out and "beta:1 acknowledged" in result.out


# --- what is about the document, not its subject ---------------------------------------------------

def free_conflicts(run, folder: Path) -> list[list[str]]:
    return [sorted(p["value"] for p in c["positions"])
            for c in run("conflicts", "--format", "json", cwd=folder).json()["conflicts"]]


def test_copyright_notices_are_never_facts_that_conflict(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "roe": (1990, "Kell notes\n\nCopyright (C) 1990 Jane Roe\n\nThe Zenda Bridge opened in 1921.\n"),
        "lee": (1994, "Kell letters\n\nCopyright 1994, 1996 Jane Roe. All rights reserved.\n\n"
                      "The Zenda Bridge opened in 1921.\n\n© 1997 The Kell Society\n"),
    })
    assert free_conflicts(run, folder) == []
    write(folder / "corpus" / "lee.txt", "Kell letters\n\nCopyright 1994 Jane Roe\n\nThe Zenda Bridge opened in 1925.\n")
    assert free_conflicts(run, folder) == [["1921", "1925"]]  # the text itself is still read


def test_two_documents_own_dates_at_their_heads_never_conflict(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "may": (1990, "Kell Ferry timetable, 3 May 1990\n\nFerries leave Zenda at noon.\n"),
        "june": (1994, "Kell Ferry timetable, June 1994\n\nFerries leave Zenda at noon.\n"),
    })
    assert free_conflicts(run, folder) == []


def test_rows_of_a_release_list_are_different_things_not_a_drifted_paraphrase(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "old": (1995, "Kell Reader releases\n\nKell Reader 2.1 (1990-03-01)\nFirst version 2 release.\n"),
        "new": (1999, "Kell Reader history\n\nKell Reader 3.4 (1992-07-01)\nFirst version 3 release.\n"),
    })
    assert free_conflicts(run, folder) == []
    write(folder / "corpus" / "new.txt", "Kell Reader history\n\nKell Reader 2.1 (1991-03-01)\nFirst version 2 release.\n")
    assert free_conflicts(run, folder) == [["1990-03-01", "1991-03-01"]]


def test_two_places_for_one_body_in_documents_of_different_years_are_a_hint(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "early": (1990, "Kell notes\n\nThe Kell Institute is based in Leeds.\n"),
        "late": (1998, "Kell letters\n\nThe Kell Institute is based in Paris.\n"),
    })
    [conflict] = run("conflicts", "--format", "json", cwd=folder).json()["conflicts"]
    assert sorted(p["value"] for p in conflict["positions"]) == ["Leeds", "Paris"]
    assert conflict["confidence"] < 0.5  # it may have moved: a hint to date the sentence, not an error


def test_a_year_that_opens_its_sentence_dates_the_whole_clause_in_a_paraphrase(tmp_path, run):
    # Other subject, other verb, other inflections ("records," / "record"): the clauses the two years
    # date still say the same thing, so the years disagree.
    folder = registry_free_project(tmp_path, {
        "diary": (1996, "Kell notes\n\nBy 1931, the Kell archive was nearly whole; the one record still missing "
                        "was the harbour ledger.\n"),
        "memoir": (2004, "Kell letters\n\nBy 1934, we had traced or copied every major record of the archive "
                         "except the harbour ledger, which we were still copying.\n"),
    })
    assert free_conflicts(run, folder) == [["1931", "1934"]]
    write(folder / "corpus" / "memoir.txt", "Kell letters\n\nBy 1931, we had traced or copied every major record "
                                            "of the archive except the harbour ledger, which we were still copying.\n")
    assert free_conflicts(run, folder) == []


def test_two_opening_years_of_clauses_about_two_named_things_never_conflict(tmp_path, run):
    folder = registry_free_project(tmp_path, {
        "diary": (1996, "Kell notes\n\nIn 1931, the Kell Society held the Harbour Regatta on the river.\n"),
        "memoir": (2004, "Kell letters\n\nIn 1934, the Kell Society held the Winter Fair on the river.\n"),
    })
    assert free_conflicts(run, folder) == []


def test_entries_of_one_price_list_that_name_different_things_never_conflict(tmp_path, run):
    order_form = ("Kell Society order form\n\n$20 Harbour Atlas (~120 pages, stapled).\n\n"
                  "Each atlas ships in a box.\n\nOrders leave on Mondays.\n\nPrices include postage.\n\n"
                  "$12 Tide Atlas (~40 pages, stapled).\n")
    folder = registry_free_project(tmp_path, {"form": (1990, order_form), "note": (1991, "Kell notes\n\nNo prices.\n")})
    assert free_conflicts(run, folder) == []


LISTS = {
    "first": (1990, "Kell notes\n\nSo far the society owns a rowing eight, a steam launch, a boathouse on the "
                    "Tessel, and two sculls.\n"),
}


def _two_lists(tmp_path: Path, second: str) -> Path:
    return registry_free_project(tmp_path, {**LISTS, "second": (1995, f"Kell letters\n\n{second}\n")})


def test_a_restated_list_with_a_member_replaced_is_a_hint_naming_what_each_lists_alone(tmp_path, run):
    folder = _two_lists(tmp_path, "So far the society owns a rowing eight, a motor barge, a boathouse on the Tessel, "
                                  "and two sculls.")
    [conflict] = run("conflicts", "--format", "json", cwd=folder).json()["conflicts"]
    assert conflict["type"] == "text" and conflict["confidence"] < 0.5
    assert {p["value"] for p in conflict["positions"]} == {"a steam launch", "a motor barge"}


def test_a_list_restated_in_another_order_or_with_a_member_reworded_agrees(tmp_path, run):
    folder = _two_lists(tmp_path, "So far the society owns two sculls, a boathouse on the river Tessel, a steam "
                                  "launch, and a rowing eight.")
    assert free_conflicts(run, folder) == []


def test_lists_of_plans_or_of_sentences_that_open_otherwise_are_not_compared(tmp_path, run):
    plans = {"first": (1990, "Kell notes\n\nNext year the society will buy a rowing eight, a steam launch, "
                             "a boathouse, and two sculls.\n"),
             "second": (1995, "Kell letters\n\nNext year the society will buy a rowing eight, a motor barge, "
                              "a boathouse, and two sculls.\n")}
    assert free_conflicts(run, registry_free_project(tmp_path / "plans", plans)) == []
    other = _two_lists(tmp_path / "other", "At the regatta the club showed a rowing eight, a motor barge, "
                                           "a boathouse on the Tessel, and two sculls.")
    assert free_conflicts(run, other) == []
