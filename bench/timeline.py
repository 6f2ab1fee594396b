"""Benchmark of the parser: actor-timeline F1 on Wikinews and parsing throughput.

    python bench/timeline.py [--data ../shared/bench/wikinews-trial] [--repeat 3]

Parses every article of the corpus with `timeline.parse_paths`, writes the events table,
scores it with the corpus's reference scorer (`score_timeline.py`, found beside the corpus
folder) and prints the micro P/R/F1 beside the naive baseline's published 0.28: of `actors`
(who acted), and of actors and targets together (the gold timelines list an entity's events in
any role). Then times
the parse of the same articles (already read, start-up excluded) and prints MB/s, where the
time goes by stage (CPU time of each stage's own work, sub-stages excluded) and, in the same
run, the throughput of the naive pipeline the README's baseline describes (capitalised words
as actors, the first `dateparser.search.search_dates` hit of each sentence as its date).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.article import Article, load_article  # noqa: E402
from timeline.events import extract_events  # noqa: E402
from timeline.export import write_events  # noqa: E402
from timeline.pipeline import parse_paths  # noqa: E402
from timeline.schema import new_frame  # noqa: E402

NAIVE_F1 = 0.28  # ../shared/bench/README.md: capitalised words + first search_dates hit


def _scorer(corpus: Path) -> ModuleType:
    path = corpus.parent / "score_timeline.py"
    if not path.exists():
        raise SystemExit(f"no reference scorer at {path}")
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location("score_timeline", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def accuracy(corpus: Path, verbose: bool) -> float:
    result = parse_paths([corpus / "articles"])
    scorer = _scorer(corpus)
    # The gold timelines annotate body sentences only (no entry is in sentence 0, the title):
    # headline events are left out of the score rather than counted as errors.
    headline = result.frame["sentence"] == result.frame["source"]
    frame = result.frame[~headline]
    # SemEval-2015 TimeLine entities are the events' participants in any role; the headline
    # figure scores `actors` (who acted), the second line actors and targets together.
    either = frame.assign(
        actors=[[*a, *t] for a, t in zip(frame.actors, frame.targets, strict=True)]
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "events.csv"
        write_events(frame, out)
        tp, fp, fn = scorer.score(corpus, out, verbose)
        write_events(either, out)
        both = scorer.prf(*scorer.score(corpus, out, False))
        # The whole parse as `timeline parse` writes it, headline events included: what the
        # reference scorer gives on the command's own output.
        write_events(result.frame, out)
        whole = scorer.prf(*scorer.score(corpus, out, False))
    p, r, f1 = scorer.prf(tp, fp, fn)
    print(
        f"corpus: {corpus} ({result.articles} articles, {len(result.frame)} events, "
        f"{result.undated} undated; {int(headline.sum())} headline events not scored)"
    )
    print(f"actor-timeline  P={p:.3f} R={r:.3f} F1={f1:.3f}  (tp={tp} fp={fp} fn={fn})")
    print(
        f"actors+targets  P={both[0]:.3f} R={both[1]:.3f} F1={both[2]:.3f}  "
        "(who acted or was targeted)"
    )
    print(
        f"whole parse     P={whole[0]:.3f} R={whole[1]:.3f} F1={whole[2]:.3f}  "
        "(actors, headline events counted: the reference scorer on `timeline parse` output)"
    )
    print(f"naive baseline  F1={NAIVE_F1:.2f}   ratio {f1 / NAIVE_F1:.2f}x")
    return f1


def _parse(articles: list[Article]) -> None:
    new_frame([row for article in articles for row in extract_events(article)])


def throughput(paths: list[Path], repeat: int) -> tuple[list[Article], float]:
    """Articles already read; times events extraction and the one frame built from them."""
    articles = [load_article(p) for p in paths]
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    new_frame(extract_events(articles[0]))  # warm-up: lexicons and gazetteer load once
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        _parse(articles)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    # CPU time is the steadier figure on a shared machine; wall-clock is what a user waits.
    mb_s = size / min(cpu) / 1e6
    print(
        f"throughput: {size / 1e3:.1f} KB; best of {repeat}: {min(wall) * 1e3:.1f} ms wall "
        f"= {size / min(wall) / 1e6:.2f} MB/s, {min(cpu) * 1e3:.1f} ms CPU = {mb_s:.2f} MB/s "
        "(one process, start-up excluded)"
    )
    return articles, mb_s


# The stages timed, outermost first: (name, "module:attribute") of the function or class the
# parse calls (as the calling module imported it). A stage's figure is its own CPU time, the
# time of the stages it calls excluded; a target missing after a refactor is reported, not
# timed.
STAGES = (
    ("sentences", "timeline.events:split_sentences"),
    ("entities (rules, aliases, references)", "timeline.events:extract"),
    ("recogniser (timeline.ner, spaCy)", "timeline.entities:find_many"),
    ("dates", "timeline.events:Dater"),
    ("roles", "timeline._participants:assign"),
    ("frame", f"{__name__}:new_frame"),
)


class _Clock:
    """Exclusive CPU time per stage: a stage's time excludes the stages it calls."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {}
        self.stack: list[list[float]] = []  # [start, time spent in sub-stages]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.stack.append([time.process_time(), 0.0])
        try:
            yield
        finally:
            start, inner = self.stack.pop()
            spent = time.process_time() - start
            self.own[name] = self.own.get(name, 0.0) + spent - inner
            if self.stack:
                self.stack[-1][1] += spent

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                result = func(*args, **kwargs)
                # a generator's work happens as it is read: read it inside the stage
                return iter(list(result)) if isinstance(result, Iterator) else result

        return timed


def _patch(clock: _Clock) -> tuple[list[Callable[[], None]], list[str]]:
    """Wrap every stage's target (a class: its methods); the undo functions and what is
    missing."""
    undo: list[Callable[[], None]] = []
    missing = []
    for name, target in STAGES:
        module_name, _, attr = target.partition(":")
        module = sys.modules[__name__] if module_name == __name__ else None
        if module is None:
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                module = None
        obj = getattr(module, attr, None) if module is not None else None
        if obj is None:
            missing.append(f"{name} ({target})")
            continue
        if isinstance(obj, type):
            for meth, func in list(vars(obj).items()):
                if callable(func) and (meth == "__init__" or not meth.startswith("_")):
                    setattr(obj, meth, clock.wrap(name, func))
                    undo.append(partial(setattr, obj, meth, func))
        else:
            setattr(module, attr, clock.wrap(name, obj))
            undo.append(partial(setattr, module, attr, obj))
    return undo, missing


def breakdown(articles: list[Article], repeat: int) -> None:
    """CPU time of each stage in the parse of `articles` (best of `repeat` runs)."""
    best: dict[str, float] | None = None
    total_best = float("inf")
    clock = _Clock()
    undo, missing = _patch(clock)
    try:
        for _ in range(repeat):
            clock.own = {}
            with clock.stage("events (clauses, event types, rows)"):
                _parse(articles)
            total = sum(clock.own.values())
            if total < total_best:
                total_best, best = total, dict(clock.own)
    finally:
        for u in reversed(undo):
            u()
    assert best is not None
    print(f"where the time goes ({total_best * 1e3:.0f} ms CPU, timers included):")
    for name, spent in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"  {name:40s} {spent * 1e3:7.1f} ms  {spent / total_best:5.1%}")
    for name in missing:
        print(f"  {name}: not found (renamed?), counted in its caller")


_NAIVE_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_CAPITALISED = re.compile(r"\b[A-Z][\w-]+(?: [A-Z][\w-]+)*")


def naive(articles: list[Article], repeat: int) -> float:
    """MB/s (CPU) of the naive pipeline: each sentence's capitalised words as actors and the
    first `search_dates` hit (relative to the publication day, past preferred) as its date."""
    from dateparser.search import search_dates

    size = sum(len(a.text.encode("utf-8")) for a in articles)

    def run() -> None:
        for article in articles:
            base = dt.datetime.combine(article.published or dt.date.today(), dt.time())
            settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
            for sentence in _NAIVE_SENTENCE.split(article.text):
                _CAPITALISED.findall(sentence)
                search_dates(sentence, languages=["en"], settings=settings)

    run()  # warm-up: dateparser loads its language data once
    cpu = []
    for _ in range(repeat):
        c0 = time.process_time()
        run()
        cpu.append(time.process_time() - c0)
    mb_s = size / min(cpu) / 1e6
    print(f"naive pipeline (capitalised words + search_dates): {mb_s:.2f} MB/s CPU")
    return mb_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=ROOT.parent / "shared/bench/wikinews-trial",
        help="corpus folder with articles/, sentences.json and gold/",
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="figures per target entity")
    args = parser.parse_args()
    if not (args.data / "articles").is_dir():
        raise SystemExit(f"{args.data}: no articles/ folder; pass --data CORPUS_DIR")
    accuracy(args.data, args.verbose)
    paths = sorted((args.data / "articles").glob("*.txt")) + sorted((ROOT / "seeds").glob("*"))
    articles, mb_s = throughput(paths, args.repeat)
    naive_mb_s = naive(articles, args.repeat)
    print(f"ratio to the naive pipeline: {mb_s / naive_mb_s:.2f}x (same run, CPU)")
    breakdown(articles, args.repeat)


if __name__ == "__main__":
    main()
