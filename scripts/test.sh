#!/usr/bin/env bash
# Quick start, command 2: set everything up and run the whole test suite against a real
# PostgreSQL/PostGIS. The tests use their own throwaway database (SIGAP_TEST_DATABASE_URL,
# default: database sigap_test on the same server as SIGAP_DATABASE_URL or the local one).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# the dashboard tests drive a headless Chromium and the WFS import test a MapServer:
# setup installs them when missing
SIGAP_TEST_TOOLS=1 bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec .venv/bin/python -m pytest "$@"
