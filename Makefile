# County talent-plan monitoring: from the counties' plan documents to the yearly reports. `make help` lists
# the targets. The steps, each remade only when what it is made from has changed:
#
#   data/raw/ + config/ ─inputs─▶ .inputs.json ─data─▶ indicators.csv            (make data)
#   indicators.csv + YEAR ENTITIES LANG DOCUMENTS ─resolve─▶ run.json               (the run, worked out once)
#   run.json ─analyse─▶ comparison.csv, trends.csv, outlook.csv, analysis.json      (make analysis)
#   run.json + tables ─▶ report notebook ─render─▶ brief, report (HTML, PDF)
#                     ─▶ results workbook                    ─publish─▶ reports/<year>/   (make report)
#
# Every step is a command of `python -m helpers` (`--help` on each). Reading this file runs nothing: every
# command below is in a rule. The parameters reach only `resolve`, quoted; later steps read run.json.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# Every path here is the project's folder's: make must run in it (`make -C FOLDER` does), not read this file from
# elsewhere (`make -f …/Makefile`), which ran the steps on the other folder and wrote there.
# make's functions split names at spaces: the name make read is compared whole, as text, before as a path.
MAKEFILE_READ := $(strip $(MAKEFILE_LIST))
ifeq ($(wildcard Makefile),)
MAKEFILE_ELSEWHERE := yes
else ifneq ($(MAKEFILE_READ),$(CURDIR)/Makefile)
ifneq ($(realpath $(firstword $(MAKEFILE_LIST))),$(realpath Makefile))
MAKEFILE_ELSEWHERE := yes
endif
endif
ifdef MAKEFILE_ELSEWHERE
$(error make reads this Makefile from another folder ($(CURDIR)), whose files it would work on: run it in the project's \
    folder, `make -C "$(MAKEFILE_READ:/Makefile=)" $(MAKECMDGOALS)` (or cd there first))
endif
.SUFFIXES:
# Independent steps run side by side (the results workbook beside the report notebook); JOBS=1: one at a time.
JOBS ?= 2
# (A number of jobs that is not one, JOBS=0 or JOBS=two, made make print its own complaint on every restart and go on.)
not_digits = $(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst 5,,$(subst 6,,$(subst 7,,$(subst 8,,$(subst \
               9,,$(1)))))))))))
ifneq ($(words $(value JOBS))$(call not_digits,$(value JOBS)),1)
$(error JOBS='$(value JOBS)' is not a number of steps to run side by side: give 1 or more, e.g. JOBS=1)
endif
ifeq ($(subst 0,,$(value JOBS)),)
$(error JOBS='$(value JOBS)' is not a number of steps to run side by side: give 1 or more, e.g. JOBS=1)
endif
MAKEFLAGS += --jobs=$(JOBS)

# ----------------------------------------------------------------------------------------- the environment
PYTHON ?= python3
# An active conda environment when there is one (but not conda's base, which a project should never be
# installed into), otherwise .venv, built here. scripts/setup.sh installs either.
ifneq ($(and $(CONDA_PREFIX),$(filter-out base,$(CONDA_DEFAULT_ENV))),)
ENV_KIND  := conda
ENV_DIR   := $(CONDA_PREFIX)
INSTALLED := $(ENV_DIR)/.talent-plan-installed
else
ENV_KIND  := venv
ENV_DIR   := .venv
INSTALLED := $(ENV_DIR)/.installed
endif
PY    := $(ENV_DIR)/bin/python
# Each step starts with Ctrl-C and SIGTERM held back (coreutils' env) until it can stop in one line: one that comes
# while Python itself starts would otherwise print a traceback (helpers/__init__.py lets them through).
CLI   := env --block-signal=INT,TERM $(PY) -m helpers
# Every step works on this folder's files, whichever folder the environment's code was installed from (a project
# copied with its .venv): helpers.core.paths reads the project folder from here.
export TALENT_PROJECT_ROOT := $(CURDIR)
SETUP := ENV_KIND=$(ENV_KIND) ENV_DIR="$(ENV_DIR)" PYTHON="$(PYTHON)" STAMP="$(INSTALLED)" scripts/setup.sh

# A value as one shell word, whatever it holds (quotes, $(…), backquotes): single-quoted.
quote = '$(subst ','\'',$(1))'

# ----------------------------------------------------------------------------------------- folders
# All can be overridden (the benchmark and the tests run in scratch folders). Make cannot name a file whose
# path has a space or one of $ : # % ; in a rule, so such a folder is refused here, in one line.
RAW_DIR       ?= data/raw
CONFIG_DIR    ?= config
PROCESSED_DIR ?= data/processed
REPORTS_DIR   ?= reports
UNSAFE_IN_PATHS := $$ : \# % ;
unsafe_folder = $(or $(filter-out 1,$(words $(value $(1)))),$(strip \
                  $(foreach c,$(UNSAFE_IN_PATHS),$(findstring $(c),$(value $(1))))))
$(foreach folder,RAW_DIR CONFIG_DIR PROCESSED_DIR REPORTS_DIR,$(if $(call unsafe_folder,$(folder)),$(error \
    $(folder)='$(value $(folder))': make cannot use a folder whose name is empty or has a space or a character it reserves ( $(UNSAFE_IN_PATHS) ). \
    Give one without (a link to it will do))))
# The steps' outputs never go into the raw data or the config: a report or a processed table written into
# data/raw/monitoring/ is read as a workbook by the next data step (REPORTS_DIR=data/raw/monitoring published an
# .xlsx and a notebook there), and data/raw/ is never edited by the code.
# Compared as text after abspath: relative folders against this folder, or against a stand-in when its path has a
# space or a % (make splits at spaces; % is filter's wildcard), in which case a folder given by its absolute path
# has them too, and was refused above.
CHECK_ROOT := $(if $(and $(filter 1,$(words $(CURDIR))),$(if $(findstring %,$(CURDIR)),,yes)),$(CURDIR),/project)
folder_path = $(abspath $(if $(filter /%,$(value $(1))),,$(CHECK_ROOT)/)$(value $(1)))
inside_folder = $(filter $(call folder_path,$(2))/%,$(call folder_path,$(1))/)
$(foreach out,PROCESSED_DIR REPORTS_DIR,$(foreach in,RAW_DIR CONFIG_DIR,$(if $(call inside_folder,$(out),$(in)),$(error \
    $(out)='$(value $(out))' is inside $(in) ($(value $(in))), which holds the inputs: the outputs would be mixed with \
    them. Give a folder outside it, e.g. $(out)=$(if $(filter PROCESSED_DIR,$(out)),data/processed,reports)))))

EXECUTED_DIR := $(REPORTS_DIR)/executed
BUILD_DIR    := $(REPORTS_DIR)/.build
FOLDERS      := --processed-dir $(call quote,$(PROCESSED_DIR)) --config-dir $(call quote,$(CONFIG_DIR))

# ----------------------------------------------------------------------------------------- the run's parameters
# YEAR= the year reported on (default: the latest with actual values); ENTITIES= counties, e.g. jiande,anji
# (default: all); LANG= zh or en (default zh); DOCUMENTS= brief and/or report (default: both).
# Taken as typed and never expanded by make, so that no value ($(…), quotes) can run anything; blanks (a newline
# too, which would split a recipe line) become one space. They reach only `inputs` (the first step, which checks
# their form) and `resolve` (which checks them against the data), quoted. LANG is also the shell's locale
# variable: only a LANG= given on the make command line chooses the report's language.
override YEAR      := $(strip $(value YEAR))
override ENTITIES  := $(strip $(value ENTITIES))
override DOCUMENTS := $(strip $(value DOCUMENTS))
REPORT_LANG :=
ifeq ($(origin LANG),command line)
override LANG := $(strip $(value LANG))
REPORT_LANG   := $(LANG)
endif
unexport YEAR ENTITIES DOCUMENTS

RUN_PARAMETERS = --year $(call quote,$(YEAR)) --entities $(call quote,$(ENTITIES)) --lang $(call quote,$(REPORT_LANG)) \
                 --documents $(call quote,$(DOCUMENTS))

# ----------------------------------------------------------------------------------------- the files
INPUTS     := $(PROCESSED_DIR)/.inputs.json
INDICATORS := $(PROCESSED_DIR)/indicators.csv
RUN        := $(PROCESSED_DIR)/run.json
# The tables helpers.analyse.tables.TABLES writes (a test checks that the two lists agree).
ANALYSIS_TABLES := $(addprefix $(PROCESSED_DIR)/,comparison.csv trends.csv outlook.csv)
ANALYSIS        := $(PROCESSED_DIR)/analysis.json $(ANALYSIS_TABLES)
ANALYSIS_NOTEBOOKS := $(EXECUTED_DIR)/02_comparison.ipynb $(EXECUTED_DIR)/03_growth.ipynb
# The report is built here under fixed names, then published under the run's names (run.json) together.
REPORT_NOTEBOOK := $(BUILD_DIR)/04_report.ipynb
RESULTS         := $(BUILD_DIR)/results.xlsx
RENDERED        := $(BUILD_DIR)/documents.json
REPORT_TEMPLATE := $(wildcard templates/offline_report/* templates/report/*)
RUN_NB := $(CLI) run

# Which helper files each step uses (DATA_HELPERS, ANALYSIS_HELPERS, ANALYSIS_NOTEBOOK_HELPERS,
# REPORT_HELPERS, RESULTS_HELPERS), read from the import graph of its notebooks and command by
# `python -m helpers.run.stepdeps` (standard library only: it runs before the install). Make remakes the list
# when a helper or a notebook changes, and reads it only for the targets that build.
HELPER_DEPS := .make/helpers.mk
ifneq ($(filter data analysis report html,$(MAKECMDGOALS))$(filter $(PROCESSED_DIR)/% $(REPORTS_DIR)/%,$(MAKECMDGOALS)),)
include $(HELPER_DEPS)
endif

.PHONY: help setup environment data analysis report html template test test-quick lint lab manifest clean FORCE

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' Makefile | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

# ----------------------------------------------------------------------------------------- set-up
# `make setup` checks every piece whatever the stamp says, and installs only what is missing.
setup: ## Install or repair everything needed (system packages, Python packages, kernel), saying what and how long
	@$(SETUP)
	@touch "$(INSTALLED)"

# The stamp marks a complete install, redone when what to install changes.
$(INSTALLED): pyproject.toml requirements.lock environment.yml scripts/setup.sh scripts/ensure-system-deps.sh
	@$(SETUP)
	@touch "$@"

# Every step that runs Python comes after this: the install, and a quick look (no imports: packages, kernel,
# Chromium, fonts) that repairs the set-up when a piece has gone since.
# An environment that runs another folder's code (copied with the project) is refused, in one line.
# (An environment whose Python has gone, or cannot run, is repaired too; so is one that finds no project code, as
# in a folder moved since its set-up: the repair's one line is all it says, not Python's "No module named helpers".)
environment: $(INSTALLED)
	@if [ -x "$(PY)" ]; then why=$$($(CLI) check-install --own-code-first 2>&1 >/dev/null); else false; fi; \
	    case $$? in 0) ;; \
	    1|126|127) echo "A piece of the set-up has gone: repairing it."; $(SETUP) && touch "$(INSTALLED)" ;; \
	    *) echo "$$why" >&2; exit 1 ;; esac

$(HELPER_DEPS): $(wildcard src/helpers/*.py src/helpers/*/*.py src/helpers/*/*/*.py notebooks/*.ipynb)
	@mkdir -p $(@D) && scripts/check-python.sh "$(PYTHON)" && \
	    PYTHONPATH=src env --block-signal=INT,TERM "$(PYTHON)" -m helpers.run.stepdeps $@

# ----------------------------------------------------------------------------------------- the data step
data: $(INDICATORS) ## Extract and clean the plans' indicators into data/processed/

# Every input (plans, monitoring workbooks with any name, config) by content: rewritten only when one is added,
# removed, renamed or changed, so that its time tells make when to redo the steps after it (make itself cannot
# name files with spaces, # or :). It runs on every make, even `make -n` (+): only it can tell. It checks the run's
# parameters first, as far as they can be checked without the data: a mistyped YEAR stops the run before any step.
$(INPUTS): FORCE | environment
	+@$(CLI) inputs $(call quote,$@) --raw-dir $(call quote,$(RAW_DIR)) --config-dir $(call quote,$(CONFIG_DIR)) \
	    --reports-dir $(call quote,$(REPORTS_DIR)) $(RUN_PARAMETERS)

# The data notebook: plans and workbooks -> indicators.csv, the checks and the cleaning log.
$(INDICATORS): $(INPUTS) $(DATA_HELPERS) notebooks/01_data.ipynb | environment
	$(RUN_NB) notebooks/01_data.ipynb $(call quote,$(EXECUTED_DIR)/01_data.ipynb) \
	    -p raw_dir $(call quote,$(RAW_DIR)) -p processed_dir $(call quote,$(PROCESSED_DIR)) \
	    -p config_dir $(call quote,$(CONFIG_DIR))

# ----------------------------------------------------------------------------------------- the run
# The run, worked out once: YEAR, ENTITIES, LANG and DOCUMENTS checked against the data and the config (a bad
# value stops here, with one line), the year defaulted, each county's evaluated plan and the report's file names
# found, all written to run.json. Rewritten only when the run changes; runs every time, even under `make -n`.
$(RUN): $(INDICATORS) FORCE | environment
	+@$(CLI) resolve $(RUN_PARAMETERS) $(FOLDERS)

# ----------------------------------------------------------------------------------------- the analysis
analysis: $(ANALYSIS) $(ANALYSIS_NOTEBOOKS) ## Compare with the province and each other; growth, progress, outlook

# The analysis tables, computed once for the run, in one process; analysis.json records what for.
$(ANALYSIS) &: $(RUN) $(INDICATORS) $(INPUTS) $(ANALYSIS_HELPERS)
	$(CLI) analyse $(FOLDERS)

# The analysis notebooks show the tables and their figures to analysts; the report does not wait for them.
$(ANALYSIS_NOTEBOOKS): $(EXECUTED_DIR)/%.ipynb: notebooks/%.ipynb $(ANALYSIS) $(ANALYSIS_NOTEBOOK_HELPERS)
	$(RUN_NB) $< $(call quote,$@) -p processed_dir $(call quote,$(PROCESSED_DIR)) -p config_dir $(call quote,$(CONFIG_DIR))

# ----------------------------------------------------------------------------------------- the report
# The report notebook, executed for the run (one notebook serves both documents), and the run's documents, HTML
# and PDF, rendered from it, in one process: Chromium starts while the kernel runs. documents.json lists them.
$(REPORT_NOTEBOOK) $(RENDERED) &: $(RUN) $(ANALYSIS) $(INDICATORS) $(INPUTS) $(REPORT_HELPERS) notebooks/04_report.ipynb \
                                  $(REPORT_TEMPLATE)
	$(CLI) report notebooks/04_report.ipynb --into $(call quote,$(BUILD_DIR)) $(FOLDERS)

# The results workbook for analysts: the stored tables, in the run's language. (Built beside the notebook.)
$(RESULTS): $(RUN) $(ANALYSIS) $(INDICATORS) $(INPUTS) $(RESULTS_HELPERS)
	$(CLI) results-workbook $(call quote,$@) $(FOLDERS)


# The report's files go into reports/<year>/ under the run's names, all together or none: a failed or stopped
# run never leaves half a report beside the last good one. Publishing again what is already there does nothing.
report: $(RENDERED) $(RESULTS) ## Build the yearly brief and report: reports/<year>/ PDF and HTML (YEAR=, LANG=zh|en, ENTITIES=, DOCUMENTS=brief|report)
	@$(CLI) publish $(call quote,$(BUILD_DIR)) $(call quote,$(REPORTS_DIR)) --run $(call quote,$(RUN)) \
	    --config-dir $(call quote,$(CONFIG_DIR))

html: $(RUN) $(ANALYSIS) $(INDICATORS) $(INPUTS) | environment ## Build the brief's and the report's HTML alone
	$(CLI) report notebooks/04_report.ipynb --into $(call quote,$(BUILD_DIR)) $(FOLDERS) --html-only
	@$(CLI) publish $(call quote,$(BUILD_DIR)) $(call quote,$(REPORTS_DIR)) --run $(call quote,$(RUN)) --html-only \
	    --config-dir $(call quote,$(CONFIG_DIR))

# A run that is stopped (Ctrl-C, SIGTERM) must never cost the last good outputs: make deletes a target whose
# time changed during the interrupted recipe, unless it is precious. Every output here appears by rename,
# complete, or not at all.
.PRECIOUS: $(INPUTS) $(INDICATORS) $(RUN) $(ANALYSIS) $(ANALYSIS_NOTEBOOKS) $(REPORT_NOTEBOOK) $(RESULTS) \
           $(RENDERED)

# ----------------------------------------------------------------------------------------- other targets
template: | environment ## Write the yearly monitoring workbook template (REPORTS_DIR/monitoring-template.xlsx)
	$(CLI) template --make-folder --config-dir $(call quote,$(CONFIG_DIR)) $(call quote,$(REPORTS_DIR)/)

test: | environment ## Run the tests
	$(PY) -m pytest

test-quick: | environment ## Run the tests but the slow ones (whole make runs, notebooks, Chromium, JupyterLab)
	$(PY) -m pytest -m "not slow"

lint: | environment ## Check the code with ruff (style, imports, complexity; configured in pyproject.toml)
	$(PY) -m ruff check src tests benchmarks

# Options for JupyterLab, e.g. LAB_ARGS="--no-browser --port=8899 --ServerApp.ip=0.0.0.0"
LAB_ARGS ?=
lab: | environment ## Open JupyterLab on the project's kernel (LAB_ARGS="--no-browser --port=8899" passes options)
	$(CLI) lab $(LAB_ARGS)

manifest: | environment ## Record the checksums of the raw plans and the style sheets their web pages read (after a deliberate change)
	$(CLI) manifest --raw-dir $(call quote,$(RAW_DIR)) --config-dir $(call quote,$(CONFIG_DIR))

# Only the files the steps write, by name: REPORTS_DIR or PROCESSED_DIR may be a folder of the analyst's (the desktop),
# whose other files are theirs. (The data step's file names are helpers.core.paths'; a test checks that they agree.)
DATA_STEP_FILES := $(addprefix $(PROCESSED_DIR)/,indicators.csv indicators.xlsx consistency.csv \
                     consistency_checks.csv cleaning_log.csv build_info.json)
YEARS_DIRS      := $(wildcard $(REPORTS_DIR)/[12][0-9][0-9][0-9])
# Not the monitoring template: an analyst fills it in where `make template` wrote it (make template refuses to
# replace it for that reason), so it is theirs once written.
clean: ## Remove what was built (never the raw data, the monitoring template, nor any other file in those folders)
	rm -rf $(DATA_STEP_FILES) $(INPUTS) $(RUN) $(ANALYSIS) $(BUILD_DIR) \
	    $(wildcard $(EXECUTED_DIR)/0[0-9]_*.ipynb $(addsuffix /04_report_*.ipynb,$(YEARS_DIRS)) \
	                $(addsuffix /talent-plan-*,$(YEARS_DIRS)))
	@rmdir $(EXECUTED_DIR) $(YEARS_DIRS) 2>/dev/null || true

FORCE:
