"""Benchmark of the parser: actor-timeline F1 on Wikinews and parsing throughput.

    python bench/timeline.py [--data ../shared/bench/wikinews-trial] [--repeat 3]

Parses every article of the corpus with `timeline.parse_paths`, writes the events table,
scores it with the corpus's reference scorer (`score_timeline.py`, found beside the corpus
folder) and prints the micro P/R/F1 beside the naive baseline's published 0.28: of `actors`
(who acted), and of actors and targets together (the gold timelines list an entity's events in
any role). Then times
the parse of the same articles (already read, start-up excluded) and prints MB/s, and the CPU
time of each stage of the pipeline (`timeline.events.STAGES`).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.article import Article, load_article  # noqa: E402
from timeline.document import Document  # noqa: E402
from timeline.events import STAGES, extract_events  # noqa: E402
from timeline.export import write_events  # noqa: E402
from timeline.pipeline import parse_paths  # noqa: E402
from timeline.schema import new_frame  # noqa: E402

NAIVE_F1 = 0.28  # ../shared/bench/README.md: capitalised words + first search_dates hit


def _scorer(corpus: Path):  # type: ignore[no-untyped-def]
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


def throughput(paths: list[Path], repeat: int) -> float:
    """Articles already read; times events extraction and the one frame built from them."""
    articles = [load_article(p) for p in paths]
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    new_frame(extract_events(articles[0]))  # warm-up: lexicons and gazetteer load once
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        new_frame([row for article in articles for row in extract_events(article)])
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    # CPU time is the steadier figure on a shared machine; wall-clock is what a user waits.
    mb_s = size / min(cpu) / 1e6
    print(
        f"throughput: {size / 1e3:.1f} KB; best of {repeat}: {min(wall) * 1e3:.1f} ms wall "
        f"= {size / min(wall) / 1e6:.2f} MB/s, {min(cpu) * 1e3:.1f} ms CPU = {mb_s:.2f} MB/s "
        "(one process, start-up excluded)"
    )
    stage_times(articles)
    return mb_s


def stage_times(articles: list[Article]) -> None:
    """Where the time goes: CPU per stage of the pipeline over the same articles."""
    spent = dict.fromkeys((stage.name for stage in STAGES), 0.0)
    for article in articles:
        doc = Document(article)
        for stage in STAGES:
            c0 = time.process_time()
            stage.run(doc)
            spent[stage.name] += time.process_time() - c0
    total = sum(spent.values())
    shares = ", ".join(f"{name} {t * 1e3:.0f} ms ({t / total:.0%})" for name, t in spent.items())
    print(f"per stage (CPU, one pass): {shares}")


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
    throughput(paths, args.repeat)


if __name__ == "__main__":
    main()
