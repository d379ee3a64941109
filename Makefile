# County talent-plan monitoring. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Marks a complete install; redone when the dependencies change.
INSTALLED := $(VENV)/.installed
# Debian packages: CJK fonts so that Chinese renders in figures (no tofu boxes).
SYSTEM_PACKAGES := fonts-noto-cjk

RAW_DIR       := data/raw
PROCESSED_DIR := data/processed
EXECUTED_DIR  := reports/executed

RAW       := $(filter-out $(RAW_DIR)/checksums.sha256,$(wildcard $(RAW_DIR)/*.txt)) $(RAW_DIR)/checksums.sha256
CONFIG    := config/sources.yaml config/catalogue.yaml
HELPERS   := $(wildcard src/helpers/*.py)
RUN_NB    := $(PY) -m helpers.run_notebook

# Analysis parameters: YEAR= the year reported on (default: latest with actuals); ENTITIES= e.g. jiande,anji
YEAR     ?=
ENTITIES ?=
ANALYSIS_PARAMS = -p processed_dir $(abspath $(PROCESSED_DIR)) -p report_year "$(YEAR)" -p entities "$(ENTITIES)"

.PHONY: help setup data analysis test lab manifest clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(INSTALLED) ## Install everything needed (system packages, venv, Python packages)

$(INSTALLED): pyproject.toml requirements.lock scripts/ensure-system-deps.sh Makefile
	scripts/ensure-system-deps.sh $(SYSTEM_PACKAGES)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	touch $@

data: $(PROCESSED_DIR)/indicators.csv ## Extract and clean the plans' indicators into data/processed/

$(PROCESSED_DIR)/indicators.csv: $(INSTALLED) $(RAW) $(CONFIG) $(HELPERS) notebooks/01_data.ipynb
	$(RUN_NB) notebooks/01_data.ipynb $(EXECUTED_DIR)/01_data.ipynb \
	    -p raw_dir $(abspath $(RAW_DIR)) -p processed_dir $(abspath $(PROCESSED_DIR))

analysis: $(PROCESSED_DIR)/comparison.csv $(PROCESSED_DIR)/trends.csv ## Compare with the province and each other; growth and progress

$(PROCESSED_DIR)/comparison.csv: $(PROCESSED_DIR)/indicators.csv $(CONFIG) $(HELPERS) notebooks/02_comparison.ipynb
	$(RUN_NB) notebooks/02_comparison.ipynb $(EXECUTED_DIR)/02_comparison.ipynb $(ANALYSIS_PARAMS)

$(PROCESSED_DIR)/trends.csv: $(PROCESSED_DIR)/indicators.csv $(CONFIG) $(HELPERS) notebooks/03_growth.ipynb
	$(RUN_NB) notebooks/03_growth.ipynb $(EXECUTED_DIR)/03_growth.ipynb $(ANALYSIS_PARAMS)

test: $(INSTALLED) ## Run the tests
	$(PY) -m pytest

lab: $(INSTALLED) ## Open JupyterLab with the project's kernel registered
	$(PY) -m ipykernel install --user --name talent-plan --display-name "Python (talent-plan 人才规划)"
	$(VENV)/bin/jupyter lab notebooks/

manifest: $(INSTALLED) ## Record the checksums of the raw plan documents (after a deliberate change)
	$(PY) -m helpers.manifest_cli

clean: ## Remove what was built (never the raw data)
	rm -rf $(PROCESSED_DIR)/*.csv $(PROCESSED_DIR)/*.xlsx $(PROCESSED_DIR)/*.json $(EXECUTED_DIR)
