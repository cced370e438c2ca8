#!/usr/bin/env bash
# Quick start, command 1: set everything up, load the Kupang demo city (once) and serve
# SIGAP on http://127.0.0.1:8000 with gunicorn. Safe to run again.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
.venv/bin/sigap seed --demo --if-empty
.venv/bin/sigap analyze --if-missing
.venv/bin/sigap city analyze --if-missing
.venv/bin/sigap ai train --if-missing
.venv/bin/sigap brief
exec .venv/bin/sigap serve --host "${SIGAP_HOST:-127.0.0.1}" --port "${SIGAP_PORT:-8000}"
