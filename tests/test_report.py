"""`scocheck report --html`: one self-contained page, claims against sources, checked as HTML and in a browser."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FACTS, REPO, write
from scocheck.cli import main

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list[Node] = field(default_factory=list)
    parent: Node | None = None
    content: list[str | Node] = field(default_factory=list)  # text and children, in order

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        return "".join(part if isinstance(part, str) else part.text for part in self.content)

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        found = []
        for child in self.children:
            if ((tag is None or child.tag == tag) and (cls is None or cls in child.classes)
                    and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                found.append(child)
            found.extend(child.find_all(tag, cls, **attrs))
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag} class={cls} {attrs}>"
        return found[0]


class TreeBuilder(HTMLParser):
    """A document tree from the stdlib parser; fails on a closing tag that closes nothing open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        self.current.content.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.current)
        self.current.children.append(node)
        self.current.content.append(node)

    def handle_endtag(self, tag):
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.content.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.current is builder.root, f"<{builder.current.tag}> never closed"
    return builder.root


def render(run, folder: Path, *extra: str) -> tuple[str, Path]:
    out = folder / "out" / "report.html"
    out.parent.mkdir(exist_ok=True)
    result = run("report", "--html", str(out), *extra, cwd=folder)
    assert result.code == 0, result.err
    return out.read_text(encoding="utf-8"), out


def page_data(doc: Node) -> dict:
    return json.loads(doc.find("script", id="report-data").text)


# --- the shipped corpus, parsed ------------------------------------------------------


def shipped_cli(*args: str) -> tuple[int, str]:
    """Run the CLI on the repository's own corpus and registry (read, never changed)."""
    out = io.StringIO()
    registry = ["--claims", str(REPO / "claims")] if args[0] != "sources" else []
    with contextlib.redirect_stdout(out):
        code = main([*args, *registry, "--corpus", str(REPO / "corpus")])
    return code, out.getvalue()


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped project's report, parsed, with what `claims`, `verify` and `sources` say (rendered once)."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    code, _ = shipped_cli("report", "--html", str(out))
    assert code == 0
    page = out.read_text(encoding="utf-8")
    claims = json.loads(shipped_cli("claims", "--format", "json")[1])["claims"]
    verified = json.loads(shipped_cli("verify", "--format", "json")[1])["claims"]
    sources = json.loads(shipped_cli("sources", "--format", "json")[1])["sources"]
    return page, parse(page), claims, verified, [s["id"] for s in sources]


def test_one_row_per_claim_and_one_column_per_source(shipped):
    _, doc, claims, _, sources = shipped
    grid = doc.find("table", id="grid")
    rows = grid.find("tbody").find_all("tr", cls="claim")
    assert [row.find(cls="claim-id").text for row in rows] == [c["id"] for c in claims]
    assert [th.text for th in grid.find("thead").find_all("th", cls="source")] == sources
    for row in rows:
        assert len(row.find_all("td", cls="cell")) == len(sources)


def test_every_cell_has_a_state_class_and_a_symbol(shipped):
    _, doc, _, _, _ = shipped
    symbols = {"states": "✓", "differs": "✗", "silent": "·"}
    states = set()
    for cell in doc.find("table", id="grid").find_all("td", cls="cell"):
        (state,) = [c.removeprefix("state-") for c in cell.classes if c.startswith("state-")]
        states.add(state)
        assert cell.attrs["data-state"] == state
        assert cell.find(cls="symbol").text == symbols[state]
        if state != "silent":
            assert cell.find("button").attrs["aria-label"], "a cell that opens passages says what it holds"
    assert states == {"states", "differs", "silent"}


def test_cells_agree_with_verify(shipped):
    _, doc, _, verified, sources = shipped
    rows = {row.find(cls="claim-id").text: row for row in doc.find("table", id="grid").find_all("tr", cls="claim")}
    for claim in verified:
        cells = rows[claim["id"]].find_all("td", cls="cell")
        for source, cell in zip(sources, cells):
            differs = {c["value"] for c in claim["conflicts"] if c["source"] == source}
            states = any(e["source"] == source and e["found"] for e in claim["evidence"])
            expected = "differs" if differs else ("states" if states else "silent")
            assert cell.attrs["data-state"] == expected, (claim["id"], source)
            assert {o.text for o in cell.find_all(cls="other")} == differs


def test_disputed_claims_are_marked(shipped):
    _, doc, _, verified, _ = shipped
    disputed = {c["id"] for c in verified if c["conflicts"]}
    assert disputed, "the shipped registry has disputed claims"
    for row in doc.find("table", id="grid").find_all("tr", cls="claim"):
        claim = row.find(cls="claim-id").text
        assert (row.attrs["data-disputed"] == "true") == (claim in disputed)
        if claim in disputed:
            assert row.find(cls="badge").text == "disputed"
    assert doc.find("input", id="only-disputed").attrs["type"] == "checkbox"
    options = doc.find("select", id="source-filter").find_all("option")
    assert [o.text for o in options[1:]] == [th.text for th in doc.find_all("th", cls="source")]


def test_summary_per_source(shipped):
    _, doc, _, verified, sources = shipped
    rows = doc.find("table", id="summary").find("tbody").find_all("tr")
    assert [row.attrs["data-source"] for row in rows] == sources
    for source, row in zip(sources, rows):
        supported, disputed = (int(td.text) for td in row.find_all("td", cls="num"))
        assert supported == sum(any(e["source"] == source and e["found"] for e in c["evidence"]) for c in verified)
        assert disputed == sum(bool(c["conflicts"]) and any(m["source"] == source for m in c["evidence"] + c["conflicts"])
                               for c in verified)
        outliers = {li.find(cls="claim-id").text for li in row.find_all("li")}
        assert outliers == {c["id"] for c in verified if any(m["source"] == source for m in c["conflicts"])}


def test_page_is_self_contained(shipped):
    page, doc, _, _, _ = shipped
    stack = [doc]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        for name in ("src", "href", "action", "data", "poster"):
            assert not re.match(r"\s*(https?:)?//", node.attrs.get(name) or ""), f"<{node.tag} {name}> goes out"
        assert node.tag not in {"link", "iframe", "img", "object", "embed"}
        if node.tag == "script":
            assert "src" not in node.attrs
    styles = " ".join(node.text for node in doc.find_all("style"))
    assert "@import" not in styles and "url(" not in styles
    assert "http://" not in styles + doc.find_all("script")[-1].text
    assert "default-src 'none'" in doc.find("meta", http_equiv="Content-Security-Policy").attrs["content"]


def test_the_page_runs_only_its_own_script_and_sends_no_form(shipped):
    """Markup that slipped past the escaping could not run a handler or post a form: the policy allows
    the page's one script and one style sheet by hash, no inline code, no form target, no base URL."""
    import base64
    import hashlib

    _, doc, _, _, _ = shipped
    policy = dict(part.strip().split(" ", 1) for part in
                  doc.find("meta", http_equiv="Content-Security-Policy").attrs["content"].split(";"))

    def hashed(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    [code] = [s for s in doc.find_all("script") if s.attrs.get("type") != "application/json"]
    [style] = doc.find_all("style")
    assert policy["script-src"] == hashed(code.text) and policy["style-src"] == hashed(style.text)
    assert policy["form-action"] == policy["base-uri"] == policy["default-src"] == "'none'"
    assert "unsafe" not in " ".join(policy.values())


def test_passages_are_in_the_page_data_with_their_lines(shipped):
    _, doc, _, verified, sources = shipped
    data = page_data(doc)
    assert data["sources"] == sources
    by_id = {c["id"]: c for c in data["claims"]}
    for claim in verified:
        for conflict in claim["conflicts"]:
            cell = by_id[claim["id"]]["cells"][sources.index(conflict["source"])]
            passage = next(p for p in cell if p["line"] == conflict["line"] and not p["agrees"])
            assert passage["before"] + passage["match"] + passage["after"] == conflict["quote"]
            assert passage["value"] == conflict["value"]


# --- the small project: states another value, escaping ---------------------------------


def test_a_source_stating_another_value_differs_with_that_value(project, run):
    page, _ = render(run, project)
    doc = parse(page)
    rows = {row.find(cls="claim-id").text: row for row in doc.find_all("tr", cls="claim")}
    alpha, beta = rows["wc.established"].find_all("td", cls="cell")
    assert alpha.attrs["data-state"] == "states" and beta.attrs["data-state"] == "differs"
    assert beta.find(cls="other").text == "2000"
    assert "beta states 2000" in beta.find("button").attrs["aria-label"]
    assert rows["wc.budget"].attrs["data-disputed"] == "false"
    summary = {row.attrs["data-source"]: row for row in doc.find("table", id="summary").find_all("tr", data_source="beta")}
    assert summary["beta"].find("li").text == "wc.established: 2000"
    [passage] = page_data(doc)["claims"][0]["cells"][1]
    assert passage == {"source": "beta", "line": 1, "value": "2000", "agrees": False, "acknowledged": True,
                       "note": "Beta dates the Council from its charter.", "before": "The WC, founded in ",
                       "match": "2000", "after": " according to its own charter"}


def test_a_registered_quote_stating_another_value_differs(project, run):
    wrong = FACTS.replace("quote: The Widget Council (WC) was established in 1999", "quote: opened in Zenda in 2003")
    write(project / "claims" / "facts.yaml", wrong)
    page, _ = render(run, project)
    row = parse(page).find_all("tr", cls="claim")[0]
    assert row.attrs["data-status"] == "broken"
    alpha = row.find_all("td", cls="cell")[0]
    assert alpha.attrs["data-state"] == "differs" and alpha.find(cls="other").text == "2003"


def test_user_text_is_escaped_everywhere(project, run):
    hostile = "<script>alert(1)</script> & </script><!--"
    facts = FACTS.replace("The Widget Council was established in 1999.", f"'{hostile}'")
    facts = facts.replace("note: Beta dates the Council from its charter.", f"note: '{hostile}'")
    write(project / "claims" / "facts.yaml", facts)
    page, _ = render(run, project)
    assert "<script>alert" not in page
    assert page.count("</script>") == 2, "only the page's own two script elements end"
    assert "<!--" not in page
    doc = parse(page)
    assert doc.find_all("tr", cls="claim")[0].find(cls="statement").text == hostile
    data = page_data(doc)
    assert data["claims"][0]["statement"] == hostile
    assert data["claims"][0]["cells"][1][0]["note"] == hostile


# --- writing the file ----------------------------------------------------------------------


def test_prints_what_it_wrote_and_leaves_no_temporary_file(project, run):
    out = project / "report.html"
    out.write_text("old", encoding="utf-8")
    result = run("report", "--html", str(out), cwd=project)
    assert result.code == 0
    assert result.out == f"wrote {out}: 3 claims, 2 sources, 1 disputed\n"
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert [p.name for p in project.iterdir() if p.is_file()] == ["report.html"]


def test_a_failed_write_keeps_the_old_file(project, run, monkeypatch):
    out = project / "report.html"
    out.write_text("old", encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run("report", "--html", str(out), cwd=project)
    assert result.code == 2
    assert result.err == f"scocheck: error: {out}: cannot write: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in project.iterdir() if p.is_file()] == ["report.html"]


@pytest.mark.parametrize("target", ["missing/report.html", "."])
def test_bad_output_path_is_one_line_and_exit_2(project, run, target):
    result = run("report", "--html", target, cwd=project)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("scocheck: error: ") and result.err.count("\n") == 1
    assert ("no such folder" if "missing" in target else "is a directory") in result.err


def test_html_option_is_required(project, run):
    result = run("report", cwd=project)
    assert result.code == 2
    assert "--html" in result.err and result.err.count("\n") == 1


# --- in a browser ------------------------------------------------------------------------


def chromium_path() -> str | None:
    if shutil.which("chromium"):
        return shutil.which("chromium")
    return "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium not installed: apt-get install chromium to run the browser test")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed: pip install -e '.[test]'")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """Open a file in a fresh page that may not reach the network; returns (page, requests made)."""
    contexts = []

    def opener(path: Path):
        context = browser.new_context()
        contexts.append(context)
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else route.abort())
        page = context.new_page()
        page.goto(path.as_uri())
        return page, requests

    yield opener
    for context in contexts:
        context.close()


def test_clicking_a_disputed_cell_shows_the_passage_with_its_line(sco, run, open_page):
    _, out = render(run, sco)
    page, requests = open_page(out)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    panel = page.locator("#panel")
    assert not panel.get_by_text("established in November 2003").is_visible()

    row = page.locator('tr.claim[data-disputed="true"]:has(.claim-id:text-is("rats.established"))')
    row.locator("td.state-differs button").click()

    assert panel.get_by_text("khan-nd, line 109").is_visible()
    assert panel.get_by_text("established in November 2003").is_visible()
    assert panel.locator("mark", has_text="2003").first.is_visible()
    assert panel.locator(".passage.differs").count() == 3  # lines 35, 109, 130, in line order
    assert panel.locator(".where b").all_inner_texts() == ["khan-nd, line 35", "khan-nd, line 109", "khan-nd, line 130"]
    assert errors == []
    assert requests and all(url.startswith("file:") for url in requests), requests


def test_filters_for_disputed_claims_and_for_one_source(project, run, open_page):
    beta_budget = "    - source: beta\n      quote: The Council's budget reached US$12 billion in 2009\n"
    assert beta_budget in FACTS
    write(project / "claims" / "facts.yaml", FACTS.replace(beta_budget, ""))
    _, out = render(run, project)
    page, requests = open_page(out)
    claims = page.locator("tr.claim")
    visible = lambda: [claims.nth(i).locator(".claim-id").inner_text() for i in range(claims.count())  # noqa: E731
                       if claims.nth(i).is_visible()]
    assert visible() == ["wc.established", "wc-secretariat.location", "wc.budget"]
    assert page.locator("#shown").inner_text() == "Showing 3 of 3 claims"

    page.check("#only-disputed")
    assert visible() == ["wc.established"]
    page.uncheck("#only-disputed")

    page.select_option("#source-filter", label="beta")  # beta is silent on the budget
    assert visible() == ["wc.established", "wc-secretariat.location"]
    assert page.locator("#grid thead th.focus").inner_text() == "beta"
    assert page.locator("#summary tr.focus").get_attribute("data-source") == "beta"
    page.check("#only-disputed")
    assert visible() == ["wc.established"]
    page.uncheck("#only-disputed")
    page.select_option("#source-filter", label="all sources")
    assert len(visible()) == 3

    page.locator('tr.claim:has(.claim-id:text-is("wc.established")) td.state-differs button').click()
    assert page.locator("#panel").get_by_text("beta, line 1").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("#panel").get_by_text("beta, line 1").is_visible()
    assert all(url.startswith("file:") for url in requests)
