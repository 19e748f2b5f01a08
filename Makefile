# Two commands on a fresh machine (Python >= 3.11, Node.js >= 18 and npm needed):
#   make serve   install what the site needs, then build and serve it at http://127.0.0.1:8000/explainer/
#   make test    install the test tools too, then run the whole test suite
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build pdf test lint bench notebook clean

serve: $(VENV)/.site node_modules/.installed
	$(BIN)/mkdocs serve

build: $(VENV)/.site node_modules/.installed
	$(BIN)/mkdocs build --strict

# the whole explainer as one PDF (site/why-l1-gives-exact-zeros.pdf), printed by headless Chromium
pdf: $(VENV)/.dev node_modules/.installed
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m figures_src.site.printing site

test: $(VENV)/.dev node_modules/.installed
	$(BIN)/python -m pytest -n 2 --dist loadgroup --durations=15

lint: $(VENV)/.dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

# build timings side by side, page weights, then every nav page's Lighthouse scores (median of 3)
bench: $(VENV)/.dev node_modules/.installed
	$(BIN)/python tests/benchmarks/build_times.py
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python tests/benchmarks/lighthouse.py

# chapter 9's notebook in JupyterLab (not needed to build or test the site)
notebook: $(VENV)/.notebook
	$(BIN)/jupyter lab docs/notebooks/reproduce.ipynb

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.site: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt requirements-cffconvert.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	python3 -m venv $(VENV)/tools/cffconvert
	$(VENV)/tools/cffconvert/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-cffconvert.txt
	touch $@ $(VENV)/.site

$(VENV)/.notebook: requirements-notebook.txt requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-notebook.txt
	touch $@ $(VENV)/.site

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site .cache test-artifacts
