# `make run` and `make test` each create the virtual environment from requirements.txt when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test

# The app and the API listen on this machine only unless told otherwise: make run HOST=0.0.0.0
# (see README). PORT defaults to 8501 for the app and 8000 for the API.
HOST ?= 127.0.0.1

.PHONY: run api test lint format bench coach-password coach-add

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

run: $(BIN)/.installed
	$(BIN)/python -m interview first-start
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(or $(PORT),8501)

api: $(BIN)/.installed
	$(BIN)/python -m interview serve-api --host $(HOST) --port $(or $(PORT),8000)

# make coach-password [NAME="Ada Li"]: a new password for an account (default: the first, coach).
coach-password: $(BIN)/.installed
	$(BIN)/python -m interview reset-coach-password $(if $(NAME),"$(NAME)")

# make coach-add NAME="Ada Li" (or: make coach-add Ada): a coach account, its password printed once.
ifeq (coach-add,$(firstword $(MAKECMDGOALS)))
  NAME ?= $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
  $(eval $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS)):;@:)
endif
coach-add: $(BIN)/.installed
	@test -n "$(NAME)" || { echo 'Usage: make coach-add NAME="Their Name"' >&2; exit 2; }
	$(BIN)/python -m interview coach-add "$(NAME)"

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=. $(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/pytest

format: $(BIN)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Every script under bench/, one after another; the figures go to bench/RESULTS.md (bench/run.py).
bench: $(BIN)/.installed
	$(BIN)/python bench/run.py
