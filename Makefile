# Uphill: `make play` to play, `make test` to run the whole suite. Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.uphill-installed

.PHONY: play test bench web screenshots clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

play: $(STAMP)
	$(PY) -m game $(ARGS)

test: $(STAMP)
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy $(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m benchmarks.bench

web:
	./build_web.sh

screenshots: $(STAMP)
	$(PY) tools/screenshots.py

clean:
	rm -rf build .pytest_cache .hypothesis
