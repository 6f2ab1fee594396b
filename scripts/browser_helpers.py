"""A Streamlit page served on a free port and driven in the system Chromium.

Shared by the browser tests (tests/test_browser*.py, through tests/conftest.py), the
screenshot scripts (scripts/screenshot*.py) and bench/browser.py:

- `serve(data_dir)` runs the dashboard on a data folder (or `script=` any Streamlit page)
  in a subprocess and yields its URL;
- `launch(playwright)` starts /usr/bin/chromium headless (Debian's package; never
  `playwright install`);
- `wait_for_chart`, `pick_actor`, `click_marker`, `only_localhost` act on a page as a
  user would.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

__all__ = [
    "CHART_IDS_JS",
    "CHROMIUM",
    "DASHBOARD",
    "PHONE",
    "click_marker",
    "free_port",
    "launch",
    "only_localhost",
    "pick_actor",
    "serve",
    "wait_for_chart",
]

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"
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
# A phone's page: 390 CSS px wide (an iPhone 12-15), touch, as playwright's new_page takes it.
PHONE: dict[str, Any] = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
# JavaScript: the event ids of every marker of the page's Plotly chart.
CHART_IDS_JS = """() => {
    const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    if (!gd || !gd.data) return null;
    return gd.data.flatMap(t => Array.from(t.customdata || [])).map(String).sort();
}"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(
    data_dir: Path | None = None,
    *,
    script: Path = DASHBOARD,
    env: Mapping[str, str] | None = None,
    timeout: float = 180,
) -> Iterator[str]:
    """`streamlit run script` on a free port (the dashboard on `data_dir`, when given, as
    TIMELINE_DATA_DIR; `env` added to the environment); yield its URL; stop it after."""
    port = free_port()
    extra = dict(env or {})
    if data_dir is not None:
        extra["TIMELINE_DATA_DIR"] = str(data_dir)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
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
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env={**os.environ, **extra}, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_healthy(proc, url, log, timeout, script.name)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _wait_until_healthy(
    proc: subprocess.Popen[bytes], url: str, log: Any, timeout: float, name: str
) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"streamlit exited early:\n{log.read().decode(errors='replace')}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} did not answer on {url} within {timeout:.0f} s")
        time.sleep(0.3)


def launch(playwright: Any) -> Any:
    """The system Chromium, headless."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def only_localhost(blocked: list[str]) -> Any:
    """A playwright route handler that lets through requests to localhost (and data:,
    blob: URLs) and aborts every other, noting its URL in `blocked`:
    `page.route("**/*", only_localhost(blocked))`."""

    def handle(route: Any) -> None:
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    return handle


def wait_for_chart(page: Any, timeout_ms: int = 120_000) -> list[str]:
    """Wait until the chart is drawn (the first page of a new server can take a minute on
    a busy machine); its marker ids."""
    page.wait_for_function(f"({CHART_IDS_JS})() !== null", timeout=timeout_ms)
    return page.evaluate(CHART_IDS_JS)


def pick_actor(page: Any, name: str) -> None:
    """Choose `name` in the sidebar's Actor filter, as a user would: type, then click it."""
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
