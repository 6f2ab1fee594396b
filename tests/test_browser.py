"""The dashboard in a real browser: `streamlit run` in a subprocess, Chromium via playwright."""

from __future__ import annotations

import importlib.util
from pathlib import Path

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


def _helpers():  # type: ignore[no-untyped-def]
    """scripts/screenshot.py, which holds the server and browser helpers."""
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "scripts" / "screenshot.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_filter_download_and_screenshot(tmp_path, seed_events):
    from playwright.sync_api import sync_playwright

    shot = _helpers()
    write_events(seed_events, tmp_path / "data" / "events.parquet")
    with shot.serve(tmp_path / "data") as url, sync_playwright() as p:
        browser = shot.launch(p)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
            page.goto(url)
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
        finally:
            browser.close()
