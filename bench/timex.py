"""TimeBank benchmark of the time-expression tagger against the dateparser baseline.

Prints strict/relaxed P/R/F1 and value F1 of `timeline.dates.tag` and of
`dateparser.search.search_dates` (the scorer's own "dateparser" system), the throughput of
each on the same texts in the same run, and saves our output in the format
`score_timex.py --system file:OUT.json` scores.

    python bench/timex.py                                   # default data ../shared/bench/timebank
    python bench/timex.py --data ../shared/bench/timebank --out /tmp/timex.json
    python bench/timex.py --no-baseline --errors 30         # quick iteration: our errors only
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.dates import tag  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "timebank"


def load_scorer(data: Path) -> ModuleType:
    """The reference scorer that ships beside the data (`score_timex.py`)."""
    for folder in (data, *data.parents):
        path = folder / "score_timex.py"
        if path.is_file():
            spec = importlib.util.spec_from_file_location("score_timex", path)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    raise SystemExit(f"score_timex.py not found next to {data}")


def ours(doc: Any) -> list[tuple[int, int, str]]:  # a document of the reference scorer
    return [(t.start, t.end, t.value) for t in tag(doc.text, doc.dct)]


def run(
    system: Callable[[Any], list[tuple[int, int, str]]], docs: list[Any], runs: int
) -> tuple[dict[str, list[tuple[int, int, str]]], float, float]:
    """Tag every document `runs` times; the output, the median wall time and the best CPU
    time (the steadier figure on a shared machine)."""
    times: list[float] = []
    cpu: list[float] = []
    out: dict[str, list[tuple[int, int, str]]] = {}
    for _ in range(max(1, runs)):
        out = {}
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            out[d.doc_id] = system(d)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return out, statistics.median(times), min(cpu)


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of TimeBank .tml files")
    ap.add_argument("--out", type=Path, help="save our output {doc_id: [[start, end, value]]} here")
    ap.add_argument("--runs", type=int, default=3, help="timing runs of our tagger (median)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the slow dateparser baseline")
    ap.add_argument("--errors", type=int, default=0, help="show our N most common errors")
    ap.add_argument(
        "--context", action="store_true", help="with --errors: list each error in context"
    )
    ap.add_argument(
        "--families", action="store_true", help="count our errors by family, one example each"
    )
    args = ap.parse_args()

    data = args.data if args.data.is_absolute() else (Path.cwd() / args.data)
    if not data.exists():
        raise SystemExit(f"no benchmark data at {data}")
    scorer = load_scorer(data.resolve())
    docs = scorer.load_corpus(str(data), "TimeBank")
    kb = sum(len(d.text.encode("utf-8")) for d in docs) / 1024
    warm = scorer.Doc("warmup", dt.date(1998, 2, 6), "It met on Friday, Feb. 6, 1998.", [], [])

    systems = [("timeline.dates", ours, args.runs)]
    if not args.no_baseline:
        baseline, _info = scorer.make_system("dateparser")
        systems.append(("dateparser search_dates", baseline, 1))

    results = {}
    for name, fn, runs in systems:
        fn(warm)
        out, secs, cpu = run(fn, docs, runs)
        metrics, errors = scorer.score(docs, out)
        results[name] = (out, secs, metrics, errors, cpu)

    print(
        f"TimeBank: {len(docs)} documents, {kb:.1f} KB, {results['timeline.dates'][2]['gold']} gold"
    )
    names = list(results)
    print(f"{'':16}" + "".join(f"{n:>28}" for n in names))
    for label, key in (("strict", "strict"), ("relaxed", "relaxed"), ("value", "value")):
        row = []
        for n in names:
            m = results[n][2]
            row.append(f"P {pct(m[key + '_P'])} R {pct(m[key + '_R'])} F {pct(m[key + '_F1'])}")
        print(f"{label:16}" + "".join(f"{r:>28}" for r in row))
    speeds = {n: kb / results[n][1] for n in names}
    print(f"{'KB/s (wall)':16}" + "".join(f"{speeds[n]:>28.1f}" for n in names))
    cpu_speeds = {n: kb / 1024 / results[n][4] for n in names}
    print(f"{'MB/s (CPU)':16}" + "".join(f"{cpu_speeds[n]:>28.2f}" for n in names))
    if len(names) == 2:
        print(f"speed ratio (ours / baseline): {speeds[names[0]] / speeds[names[1]]:.1f}x")

    out, _, metrics, errors, _ = results["timeline.dates"]
    if args.out:
        args.out.write_text(
            json.dumps({"system": "timeline.dates", "corpus": "TimeBank", "output": out})
        )
        print(
            f"saved our output to {args.out} "
            f"(check: score_timex.py --system file:{args.out} --data {args.data})"
        )
    if args.errors:
        n = args.errors
        print(f"\nfalse positives (top {n}):")
        for key, c in errors["fp"].most_common(n):
            print(f"  {c:4d} {key!r} {dict(errors['fp_vals'][key].most_common(2))}")
        print(f"misses (top {n}):")
        for key, c in errors["fn"].most_common(n):
            print(f"  {c:4d} {key!r} {dict(errors['fn_vals'][key].most_common(2))}")
        print(f"value errors (top {n}):")
        for (key, gv, skey, sv), c in errors["val_err"].most_common(n):
            print(f"  {c:4d} {key!r}={gv} | {skey!r}={sv}")
        if args.context:
            print("\nstrict span mismatches:")
            for d in docs:
                sys_spans = {(s, e) for s, e, _ in out[d.doc_id]}
                gold_spans = {(s, e) for s, e, _, _ in d.gold}
                for s, e, _, v in d.gold:
                    if (s, e) not in sys_spans:
                        near = [d.text[a:b] for a, b in sys_spans if a < e and s < b]
                        print(
                            f"  {d.doc_id} gold {d.text[s:e]!r} ({v}) ours {near} "
                            f"| ...{d.text[max(0, s - 50) : e + 30]!r}"
                        )
                for s, e, v in out[d.doc_id]:
                    if (s, e) not in gold_spans and not any(a < e and s < b for a, b in gold_spans):
                        print(
                            f"  {d.doc_id} FP {d.text[s:e]!r} ({v}) "
                            f"| ...{d.text[max(0, s - 50) : e + 30]!r}"
                        )
    if args.families:
        print_families(errors)
    return 0


_CAL = re.compile(r"^\d{2,4}(?:X|-W\d\d(?:-WE)?|-Q\d|-H\d|-[A-Z]{2}|-\d\d(?:-\d\d(?:T.*)?)?)?$")


def _shape(v: str) -> str:
    """The kind of a TIMEX3 value: ref, duration, set-like, calendar point or other."""
    if v.endswith("_REF"):
        return "ref"
    if v.startswith("P"):
        return "duration"
    if v.startswith("XXXX"):
        return "underspecified"
    return "point" if _CAL.match(v) else "other"


def _granularity(v: str) -> str:
    for pat, name in (
        (r"T", "time"),
        (r"-W\d\d-WE$", "weekend"),
        (r"-W", "week"),
        (r"-Q", "quarter"),
        (r"-H", "half"),
        (r"-[A-Z]{2}$", "season"),
        (r"^\d{4}-\d\d-\d\d$", "day"),
        (r"^\d{4}-\d\d$", "month"),
        (r"^\d{4}$", "year"),
        (r"^\d{3}X?$", "decade"),
        (r"^\d\dX*$", "century"),
    ):
        if re.search(pat, v):
            return name
    return "other"


def value_family(gold: str, ours: str) -> str:
    """The family of a value error, read off the two values (no phrase or document)."""
    g, o = _shape(gold), _shape(ours)
    if "WXX" in gold or gold.endswith("QX") or gold.endswith("XX-XX"):
        return "gold leaves part unspecified (WXX, QX, XX-XX)"
    if g == o == "point":
        if _granularity(gold) != _granularity(ours):
            return "granularity (year vs quarter vs day, day vs week)"
        return "same granularity, other period (direction, anchoring, fiscal numbering)"
    if "ref" in (g, o):
        return "vague reference vs vague duration (PAST_REF vs PXY)"
    if g == o == "duration":
        return "duration unit or amount (PXE vs PXCE, P2L vs P2000Y)"
    if "duration" in (g, o):
        return "duration vs point in time ('two years ago' as P2Y)"
    return "other"


def print_families(errors: dict[str, Any]) -> None:
    """Our errors grouped by family, with counts and one example each."""
    fams: dict[str, list[str]] = {}
    for (key, gv, skey, sv), c in errors["val_err"].items():
        fams.setdefault("value: " + value_family(gv, sv), []).extend(
            [f"{skey!r}={sv}, gold {key!r}={gv}"] * c
        )
    for name, counter, vals in (("false positive", "fp", "fp_vals"), ("miss", "fn", "fn_vals")):
        for key, c in errors[counter].items():
            v = errors[vals][key].most_common(1)[0][0]
            fams.setdefault(f"{name}: {_shape(v)}", []).extend([f"{key!r}={v}"] * c)
    print("\nerrors by family:")
    for fam, items in sorted(fams.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(items):4d} {fam:70} e.g. {items[0]}")


if __name__ == "__main__":
    sys.exit(main())
