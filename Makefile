# The two commands. Both install what is missing on first use.
.PHONY: dev test bench help

help:
	@echo "make dev   - API on http://localhost:8000 and client on http://localhost:4321 (SQLite by default)"
	@echo "make test  - every check, on a throw-away PostgreSQL + Redis and headless Chromium"
	@echo "make bench - load test of the API against a bare floor app; writes docs/PERFORMANCE.md"

dev:
	bash scripts/dev.sh

test:
	bash scripts/test.sh

# Not part of `make test`: a few minutes of load on a throw-away PostgreSQL + Redis.
bench:
	bash bench/run.sh
