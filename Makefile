# Two entry points: `make run` (dashboard on the bundled seeds) and `make test` (the whole test suite).
# Both build .venv when it is missing or when pyproject.toml changed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint analyze browser venv-support clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Parallax needs Python 3.11 or newer: set PYTHON=python3.11")'
	@if [ ! -x $(BIN)/pip ]; then \
		rm -rf $(VENV); \
		$(PYTHON) -c 'import ensurepip' 2>/dev/null || $(MAKE) --no-print-directory venv-support; \
		$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; \
	fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run dashboard/app.py --server.headless false

analyze: $(STAMP)
	$(BIN)/python -m analysis analyze --json out/parallax.json --csv out/csv

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

lint: $(STAMP)
	$(BIN)/ruff check analysis dashboard tests benchmarks
	$(BIN)/mypy

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) out .pytest_cache
