"""Benchmark of the entity recogniser on CoNLL-2003-style news (PER, ORG, LOC, MISC).

    python bench/entities.py [DATA] [--ruler after,before,none] [--scorer PATH]

DATA defaults to ../shared/bench/conll2003/valid.txt. For each placement of the gazetteer's
matches (`timeline.ner` docstring: after the recogniser, before it as spaCy's entity ruler, or
none), prints per-type P/R/F1, the micro F1 of all four types and of PER+ORG+LOC (the
headline figure), with the reference scorer's own reading of the corpus, type mapping and
exact-span measure (../shared/bench/score_entities.py, imported, not copied), and the
throughput of `timeline.ner.find_many` in KB of text per second (best of --repeat, one
process, model loading excluded).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.ner import find_many, model  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
TYPES = ("PER", "ORG", "LOC", "MISC")


def _scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_entities", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"entities: cannot import the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", type=Path, default=SHARED / "conll2003" / "valid.txt")
    ap.add_argument("--scorer", type=Path, default=SHARED / "score_entities.py")
    ap.add_argument("--ruler", default="after,before,none", help="placements to measure")
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    scorer = _scorer(a.scorer)
    docs = scorer.read_conll(a.data)
    texts = [text for text, _ in docs]
    size_kb = sum(len(t.encode()) for t in texts) / 1e3
    print(f"data: {a.data} ({len(docs)} documents, {size_kb:.0f} KB)")
    for ruler in a.ruler.split(","):
        model(ruler)  # start-up excluded from the throughput
        best_cpu = best_wall = float("inf")
        predicted: list[list] = []
        for _ in range(a.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            predicted = list(find_many(texts, ruler))
            best_wall = min(best_wall, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        counts = {t: [0, 0, 0] for t in TYPES}
        for (_, gold), found in zip(docs, predicted, strict=True):
            sys_ = {(e.start, e.end, scorer.MAP[e.type]) for e in found if e.type in scorer.MAP}
            for typ, c in counts.items():
                g = {s for s in gold if s[2] == typ}
                s = {x for x in sys_ if x[2] == typ}
                c[0] += len(g & s)
                c[1] += len(s - g)
                c[2] += len(g - s)
        print(f"\nruler {ruler}:")
        for typ, (tp, fp, fn) in counts.items():
            p, r, f = scorer.prf(tp, fp, fn)
            print(f"  {typ:5s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})")
        all4 = scorer.prf(*[sum(c[k] for c in counts.values()) for k in range(3)])
        pol = scorer.prf(*[sum(counts[t][k] for t in TYPES[:3]) for k in range(3)])
        print(
            f"  all four F1 {all4[2]:.3f}; PER+ORG+LOC P {pol[0]:.3f} R {pol[1]:.3f} "
            f"F1 {pol[2]:.3f}"
        )
        print(
            f"  throughput: {size_kb / best_cpu:.0f} KB/s CPU, {size_kb / best_wall:.0f} KB/s "
            f"wall (best of {a.repeat}, one process, model loading excluded)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
