# The two commands. Both install what is missing on first use.
.PHONY: dev test seed bench lighthouse api-types help

help:
	@echo "make dev   - API on http://localhost:8000 and client on http://localhost:4321 (SQLite by default)"
	@echo "make seed  - migrate the database when needed and add the demo account (demo@example.com / Demo123!)"
	@echo "make test  - every check, on a throw-away PostgreSQL + Redis and headless Chromium"
	@echo "make bench - load test of the API against a bare floor app; writes docs/PERFORMANCE.md"
	@echo "make lighthouse - Lighthouse on the signed-in pages, mobile and desktop; writes docs/LIGHTHOUSE.md"
	@echo "make api-types  - regenerate the client's API types from the backend's OpenAPI document"

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

# After a backend change to the API: the client's generated types (make test fails while they are stale).
api-types:
	bash scripts/api-types.sh
