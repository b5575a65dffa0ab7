"""`cite` accuracy on the sco-dev development set: each new document's sentence, cited against the seeds.

Every item of `expected.yaml` quotes a passage of a document the project's corpus does not hold,
and names the seed documents that state the same fact (`seeds`) and whether the passage agrees
with them or contradicts them. The sentence (or sentences) of the document the quote stands in,
line breaks joined, is what a writer copying from that document would write; it is cited against
the project as it stands (the seeds only), through the library, as `scocheck cite` does. A value
the document gives only in its dateline ("hours before the summit") is beyond a sentence cited
alone, and such items count as they come out. An item is judged by the fact of the sentence that states its value (by the whole sentence when no
fact states it as the item writes it); it is right when

- `agrees`: a listed seed is evidence that supports it, and the verdict is not `contradicted`;
- `contradicts`: a listed seed is evidence that contradicts it, and the verdict is `contradicted`
  or `disputed`.

    .venv/bin/python benchmarks/sco_dev_cite.py [--sco-dev ../shared/eval/sco-dev] [--verbose]

Prints one line per item with --verbose, then the accuracy for each relation and overall.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from scocheck.cite import cite
from scocheck.corpus import segment_sentences
from scocheck.index import open_index
from scocheck.judge import corpus_judge, read_sentences
from scocheck.mentions import vocabulary
from scocheck.project import open_project
from scocheck.verdicts import CiteVerdict, Stance

_WANTED = {"agrees": (Stance.SUPPORTS, {CiteVerdict.SUPPORTED, CiteVerdict.DISPUTED}),
           "contradicts": (Stance.CONTRADICTS, {CiteVerdict.CONTRADICTED, CiteVerdict.DISPUTED})}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sco-dev", type=Path, default=Path(__file__).resolve().parents[2] / "shared/eval/sco-dev")
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    items = yaml.safe_load((args.sco_dev / "expected.yaml").read_text(encoding="utf-8"))
    project = open_project(args.project / "claims", args.project / "corpus")
    index = open_index(project.config.root, project.sources, project.config.corpus / "sources.yaml")
    judge = corpus_judge(project, None, index.documents())
    vocab = vocabulary(project.registry)
    sentences = [_sentence_of(item, args.sco_dev) for item in items]
    read = [read_sentences([sentence], project.config.root)[0] for sentence in sentences]  # each on its own
    right, total, verdicts = Counter(), Counter(), Counter()
    for item, sentence, statements in zip(items, sentences, read):
        result = cite(sentence, vocab, index, judge, statements)
        stance, verdicts_wanted = _WANTED[item["relation"]]
        # the fact that states the item's value, where the sentence states others too
        fact = next((f for f in result.facts if f.value.canonical == str(item["value"])), result)
        ok = fact.verdict in verdicts_wanted and any(
            e.mention.source in item["seeds"] and e.stance == stance for e in fact.evidence)
        total[item["relation"]] += 1
        right[item["relation"]] += ok
        verdicts[result.verdict] += 1
        if args.verbose:
            found = ", ".join(sorted({f"{e.mention.source} {e.stance}" for e in result.evidence})) or "no evidence"
            print(f"{'RIGHT' if ok else 'WRONG'}  {item['id']}: {result.verdict}  ({found})")
    for relation in sorted(total):
        print(f"{relation}: {right[relation]}/{total[relation]} right")
    print(f"cite on sco-dev: {sum(right.values())}/{sum(total.values())} right "
          f"({sum(right.values()) / sum(total.values()):.0%}); verdicts {dict(sorted(verdicts.items()))}")
    return 0


def _sentence_of(item: dict, sco_dev: Path) -> str:
    """The document's sentences that hold the item's quote, whitespace collapsed."""
    text = " ".join((sco_dev / "docs" / f"{item['doc']}.txt").read_text(encoding="utf-8").split())
    quote = " ".join(item["quote"].split())
    start = text.find(quote)
    if start < 0:
        return quote
    end = start + len(quote)
    spans = [(a, b) for a, b in segment_sentences(text) if a < end and start < b]
    return text[spans[0][0]:spans[-1][1]] if spans else quote


if __name__ == "__main__":
    sys.exit(main())
