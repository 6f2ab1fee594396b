"""Take docs/screenshot.png: the dashboard on the bundled seed articles, in a real browser.

    .venv/bin/python scripts/screenshot.py [--out docs/screenshot.png]

Starts `streamlit run dashboard.py` on a free port with the seeds' events (parsed into a
temporary data folder, so data/ is left alone), opens it in /usr/bin/chromium through
the playwright package (never `playwright install`), selects an event so that its
details show, and saves a full-page screenshot. The browser test uses the same helpers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# JavaScript: the event ids of every marker of the page's Plotly chart.
CHART_IDS_JS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd.data) return null;
    return gd.data.flatMap(t => Array.from(t.customdata || [])).map(String).sort();
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(data_dir: Path, timeout: float = 90) -> Iterator[str]:
    """Run the dashboard on `data_dir` in a subprocess; yield its URL; stop it after."""
    port = free_port()
    env = {**os.environ, "TIMELINE_DATA_DIR": str(data_dir)}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_healthy(proc, url, log, timeout)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_until_healthy(proc: subprocess.Popen, url: str, log: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited early:\n{log.read().decode(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit did not answer on {url} within {timeout:.0f} s")
        time.sleep(0.3)


def launch(playwright: Any) -> Any:
    """The system Chromium, headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_for_chart(page: Any, timeout_ms: int = 60_000) -> list[str]:
    """Wait until the chart is drawn; its marker ids."""
    page.wait_for_function(f"({CHART_IDS_JS})() !== null", timeout=timeout_ms)
    return page.evaluate(CHART_IDS_JS)


def pick_actor(page: Any, name: str) -> None:
    """Choose `name` in the sidebar's Actor filter, as a user would: type, then Enter."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Actor")
    box.locator("input").click()
    box.locator("input").fill(name)
    page.get_by_role("option", name=name).first.click()
    page.keyboard.press("Escape")


def click_marker(page: Any, nth: int = 0) -> None:
    """Click the `nth` marker inside the chart's plot area (markers out of view are skipped)."""
    chart = page.locator('[data-testid="stPlotlyChart"]')
    area = chart.locator(".nsewdrag").first.bounding_box()
    inside = []
    for point in chart.locator(".scatterlayer .trace .points path").all():
        try:
            box = point.bounding_box(timeout=5_000)
        except Exception:  # redrawn meanwhile (a busy machine): the others still count
            continue
        if box and box["width"] > 0:
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            if (
                area["x"] < x < area["x"] + area["width"]
                and area["y"] < y < area["y"] + area["height"]
            ):
                inside.append((x, y))
    x, y = inside[nth]
    page.mouse.click(x, y)


def seed_data(folder: Path) -> Path:
    """The seed articles' events, parsed into `folder`/events.parquet."""
    sys.path.insert(0, str(ROOT))
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
        page.wait_for_timeout(1000)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    print(f"{len(ids)} markers on the chart -> {args.out}")


if __name__ == "__main__":
    main()
