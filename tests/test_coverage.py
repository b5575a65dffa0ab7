"""`scocheck coverage`: sentences stating a checkable fact that no claim links to."""

from conftest import REPO, write


def test_a_registered_sentence_is_covered_and_a_new_fact_is_not(project, run):
    data = run("coverage", "--format", "json", cwd=project).json()
    assert data["version"] == 1
    assert data["uncovered"] == [] and data["percent"] == 100.0
    beta = project / "corpus" / "beta.txt"
    write(beta, beta.read_text() + "The Widget Council opened a second secretariat in Strelsau in 2011.\n")
    data = run("coverage", "--format", "json", cwd=project).json()
    assert [(m["source"], m["line"]) for m in data["uncovered"]] == [("beta", 3)]
    assert data["checkable"] == data["covered"] + 1


def test_sentences_without_a_fact_or_with_only_a_citation_year_are_not_checkable(project, run):
    beta = project / "corpus" / "beta.txt"
    write(beta, beta.read_text() + "The Widget Council was established to help firms (Arden, 2010, p. 4).\n"
                                   "Widgets matter a great deal to the WC.\n")
    assert run("coverage", "--format", "json", cwd=project).json()["uncovered"] == []


def test_fail_under_makes_coverage_a_gate(project, run):
    beta = project / "corpus" / "beta.txt"
    write(beta, beta.read_text() + "The Widget Council opened a second secretariat in Strelsau in 2011.\n")
    assert run("coverage", "--fail-under", "90", cwd=project).code == 1
    assert run("coverage", "--fail-under", "50", cwd=project).code == 0


def test_shipped_registry_covers_at_least_90_percent(run):
    data = run("coverage", "--format", "json", cwd=REPO).json()
    assert data["percent"] >= 90.0, data["uncovered"]
