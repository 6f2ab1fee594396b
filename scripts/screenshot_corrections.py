"""The README's corrections screenshot: an event corrected, its form open.

    .venv/bin/python scripts/screenshot_corrections.py [--out docs/corrections.png]

Parses the seed articles into a temporary data folder, records two corrections there (a
date and a merge of two actor names, as an analyst would in the dashboard), starts the
dashboard on it, opens the corrected event and its *Correct this event* form.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts import browser_helpers as shot  # noqa: E402
from scripts.screenshot import seed_data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "corrections.png")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from timeline import curation as cu
    from timeline.export import read_events

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        folder = seed_data(Path(tmp))
        events = read_events(folder / "events.parquet")
        bombed = events[events["text"].str.startswith("NATO bombed Serbia")].iloc[0]
        log = cu.CorrectionLog(folder / cu.LOG_NAME)
        log.record(
            cu.SetDate(dt.date(1999, 3, 24), dt.date(1999, 6, 10), "day"),
            event=cu.anchor_of(bombed),
            author="ana",
            note="the air campaign ran from 24 March to 10 June 1999",
        )
        log.record(cu.MergeActors("Vucic", "Aleksandar Vucic"), author="ana")
        with shot.serve(folder) as url:
            browser = shot.launch(p)
            page = browser.new_page(viewport={"width": 1500, "height": 1900})
            # NATO's events (a link with the filter, as the dashboard writes them).
            page.goto(url + "?actor=NATO")
            shot.wait_for_chart(page)
            # Select the corrected event in the table (its row checkbox; rows by date).
            table = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
            table.wait_for(timeout=30_000)
            row_height = 35  # Streamlit's default row height, header included
            for row in range(1, 8):
                box = table.bounding_box()  # the details above move the table down
                page.mouse.click(box["x"] + 14, box["y"] + row_height * row + row_height / 2)
                heading = page.locator('[data-testid="stHeading"] h3').first
                heading.wait_for(timeout=30_000)
                page.wait_for_timeout(1500)
                if "24 Mar 1999" in heading.inner_text():
                    break
            else:
                raise SystemExit("the corrected event was not found in the table")
            page.locator('[data-testid="stExpander"] summary').filter(
                has_text="Correct this event"
            ).click()
            page.wait_for_timeout(1000)
            page.mouse.move(5, 5)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=True)
            browser.close()
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
