# Two entry points: `make run` (dashboard on the bundled seeds) and `make test` (the whole test suite).
# Each installs into .venv what it needs, again only when pyproject.toml changed: `make run` the
# runtime dependencies alone, `make test` those plus the test tools.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench

# `make run HOST=0.0.0.0` listens on every interface; the default is this machine only.
HOST ?= 127.0.0.1
PORT ?= 8501
# Open a browser only where there is a screen to show it on (macOS, or Linux/BSD with X or Wayland).
# Without one Streamlit would fall back to a text browser in the terminal.
HEADLESS ?= $(if $(or $(DISPLAY),$(WAYLAND_DISPLAY),$(filter Darwin,$(shell uname -s))),false,true)

.PHONY: run test lint analyze bench-deps browser venv-support clean

$(VENV)/bin/pip:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Parallax needs Python 3.11 or newer: set PYTHON=python3.11")'
	@rm -rf $(VENV)
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || $(MAKE) --no-print-directory venv-support
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(BENCH_STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

# No prompt, ever: .streamlit/config.toml turns off the first-run e-mail prompt
# (server.showEmailPrompt) and usage statistics (browser.gatherUsageStats), so this starts the
# same with a terminal, from an IDE task, under nohup or with stdin closed.
run: $(RUN_STAMP)
	$(BIN)/python -m dashboard --server.address $(HOST) --server.port $(PORT) --server.headless $(HEADLESS)

analyze: $(RUN_STAMP)
	$(BIN)/python -m analysis analyze --json out/parallax.json --csv out/csv

bench-deps: $(BENCH_STAMP)

# Debian's own Python ships venv/ensurepip separately (python3-venv).
venv-support:
	@if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	else echo "python3 cannot create virtual environments: install python3-venv" >&2; exit 1; fi

# Browser tests drive Debian's Chromium (browser downloads are impossible here): install it when missing,
# with Noto CJK so Korean, Japanese and Chinese articles render in tests and screenshots (not as boxes).
browser:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else echo "$$missing missing and cannot be installed (not root): browser tests may be skipped or draw CJK as boxes"; fi; \
	fi

lint: $(TEST_STAMP)
	$(BIN)/ruff check analysis dashboard tests benchmarks
	$(BIN)/mypy

test: $(TEST_STAMP) browser lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out .pytest_cache
