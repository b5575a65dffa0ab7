"""Warm `cite` against plain BM25 (rank-bm25) over the same passages, on the same sentences.

For every sentence of tests/data/cite_claims.yaml that is about a registered
claim (its `about`), the right passages are those the registry links to that
claim (evidence and disputed_by). Both systems rank passages for the sentence;
cite is also run without the registry's own quotes (so the gold cannot leak
into its answer: passages are found only by reading statements). We report hit@1 (the first passage is a right one), recall@5 (share of the
right passages, up to five, among the first five) and the median time per
sentence, both warm: the index is open and the vocabulary built beforehand.

    python benchmarks/cite_bench.py
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def tokens(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def measure(root: Path = ROOT, repeats: int = 5) -> dict:
    from rank_bm25 import BM25Okapi

    from scocheck import cite as cite_module
    from scocheck.cite import cite
    from scocheck.index import open_index
    from scocheck.mentions import vocabulary
    from scocheck.project import open_project

    project = open_project(start=root)
    index = open_index(project.config.root, project.sources, project.config.corpus / "sources.yaml")
    vocab = vocabulary(project.registry)
    rows = index.passages()
    bm25 = BM25Okapi([tokens(r.passage.text) for r in rows])
    cases = [c for c in yaml.safe_load((root / "tests/data/cite_claims.yaml").read_text()) if c.get("about")]

    def gold(case) -> set[tuple[str, int]]:
        claim = project.registry.claim(case["about"])
        found = (index.find_passage(q.source, q.quote) for q in (*claim.evidence, *claim.disputed_by))
        return {(r.passage.source, r.passage.index) for r in found if r is not None}

    def ours(case) -> list[tuple[str, int]]:
        result = cite(case["claim"], vocab, index)
        keys = {(r.mention.source, r.mention.start): (r.passage.source, r.passage.index) for r in rows}
        return [keys.get((e.mention.source, e.mention.start), (e.mention.source, -1)) for e in result.evidence]

    def ours_unaided(case) -> list[tuple[str, int]]:
        """The same, without the registry's own quotes: passages found only by reading statements."""
        original = cite_module._registered
        cite_module._registered = lambda *args: []
        try:
            return ours(case)
        finally:
            cite_module._registered = original

    def baseline(case) -> list[tuple[str, int]]:
        scores = bm25.get_scores(tokens(case["claim"]))
        best = sorted(range(len(rows)), key=lambda i: -scores[i])[:5]
        return [(rows[i].passage.source, rows[i].passage.index) for i in best]

    report = {}
    systems = (("scocheck cite", ours), ("cite, no registry quotes", ours_unaided), ("BM25 (rank-bm25)", baseline))
    for name, rank in systems:
        hits = recalls = 0.0
        for case in cases:
            right, ranked = gold(case), rank(case)[:5]
            hits += bool(ranked) and ranked[0] in right
            recalls += len(right.intersection(ranked)) / min(5, len(right)) if right else 0
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            for case in cases:
                rank(case)
            times.append((time.perf_counter() - start) / len(cases))
        report[name] = {"hit@1": hits / len(cases), "recall@5": recalls / len(cases),
                        "ms per sentence": 1000 * statistics.median(times)}
    report["sentences"] = len(cases)
    return report


def main() -> int:
    report = measure()
    print(f"cite vs BM25 on {report.pop('sentences')} sentences (warm, median of 5 runs)")
    print(f"{'system':<26} {'hit@1':>7} {'recall@5':>9} {'ms/sentence':>12}")
    for name, row in report.items():
        print(f"{name:<26} {row['hit@1']:>7.2f} {row['recall@5']:>9.2f} {row['ms per sentence']:>12.2f}")
    ours, base = report["scocheck cite"], report["BM25 (rank-bm25)"]
    print(f"time ratio cite/BM25: {ours['ms per sentence'] / base['ms per sentence']:.2f}")
    return 0 if ours["recall@5"] >= base["recall@5"] and ours["hit@1"] >= base["hit@1"] else 1


if __name__ == "__main__":
    sys.exit(main())
