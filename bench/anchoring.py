"""Event-anchoring benchmark: do our events take the date TimeML's own links give them?

Gold, from the TLINKs of any TimeML corpus (TimeBank by default): every event instance linked
IS_INCLUDED, DURING, SIMULTANEOUS, BEGINS or ENDS to a DATE timex or to the document
creation time (DCT), or the inverse link from the timex (INCLUDES, DURING_INV, SIMULTANEOUS,
BEGUN_BY, ENDED_BY), has a gold date: that timex's calendar value at its granularity (day,
week, month, quarter, season, half, year, decade). An event with several such links takes the
finest. Timexes without a calendar value (PRESENT_REF, XXXX-10, P3Y) give no gold date.

Ours: `timeline.events.extract_events` on the document's plain text with the DCT as its
publication date; the event row whose clause holds the event word (the innermost one) is
ours. It agrees when its start falls inside the gold period and its precision is no coarser
than the gold's ("1998" does not agree with 1998-01-08).

Prints accuracy on the events we date, coverage (share of gold events we date at all), and the
errors by kind: by the rule that dated the event (`date_basis`) and by how it is off.

    python bench/anchoring.py                         # ../shared/bench/timebank
    python bench/anchoring.py DATA_DIR --errors 20    # any folder of .tml files; examples
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.article import Article  # noqa: E402
from timeline.events import extract_events  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "timebank"

# event -> time relations that put the event inside (or at an end of) the time
_EVENT_TO_TIME = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS"})
# the same links written from the time's side
_TIME_TO_EVENT = frozenset({"INCLUDES", "DURING_INV", "SIMULTANEOUS", "BEGUN_BY", "ENDED_BY"})
# finest first: how coarse each precision is
RANK = {
    "day": 0,
    "week": 1,
    "month": 2,
    "season": 3,
    "quarter": 3,
    "half": 4,
    "year": 5,
    "decade": 6,
    "century": 7,
}
_SEASON = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(frozen=True, slots=True)
class Period:
    start: dt.date
    end: dt.date
    precision: str


@dataclass(frozen=True, slots=True)
class GoldEvent:
    doc: str
    start: int
    end: int
    word: str
    period: Period
    source: str  # "DCT" or the timex's text


@dataclass(frozen=True, slots=True)
class Doc:
    doc_id: str
    dct: dt.date
    text: str
    events: tuple[GoldEvent, ...]


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def period(value: str) -> Period | None:
    """The calendar period of a TIMEX3 DATE value; None when it names none."""
    v = value.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", v):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Period(d, d, "day")
        if m := re.fullmatch(r"(\d{4})-W(\d\d)(?:-WE)?", v):
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Period(d, d + dt.timedelta(days=6), "week")
        if m := re.fullmatch(r"(\d{4})-(\d\d)", v):
            y, mo = int(m[1]), int(m[2])
            return Period(dt.date(y, mo, 1), _month_end(y, mo), "month")
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return Period(dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return Period(dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half")
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y, first = int(m[1]), _SEASON[m[2]]
            last_y, last_m = (y + 1, 2) if first == 12 else (y, first + 2)
            return Period(dt.date(y, first, 1), _month_end(last_y, last_m), "season")
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(m[1])
            return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        if m := re.fullmatch(r"(\d{3})", v):
            y = int(m[1]) * 10
            return Period(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "decade")
        if m := re.fullmatch(r"(\d{2})", v):
            y = int(m[1]) * 100
            return Period(dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "century")
    except ValueError:
        return None
    return None


def parse_tml(path: Path) -> Doc:
    """One TimeML document: its plain text (tags removed), DCT and gold-dated events."""
    root = ET.parse(path).getroot()
    doc_id = (root.findtext("DOCID") or "").strip() or path.stem
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None or not dct_el.get("value"):
        raise ValueError(f"{path}: no DCT TIMEX3 value")
    dct = dt.date.fromisoformat((dct_el.get("value") or "")[:10])
    dct_tid = dct_el.get("tid", "t0")
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no TEXT element")
    pieces: list[str] = []
    events: dict[str, tuple[int, int]] = {}
    timexes: dict[str, tuple[str, str, str]] = {}  # tid -> (type, value, text)
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            pieces.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if child.tag == "EVENT" and child.get("eid"):
                events[child.get("eid", "")] = (start, pos)
            elif child.tag == "TIMEX3" and child.get("tid"):
                words = "".join(child.itertext())
                timexes[child.get("tid", "")] = (
                    child.get("type", ""),
                    child.get("value", ""),
                    words,
                )
            if child.tail:
                pieces.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    text = "".join(pieces)
    instance = {mi.get("eiid", ""): mi.get("eventID", "") for mi in root.iter("MAKEINSTANCE")}
    best: dict[str, tuple[Period, str]] = {}
    for link in root.iter("TLINK"):
        rel = link.get("relType", "")
        if link.get("eventInstanceID") and link.get("relatedToTime") and rel in _EVENT_TO_TIME:
            eiid, tid = link.get("eventInstanceID", ""), link.get("relatedToTime", "")
        elif link.get("timeID") and link.get("relatedToEventInstance") and rel in _TIME_TO_EVENT:
            eiid, tid = link.get("relatedToEventInstance", ""), link.get("timeID", "")
        else:
            continue
        eid = instance.get(eiid)
        if eid not in events:
            continue
        if tid == dct_tid:
            gold: tuple[Period, str] | None = (Period(dct, dct, "day"), "DCT")
        elif tid in timexes and timexes[tid][0] == "DATE":
            p = period(timexes[tid][1])
            gold = (p, timexes[tid][2]) if p is not None else None
        else:
            gold = None
        if gold is None:
            continue
        old = best.get(eid)
        if old is None or RANK[gold[0].precision] < RANK[old[0].precision]:
            best[eid] = gold
    gold_events = tuple(
        GoldEvent(doc_id, s, e, text[s:e], best[eid][0], best[eid][1])
        for eid, (s, e) in sorted(events.items(), key=lambda kv: kv[1])
        if eid in best
    )
    return Doc(doc_id, dct, text, gold_events)


def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", text, re.S):
        spans.append((m.start(), m.end()))
    return tuple(spans)


def our_events(doc: Doc) -> list[dict[str, Any]]:
    article = Article(
        id=doc.doc_id,
        path=doc.doc_id,
        title="",
        published=doc.dct,
        text=doc.text,
        body=_paragraphs(doc.text),
    )
    return extract_events(article)


def _row_of(rows: list[dict[str, Any]], start: int) -> dict[str, Any] | None:
    """The innermost event row whose clause holds the character at `start`."""
    holding = [r for r in rows if r["char_start"] <= start < r["char_end"]]
    return min(holding, key=lambda r: r["char_end"] - r["char_start"]) if holding else None


def judge(gold: GoldEvent, row: dict[str, Any] | None) -> str:
    """ "right", "undated", "no clause", or how a dated event is off."""
    if row is None:
        return "no clause"
    start, precision = row["start"], row["precision"]
    if start is None or precision is None:
        return "undated"
    if not gold.period.start <= start <= gold.period.end:
        return "too early" if start < gold.period.start else "too late"
    if RANK.get(precision, 9) > RANK[gold.period.precision]:
        return "too coarse"
    return "right"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="folder of .tml files")
    ap.add_argument("--errors", type=int, default=0, help="list N wrong events in context")
    ap.add_argument("--basis", help="with --errors: only events dated by this date_basis")
    args = ap.parse_args()
    files = sorted(args.data.rglob("*.tml")) if args.data.is_dir() else []
    if not files:
        print(f"no .tml files under {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    verdicts: Counter[str] = Counter()
    by_basis: Counter[tuple[str, str]] = Counter()
    by_source: Counter[tuple[str, str]] = Counter()
    examples: list[str] = []
    n_gold = 0
    for path in files:
        try:
            doc = parse_tml(path)
        except (ET.ParseError, ValueError) as exc:
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
            continue
        rows = our_events(doc)
        for gold in doc.events:
            n_gold += 1
            row = _row_of(rows, gold.start)
            verdict = judge(gold, row)
            verdicts[verdict] += 1
            basis = row["date_basis"] if row is not None else "-"
            by_basis[(basis, verdict)] += 1
            by_source[("DCT" if gold.source == "DCT" else "timex", verdict)] += 1
            wanted = args.basis is None or basis == args.basis
            wrong = verdict not in ("right", "undated", "no clause")
            if wrong and wanted and len(examples) < args.errors:
                s = max(0, gold.start - 90)
                context = doc.text[s : gold.end + 40].replace("\n", " ")
                examples.append(
                    f"  {doc.doc_id} [{gold.word}] gold {gold.period.start}"
                    f"/{gold.period.precision} ({gold.source!r}) ours {row and row['start']}"
                    f"/{row and row['precision']} by {basis} "
                    f"({row and row['time_expression']!r}) {verdict}\n      ...{context}"
                )
    dated = n_gold - verdicts["undated"] - verdicts["no clause"]
    right = verdicts["right"]
    print(f"{args.data}: {len(files)} documents, {n_gold} gold-dated events")
    print(f"accuracy on events we date  {right / max(dated, 1):.3f}  ({right}/{dated})")
    print(f"coverage (we date them)     {dated / max(n_gold, 1):.3f}  ({dated}/{n_gold})")
    print(f"accuracy over all gold      {right / max(n_gold, 1):.3f}")
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in verdicts.most_common()))
    print("by date_basis (ours):")
    for basis in sorted({b for b, _ in by_basis}):
        cells = {v: c for (b, v), c in by_basis.items() if b == basis}
        total = sum(cells.values())
        detail = ", ".join(f"{v} {c}" for v, c in sorted(cells.items(), key=lambda x: -x[1]))
        print(f"  {basis:12} {total:5d}: {detail}")
    print("by gold anchor:")
    for src in ("DCT", "timex"):
        cells = {v: c for (s, v), c in by_source.items() if s == src}
        detail = ", ".join(f"{v} {c}" for v, c in sorted(cells.items(), key=lambda x: -x[1]))
        print(f"  {src:12} {sum(cells.values()):5d}: {detail}")
    print(f"time: {time.perf_counter() - t0:.1f} s")
    if examples:
        print("errors:")
        print("\n".join(examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
