# County talent-plan monitoring. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
# The Python environment: an active conda environment when there is one (but not conda's base, which a
# project should never be installed into), otherwise .venv, built here. scripts/setup.sh installs either.
ifneq ($(and $(CONDA_PREFIX),$(filter-out base,$(CONDA_DEFAULT_ENV))),)
ENV_KIND  := conda
ENV_DIR   := $(CONDA_PREFIX)
INSTALLED := $(ENV_DIR)/.talent-plan-installed
else
ENV_KIND  := venv
ENV_DIR   := .venv
INSTALLED := $(ENV_DIR)/.installed
endif
PY := $(ENV_DIR)/bin/python
SETUP := ENV_KIND=$(ENV_KIND) ENV_DIR="$(ENV_DIR)" PYTHON="$(PYTHON)" STAMP="$(INSTALLED)" scripts/setup.sh
# The stamp marks a complete install, redone when what to install changes. It is trusted only while a quick
# look (no imports: packages, kernel, Chromium, fonts) finds every piece in place; when one has gone, the
# stamp goes too, and the next step reinstalls what is missing.
ifeq ($(MAKELEVEL),0)
ifneq ($(shell $(PY) -m helpers check-install >/dev/null 2>&1 || echo missing),)
_ := $(shell rm -f "$(INSTALLED)")
endif
endif

# Folders. All can be overridden (e.g. the benchmark runs synthetic counties in a scratch folder).
RAW_DIR       ?= data/raw
CONFIG_DIR    ?= config
PROCESSED_DIR ?= data/processed
REPORTS_DIR   ?= reports
EXECUTED_DIR  := $(REPORTS_DIR)/executed

CONFIG    := $(CONFIG_DIR)/sources.yaml $(CONFIG_DIR)/catalogue.yaml config/method.yaml
CLI       := $(PY) -m helpers
# Paths reach Python as given (relative to this folder) and quoted, so that the project may live in a folder
# whose name has spaces, Chinese, # or : (make cannot name such files in its own rules).
# Every input file (plans, monitoring workbooks with any name, config), by content: rewritten, as make reads
# this file, only when an input is added, removed, renamed or changed; the data step depends on it.
INPUTS    := $(PROCESSED_DIR)/.inputs.json
ifeq ($(MAKELEVEL),0)
_ := $(shell test -x $(PY) && $(CLI) inputs "$(INPUTS)" --raw-dir "$(RAW_DIR)" --config-dir "$(CONFIG_DIR)")
endif
RUN_NB    := $(CLI) run
# Each step depends on exactly the helper files it uses: what its notebooks and its command import, transitively
# (DATA_HELPERS, ANALYSIS_HELPERS, ANALYSIS_NOTEBOOK_HELPERS, REPORT_HELPERS, RESULTS_HELPERS, RENDER_HELPERS).
# `python -m helpers.run.stepdeps` reads them from the import graph, standard library only (it runs before the
# install), and make remakes the list whenever a helper or a notebook changes.
HELPER_DEPS := .make/helpers.mk
$(HELPER_DEPS): $(wildcard src/helpers/*.py src/helpers/*/*.py src/helpers/*/*/*.py notebooks/*.ipynb)
	@mkdir -p $(@D) && PYTHONPATH=src $(PYTHON) -m helpers.run.stepdeps > $@.partial && mv $@.partial $@
include $(HELPER_DEPS)

# Analysis parameters: YEAR= the year reported on (default: latest with actuals); ENTITIES= e.g. jiande,anji
YEAR     ?=
ENTITIES ?=
ANALYSIS_PARAMS = -p processed_dir "$(PROCESSED_DIR)" -p config_dir "$(CONFIG_DIR)" \
                  -p report_year "$(YEAR)" -p entities "$(ENTITIES)"

# Report parameters. LANG is also the shell's locale variable, so only a LANG= given on the
# make command line chooses the report's language; otherwise it is Chinese.
REPORT_LANG := zh
ifeq ($(origin LANG),command line)
REPORT_LANG := $(LANG)
endif
# The documents: leadership = the brief (talent-plan-brief_*), analyst = the full report (talent-plan-report_*).
AUDIENCE ?= leadership analyst
REPORT_TEMPLATE := $(wildcard templates/offline_report/* templates/report/*)
# helpers.parameters checks them before anything is built, with one-line errors. They reach that check
# through the environment, so that no value (YEAR='a"b') can break its shell command; later commands only
# ever see values it let through.
export YEAR ENTITIES REPORT_LANG AUDIENCE
PARAMETERS = --year "$$YEAR" --entities "$$ENTITIES" --lang "$$REPORT_LANG" --audience "$$AUDIENCE" \
             --processed-dir "$(PROCESSED_DIR)" --config-dir "$(CONFIG_DIR)"

.PHONY: help setup data analysis report html report-files html-files template test test-quick lint lab manifest clean \
        check-parameters

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# `make setup` checks every piece whatever the stamp says, and installs only what is missing.
setup: ## Install or repair everything needed (system packages, Python packages, kernel), saying what and how long
	@$(SETUP)
	@touch "$(INSTALLED)"

$(INSTALLED): pyproject.toml requirements.lock environment.yml scripts/setup.sh scripts/ensure-system-deps.sh
	@$(SETUP)
	@touch "$@"

data: $(PROCESSED_DIR)/indicators.csv ## Extract and clean the plans' indicators into data/processed/

$(PROCESSED_DIR)/indicators.csv: $(INPUTS) $(DATA_HELPERS) notebooks/01_data.ipynb | $(INSTALLED)
	$(RUN_NB) notebooks/01_data.ipynb $(EXECUTED_DIR)/01_data.ipynb \
	    -p raw_dir "$(RAW_DIR)" -p processed_dir "$(PROCESSED_DIR)" -p config_dir "$(CONFIG_DIR)"

# (Made here only on a fresh clone, after the install; kept up to date above.)
$(INPUTS): | $(INSTALLED)
	@$(CLI) inputs "$@" --raw-dir "$(RAW_DIR)" --config-dir "$(CONFIG_DIR)"

# Checks YEAR, ENTITIES, LANG and AUDIENCE before anything is built (YEAR against the data: see `report`).
check-parameters: | $(INSTALLED)
	@$(CLI) parameters $(PARAMETERS)

# The analysis tables (comparison.csv, trends.csv, outlook.csv): computed once, in one process, by
# `python -m helpers analyse`;
# analysis.json beside them records the parameters and inputs they were built for. The report reads them.
# (The tables that helpers.analyse.tables.TABLES writes; a test checks that the two lists agree.)
ANALYSIS_TABLES := $(addprefix $(PROCESSED_DIR)/,comparison.csv trends.csv outlook.csv)
ANALYSIS_JSON   := $(PROCESSED_DIR)/analysis.json
ANALYSIS        := $(ANALYSIS_JSON) $(ANALYSIS_TABLES)
ANALYSIS_NOTEBOOKS := $(EXECUTED_DIR)/02_comparison.ipynb $(EXECUTED_DIR)/03_growth.ipynb
# Rewritten, as make reads this file, only when YEAR or ENTITIES change: the analysis reruns exactly then
# (and `make -n` still tells the truth).
ANALYSIS_PARAMETERS := $(PROCESSED_DIR)/.analysis-parameters
_ := $(shell mkdir -p "$(PROCESSED_DIR)" && p='YEAR=$(YEAR) ENTITIES=$(ENTITIES)' && \
       [ "$$(cat "$(ANALYSIS_PARAMETERS)" 2>/dev/null)" = "$$p" ] || echo "$$p" > "$(ANALYSIS_PARAMETERS)")

analysis: check-parameters $(ANALYSIS) $(ANALYSIS_NOTEBOOKS) ## Compare with the province and each other; growth, progress, outlook

$(ANALYSIS) &: $(PROCESSED_DIR)/indicators.csv $(CONFIG) $(ANALYSIS_HELPERS) $(ANALYSIS_PARAMETERS)
	$(CLI) analyse --processed-dir "$(PROCESSED_DIR)" --config-dir "$(CONFIG_DIR)" --year "$(YEAR)" --entities "$(ENTITIES)"

# The analysis notebooks show the tables and their figures to analysts; the report does not wait for them.
$(ANALYSIS_NOTEBOOKS): $(EXECUTED_DIR)/%.ipynb: notebooks/%.ipynb $(ANALYSIS) $(ANALYSIS_NOTEBOOK_HELPERS)
	$(RUN_NB) $< $@ $(ANALYSIS_PARAMS)

# The report's outputs build in parallel where independent (the results workbook beside the notebook).
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# `parameters --resolve` checks YEAR against the data and gives the report's year and, for a subset of the
# counties, the tag its file names end with (a report on some counties never takes the yearly report's name).
report: check-parameters $(PROCESSED_DIR)/indicators.csv ## Build the yearly brief and report: reports/<year>/ PDF and HTML (YEAR=, LANG=zh|en, ENTITIES=, AUDIENCE=)
	@names=$$($(CLI) parameters --resolve $(PARAMETERS)) && $(MAKE) --no-print-directory -j$(JOBS) report-files $$names

html: check-parameters $(PROCESSED_DIR)/indicators.csv ## Build the brief's and the report's HTML alone
	@names=$$($(CLI) parameters --resolve $(PARAMETERS)) && $(MAKE) --no-print-directory html-files $$names

# Set by `report` and `html` above. Each file is built, complete, in a hidden build folder; the set is then
# published into reports/<year>/ together (`python -m helpers publish`), all of it or none: a failed or
# stopped run never leaves half a report beside the last good one. The build folder keeps the files, so that
# make rebuilds only what changed.
REPORT_DIR  = $(REPORTS_DIR)/$(REPORT_YEAR)
BUILD_DIR   = $(REPORTS_DIR)/.build/$(REPORT_YEAR)
# The names are made here alone; Python gives only REPORT_TAG (helpers.parameters.subset_tag).
BRIEF_NAME  = talent-plan-brief_$(REPORT_YEAR)_$(REPORT_LANG)$(REPORT_TAG)
REPORT_NAME = talent-plan-report_$(REPORT_YEAR)_$(REPORT_LANG)$(REPORT_TAG)
DOC_NAMES   = $(if $(filter leadership,$(AUDIENCE)),$(BRIEF_NAME)) $(if $(filter analyst,$(AUDIENCE)),$(REPORT_NAME))
DOC_ARGS    = $(if $(filter leadership,$(AUDIENCE)),--brief $(BUILD_DIR)/$(BRIEF_NAME)) \
              $(if $(filter analyst,$(AUDIENCE)),--report $(BUILD_DIR)/$(REPORT_NAME))
# One executed notebook serves both documents.
NB_NAME      = 04_report_$(REPORT_YEAR)_$(REPORT_LANG)$(REPORT_TAG).ipynb
RESULTS_NAME = talent-plan-results_$(REPORT_YEAR)_$(REPORT_LANG)$(REPORT_TAG).xlsx
REPORT_NAMES = $(NB_NAME) $(RESULTS_NAME) $(DOC_NAMES:=.html) $(DOC_NAMES:=.pdf)
HTML_NAMES   = $(NB_NAME) $(DOC_NAMES:=.html)

report-files: $(addprefix $(REPORT_DIR)/,$(REPORT_NAMES))
html-files: $(BUILD_DIR)/$(NB_NAME)
	$(CLI) render documents $< $(DOC_ARGS) --lang $(REPORT_LANG) --html-only
	$(CLI) publish "$(BUILD_DIR)" "$(REPORT_DIR)" $(HTML_NAMES)

$(addprefix $(REPORT_DIR)/,$(REPORT_NAMES)) &: $(addprefix $(BUILD_DIR)/,$(REPORT_NAMES))
	$(CLI) publish "$(BUILD_DIR)" "$(REPORT_DIR)" $(REPORT_NAMES)

$(BUILD_DIR)/$(NB_NAME): $(ANALYSIS) $(PROCESSED_DIR)/indicators.csv $(CONFIG) $(REPORT_HELPERS) notebooks/04_report.ipynb
	$(RUN_NB) notebooks/04_report.ipynb $@ -p processed_dir "$(PROCESSED_DIR)" -p config_dir "$(CONFIG_DIR)" \
	    -p report_year $(REPORT_YEAR) -p entities "$(ENTITIES)" -p lang $(REPORT_LANG)

# Both documents' HTML and PDF in one render: one nbconvert, one Chromium.
$(addprefix $(BUILD_DIR)/,$(DOC_NAMES:=.html) $(DOC_NAMES:=.pdf)) &: $(BUILD_DIR)/$(NB_NAME) $(REPORT_TEMPLATE) $(RENDER_HELPERS)
	$(CLI) render documents $< $(DOC_ARGS) --lang $(REPORT_LANG)

$(BUILD_DIR)/$(RESULTS_NAME): $(ANALYSIS) $(PROCESSED_DIR)/indicators.csv $(CONFIG) $(RESULTS_HELPERS)
	$(CLI) results-workbook $@ --processed-dir "$(PROCESSED_DIR)" --config-dir "$(CONFIG_DIR)" \
	    --year $(REPORT_YEAR) --entities "$(ENTITIES)" --lang $(REPORT_LANG)

# A run that is stopped (Ctrl-C, SIGTERM) must never cost the last good outputs: make deletes a target whose
# time changed during the interrupted recipe, unless it is precious (a pattern does not do: each target is
# named). Every output here appears by rename, complete, or not at all.
.PRECIOUS: $(INPUTS) $(PROCESSED_DIR)/indicators.csv $(ANALYSIS) $(ANALYSIS_NOTEBOOKS) \
           $(addprefix $(BUILD_DIR)/,$(REPORT_NAMES)) $(addprefix $(REPORT_DIR)/,$(REPORT_NAMES))

template: $(INSTALLED) ## Write the yearly monitoring workbook template (reports/monitoring-template.xlsx)
	$(CLI) template --config-dir $(CONFIG_DIR)

test: $(INSTALLED) ## Run the tests
	$(PY) -m pytest

test-quick: $(INSTALLED) ## Run the tests but the slow ones (whole make runs, notebooks, Chromium, JupyterLab)
	$(PY) -m pytest -m "not slow"

lint: $(INSTALLED) ## Check the code with ruff (style, imports, complexity; configured in pyproject.toml)
	$(PY) -m ruff check src tests benchmarks

# Options for JupyterLab, e.g. LAB_ARGS="--no-browser --port=8899 --ServerApp.ip=0.0.0.0"
LAB_ARGS ?=
lab: $(INSTALLED) ## Open JupyterLab on the project's kernel (LAB_ARGS="--no-browser --port=8899" passes options)
	$(CLI) lab $(LAB_ARGS)

manifest: $(INSTALLED) ## Record the checksums of the raw plan documents (after a deliberate change)
	$(CLI) manifest --raw-dir $(RAW_DIR) --config-dir $(CONFIG_DIR)

clean: ## Remove what was built (never the raw data)
	rm -rf $(PROCESSED_DIR)/*.csv $(PROCESSED_DIR)/*.xlsx $(PROCESSED_DIR)/*.json $(EXECUTED_DIR) \
	    $(filter-out $(REPORTS_DIR)/.gitkeep,$(wildcard $(REPORTS_DIR)/*)) $(REPORTS_DIR)/.build
