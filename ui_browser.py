"""The dashboard's two small in-page helpers (Streamlit components v2: no iframe, no
network): whether the screen is narrow (a phone), and scrolling the picked event's details
into view."""

from __future__ import annotations

from typing import Any

import streamlit as st

__all__ = ["NARROW_PX", "narrow_screen", "scroll_into_view"]

# Below this window width (CSS px) the chart is laid out for a phone (timeline.screen).
NARROW_PX = 700

# Reports the window's width class only when it differs from what the server assumes
# (wide, at first): a desktop page never reruns for it. The latest mount's setter is kept
# in a global, so that resizing after a rerun reports through the live component.
_WIDTH_JS = """
export default function (component) {
    const { data, setStateValue } = component;
    const g = (window.__timelineViewport = window.__timelineViewport || {});
    g.limit = data.limit;
    g.set = setStateValue;
    g.known = data.narrow;
    const report = () => {
        const narrow = window.innerWidth < g.limit;
        if (narrow !== g.known) {
            g.known = narrow;
            g.set("narrow", narrow);
        }
    };
    report();
    if (!g.listening) {
        g.listening = true;
        let timer;
        window.addEventListener("resize", () => {
            clearTimeout(timer);
            timer = setTimeout(report, 250);
        });
    }
}
"""

# Scrolls the element with id `target` into view once per `token` (a new pick).
_SCROLL_JS = """
export default function (component) {
    const { data } = component;
    const g = (window.__timelineScroll = window.__timelineScroll || {});
    if (!data || !data.token || g.done === data.token) return;
    g.done = data.token;
    let tries = 0;
    const go = () => {
        const el = document.getElementById(data.target);
        if (el) {
            el.scrollIntoView({ behavior: "smooth", block: "start" });
        } else if (tries++ < 40) {
            setTimeout(go, 50);
        }
    };
    go();
}
"""

_width = st.components.v2.component("timeline_viewport", js=_WIDTH_JS)
_scroll = st.components.v2.component("timeline_scroll", js=_SCROLL_JS)


def _noop() -> None:
    """Component state changes need a callback; the rerun itself is what we want."""


def narrow_screen() -> bool:
    """Whether the browser window is narrower than NARROW_PX (wide until it says)."""
    state: Any = st.session_state.get("viewport") or {}
    known = bool(state.get("narrow")) if hasattr(state, "get") else False
    result = _width(
        key="viewport",
        data={"limit": NARROW_PX, "narrow": known},
        on_narrow_change=_noop,
        height=0,
    )
    narrow = getattr(result, "narrow", None)
    return bool(known if narrow is None else narrow)


def scroll_into_view(target: str, token: str) -> None:
    """Scroll the element with id `target` into view, once for each new `token`."""
    _scroll(key="scroll", data={"target": target, "token": token}, height=0)
