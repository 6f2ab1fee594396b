"""Take docs/views.png: the dashboard's intensity, network, map and summary views side by
side, in a real browser.

    .venv/bin/python scripts/screenshot_views.py [--events N] [--out docs/views.png]

The bundled story is two articles, too few to show what these views are for, so the
picture is of N synthetic events (bench/_synthetic.py: real actor and country names,
made-up sentences), written to a temporary data folder (data/ is left alone). Each view is
opened by its link (?view=…) in /usr/bin/chromium through playwright, its chart cut out,
and the four are put in a 2 x 2 grid. With `--phone`, the timeline and the four views at a
phone's width (390 CSS px), side by side in one row (docs/phone.png).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIEWS = ("intensity", "network", "map", "summary")
# JavaScript: whether the page's chart is `view` (laid out for a phone when `narrow`; the
# phone layout has 4 px side margins, timeline.screen).
DRAWN_JS = """([view, narrow]) => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd.layout) return false;
    const shown = (gd.layout.meta || {}).view || 'timeline';
    return shown === view && (!narrow || (gd.layout.margin || {}).l === 4);
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "views.png")
    parser.add_argument("--events", type=int, default=3000)
    parser.add_argument(
        "--phone", action="store_true", help="At 390 px, with the timeline, in one row."
    )
    args = parser.parse_args()
    if args.phone and args.out == ROOT / "docs" / "views.png":
        args.out = ROOT / "docs" / "phone.png"
    views = ("timeline", *VIEWS) if args.phone else VIEWS

    sys.path.insert(0, str(ROOT))
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from bench._synthetic import synthetic_events
    from scripts import browser_helpers as shot
    from timeline.export import write_events

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        folder = Path(tmp) / "data"
        write_events(synthetic_events(args.events), folder / "events.parquet")
        tiles = []
        with shot.serve(folder) as url:
            browser = shot.launch(p)
            if args.phone:
                # A phone's width; taller than a phone, so that the summary fits whole.
                tall = {"width": shot.PHONE["viewport"]["width"], "height": 1200}
                page = browser.new_page(**shot.PHONE | {"viewport": tall, "device_scale_factor": 2})
            else:
                page = browser.new_page(viewport={"width": 1300, "height": 1200})
            for view in views:
                page.goto(f"{url}?view={view}" if view != "timeline" else url)
                page.wait_for_function(DRAWN_JS, arg=[view, args.phone], timeout=180_000)
                page.wait_for_timeout(1500)
                page.mouse.move(2, 2)
                # Streamlit's bar at the top would cover a chart taller than the window.
                page.add_style_tag(content='[data-testid="stHeader"] {display: none !important}')
                path = Path(tmp) / f"{view}.png"
                page.locator('[data-testid="stPlotlyChart"]').first.screenshot(path=str(path))
                tiles.append(Image.open(path).convert("RGB"))
            browser.close()
        width = max(t.width for t in tiles)
        height = max(t.height for t in tiles)
        columns = len(tiles) if args.phone else 2
        rows = -(-len(tiles) // columns)
        grid = Image.new("RGB", (columns * width, rows * height), "white")
        for i, tile in enumerate(tiles):
            grid.paste(tile, ((i % columns) * width, (i // columns) * height))
        grid = grid.resize((grid.width // 2, grid.height // 2), Image.Resampling.LANCZOS)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        grid.save(args.out, optimize=True)
    print(f"{', '.join(views)} of {args.events:,} synthetic events -> {args.out}")


if __name__ == "__main__":
    main()
