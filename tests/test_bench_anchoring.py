"""bench/anchoring.py reads gold event dates from TimeML links and judges ours against them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-14"
  functionInDocument="CREATION_TIME">2024-03-14</TIMEX3></DCT>
<TEXT>
Rebels <EVENT eid="e1" class="OCCURRENCE">attacked</EVENT> the town on
<TIMEX3 tid="t1" type="DATE" value="2024-03-11">Monday</TIMEX3>.
The mayor <EVENT eid="e2" class="REPORTING">said</EVENT> the town was calm.
Talks <EVENT eid="e3" class="OCCURRENCE">collapsed</EVENT> in
<TIMEX3 tid="t2" type="DATE" value="2023-Q4">the fourth quarter</TIMEX3>.
Fighting <EVENT eid="e4" class="OCCURRENCE">lasted</EVENT>
<TIMEX3 tid="t3" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="INCLUDES" timeID="t0" relatedToEventInstance="ei2" />
<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t2" />
<TLINK lid="l4" relType="DURING" eventInstanceID="ei4" relatedToTime="t3" />
<TLINK lid="l5" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0" />
</TimeML>
"""


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("anchoring", ROOT / "bench" / "anchoring.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["anchoring"] = module
    spec.loader.exec_module(module)
    return module


def test_gold_dates_come_from_inclusion_links_to_dates_and_the_dct(tmp_path: Path) -> None:
    anchoring = _module()
    path = tmp_path / "test1.tml"
    path.write_text(DOC, encoding="utf-8")
    doc = anchoring.parse_tml(path)
    gold = {g.word: (g.period.start, g.period.precision, g.source) for g in doc.events}
    assert gold == {
        "attacked": (dt.date(2024, 3, 11), "day", "Monday"),
        "said": (dt.date(2024, 3, 14), "day", "DCT"),  # the link written from the time's side
        "collapsed": (dt.date(2023, 10, 1), "quarter", "the fourth quarter"),
        # a DURATION gives no calendar date; BEFORE is not an anchoring link
    }


def test_periods_of_timex_values() -> None:
    anchoring = _module()
    assert anchoring.period("2024-W11").start == dt.date(2024, 3, 11)
    assert anchoring.period("1998-WI").end == dt.date(1999, 2, 28)
    assert anchoring.period("199").precision == "decade"
    assert anchoring.period("PRESENT_REF") is None


def test_judge_agreement_at_the_gold_granularity() -> None:
    anchoring = _module()
    quarter = anchoring.Period(dt.date(2023, 10, 1), dt.date(2023, 12, 31), "quarter")
    gold = anchoring.GoldEvent("d", 0, 1, "x", quarter, "q")
    assert anchoring.judge(gold, {"start": dt.date(2023, 11, 5), "precision": "day"}) == "right"
    assert anchoring.judge(gold, {"start": dt.date(2023, 1, 1), "precision": "year"}) == (
        "too early"
    )
    day = anchoring.GoldEvent(
        "d", 0, 1, "x", anchoring.Period(*[dt.date(2023, 1, 1)] * 2, "day"), ""
    )
    assert anchoring.judge(day, {"start": dt.date(2023, 1, 1), "precision": "year"}) == (
        "too coarse"
    )
    assert anchoring.judge(gold, {"start": None, "precision": None}) == "undated"
    assert anchoring.judge(gold, None) == "no clause"


def test_runs_on_any_timeml_folder(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(DOC, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "anchoring.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "3 gold-dated events" in out
    assert "accuracy on events we date" in out


def test_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "anchoring.py"), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "no .tml files" in done.stderr
