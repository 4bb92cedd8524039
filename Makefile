# One-command set-up for a fresh machine with Python 3.11.
#   make serve   build the course book and serve it on http://127.0.0.1:8000
#   make test    install everything (system packages too, when run as root), build the
#                book with every warning an error, and run the test suite
#   make test-fast   the tests that answer in under two minutes (no book, browser or PDFs)
#   HYPOTHESIS_PROFILE=thorough make test   ten times the property tests' examples (a long run)
#   make scorm   build the book and write its SCORM 1.2 and 2004 zips into _build/scorm
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
HOST   ?= 127.0.0.1
STAMP  := $(VENV)/.installed

.PHONY: install lock system-deps npm-deps book book-strict scorm serve test test-fast lint bench clean

EXTRAS := book,learner,notebooks,trainer,dev

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

# Resolve the newest versions pyproject.toml allows in a scratch environment and write them
# to constraints.txt (then run `make test`, and commit both if it passes).
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e '.[$(EXTRAS)]'
	{ sed -n '1,3p' constraints.txt; .lock-venv/bin/pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .lock-venv

# Chromium (browser tests), Node.js and npm (the page script against the grader's vectors;
# the SCORM tests' LMS runtime), poppler-utils (reading PDFs), Pango (WeasyPrint) and the
# handouts' fonts (Liberation, DejaVu), from Debian's packages. Never a
# browser download.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	fc-list 2>/dev/null | grep -qi "liberation sans" || missing="$$missing fonts-liberation"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

# The LMS side of the SCORM tests: scorm-again, pinned in tests/lms/package-lock.json,
# from the npm registry into tests/lms/node_modules (git-ignored).
NPM_STAMP := tests/lms/node_modules/.installed
$(NPM_STAMP): tests/lms/package.json tests/lms/package-lock.json
	cd tests/lms && npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

npm-deps: $(NPM_STAMP)

# The build runs the course's notebooks: they keep no progress in this copy.
book: $(STAMP)
	AMS_EXERCISES_RECORD=0 $(BIN)/jupyter-book build . --builder html

# Every warning is an error, so a broken reference fails.
book-strict: $(STAMP)
	AMS_EXERCISES_RECORD=0 $(BIN)/jupyter-book build . --builder html -nW --keep-going

# SCORM packages for a learning management system (README: "For a state training office").
# MASTERY=80 sets the share of the points that counts as passed (default 100: every check).
scorm: book
	$(BIN)/ams-exercises dev scorm --html _build/html --out _build/scorm $(if $(MASTERY),--mastery $(MASTERY))

# As a static host serves it: precompressed files, cache headers. Prints the address.
serve: book
	@$(BIN)/python book/_ext/course_serve.py _build/html --port $(PORT) --host $(HOST)

# Spread over one worker more than the machine has cores, a file at a time, slow files
# first (tests/conftest.py): browser tests and started commands leave a core idle at times.
# TEST_WORKERS=0 runs it in one process, in file order.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
test: $(STAMP) system-deps npm-deps book-strict
	$(BIN)/ruff check ams_exercises devtools tests benchmarks
	$(BIN)/python ../shared/tools/originality.py . || [ ! -f ../shared/tools/originality.py ]
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# The fast lane, under two minutes: no book build, browser, Node, PDFs or installs
# (tests/conftest.py's SLOW); `make test` runs everything.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow and not browser and not book"

lint: $(STAMP)
	$(BIN)/ruff check ams_exercises devtools tests benchmarks
	$(BIN)/ruff format --check ams_exercises devtools tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf _build .pytest_cache
