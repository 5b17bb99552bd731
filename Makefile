# OGSM Desktop — `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench dist test-dist clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m ogsm_desktop $(PLAN)

lint: $(STAMP)
	$(BIN)/ruff check ogsm_desktop tests

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not dist"
	$(MAKE) test-dist

bench: $(STAMP)
	$(BIN)/python -m ogsm_desktop.bench

# The one-folder app (PyInstaller): dist/ogsm-desktop/ogsm-desktop
dist: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec

# Build the app and check the built program: it starts on the default plan and prints a report.
test-dist: dist
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m dist tests/test_dist.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
