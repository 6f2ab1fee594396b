"""The views in a real browser at desktop and phone width, with every request outside
localhost blocked: the map (and every other view) must draw from what the server sends."""

from __future__ import annotations

from conftest import BROWSER_TESTS

from scripts import browser_helpers as shot
from timeline.export import write_events

pytestmark = BROWSER_TESTS

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

# The page's plotly chart as laid out (CSS px): the plot area, legends, colour bars, the
# figure, and how wide the page's content is (wider than the window: a sideways scroll).
LAYOUT_JS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd.querySelector('.nsewdrag')) return null;
    const box = (el) => { const r = el.getBoundingClientRect();
                          return {x: r.x, y: r.y, w: r.width, h: r.height}; };
    const plots = [...gd.querySelectorAll('.nsewdrag')].map(box);
    return {
        view: (gd.layout.meta || {}).view || 'timeline',
        plots: plots,
        legends: [...gd.querySelectorAll('g.legend')].map(box),
        colorbars: [...gd.querySelectorAll('g.colorbar')].map(box),
        figure: box(gd),
        pageWidth: document.documentElement.scrollWidth,
    };
}"""
VIEWS = ("intensity", "network", "map", "summary")


def _open(page, url: str, view: str):
    """Open `view` by its link; its layout once drawn (at phone width, the phone's)."""
    page.goto(f"{url}?view={view}")
    page.wait_for_function(
        f"(() => {{ const l = ({LAYOUT_JS})(); return l && l.view === '{view}'; }})()",
        timeout=90_000,
    )
    page.wait_for_timeout(500)  # a narrow screen is reported after the first draw
    return page.evaluate(LAYOUT_JS)


def test_views_draw_with_no_internet(data_dir, seed_events, dashboard_url, browser, tmp_path):
    quoted = seed_events.copy()
    quoted.loc[0, "sentence"] = 'Serbia "formally" demanded that its forces return & stay.'
    write_events(quoted, data_dir / "events.parquet")
    blocked: list[str] = []
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.route("**/*", shot.only_localhost(blocked))

    # The timeline's hover shows the sentence as written: quotes, not "&quot;".
    page.goto(f"{dashboard_url}?actor=Serbia")
    page.wait_for_function(
        f'JSON.stringify(({shot.CHART_IDS_JS})()) === \'["demand","flared","flared"]\'',
        timeout=120_000,  # the first page of a new server: slow on a busy machine
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

    page.goto(f"{dashboard_url}?view=map")
    page.wait_for_function(f"(({FIGURE_JS})() || {{}}).fills > 2", timeout=60_000)
    drawn = page.evaluate(FIGURE_JS)
    assert drawn["view"] == "map"
    # The grey world spans most of the plot; the countries with events are there.
    assert drawn["widest"] > 0.8 * drawn["plotWidth"]
    assert drawn["dots"] == ["Germany", "Kosovo", "Russia", "Serbia", "United States"]
    page.screenshot(path=str(tmp_path / "map.png"))

    for view in ("intensity", "network", "summary"):
        page.goto(f"{dashboard_url}?view={view}")
        page.wait_for_function(f"(({FIGURE_JS})() || {{}}).view === '{view}'", timeout=60_000)
        assert page.evaluate(FIGURE_JS)["traces"] > 0
    assert blocked == [], f"requests outside localhost: {blocked}"


def test_views_at_phone_width_with_no_internet(dashboard_url, browser):
    """At 390 px each view keeps most of the width for its plot, its legends and colour
    bars below the plot, nothing wider than the screen; the map draws the world offline."""
    blocked: list[str] = []
    page = browser.new_page(**shot.PHONE)
    page.route("**/*", shot.only_localhost(blocked))
    width = shot.PHONE["viewport"]["width"]
    # The narrow layout is chosen once the page has reported its width: on the timeline,
    # the legend turns horizontal (tests/test_browser.py).
    page.goto(dashboard_url)
    page.wait_for_function(
        '(() => { const gd = document.querySelector(\'[data-testid="stPlotlyChart"] '
        ".js-plotly-plot'); return gd && gd.layout.legend && "
        "gd.layout.legend.orientation === 'h'; })()",
        timeout=90_000,
    )
    for view in VIEWS:
        box = _open(page, dashboard_url, view)
        assert box["pageWidth"] <= width + 1, (view, box)  # no sideways scroll
        assert box["figure"]["x"] + box["figure"]["w"] <= width + 1, (view, box)
        for plot in box["plots"]:
            assert plot["w"] >= 0.6 * width, (view, box)  # a usable plot, not a sliver
        bottom = max(p["y"] + p["h"] for p in box["plots"])
        for item in box["legends"] + box["colorbars"]:
            assert item["y"] >= bottom - 1, (view, box)  # below the plot, not over it
            assert item["x"] + item["w"] <= width + 1, (view, box)
        if view == "map":
            drawn = page.evaluate(FIGURE_JS)
            assert drawn["widest"] > 0.8 * drawn["plotWidth"]  # the world, offline
            assert drawn["dots"] == ["Germany", "Kosovo", "Russia", "Serbia", "United States"]
            # The world is a strip at this width: the figure is not a tall white box.
            assert box["figure"]["h"] < 2 * box["plots"][0]["h"] + 200, box
        if view == "summary":
            # The three top lists one above the other, each the plot's full width.
            assert len(box["plots"]) == 3
            ys = sorted(p["y"] for p in box["plots"])
            assert ys[0] < ys[1] < ys[2]
        if view == "network":
            assert box["colorbars"], box  # the score's colour bar, below
    assert blocked == [], f"requests outside localhost: {blocked}"
