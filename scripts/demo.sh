#!/usr/bin/env bash
# Quick start, command 1: set everything up, load the Kupang demo city (once) and serve
# SIGAP on http://127.0.0.1:8000 with gunicorn, with the message worker beside it.
# Safe to run again.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
.venv/bin/sigap seed --demo --if-empty
.venv/bin/sigap analyze --if-missing
.venv/bin/sigap ai train --if-missing
.venv/bin/sigap brief
.venv/bin/sigap user demo --url "http://${SIGAP_HOST:-127.0.0.1}:${SIGAP_PORT:-8000}"
# messages to reporters (SIGAP_SMTP_URL / SIGAP_WEBHOOK_URL) go out beside the server
.venv/bin/sigap notify --daemon &
NOTIFY_PID=$!
trap 'kill "$NOTIFY_PID" 2>/dev/null || true' EXIT
.venv/bin/sigap serve --host "${SIGAP_HOST:-127.0.0.1}" --port "${SIGAP_PORT:-8000}"
