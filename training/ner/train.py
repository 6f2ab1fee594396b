"""Train the entity recogniser shipped in timeline/data/ner/ from CoNLL-2003 (`make model`).

    python training/ner/train.py [--conll ../shared/bench/conll2003] [--work DIR] [--out DIR]
                                 [--set training.max_steps=600 ...]

Converts train.txt and valid.txt (one "token ... TAG" line per token, IOB tags, blank lines
between sentences, -DOCSTART- between documents) to spaCy DocBin files in a scratch folder
(never the repository), trains with training/ner/config.cfg (fixed seed), and copies the
best model's files, and only those, into the package. Never run by the tests, CI or start-up.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("config.cfg")
OUT = ROOT / "timeline" / "data" / "ner"
# What the loader needs.
KEEP = ("config.cfg", "meta.json", "tokenizer", "ner", "vocab")


def keep_hyphenated_words() -> Callable[[Language], Language]:
    """A tokenizer that keeps "Wal-Mart", "Rolls-Royce", "A380-800" and "1996-08-22" whole, as
    news and CoNLL-2003 write them, and still splits dashes ("Paris--Berlin", "Kosovo—where").
    Stored with the model's tokenizer, so loading needs no code."""

    def before_init(nlp: Language) -> Language:
        from spacy.tokenizer import Tokenizer
        from spacy.util import compile_infix_regex

        infixes = []
        for rule in nlp.Defaults.infixes or ():
            rule = str(rule)
            rule = rule.replace("(?:-|–|—|--|---|——|~)", "(?:–|—|--|---|——|~)")
            rule = rule.replace("(?<=[0-9])[+\\-\\*^](?=[0-9-])", "(?<=[0-9])[+\\*^](?=[0-9])")
            infixes.append(rule)
        # spaCy types `Language.tokenizer` as any callable; a blank pipeline's is a Tokenizer.
        assert isinstance(nlp.tokenizer, Tokenizer)
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        return nlp

    return before_init


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents, each a list of sentences of (token, IOB tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sents: list[list[tuple[str, str]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sent:
                sents.append(sent)
                sent = []
            continue
        if parts[0] == "-DOCSTART-":
            if sent:
                sents.append(sent)
                sent = []
            if sents:
                docs.append(sents)
                sents = []
            continue
        sent.append((parts[0], parts[-1]))
    if sent:
        sents.append(sent)
    if sents:
        docs.append(sents)
    return docs


def to_docbin(src: Path, dest: Path) -> int:
    """Write src's documents as gold spaCy Docs (tokens joined by spaces); return their count.

    spaCy's corpus reader re-tokenises each text with the pipeline's tokenizer and aligns the
    gold tokens to it, so the model learns on the tokens it will see at run time.
    """
    import spacy
    from spacy.tokens import Doc, DocBin

    vocab = spacy.blank("en").vocab
    db = DocBin(store_user_data=False)
    docs = read_conll(src)
    for sents in docs:
        words = [w for s in sents for w, _ in s]
        tags = [t for s in sents for _, t in s]
        starts: list[bool | int | None] = [i == 0 for s in sents for i in range(len(s))]
        # IOB1 (I- may open an entity) to IOB2, which Doc(ents=...) reads.
        iob2: list[str] = []
        for i, tag in enumerate(tags):
            kind, _, typ = tag.partition("-")
            prev = tags[i - 1] if i and not starts[i] else "O"
            if kind == "I" and (prev == "O" or prev.partition("-")[2] != typ):
                tag = f"B-{typ}"
            iob2.append(tag)
        db.add(Doc(vocab, words=words, sent_starts=starts, ents=iob2))
    db.to_disk(dest)
    return len(docs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--conll", type=Path, default=ROOT.parent / "shared" / "bench" / "conll2003")
    ap.add_argument("--work", type=Path, help="scratch folder (default: a new temporary one)")
    ap.add_argument("--out", type=Path, default=OUT, help="where the model's files go")
    ap.add_argument("--config", type=Path, default=CONFIG)
    ap.add_argument("--set", action="append", default=[], help="config override KEY=VALUE")
    a = ap.parse_args()
    import spacy
    from spacy.cli.train import train

    spacy.registry.callbacks("timeline.keep_hyphenated_words.v1", func=keep_hyphenated_words)

    for name in ("train.txt", "valid.txt"):
        if not (a.conll / name).is_file():
            print(f"train: {a.conll / name} not found", file=sys.stderr)
            return 1
    work = a.work or Path(tempfile.mkdtemp(prefix="timeline-ner-"))
    work.mkdir(parents=True, exist_ok=True)
    n_train = to_docbin(a.conll / "train.txt", work / "train.spacy")
    n_dev = to_docbin(a.conll / "valid.txt", work / "dev.spacy")
    print(f"train: {n_train} training and {n_dev} development documents in {work}", flush=True)
    overrides: dict[str, object] = {
        "paths.train": str(work / "train.spacy"),
        "paths.dev": str(work / "dev.spacy"),
    }
    for item in a.set:
        key, _, value = item.partition("=")
        overrides[key] = int(value) if value.isdigit() else value
    t = time.perf_counter()
    train(a.config, work / "model", overrides=overrides)
    print(f"train: {time.perf_counter() - t:.0f} s", flush=True)
    best = work / "model" / "model-best"
    tmp = a.out.with_name(a.out.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    for rel in KEEP:
        src, dst = best / rel, tmp / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
    # The tokenizer's rules are stored with it: loading needs no training callback.
    cfg = tmp / "config.cfg"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            '[initialize.before_init]\n@callbacks = "timeline.keep_hyphenated_words.v1"\n', ""
        ),
        encoding="utf-8",
    )
    # Swap in the new model only once it is complete.
    shutil.rmtree(a.out, ignore_errors=True)
    tmp.rename(a.out)
    print(f"train: model written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
