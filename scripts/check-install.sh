#!/usr/bin/env bash
# The installed package works away from the repository: build the wheel, install it into a
# fresh virtual environment in a temporary folder, and from an empty folder run the
# `timeline` command on a copy of a seed article. Nothing there can read the repository:
# the wheel is built from a copy of the project's files, the command runs from the empty
# folder with PYTHONPATH unset, and the module must load from the new environment.
#
# Dependencies are installed at the versions pinned in requirements.txt (from pip's cache
# or the package index). Usage: scripts/check-install.sh  (PYTHON=python3.12 to pick one)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/timeline-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT
unset PYTHONPATH TIMELINE_DATA_DIR TIMELINE_STORE
export PIP_DISABLE_PIP_VERSION_CHECK=1
say() { printf '== %s\n' "$*"; }
fail() { printf 'check-install: FAILED: %s\n' "$*" >&2; exit 1; }

say "copying the project's files (tracked and new, not ignored) to $work/src"
mkdir -p "$work/src"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
        | tar --null -T - -cf -) | tar -xf - -C "$work/src"
else
    (cd "$repo" && tar --exclude=.venv --exclude=.git -cf - .) | tar -xf - -C "$work/src"
fi

say "building the wheel"
"$python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$work/src"
wheel="$(ls "$work"/dist/timeline-*.whl)"
"$python" - "$wheel" "$work/src/timeline" <<'EOF' || fail "the wheel lacks package data"
import pathlib, sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
package = pathlib.Path(sys.argv[2])
need = {"timeline/py.typed"} | {
    "timeline/" + p.relative_to(package).as_posix()
    for p in (package / "data").rglob("*") if p.is_file()
}
missing = sorted(need - names)
print(f"   {len(need) - 1} data files and py.typed in {sys.argv[1].rsplit('/', 1)[-1]}")
sys.exit(f"missing: {missing}" if missing else 0)
EOF

say "installing it into a fresh virtual environment ($work/venv)"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet -c "$repo/requirements.txt" "$wheel"

say "running timeline from an empty folder"
mkdir -p "$work/empty" "$work/xdg"
cd "$work/empty"
cp "$repo/seeds/000_20e26df19170620a.txt" article.txt
export XDG_DATA_HOME="$work/xdg"  # the data folder of an installed timeline: $XDG_DATA_HOME/timeline
bin="$work/venv/bin"

where="$("$bin/python" -c 'import timeline; print(timeline.__file__)')"
case "$where" in "$work/venv/"*) ;; *) fail "timeline loaded from $where, not the new environment" ;; esac

"$bin/timeline" --help | head -1 | grep -q '^Usage: timeline ' || fail "timeline --help"
"$bin/python" -m timeline --help | head -1 | grep -q '^Usage: timeline ' || fail "python -m timeline --help"

"$bin/timeline" parse article.txt --out events.csv
rows=$(($(wc -l < events.csv) - 1))
[ "$rows" -ge 5 ] || fail "timeline parse wrote $rows event(s)"
grep -q ',DEMAND' events.csv || fail "timeline parse found no DEMAND event"
echo "   timeline parse: $rows events"

dates="$("$bin/timeline" dates --published 2022-12-15 --text "Serbia on Thursday formally demanded it; in 1999 NATO moved in.")"
echo "$dates" | grep -q '2022-12-15' || fail "timeline dates: $dates"
echo "$dates" | grep -q '1999' || fail "timeline dates: $dates"
echo "   timeline dates: $(echo "$dates" | wc -l) lines"

# the trained entity model is package data too (timeline/data/ner/)
found="$("$bin/timeline" entities --text "Serbian President Aleksandar Vucic met NATO officials in Brussels.")"
echo "$found" | grep -q 'Aleksandar Vucic *PERSON' || fail "timeline entities: $found"
echo "   timeline entities: $(($(echo "$found" | wc -l) - 2)) entities"

"$bin/timeline" chart events.csv --out chart.html
[ -s chart.html ] || fail "timeline chart wrote nothing"

"$bin/timeline" parse article.txt --workers 1 --quiet
[ -f "$work/xdg/timeline/events/_manifest.jsonl" ] || fail "parse without --out: no dataset in the data folder"

if "$bin/timeline" parse article.txt --out ds --engine dask 2> dask.err; then
    fail "--engine dask ran without the dask extra"
fi
grep -q "timeline\[dask\]" dask.err || fail "--engine dask without dask: $(cat dask.err)"

say "check-install: the installed package works (wheel, fresh venv, empty folder)"
