"""Hostile input stays cheap: time per MB of the whole parse for each adversarial family.

    python bench/adversarial.py [--base 131072] [--repeat 2] [--family NAME ...]

For each family of `bench/_adversarial.py` (deep HTML, thousands of quotes, a line without a
sentence end, runs of capitals, digits and dates, brackets, deep lists...), an article of
1x, 4x and 16x `--base` bytes is loaded and parsed into events (`article_from_bytes` then
`extract_events`, as the CLI, the corpus workers and the dashboard do). Prints the seconds,
the seconds per MB at each size and the ratio of the times 16x / 1x: a linear parse gives
about 16, a quadratic one about 256. The target is a ratio of at most 20 for every family;
the exit status is 1 if a family misses it. Times are CPU seconds of this process: on a shared
machine, wall time counts the other processes' turns too. 1x is 128 KB by default: below
about 100 KB of text the parse has not yet made enough objects for Python's collector to run
a full collection, so the cost per MB of smaller inputs is lower than the steady one (with
the collector off, 64 KB, 256 KB and 1 MB of quoted names cost 1.09, 0.99 and 1.26 s/MB).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._adversarial import FAMILIES, generate  # noqa: E402
from timeline.article import ArticleError, article_from_bytes  # noqa: E402
from timeline.events import extract_events  # noqa: E402

SCALES = (1, 4, 16)
TARGET = 20.0


def _parse_seconds(name: str, data: bytes, repeat: int) -> tuple[float, str]:
    """Best time of `repeat` whole parses, and what came out (events or the error)."""
    best = float("inf")
    outcome = ""
    for _ in range(repeat):
        gc.collect()
        started = time.process_time()
        try:
            events = extract_events(article_from_bytes(data, name=name))
            outcome = f"{len(events)} events"
        except ArticleError as exc:
            outcome = f"error: {str(exc)[:50]}"
        best = min(best, time.process_time() - started)
    return best, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--base", type=int, default=128 * 1024, help="bytes at 1x")
    parser.add_argument("--repeat", type=int, default=2, help="best of N parses per size")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES))
    args = parser.parse_args()
    families = args.family or list(FAMILIES)

    # warm up: tables, models and regexes are built on first use
    extract_events(article_from_bytes(generate("dated_sentences", 4096)[1], name="warm.txt"))

    print(
        f"whole parse (load + events), CPU seconds, base {args.base / 1024:.0f} KB, "
        f"best of {args.repeat}"
    )
    head = f"{'family':<16}" + "".join(f"{f'{s}x s':>9}{f'{s}x s/MB':>10}" for s in SCALES)
    print(head + f"{'16x/1x':>8}  result at 16x")
    worst = 0.0
    failed = []
    for family in families:
        cells = []
        times = []
        outcome = ""
        for scale in SCALES:
            name, data = generate(family, args.base * scale)
            seconds, outcome = _parse_seconds(name, data, args.repeat)
            times.append(seconds)
            cells.append(f"{seconds:9.2f}{seconds / (len(data) / 1e6):10.2f}")
        ratio = times[-1] / max(times[0], 1e-6)
        worst = max(worst, ratio)
        if ratio > TARGET:
            failed.append(family)
        print(f"{family:<16}" + "".join(cells) + f"{ratio:8.1f}  {outcome}", flush=True)
    print(f"worst ratio 16x/1x: {worst:.1f} (target <= {TARGET:.0f})")
    if failed:
        print(f"over target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
