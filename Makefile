# Two commands do all the set-up: `make run` and `make test`. Both are idempotent:
# the virtual environment is updated only when a requirements file or pyproject.toml changes.
# The project itself is installed into it (editable), so `.venv/bin/timeline` is the command.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EVENTS := data/events.parquet

.PHONY: run test lint typecheck check-install bench bench-browser data chromium clean model

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dask]'
	touch $(STAMP)

# Chromium is needed by the PNG/SVG/PDF export and the browser tests.
chromium:
	@bash scripts/ensure-chromium.sh

# The events of the bundled articles, the dashboard's default view.
$(EVENTS): $(STAMP) $(wildcard seeds/*) $(wildcard timeline/*.py timeline/*/*.py) $(wildcard timeline/data/*.csv)
	$(VENV)/bin/timeline parse seeds --out $(EVENTS)
	@# Their duplicate reports merged now, not on the dashboard's first request.
	$(PY) -c 'from timeline.export import read_events; from timeline.view import merged_view; merged_view(read_events("$(EVENTS)"), "data/cache")'

data: $(EVENTS)

run: $(STAMP) $(EVENTS)
	-@bash scripts/ensure-chromium.sh
	$(PY) -m streamlit run dashboard.py

# mypy over timeline/, the dashboard (dashboard*.py, ui_*.py), scripts/, training/, bench/ and
# tests/ in one run; what it checks and how is in pyproject.toml ([tool.mypy]).
typecheck: $(STAMP)
	$(PY) -m mypy

lint: $(STAMP) typecheck
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(STAMP) chromium $(EVENTS) lint
	$(PY) -m pytest

# The wheel, installed into a fresh virtual environment outside the repository, run from an
# empty folder (CI runs it after `make test`).
check-install: $(STAMP)
	bash scripts/check-install.sh

# Benchmarks print their figures; the data paths default to ../shared/bench.
bench: $(STAMP) $(EVENTS)
	$(PY) bench/timex.py
	$(PY) bench/anchoring.py
	$(PY) bench/entities.py
	$(PY) bench/timeline.py
	$(PY) bench/dashboard.py --events $(EVENTS)
	$(PY) bench/corpus.py --articles 2000

# The dashboard in a real browser beside a minimal Streamlit page (about 20 min: it makes a
# 1,000,000-event file once, in /tmp).
bench-browser: $(STAMP) $(EVENTS) chromium
	$(PY) bench/browser.py

# Retrain the entity recogniser from CoNLL-2003 (../shared/bench/conll2003) into
# timeline/data/ner/ (fixed seed; tens of minutes; never run by `make test`, CI or start-up).
model: $(STAMP)
	OMP_NUM_THREADS=1 $(PY) training/ner/train.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
