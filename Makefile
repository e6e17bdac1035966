# From NEP to the Plan: the two commands students and instructors need are
#   make lab    set up what a student needs and open the student edition in JupyterLab
#               (make lab EDITION=instructor: the instructor edition, with solutions and notes)
#   make test   set up the test tools too and run every test (what CI runs)
# `make lab` installs requirements/runtime.txt into .venv; `make test` adds requirements/dev.txt
# (the same runtime pins plus test and maintainer tooling). Both locks are hashed.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
PYTEST_NB := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider
LINT_PATHS := src tests tools benchmarks notebooks
AXE := site/node_modules/axe-core/axe.min.js

# JupyterLab refuses to start as root unless told; containers and WSL often run as root.
IS_ROOT := $(filter 0,$(shell id -u 2>/dev/null))
LAB_FLAGS := $(if $(IS_ROOT),--allow-root)
# make lab opens an edition folder (build/editions/<edition>/, with links to data/ and docs/); the
# builder never writes over a notebook someone has changed there, so a student's work survives
# `git pull` and the next `make lab`.
EDITION ?= student
EDITIONS := student instructor
ROOT_NOTE := Note: you are root (as in a container or WSL's default user), so JupyterLab starts with --allow-root.

# make lock: uv resolves one universal (Linux, macOS, Windows) hashed lock per group for Python 3.11.
UV_VERSION := 0.13.9
LOCK_ENV   := build/lock-env
UV_COMPILE  = $(LOCK_ENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
              --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)

CHECK_PYTHON = @$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else \
	"The course needs Python 3.11, but $(PYTHON) is " + sys.version.split()[0] + \
	": install Python 3.11, or run make with PYTHON=/path/to/python3.11")'

.PHONY: help setup setup-dev lab test test-fast check-docs test-notebooks test-editions test-browser lint \
        format format-check git-tools execute check editions present bench seminar-bench lock env-file clean \
        site site-instructor test-site student-tree hub-image hub-deploy

# `make help` lists every target with the text after its `##` (one place for each description).
help: ## list every target with what it does
	@grep -hE '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)$$/\1\t\2/' | \
	  awk -F '\t' '{printf "make %-16s %s\n", $$1, $$2}'

$(RUNTIME_STAMP): requirements/runtime.txt pyproject.toml
	$(CHECK_PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/runtime.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/jupyter labextension list 2>&1 | grep -q jupyterlab_widgets
	touch $@

$(DEV_STAMP): requirements/dev.txt $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

setup: $(RUNTIME_STAMP) ## install what a student needs into .venv (runtime lock)

setup-dev: $(DEV_STAMP) ## install the runtime and the test and maintainer tools into .venv (dev lock)

lab: $(RUNTIME_STAMP) ## open the student edition in JupyterLab (EDITION=instructor: solutions and notes)
	@$(if $(filter $(EDITION),$(EDITIONS)),true,echo "EDITION must be student or instructor, not '$(EDITION)'"; exit 2)
	$(if $(IS_ROOT),@echo "$(ROOT_NOTE)")
	@$(BIN)/python tools/build_editions.py --edition $(EDITION) --quiet
	cd build/editions/$(EDITION) && $(abspath $(BIN))/jupyter lab $(LAB_FLAGS) 00_start_here.ipynb

# The full suite, in stages; the first failing stage stops it.
test: $(DEV_STAMP) ## every test, in stages: lint, docs, unit+data+strict nbval, student edition, browser, website
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory check-docs
	$(BIN)/python -m pytest -n 2 --dist loadscope --durations=25 $(PYTEST_NB) --ignore=tests/browser --ignore=tests/site --ignore=tests/docs tests notebooks
	$(MAKE) --no-print-directory test-editions
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory test-site

test-fast: $(DEV_STAMP) ## unit and data tests only, in parallel, without the slow ones (everyday work)
	$(BIN)/python -m pytest -n 2 -m "not slow" -p no:cacheprovider --ignore=tests/docs --ignore=tests/browser --ignore=tests/site tests

# Prose and configuration restated elsewhere (README, CONTRIBUTING, CHANGELOG, the guides, the version, the
# workflow): checked apart from behaviour, so that an edit to a page fails here, by name.
check-docs: $(DEV_STAMP) ## what the docs and config files state, checked against the course (tests/docs/; part of make test)
	$(BIN)/python -m pytest -p no:cacheprovider -q tests/docs

lint: $(DEV_STAMP) ## ruff check and ruff format --check (src, tests, tools, benchmarks, notebooks)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

format: $(DEV_STAMP) ## ruff format and ruff check --fix over the linted paths (a changed notebook: make execute NB=…)
	$(BIN)/ruff format $(LINT_PATHS)
	$(BIN)/ruff check --fix $(LINT_PATHS)

format-check: $(DEV_STAMP) ## ruff format --check (also part of make lint)
	$(BIN)/ruff format --check $(LINT_PATHS)

# Once per clone: notebook-aware `git diff`/`git merge` (see .gitattributes) and the pre-commit hooks.
git-tools: $(DEV_STAMP) ## register nbdime's notebook diff/merge drivers and the pre-commit hooks in this clone
	$(BIN)/nbdime config-git --enable
	$(BIN)/pre-commit install

test-editions: $(DEV_STAMP) ## build the editions and run strict nbval on the student edition
	$(BIN)/python tools/build_editions.py --out build/editions/test
	$(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_NB) build/editions/test/student
	rm -rf build/editions/test

# Finds Chromium or Chrome (tools/find_browser.py); without one it stops with one line saying what to install.
test-browser: $(DEV_STAMP) $(AXE) ## the browser stage: each notebook's student edition in JupyterLab, Voilà and Notebook 7
	@$(BIN)/python tools/find_browser.py --check >/dev/null
	$(BIN)/python -m pytest -p no:cacheprovider -n 2 --dist loadgroup --durations=25 tests/browser


test-notebooks: $(DEV_STAMP) ## strict nbval on notebooks/ (in parallel, one notebook per worker)
	$(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_NB) notebooks

execute: $(RUNTIME_STAMP) ## re-execute every notebook and store outputs (NB=04_end_of_nep.ipynb: one)
	$(BIN)/python tools/execute_notebooks.py $(or $(NB),$(NOTEBOOKS))

# After changing one notebook or its data: re-execute it, run the data tests, nbval and its editions.
check: $(DEV_STAMP) ## after changing a notebook: make check NB=04_end_of_nep.ipynb (re-execute, data tests, nbval, editions)
	@test -n "$(NB)" || { echo "Name the notebook: make check NB=04_end_of_nep.ipynb"; exit 2; }
	$(BIN)/python tools/check_notebook.py "$(NB)"

editions: $(RUNTIME_STAMP) ## build the student and instructor editions into build/editions/
	$(BIN)/python tools/build_editions.py

# What CI commits to the student branch (tools/publish_student.py), to look at locally.
student-tree: $(RUNTIME_STAMP) ## assemble what CI publishes to the student branch into build/student-branch/
	$(BIN)/python tools/publish_student.py --out build/student-branch

present: editions ## project a notebook's student edition as a Voilà app (NB=01_recovery.ipynb)
	$(BIN)/voila build/editions/student/$(or $(NB),01_recovery.ipynb)

bench: $(DEV_STAMP) ## measure widget latency, notebook run time and kernel memory
	$(BIN)/python benchmarks/run.py

# Instructors' tools (nbgrader is in the dev set): graded assignments built from notebooks/, and the class report.
.PHONY: assignments class-report
assignments: $(DEV_STAMP) ## nbgrader course folder (graded assignments) into build/assignments/ (OUT=folder)
	$(BIN)/python tools/build_assignments.py $(if $(OUT),--out "$(OUT)")

class-report: $(DEV_STAMP) ## class report (HTML + CSV) from collected notebooks: IN=<folder> (ANONYMOUS=1 hides names)
	@test -n "$(IN)" || { echo "Say where the collected notebooks are: make class-report IN=path/to/submitted"; exit 2; }
	$(BIN)/python tools/class_report.py "$(IN)" $(if $(OUT),--out "$(OUT)") $(if $(ANONYMOUS),--anonymous)

seminar-bench: $(DEV_STAMP) ## local JupyterHub with 10 students (STUDENTS=N, OUT=file; needs npm): start time, memory, latency
	@command -v npm >/dev/null || { echo "make seminar-bench needs npm (Node.js) for the hub's proxy: install it (Debian: apt-get install npm)"; exit 2; }
	cd benchmarks/hub && npm ci --no-audit --no-fund --silent
	$(BIN)/python benchmarks/seminar.py $(if $(STUDENTS),--students $(STUDENTS)) $(if $(OUT),--out $(OUT))

# The course on Zero to JupyterHub (deploy/, docs/running_a_seminar.md). The image is built only here,
# never by make test: it needs a running Docker daemon and the network. Tag: the course version.
HUB_IMAGE ?= nep-to-plan-student
COURSE_VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
hub-image: $(RUNTIME_STAMP) ## build the single-user image for Kubernetes (needs Docker; HUB_IMAGE=name, NBGRADER=1)
	@docker info >/dev/null 2>&1 || { echo "make hub-image needs a running Docker daemon (docker info fails here); build where Docker runs"; exit 2; }
	rm -rf build/hub-image
	$(BIN)/python tools/publish_student.py --out build/hub-image/student
	cp deploy/image/Dockerfile deploy/image/requirements-hub.txt deploy/image/requirements-nbgrader.txt build/hub-image/
	docker build $(if $(NBGRADER),--build-arg NBGRADER=1) --tag $(HUB_IMAGE):$(COURSE_VERSION)$(if $(NBGRADER),-nbgrader) build/hub-image

hub-deploy: $(RUNTIME_STAMP) ## render deploy/ (links, image tag, sizes) and the guide's capacity table from their sources
	$(BIN)/python tools/hub_deploy.py --write

# Starts from a fresh environment every time (venv --clear); uv keeps the pins already in the locks
# unless UPGRADE=1 is given, and resolves for Python 3.11 on every platform.
lock: ## re-resolve requirements/runtime.txt, dev.txt and environment.yml (UPGRADE=1 moves pins)
	$(CHECK_PYTHON)
	$(PYTHON) -m venv --clear $(LOCK_ENV)
	$(LOCK_ENV)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(UV_COMPILE) requirements/runtime.in -o requirements/runtime.txt
	$(UV_COMPILE) requirements/dev.in -o requirements/dev.txt
	$(PYTHON) tools/write_environment_yml.py
	rm -rf $(LOCK_ENV)

# The course website (Sphinx + MyST-NB from the executed student edition, offline). axe-core, for the
# accessibility tests of the site, JupyterLab and Voilà, comes from npm (site/package-lock.json).
$(AXE): site/package-lock.json
	cd site && npm ci --no-audit --no-fund --silent
	touch $@

site: $(DEV_STAMP) ## build the course website into build/site/
	$(BIN)/python tools/build_site.py --out build/site

site-instructor: $(DEV_STAMP) ## build the instructor's website into build/site-instructor/
	$(BIN)/python tools/build_site.py --edition instructor --out build/site-instructor

test-site: site $(AXE) ## build the website and test it (links, pages in a browser, axe)
	NEP_SITE_DIR=build/site $(BIN)/python -m pytest -p no:cacheprovider tests/site

env-file: ## write environment.yml from the runtime lock
	$(PYTHON) tools/write_environment_yml.py

clean: ## remove .venv, build/, test-artifacts/ and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache build test-artifacts
