# NAIRL Hub. `make run` serves the hub with demo data; `make test` runs the whole suite.
# Both set everything up first, on a fresh machine too.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
SCALE ?= small
# Debian packages the hub and its tests need: a browser for the browser tests, fonts that can draw
# Korean in plots and PDFs, gettext for the translations, Mesa's EGL for headless robot rendering,
# Pango and HarfBuzz's subsetter for WeasyPrint's PDF documents.
DEBIAN_PACKAGES := chromium fonts-noto-cjk gettext libegl1 libgl1-mesa-dri libglx-mesa0 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# The unprivileged user that robot-evaluation workers run as when the hub runs as root.
WORKER_USER ?= nairl-worker
OPENPI_CLIENT := 0.1.2

.PHONY: setup system-packages messages translations data run dev test bench lint clean

setup: system-packages $(VENV)/.installed messages

system-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing Debian packages (run as root or install them): $$missing"; \
	  fi; \
	fi
	@if [ "$$(id -u)" = 0 ] && ! id -u $(WORKER_USER) >/dev/null 2>&1; then \
	  echo "Creating the system user $(WORKER_USER) for robot-evaluation workers"; \
	  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
	    --user-group $(WORKER_USER); \
	fi

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,robotics,queue]'
	# The reference client of remote policies, for the compatibility tests. Without its
	# dependencies: it pins numpy below 2, and the hub's own msgpack and websockets serve it.
	$(BIN)/python -m pip install -q --no-deps openpi-client==$(OPENPI_CLIENT)
	touch $@

messages: $(VENV)/.installed
	cd src/nairl && ../../$(BIN)/nairl compilemessages -v0

# After adding or changing interface text: refresh the catalogs, then write the Korean msgstr.
# No source line references, so branches that add text in parallel merge without conflicts.
translations: $(VENV)/.installed
	cd src/nairl && ../../$(BIN)/nairl makemessages -l ko -l en --no-obsolete --no-location -v0

data: setup
	$(BIN)/nairl migrate -v0
	$(BIN)/nairl demo --scale $(SCALE)

# The hub as its users see it: DEBUG off, the hub's own error pages, static files by WhiteNoise,
# and the worker that runs background work (fits, evaluations, emails) beside the web server.
run: data
	$(BIN)/nairl worker & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	NAIRL_DEBUG=0 $(BIN)/nairl runserver $(HOST)

# For developers: Django's debug pages and tracebacks.
dev: data
	$(BIN)/nairl worker & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
	NAIRL_DEBUG=1 $(BIN)/nairl runserver $(HOST)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m benchmarks

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache
