"""Rebuild timeline/data/world_countries.geojson from Natural Earth's 1:110m countries.

    python scripts/world_shapes.py [../shared/geo/ne_110m_admin_0_countries.geojson]

Source: Natural Earth, 1:110m Cultural Vectors, Admin 0 - Countries (public domain,
naturalearthdata.com). Kept per country: `iso_a3` and `name`. Natural Earth gives
ISO_A3 "-99" to France, Norway and Kosovo; their codes come from the project's country
table (timeline/data/countries.csv, Kosovo: XKX) by name. Territories without a code of
their own (Northern Cyprus, Somaliland) keep an empty code: drawn, never counted.
Coordinates are rounded to 0.01 degree (about 1 km, far below what 1:110m shows) and
repeated points dropped, which makes the file about a third of the original.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "geo" / "ne_110m_admin_0_countries.geojson"
OUT = ROOT / "timeline" / "data" / "world_countries.geojson"


def _ring(points: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(x, 2), round(y, 2)]
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r) for r in geometry["coordinates"]]}
    return {
        "type": "MultiPolygon",
        "coordinates": [[_ring(r) for r in poly] for poly in geometry["coordinates"]],
    }


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with (ROOT / "timeline" / "data" / "countries.csv").open(encoding="utf-8") as handle:
        codes = {row["name"]: row["alpha3"] for row in csv.DictReader(handle)}
    shapes = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in shapes["features"]:
        props = feature["properties"]
        code = props["ISO_A3"]
        if code == "-99":
            code = codes.get(props["NAME"], "")
        features.append(
            {
                "type": "Feature",
                "id": code or props["NAME"],
                "properties": {"iso_a3": code, "name": props["NAME"]},
                "geometry": _geometry(feature["geometry"]),
            }
        )
    document = {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:110m Admin 0 - Countries, public domain "
        "(naturalearthdata.com); simplified by scripts/world_shapes.py",
        "features": features,
    }
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size / 1000:.0f} kB")


if __name__ == "__main__":
    main()
