"""Corrections in a real browser: correct a date, merge two actors, reload, both are kept."""

from __future__ import annotations

from conftest import BROWSER_TESTS

from scripts import browser_helpers as shot
from timeline import curation as cu

pytestmark = BROWSER_TESTS

# JavaScript: the hover texts of every marker of the chart.
HOVERS_JS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd.data) return null;
    return gd.data.flatMap(t => Array.from(t.text || [])).map(String).join(' ');
}"""


# JavaScript: the chart's lane labels.
LANES_JS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stPlotlyChart"] .ytick text')).map(t => t.textContent).join('|')"""


def choose(page, box, option: str) -> None:
    """Pick `option` in a Streamlit selectbox, as a user would: type, then click it."""
    box.locator("input").click()
    box.locator("input").fill(option)
    page.get_by_role("option", name=option, exact=True).first.click()


def test_correct_a_date_merge_two_actors_reload(data_dir, dashboard_url, browser):
    from playwright.sync_api import expect

    folder = data_dir
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    page.goto(dashboard_url)
    shot.wait_for_chart(page)

    # 1. Correct a date: open an event, change its start day, save.
    shot.click_marker(page, 0)
    heading = page.locator('[data-testid="stHeading"] h3').first
    heading.wait_for(timeout=30_000)
    before = heading.inner_text()
    page.locator('[data-testid="stExpander"] summary').filter(has_text="Correct this event").click()
    start = page.locator('[data-testid="stDateInput"]').filter(has_text="Start")
    start.locator("input").fill("2022-12-01")
    start.locator("input").press("Enter")
    precision = page.locator('[data-testid="stSelectbox"]').filter(has_text="Precision")
    choose(page, precision, "day")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.get_by_text("Saved: date of")).to_be_visible(timeout=60_000)

    # 2. Merge two actors from the sidebar.
    side = page.locator('[data-testid="stSidebar"]')
    side.locator('[data-testid="stExpander"] summary').filter(has_text="Fix an actor").click()
    actor = side.locator('[data-testid="stSelectbox"]').filter(has_text="Actor")
    choose(page, actor, "Maria Zakharova")
    into = side.locator('[data-testid="stSelectbox"]').filter(has_text="Into")
    choose(page, into, "Aleksandar Vucic")
    side.get_by_role("button", name="Apply to every event").click()
    page.wait_for_function(
        f"(({HOVERS_JS})() || '').includes('actors corrected by')", timeout=60_000
    )

    # 3. Reload: both corrections are still there.
    page.reload()
    shot.wait_for_chart(page)
    hovers = page.evaluate(HOVERS_JS)
    assert "date corrected by" in hovers and "extracted:" in hovers
    assert "actors corrected by" in hovers
    assert "Maria Zakharova" not in page.evaluate(LANES_JS)
    expect(page.get_by_text("Corrections (2)")).to_be_visible(timeout=30_000)
    log = cu.CorrectionLog(folder / "corrections.jsonl").read()
    assert [c.kind for c in log] == ["set_date", "merge_actors"]
    assert isinstance(log[0].op, cu.SetDate) and str(log[0].op.start) == "2022-12-01"
    assert before  # the event we corrected had a heading
