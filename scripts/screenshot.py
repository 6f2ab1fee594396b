"""Take docs/screenshot.png: the dashboard on the bundled seed articles, in a real browser.

    .venv/bin/python scripts/screenshot.py [--out docs/screenshot.png]

Starts `streamlit run dashboard.py` on a free port with the seeds' events (parsed into a
temporary data folder, so data/ is left alone), opens it in /usr/bin/chromium through
the playwright package (never `playwright install`), selects an event so that its
details show, and saves a full-page screenshot (helpers: scripts/browser_helpers.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.browser_helpers import (  # noqa: E402
    click_marker,
    launch,
    pick_actor,
    serve,
    wait_for_chart,
)


def seed_data(folder: Path) -> Path:
    """The seed articles' events, parsed into `folder`/events.parquet."""
    from timeline.export import write_events
    from timeline.pipeline import parse_paths

    result = parse_paths([ROOT / "seeds"])
    write_events(result.frame, folder / "events.parquet")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--actor", default=None, help="Filter by this actor first.")
    parser.add_argument("--event", type=int, default=0, help="Which marker to click (0, 1...).")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory() as tmp,
        serve(seed_data(Path(tmp))) as url,
        sync_playwright() as p,
    ):
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1500, "height": 1900})
        page.goto(url)
        ids = wait_for_chart(page)
        if args.actor:
            pick_actor(page, args.actor)
            page.wait_for_timeout(1500)
            ids = wait_for_chart(page)
        # Open the details of one event, as a user would: click its marker.
        click_marker(page, args.event)
        page.wait_for_selector('[data-testid="stHeading"] h3', timeout=30_000)
        page.mouse.move(5, 5)  # no hover box over the picture
        page.wait_for_timeout(2000)
        # The click scrolled the details into view: back to the top, title and views.
        page.evaluate(
            """() => { for (const el of [document.scrollingElement,
                    document.querySelector('[data-testid="stMain"]'),
                    document.querySelector('[data-testid="stAppViewContainer"]')])
                if (el) el.scrollTop = 0; }"""
        )
        page.wait_for_timeout(1000)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"{len(ids)} markers on the chart -> {args.out}")


if __name__ == "__main__":
    main()
