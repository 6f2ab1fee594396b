"""Dashboard speed: filter change -> figure ready, and chart image export.

    .venv/bin/python bench/dashboard.py [--sizes 1000 10000 100000] [--events FILE]

For each size, a synthetic events frame (see bench/_synthetic.py) is loaded once, as the
dashboard does (hover texts left to be made when drawn: `timeline.chart.unmade_hover`);
then a filter change is timed the way the dashboard does it: `timeline.filters.apply` plus
`timeline.view.draw_frame` (single events up to `timeline.store.MAX_CHART_POINTS`, else
their aggregates). "hover, all" is what making every event's hover text up front costs.
Two changes are timed: one actor picked (a typical view) and all filters cleared (every
event drawn, the worst case). The JSON that Streamlit sends to the browser is timed too.
Then image export through kaleido: the cold first export (browser start included) and
warm ones (the dashboard keeps one browser open), for the --events file (e.g. the seed
articles' events, data/events.parquet) and the smallest synthetic frame. Targets: < 0.3 s
at 100,000 events for
a filter change; < 0.5 s for a warm PNG export.

The other views (`timeline.views`: intensity, network, map, summary) are timed the same
way, filter then figure, beside the timeline's own build in the same run (the box is
shared: compare within a run). Target: each < 0.3 s at 100,000 events.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._synthetic import synthetic_events
from timeline.chart import build_figure, hover_texts, unmade_hover
from timeline.export import ImageExporter, find_chromium, read_events
from timeline.filters import Filters, apply
from timeline.view import draw_frame
from timeline.views import VIEWS, build_view


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best wall time of `fn()` over `repeat` runs, in seconds (as timeit does: the
    machine is shared, and the best run is the one least disturbed by others)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_filters(label: str, frame: pd.DataFrame, repeat: int) -> None:
    start = time.perf_counter()
    hover_texts(frame)
    load = time.perf_counter() - start
    hover = unmade_hover(frame)
    actor = Filters(actors=("Serbia",))
    everything = Filters()

    def change(filters: Filters) -> Any:
        return draw_frame(apply(frame, filters), hover=hover)

    one = timed(lambda: change(actor), repeat)
    full = timed(lambda: change(everything), repeat)
    fig = change(everything)
    to_json = timed(lambda: fig.to_json(), max(1, repeat // 2))
    shown = len(apply(frame, actor))
    print(
        f"{label:>16} | hover, all {load:6.3f} s | one actor ({shown:>6} ev) {one:6.3f} s"
        f" | all events {full:6.3f} s | figure JSON {to_json:6.3f} s"
        f" ({len(fig.to_json()) / 1e6:5.1f} MB)"
    )


def cpu_timed(fn: Callable[[], object], repeat: int = 5) -> float:
    """Best CPU time of `fn()` (this process only) over `repeat` runs, in seconds: what the
    build costs, less disturbed than wall time when other work shares the cores."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def _timeline_figure(frame: pd.DataFrame, filters: Filters, hover: pd.Series) -> Any:
    return draw_frame(apply(frame, filters), hover=hover)


def _view_figure(view: str, frame: pd.DataFrame, filters: Filters) -> Any:
    return build_view(view, apply(frame, filters))


def bench_views(label: str, frame: pd.DataFrame, repeat: int) -> None:
    """Filter change -> figure of each view, one actor picked and every event: best wall
    time and best CPU time."""
    hover = unmade_hover(frame)
    for clock, timer in (("wall", timed), ("CPU", cpu_timed)):
        cells = []
        for view in VIEWS:
            times = []
            for filters in (Filters(actors=("Serbia",)), Filters()):
                if view == "timeline":
                    build = partial(_timeline_figure, frame, filters, hover)
                else:
                    build = partial(_view_figure, view, frame, filters)
                times.append(timer(build, repeat))
            cells.append(f"{view} {times[0]:.3f}/{times[1]:.3f}")
        print(f"{label:>16} | views, {clock} s (one actor/all events): " + " | ".join(cells))


def bench_export(frames: dict[str, object]) -> None:
    if find_chromium() is None:
        print("PNG export: skipped, no Chromium found (make chromium)")
        return
    import plotly.graph_objects as go

    exporter = None
    start = time.perf_counter()
    exporter = ImageExporter()
    exporter.render(go.Figure(), "png")
    cold = time.perf_counter() - start
    print(f"image export: cold first export {cold:.2f} s (browser start included)")
    empty = timed(lambda: exporter.render(go.Figure(), "png"), 5)
    print(f"{'empty figure':>22} | warm PNG {empty:.3f} s (kaleido's per-image floor)")
    for label, frame in frames.items():
        fig = build_figure(frame)
        warm = timed(partial(exporter.render, fig, "png"), 5)
        svg = timed(partial(exporter.render, fig, "svg"), 3)
        pdf = timed(partial(exporter.render, fig, "pdf"), 3)
        print(
            f"{label:>22} | warm PNG (2800 px wide) {warm:.3f} s | SVG {svg:.3f} s"
            f" | PDF {pdf:.3f} s"
        )
    exporter.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    default_events = Path(__file__).resolve().parent.parent / "data" / "events.parquet"
    parser.add_argument(
        "--events",
        type=Path,
        default=default_events if default_events.is_file() else None,
        help="Also time a real events file (default: data/events.parquet when present).",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--skip-export", action="store_true", help="Time the figures only, not image export."
    )
    args = parser.parse_args()

    print(f"filter change -> figure ready (best of {args.repeat} runs)")
    smallest = None
    for n in args.sizes:
        frame = synthetic_events(n)
        smallest = frame if smallest is None or len(frame) < len(smallest) else smallest
        bench_filters(f"{n:,} synthetic", frame, args.repeat)
        bench_views(f"{n:,} synthetic", frame, args.repeat)
    to_export = {}
    if args.events:
        events = read_events(args.events)
        bench_filters(args.events.name, events, args.repeat)
        to_export[f"{args.events.name} ({len(events)} ev)"] = events
    if smallest is not None:
        to_export[f"{len(smallest):,} synthetic"] = smallest
    if not args.skip_export:
        bench_export(to_export)


if __name__ == "__main__":
    main()
