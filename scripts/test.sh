#!/usr/bin/env bash
# Quick start, command 2: set everything up, check the code with ruff and run the whole
# test suite against a real PostgreSQL/PostGIS. The tests use their own throwaway
# database (SIGAP_TEST_DATABASE_URL, default: database sigap_test on the same server as
# SIGAP_DATABASE_URL or the local one). Extra arguments go to the first pytest run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# the page tests drive a headless Chromium and the WFS import test a MapServer:
# setup installs them when missing
SIGAP_TEST_TOOLS=1 bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
log() { printf '\033[1;34m[sigap test]\033[0m %s\n' "$*"; }
started=$SECONDS

log "ruff check and ruff format --check"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

# the suite's clock is pinned by its fixtures; SIGAP_NOW from the caller must not leak in
env -u SIGAP_NOW .venv/bin/python -m pytest "$@"

if [ $# -eq 0 ]; then
  # Tests must not depend on the day they run: the tests that read the time run
  # again with the ambient clock a year ahead, at 00:30 WITA (16:30 UTC the day
  # before), where anything not pinned by its fixture would read it.
  log "time-sensitive tests again with SIGAP_NOW=2027-12-02T00:30+08:00"
  SIGAP_NOW=2027-12-02T00:30+08:00 .venv/bin/python -m pytest -q -m clock
fi
log "done in $((SECONDS - started)) s"
