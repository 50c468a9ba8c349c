# The two commands. Both install what is missing on first use.
.PHONY: dev test seed bench lighthouse help

help:
	@echo "make dev   - API on http://localhost:8000 and client on http://localhost:4321 (SQLite by default)"
	@echo "make seed  - migrate the database when needed and add the demo account (demo@example.com / Demo123!)"
	@echo "make test  - every check, on a throw-away PostgreSQL + Redis and headless Chromium"
	@echo "make bench - load test of the API against a bare floor app; writes docs/PERFORMANCE.md"
	@echo "make lighthouse - Lighthouse on the signed-in pages, mobile and desktop; writes docs/LIGHTHOUSE.md"

dev:
	bash scripts/dev.sh

test:
	bash scripts/test.sh

seed:
	bash scripts/seed.sh

# Not part of `make test`: a few minutes of load on a throw-away PostgreSQL + Redis.
bench:
	bash bench/run.sh

# Not part of `make test`: Lighthouse on /login, /dashboard, /habit/<id>, /settings (a few minutes).
lighthouse:
	bash scripts/lighthouse.sh
