# Uphill: `make play` to play, `make check` for the fast tests, `make test` for the whole suite (CI).
# Each creates .venv on first use; play installs only the game, check/test add the test extras.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PLAY_STAMP := $(VENV)/.uphill-play
TEST_STAMP := $(VENV)/.uphill-test
FAST := not slow and not web and not bench
# The suite's time goes half into recompiling when bytecode caching is off (pytest's rewritten test modules too).
PYTEST := PYTHONDONTWRITEBYTECODE= SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -q

.PHONY: play check test bench web screenshots clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(PLAY_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(PLAY_STAMP)

play: $(PLAY_STAMP)
	$(PY) -m game $(ARGS)

check: $(TEST_STAMP)
	$(PYTEST) -m "$(FAST)"

test: $(TEST_STAMP)
	$(PYTEST)

bench: $(TEST_STAMP)
	$(PY) -m benchmarks.bench

web:
	./build_web.sh

screenshots: $(PLAY_STAMP)
	$(PY) tools/screenshots.py
	$(PY) tools/screenshots.py --all docs/screenshots

clean:
	rm -rf build .pytest_cache .hypothesis
