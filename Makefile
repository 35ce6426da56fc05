# cdktf-velero: `make synth` and `make test` are all a new machine needs (Python 3.10+, Node.js/npm).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Node 22 from the npm registry (package.json) runs jsii and the cdktf CLI; the venv comes next.
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
export CHECKPOINT_DISABLE := 1
export PYTHONDONTWRITEBYTECODE := 1
# The chart's values.schema.json and CRDs, when this checkout sits beside them (CI sets it explicitly).
VELERO_UPSTREAM_DIR ?= $(wildcard $(CURDIR)/../shared/upstream/velero-chart-12.1.0)
export VELERO_UPSTREAM_DIR

.PHONY: all env synth test lint typecheck snapshots clean

all: test

$(VENV)/.installed: setup.py pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

env: $(VENV)/.installed node_modules/.installed

synth: env
	$(PY) main.py
	@echo "wrote cdktf.out/stacks/velero/cdk.tf.json"

lint: env
	$(VENV)/bin/ruff check constructs tests main.py
	$(VENV)/bin/ruff format --check constructs tests main.py

typecheck: env
	$(VENV)/bin/mypy

test: env lint typecheck
	$(PY) -m pytest

# Regenerate snapshots on purpose, then read `git diff tests/__snapshots__` before committing.
snapshots: env
	$(PY) -m pytest --snapshot-update

clean:
	rm -rf cdktf.out .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
