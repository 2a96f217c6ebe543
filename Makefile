# Two commands set up a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test test-fast lint format bench bench-deps browser-deps font-deps messages setup

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The development settings every manage.py command of this checkout reads (never overwritten).
.env:
	printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' "$$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" > $@

# Every step is idempotent: a second run loses and duplicates nothing.
setup: $(VENV)/.installed .env
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_roles
# Feeds and sitemap.xml link to the Sites framework's domain: here, this server.
	DJANGO_SITE_URL=http://$(HOST):$(PORT) $(PY) manage.py setup_pages
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin

run: setup
	@$(MAKE) --no-print-directory font-deps || echo "Until then PDF programmes use a font the reader must have."
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production on this machine (docs/deploy.md): DEBUG off, the variables from the environment
# or from DJANGO_ENV_FILE (deploy/env.example), never from the development .env.
DJANGO_ENV_FILE ?=
SERVE := DJANGO_DEBUG=0 DJANGO_ENV_FILE="$(DJANGO_ENV_FILE)"
serve: $(VENV)/.installed
	$(SERVE) $(PY) manage.py migrate --noinput
	$(SERVE) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(SERVE) $(VENV)/bin/gunicorn forum_site.wsgi:application --bind $(HOST):$(PORT) \
	  --no-control-socket --access-logfile - --forwarded-allow-ips 127.0.0.1

# Browser tests need Debian's chromium; never a downloaded browser.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else \
	    echo "Browser tests need Debian's chromium: sudo apt-get install -y chromium"; exit 1; \
	  fi; \
	fi

# PDF programmes and social cards draw Chinese with Debian's fonts-wqy-zenhei (common/fonts.py).
CJK_FONT := /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc
font-deps:
	@if [ ! -f $(CJK_FONT) ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei; \
	  else \
	    echo "Chinese text in PDFs and social cards needs: sudo apt-get install -y fonts-wqy-zenhei"; exit 1; \
	  fi; \
	fi

test: $(VENV)/.installed browser-deps font-deps
	$(PY) -m pytest

# Everything but the browser tests, for a quick loop.
test-fast: $(VENV)/.installed
	$(PY) -m pytest -m "not browser"

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=var --ignore=media --no-obsolete
	$(PY) -m forum_site.compile_messages

# Speed targets, over HTTP with gunicorn and DEBUG off (bench/). ARGS="--only press --db sqlite".
bench: $(VENV)/.installed
	$(PY) -m bench $(ARGS)
