# OGSM Desktop — `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
LOCALE := ogsm_desktop/assets/locale

.PHONY: run test lint bench dist test-dist translations clean

# What the program needs to run, and nothing else (no test, lint or packaging tools).
$(RUNTIME_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME_STAMP)

# The runtime plus what the tests, the linter, the translations and the packaging need.
$(DEV_STAMP): $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

run: $(RUNTIME_STAMP)
	$(BIN)/python -m ogsm_desktop $(PLAN)

lint: $(DEV_STAMP)
	$(BIN)/ruff check ogsm_desktop tests

test: $(DEV_STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not dist"
	$(MAKE) test-dist

bench: $(DEV_STAMP)
	$(BIN)/python -m ogsm_desktop.bench

# Refresh the translation sources from the code, then compile them (both are committed and ship in the
# package): the core's and the command line's gettext catalogue (.po → .mo) and the window's Qt
# translations (.ts → .qm). Translate the new entries in the .po/.ts (Qt Linguist, or any editor), then
# run this again.
translations: $(DEV_STAMP)
	$(BIN)/python tools/translations.py update
	$(BIN)/python tools/translations.py compile

# The one-folder app (PyInstaller): dist/ogsm-desktop/ogsm-desktop
dist: $(DEV_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build build.spec

# Build the app and check the built program: it starts on the default plan and prints a report.
test-dist: dist
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m dist tests/test_dist.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
