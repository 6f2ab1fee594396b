"""The new views in a real browser at desktop width, with every request outside localhost
blocked: the map (and every other view) must draw from what the server sends."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import urlparse

import pytest

from timeline.export import write_events

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (install it: make chromium)"
    ),
]

# The page's plotly figure: how many traces, and the names of the map's filled shapes.
FIGURE_JS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd._fullLayout) return null;
    const fills = Array.from(gd.querySelectorAll('.scatterlayer .js-fill'))
        .map(p => p.getBoundingClientRect())
        .filter(r => r.width > 0 && r.height > 0);
    return {
        view: (gd.layout.meta || {}).view || 'timeline',
        traces: gd.data.length,
        fills: fills.length,
        widest: Math.max(0, ...fills.map(r => r.width)),
        plotWidth: gd._fullLayout._size.w,
        dots: Array.from(gd.data[gd.data.length - 1].customdata || []).map(String).sort(),
    };
}"""


def _helpers():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "scripts" / "screenshot.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_views_draw_with_no_internet(tmp_path, seed_events):
    from playwright.sync_api import sync_playwright

    shot = _helpers()
    quoted = seed_events.copy()
    quoted.loc[0, "sentence"] = 'Serbia "formally" demanded that its forces return & stay.'
    write_events(quoted, tmp_path / "data" / "events.parquet")
    blocked: list[str] = []

    def only_localhost(route):  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with shot.serve(tmp_path / "data") as url, sync_playwright() as p:
        browser = shot.launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.route("**/*", only_localhost)

            # The timeline's hover shows the sentence as written: quotes, not "&quot;".
            page.goto(f"{url}?actor=Serbia")
            page.wait_for_function(
                f'JSON.stringify(({shot.CHART_IDS_JS})()) === \'["demand","flared","flared"]\'',
                timeout=60_000,
            )
            hover = page.locator(".hoverlayer .hovertext")
            for point in page.locator(
                '[data-testid="stPlotlyChart"] .scatterlayer .trace .points path'
            ).all():
                box = point.bounding_box()
                if box and box["width"] > 0:
                    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                    page.wait_for_timeout(300)
                    if "formally" in (hover.first.text_content() or "" if hover.count() else ""):
                        break
            shown = hover.first.text_content() or ""
            assert 'Serbia "formally" demanded' in shown and "return & stay" in shown
            assert "&quot;" not in shown and "&amp;" not in shown

            page.goto(f"{url}?view=map")
            page.wait_for_function(f"(({FIGURE_JS})() || {{}}).fills > 2", timeout=60_000)
            drawn = page.evaluate(FIGURE_JS)
            assert drawn["view"] == "map"
            # The grey world spans most of the plot; the countries with events are there.
            assert drawn["widest"] > 0.8 * drawn["plotWidth"]
            assert drawn["dots"] == ["Germany", "Kosovo", "Russia", "Serbia", "United States"]
            page.screenshot(path=str(tmp_path / "map.png"))

            for view in ("intensity", "network", "summary"):
                page.goto(f"{url}?view={view}")
                page.wait_for_function(
                    f"(({FIGURE_JS})() || {{}}).view === '{view}'", timeout=60_000
                )
                assert page.evaluate(FIGURE_JS)["traces"] > 0
            assert blocked == [], f"requests outside localhost: {blocked}"
        finally:
            browser.close()
