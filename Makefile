# cdktf-velero: `make synth` and `make test` are all a new machine needs (Python 3.10+, Node.js/npm).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
# Node 22 from the npm registry (package.json) runs jsii and the cdktf CLI; the venv comes next.
export PATH := $(CURDIR)/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
export CHECKPOINT_DISABLE := 1
export PYTHONDONTWRITEBYTECODE := 1
# The pinned chart version, read from its one home (versions.py runs without the package's dependencies).
VERSIONS := constructs/cdktf_velero/versions.py
CHART_VERSION := $(shell python3 $(VERSIONS) CHART_VERSION)
# The Velero chart (templates, values, schema, CRDs) the tests and `make imports` read: the copy in
# tests/upstream of the pinned version. Set VELERO_UPSTREAM_DIR to try another chart folder.
VELERO_UPSTREAM_DIR ?= $(CURDIR)/tests/upstream/velero-chart-$(CHART_VERSION)
export VELERO_UPSTREAM_DIR
# checkov has many pinned dependencies of its own: it gets a virtual environment apart from the project's.
CHECKOV_VENV ?= .venv-checkov
CHECKOV_BIN ?= $(CURDIR)/$(CHECKOV_VENV)/bin/checkov
export CHECKOV_BIN
# CDK Terrain (cdktn), the second engine: its own environment with cdktf-velero[cdktn] (cdktn needs
# constructs < 10.8). The snapshots are shared: both engines must write the same resources.
CDKTN_VENV ?= .venv-cdktn
CDKTN_PY := $(CDKTN_VENV)/bin/python

.PHONY: all env env-cdktn synth test test-cdktf test-cdktn lint typecheck typecheck-cdktn snapshots imports \
	engine-imports versions dist docs bench mutation clean

all: test

$(VENV)/.installed: setup.py pyproject.toml $(VERSIONS)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@

$(CDKTN_VENV)/.installed: setup.py pyproject.toml $(VERSIONS)
	test -x $(CDKTN_PY) || python3 -m venv $(CDKTN_VENV)
	$(CDKTN_PY) -m pip install --quiet --upgrade pip
	$(CDKTN_PY) -m pip install --quiet -e '.[test,dev,cdktn]'
	touch $@

$(CHECKOV_VENV)/.installed:
	test -x $(CHECKOV_VENV)/bin/python || python3 -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CHECKOV_VENV)/bin/python -m pip install --quiet checkov==3.3.30
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

env: $(VENV)/.installed node_modules/.installed

env-cdktn: $(CDKTN_VENV)/.installed node_modules/.installed

# main.py's two stacks: cdktf.out/stacks/velero (the chart) and cdktf.out/stacks/velero-digitalocean.
synth: env
	$(PY) main.py
	@echo "wrote cdktf.out/stacks/velero/cdk.tf.json and cdktf.out/stacks/velero-digitalocean/cdk.tf.json"

LINT_PATHS := constructs scripts tests examples benchmarks main.py setup.py

lint: env
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)

# mypy checks the provider classes of one engine per run (cdktf_velero.engine.CDKTN).
typecheck: env
	$(VENV)/bin/mypy

typecheck-cdktn: env-cdktn
	sed 's/^always_false = \["CDKTN"\]/always_true = ["CDKTN"]/' pyproject.toml > $(CDKTN_VENV)/mypy-cdktn.toml
	$(CDKTN_VENV)/bin/mypy --config-file $(CDKTN_VENV)/mypy-cdktn.toml --cache-dir $(CDKTN_VENV)/.mypy_cache

# Both engines, one after the other (what CI runs). PYTEST_ARGS: e.g. --hypothesis-show-statistics (CI prints
# the property tests' figures).
test: test-cdktf test-cdktn

test-cdktf: env $(CHECKOV_VENV)/.installed lint typecheck
	CDKTF_VELERO_ENGINE=cdktf $(PY) -m pytest $(PYTEST_ARGS)

# The whole suite on cdktn too (measured on 2 cores under load 6 to 10: 9.5 minutes; its fast-imports tests
# are cdktf-only and skip), so both engines fit well within CI's time. CDKTN_PYTEST_ARGS narrows it if ever
# needed (e.g. '-m "not slow"').
test-cdktn: env-cdktn $(CHECKOV_VENV)/.installed typecheck-cdktn
	CDKTF_VELERO_ENGINE=cdktn VIRTUAL_ENV=$(CURDIR)/$(CDKTN_VENV) PATH="$(CURDIR)/$(CDKTN_VENV)/bin:$$PATH" \
		$(CDKTN_PY) -m pytest $(CDKTN_PYTEST_ARGS)

# Regenerate snapshots on purpose, then read `git diff tests/__snapshots__` before committing.
snapshots: env
	$(PY) -m pytest --snapshot-update

# Regenerate the typed velero.io/v1 classes from the chart's CRDs; review `git diff $(BINDINGS)`.
BINDINGS := constructs/cdktf_velero/imports/velero
imports: env
	@test -d "$(VELERO_UPSTREAM_DIR)/crds" || { echo "no crds/ in $(VELERO_UPSTREAM_DIR): set VELERO_UPSTREAM_DIR to a Velero chart folder"; exit 1; }
	$(PY) scripts/import_crds.py $(VELERO_UPSTREAM_DIR)/crds --out $(BINDINGS)

# The import-layer rewrite (scripts/engine_imports.py, rule in cdktf_velero.engine's docstring): after a merge
# or a move, routes every direct cdktf / provider import of the library, tests, examples and main.py through
# cdktf_velero.engine, then sorts and formats. Idempotent: a second run changes nothing.
ENGINE_IMPORT_FILES = $(shell grep -rlE '^\s*(from|import) (cdktf|cdktf_cdktf_provider_[a-z0-9_]+)\b' \
	constructs/cdktf_velero tests examples main.py --include='*.py' | grep -v '/engine/')
engine-imports: env
	$(if $(ENGINE_IMPORT_FILES),$(PY) scripts/engine_imports.py $(ENGINE_IMPORT_FILES))
	$(VENV)/bin/ruff check --fix --select I $(LINT_PATHS)
	$(VENV)/bin/ruff format $(LINT_PATHS)

# Every pinned version, as NAME=value.
versions:
	@python3 $(VERSIONS)

# sdist and wheel into dist/, checked by twine.
dist: env
	rm -rf dist
	$(PY) -m build --outdir dist
	$(PY) -m twine check --strict dist/*

# API reference from the docstrings (pdoc) into docs/api/.
docs: env
	$(PY) scripts/build_docs.py docs/api
	@echo "open docs/api/index.html"

# Synthesis time and peak memory against bare-app floors, on both engines; writes benchmarks/results.md.
bench: env env-cdktn
	$(PY) benchmarks/bench.py --write --cdktn-python $(CDKTN_PY)

# Mutation testing (mutmut) of the validation and planning layer and the location modules over the fast `pure`
# tests; writes docs/mutation-report.md (takes a while: not part of `make test`). The modules to mutate, in the
# package; MUTATION_MINUTES bounds each group's run (0: no bound).
MUTATE ?= validation/core.py validation/cron.py validation/cloud.py validation/secrets.py validation/terraform.py \
	velero_rules.py typed_check.py object_fields.py chart_value_rules.py extra_values.py recovery.py \
	plan.py schedules.py chart.py \
	locations/base.py locations/common.py locations/aws.py locations/digitalocean.py locations/s3_compatible.py
MUTATION_CHILDREN ?= 2
MUTATION_MINUTES ?= 0
mutation: env
	$(PY) scripts/mutation.py --files $(MUTATE) --report docs/mutation-report.md --max-children $(MUTATION_CHILDREN) \
		--minutes $(MUTATION_MINUTES)

clean:
	rm -rf cdktf.out .pytest_cache .mypy_cache .ruff_cache build dist docs/api *.egg-info
