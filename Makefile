# Two commands matter: `make run` and `make test`. Everything else is what they call.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pytest-xdist: one worker per core (each sets up its own test database).
PYTEST_ARGS ?= -n auto
SYSTEM_PACKAGES := fonts-liberation2 libharfbuzz-subset0 gettext

.PHONY: run test install sysdeps messages migrate demo lint format e2e clean

run: install migrate demo
	@echo "Máy chủ phát triển: http://127.0.0.1:$(PORT)/  (quản trị: /admin/)"
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(VENV)/.installed sysdeps messages

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The official PDFs need a Times-metric font with full Vietnamese coverage and fast
# font subsetting; translations need msgfmt. Installed when we are root, else explained.
sysdeps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Cài gói hệ thống:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "Thiếu gói hệ thống:$$missing — hãy chạy: sudo apt-get install$$missing"; \
	  fi; \
	fi

messages:
	@if command -v msgfmt >/dev/null && [ -d locale ]; then $(BIN)/python manage.py compilemessages --ignore=.venv -v0; fi

migrate:
	$(BIN)/python manage.py migrate --noinput -v0

# The demo Site's root URL (every absolute address) is http://127.0.0.1:$(PORT).
demo:
	PORT=$(PORT) $(BIN)/python manage.py load_demo

e2e: install
	$(BIN)/pytest tests/e2e

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 static_collected media private_media
