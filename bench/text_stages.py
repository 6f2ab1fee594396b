"""Benchmark of the text stages: sentence splitting, actor extraction, article loading.

    python bench/text_stages.py [--data ../shared/bench/wikinews-trial] [--repeat 5]

On the Wikinews trial articles, prints:
- sentence splitting: how many of our sentences equal a sentence of the corpus's own split
  (`sentences.json`, ids >= 2: the body) and how many corpus sentences we reproduce;
  with `pysbd` importable (it is not a dependency), the same figures for it, for comparison;
- actors: for each target entity of `gold/`, the share of its dated gold sentences in which
  `timeline.entities.extract` finds a matching actor (with the reference scorer's own
  name matching) — the ceiling the events stage can reach;
- throughput in MB/s of `load_article`, `split_sentences` and `extract` (best of --repeat,
  start-up excluded), on the corpus and on the bundled seed articles.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timeline.article import Article, find_articles, load_article  # noqa: E402
from timeline.entities import extract  # noqa: E402
from timeline.sentences import split_sentences  # noqa: E402


def _norm(s: str) -> str:
    return " ".join(s.split())


def _scorer(corpus: Path) -> ModuleType:
    path = corpus.parent / "score_timeline.py"
    spec = importlib.util.spec_from_file_location("score_timeline", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _ours(article: Article) -> list[str]:
    return [article.text[s:e] for b in article.body for s, e in split_sentences(article.text, *b)]


def sentence_agreement(
    articles: list[Article], gold: dict, name: str, split: Callable[[Article], list[str]]
) -> None:
    ours_total = ours_good = gold_total = 0
    for a in articles:
        mine = [_norm(s) for s in split(a)]
        theirs = {_norm(v) for k, v in gold[a.id].items() if int(k) >= 2}
        ours_total += len(mine)
        ours_good += sum(s in theirs for s in mine)
        gold_total += len(theirs)
    print(
        f"sentences {name:8} {ours_good}/{ours_total} ours exact "
        f"({ours_good / ours_total:.1%}), {ours_good}/{gold_total} of the corpus's "
        f"({ours_good / gold_total:.1%})"
    )


def actor_recall(corpus: Path, articles: dict[str, Article], gold_sents: dict) -> None:
    scorer = _scorer(corpus)
    gold = scorer.load_gold(corpus / "gold")
    by_doc: dict[str, list[tuple[int | None, list]]] = {}
    for doc, a in articles.items():
        mentions = extract(a.text, a.body)
        rows = []
        for b in a.body:
            for s, e in split_sentences(a.text, *b):
                sid = scorer.best_sentence(a.text[s:e], gold_sents[doc])
                rows.append((sid, [m for m in mentions if s <= m.start < e and m.actor]))
        by_doc[doc] = rows
    hit_all = total_all = 0
    for label, entries in sorted(gold.items()):
        hit = total = 0
        for date, mentions in entries:
            if date.startswith("XXX"):
                continue
            for doc, sid in mentions:
                if doc not in by_doc:
                    continue
                total += 1
                hit += any(
                    s == sid and any(scorer.actor_matches(m.name, label) for m in ms)
                    for s, ms in by_doc[doc]
                )
        hit_all, total_all = hit_all + hit, total_all + total
        print(f"actors    {label:24} {hit:3}/{total:3} gold sentences with the actor found")
    print(f"actors    {'all':24} {hit_all:3}/{total_all:3} ({hit_all / total_all:.1%})")


def _best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def throughput(label: str, paths: list[Path], repeat: int) -> None:
    articles = [load_article(p) for p in paths]
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    extract("Serbia")  # warm-up: the gazetteer compiles once
    stages = {
        "load": lambda: [load_article(p) for p in paths],
        "split": lambda: [split_sentences(a.text, *b) for a in articles for b in a.body],
        "extract": lambda: [extract(a.text, a.body) for a in articles],
    }
    figures = []
    for name, fn in stages.items():
        best = _best(fn, repeat)
        figures.append(
            f"{name} {size / best / 1e6:.2f} MB/s ({best * 1e6 / (size / 1e3):.0f} µs/KB)"
        )
    print(f"speed     {label} ({size / 1e3:.1f} KB): " + "; ".join(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=ROOT.parent / "shared/bench/wikinews-trial",
        help="corpus folder with articles/, sentences.json and gold/",
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus: Path = args.data
    if not (corpus / "articles").is_dir():
        raise SystemExit(f"no articles/ folder in {corpus}")
    paths = find_articles([corpus / "articles"])
    articles = {p.stem: load_article(p) for p in paths}
    gold_sents = json.loads((corpus / "sentences.json").read_text(encoding="utf-8"))
    sentence_agreement(list(articles.values()), gold_sents, "ours", _ours)
    try:
        import pysbd  # type: ignore[import-not-found]
    except ImportError:
        print("sentences pysbd    (not installed: no comparison)")
    else:
        seg = pysbd.Segmenter(language="en", clean=False)

        def with_pysbd(a: Article) -> list[str]:
            return [s for b in a.body for s in seg.segment(a.text[b[0] : b[1]])]

        sentence_agreement(list(articles.values()), gold_sents, "pysbd", with_pysbd)
        body = [(a.text, b) for a in articles.values() for b in a.body]
        size = sum(len(a.text.encode("utf-8")) for a in articles.values())
        best = _best(lambda: [seg.segment(t[b[0] : b[1]]) for t, b in body], 2)
        print(f"speed     pysbd split {size / best / 1e6:.3f} MB/s")
    if (corpus / "gold").is_dir() and (corpus.parent / "score_timeline.py").exists():
        actor_recall(corpus, articles, gold_sents)
    throughput("wikinews", paths, args.repeat)
    seeds = find_articles([ROOT / "seeds"])
    if seeds:
        throughput("seeds", seeds, args.repeat)


if __name__ == "__main__":
    main()
