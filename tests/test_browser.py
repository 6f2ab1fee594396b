"""The dashboard in a real browser: `streamlit run` in a subprocess, Chromium via playwright."""

from __future__ import annotations

from pathlib import Path

from conftest import BROWSER_TESTS

from scripts import browser_helpers as shot

pytestmark = BROWSER_TESTS


def test_filter_download_and_screenshot(tmp_path, dashboard_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
    page.goto(dashboard_url)
    ids = shot.wait_for_chart(page)
    assert ids == ["demand", "flared", "flared", "pushout", "rts", "zakharova"]

    shot.pick_actor(page, "Serbia (2)")
    page.wait_for_function(
        f'JSON.stringify(({shot.CHART_IDS_JS})()) === \'["demand","flared","flared"]\'',
        timeout=60_000,
    )
    assert "actor=Serbia" in page.url  # the view is in the link

    # Clicking a marker opens that event, its sentence marked in its paragraph.
    shot.click_marker(page, 0)
    heading = page.locator('[data-testid="stHeading"] h3').first
    heading.wait_for(timeout=30_000)
    assert heading.inner_text() in (
        "DEMAND · 15 Dec 2022",
        "PROTEST · 8 Dec 2022 – 15 Dec 2022 (week)",
    )
    page.locator("mark").first.wait_for(timeout=30_000)
    assert page.locator("mark").count() == 1

    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Chart PNG").click()
    png = Path(download.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert download.value.suggested_filename == "timeline_serbia.png"
    assert int.from_bytes(png[16:20], "big") == 2800

    page.screenshot(path=str(tmp_path / "screenshot.png"), full_page=True)
    assert (tmp_path / "screenshot.png").stat().st_size > 10_000

    # The same link in a new page opens the same view.
    again = browser.new_page()
    again.goto(page.url)
    assert shot.wait_for_chart(again) == ["demand", "flared", "flared"]


# JavaScript: where the plot area and the legends of the page's chart are (CSS px).
_LAYOUT_JS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd.querySelector('.nsewdrag')) return null;
    const box = (el) => { const r = el.getBoundingClientRect();
                          return {x: r.x, y: r.y, w: r.width, h: r.height}; };
    return {
        plot: box(gd.querySelector('.nsewdrag')),
        legends: [...gd.querySelectorAll('g.legend')].map(box),
        buttons: [...gd.querySelectorAll('.rangeselector .button')].map(box),
        modebar: gd.querySelector('.modebar') ? box(gd.querySelector('.modebar')) : null,
        orientation: gd.layout.legend ? gd.layout.legend.orientation : null,
    };
}"""


# JavaScript: whether the zoom note is drawn, and the year the x axis starts in.
_ZOOM_JS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    const notes = [...gd.querySelectorAll('.annotation-text')]
        .filter(t => t.textContent.startsWith('Zoomed on most events'));
    return {note: notes.length > 0,
            from: new Date(gd._fullLayout.xaxis.range[0]).getUTCFullYear()};
}"""


def _chart_layout(page, narrow: bool):
    """The chart's boxes once it is drawn (for a phone, in its phone layout)."""
    want = "'h'" if narrow else "undefined"
    page.wait_for_function(
        f"(() => {{ const l = ({_LAYOUT_JS})(); return l && l.orientation == {want}; }})()",
        timeout=60_000,
    )
    return page.evaluate(_LAYOUT_JS)


def test_phone_and_desktop_widths(tmp_path, dashboard_url, browser):
    """At 390 px the legend is below the plot and the plot keeps most of the width; at
    desktop width the legend stays at the right. The range buttons are clear of the
    toolbar (top right)."""
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(dashboard_url)
    shot.wait_for_chart(phone)
    box = _chart_layout(phone, narrow=True)
    plot = box["plot"]
    assert plot["w"] >= 0.6 * 390, box  # was about 50 px
    assert box["legends"]
    for legend in box["legends"]:
        assert legend["y"] >= plot["y"] + plot["h"], box  # below the plot
        assert legend["x"] + legend["w"] <= 390 + 1
    assert box["buttons"] and all(b["x"] < plot["x"] + plot["w"] / 2 for b in box["buttons"])
    phone.screenshot(path=str(tmp_path / "phone.png"), full_page=True)

    desk = browser.new_page(viewport={"width": 1400, "height": 1000})
    desk.goto(dashboard_url)
    shot.wait_for_chart(desk)
    box = _chart_layout(desk, narrow=False)
    plot = box["plot"]
    assert all(legend["x"] >= plot["x"] + plot["w"] for legend in box["legends"])
    assert plot["w"] > 500
    assert all(b["x"] < plot["x"] + plot["w"] / 2 for b in box["buttons"])

    # The first view zooms on December 2022 and says 1999 is out of view; "all" shows
    # everything and the note goes; "busiest" brings both back.
    assert desk.evaluate(_ZOOM_JS) == {"note": True, "from": 2022}
    desk.locator(".updatemenu-button", has_text="all").click()
    desk.wait_for_function(f"({_ZOOM_JS})().note === false", timeout=30_000)
    assert desk.evaluate(_ZOOM_JS)["from"] <= 1999
    desk.locator(".updatemenu-button", has_text="busiest").click()
    desk.wait_for_function(f"({_ZOOM_JS})().note === true", timeout=30_000)


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    height = page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_a_picked_event_is_in_view_and_in_the_link(dashboard_url, browser):
    # A link with ?event=ID opens that event's details, scrolled into view.
    page = browser.new_page(viewport={"width": 1200, "height": 700})
    page.goto(f"{dashboard_url}/?event=flared")
    shot.wait_for_chart(page)
    heading = page.locator("#event-details")
    heading.wait_for(timeout=60_000)
    assert heading.inner_text().startswith("PROTEST · 8 Dec 2022")
    page.wait_for_function(
        "(() => { const r = document.getElementById('event-details')"
        ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()",
        timeout=30_000,
    )

    # On a phone, clicking a marker scrolls its details into view; the link names it.
    phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(dashboard_url)
    shot.wait_for_chart(phone)
    _chart_layout(phone, narrow=True)
    phone.wait_for_timeout(1000)
    shot.click_marker(phone, 0)
    heading = phone.locator("#event-details")
    heading.wait_for(timeout=60_000)
    phone.wait_for_function(
        "(() => { const r = document.getElementById('event-details')"
        ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()",
        timeout=30_000,
    )
    phone.wait_for_url("**event=*", timeout=30_000)
    picked = phone.url.split("event=")[1].split("&")[0]
    assert picked in {"demand", "flared", "pushout", "rts", "zakharova"}


def test_a_pasted_article_is_in_view(dashboard_url, browser):
    """The view zooms on December 2022; an article of March 2023 pasted in is drawn in view."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(dashboard_url)
    before = shot.wait_for_chart(page)
    page.get_by_text("Add your own articles").click()
    page.get_by_label("Title").fill("Talks in Ohrid")
    page.get_by_label("Article text").fill(
        "Serbian President Aleksandar Vucic and Kosovo Prime Minister Albin Kurti on "
        "Saturday, 18 March 2023, agreed in Ohrid on how to implement the EU-backed plan."
    )
    page.get_by_role("button", name="Add pasted article").click()
    page.wait_for_function(
        f"(({shot.CHART_IDS_JS})() || []).length > {len(before)}", timeout=60_000
    )
    # The new event's marker is inside the plot area, as drawn.
    in_view = page.evaluate(
        """() => {
        const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
        const [lo, hi] = gd._fullLayout.xaxis.range.map(v => new Date(v).getTime());
        const march = Date.UTC(2023, 2, 18);
        return lo < march && march < hi;
    }"""
    )
    assert in_view
