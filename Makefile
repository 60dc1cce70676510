# `make run` and `make test` are all a fresh machine needs (Python 3.11 and PyPI).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean fuzz

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# the distribution was called `kg` before it became `newskg`: an old .venv drops it first
	$(BIN)/python -m pip uninstall --quiet --yes kg 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/kg build sources -o out

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest

# The hostile-input properties with many more examples (KG_FUZZ_EXAMPLES each, default 20000).
fuzz: $(STAMP)
	KG_FUZZ=1 $(BIN)/python -m pytest tests/hostile -q -p no:cacheprovider -k "fuzz or any_text"

bench: $(STAMP)
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.tbaq
	$(BIN)/python -m bench.events
	$(BIN)/python -m bench.scale
	$(BIN)/python -m bench.resolve_scale
	$(BIN)/python -m bench.html_scale
	$(BIN)/python -m bench.serve_load
	$(BIN)/python -m bench.limits
	$(BIN)/python -m bench.validate

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
