# The two commands. Both install what is missing on first use.
.PHONY: dev test help

help:
	@echo "make dev   - API on http://localhost:8000 and client on http://localhost:4321 (SQLite by default)"
	@echo "make test  - every check, on a throw-away PostgreSQL + Redis and headless Chromium"

dev:
	bash scripts/dev.sh

test:
	bash scripts/test.sh
