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
.venv/bin/sigap city analyze --if-missing
.venv/bin/sigap city waste
.venv/bin/sigap city networks
.venv/bin/sigap ai train --if-missing
.venv/bin/sigap ai forecast --if-missing
.venv/bin/sigap brief
.venv/bin/sigap user demo --url "http://${SIGAP_HOST:-127.0.0.1}:${SIGAP_PORT:-8000}"
# messages to reporters (SIGAP_SMTP_URL / SIGAP_WEBHOOK_URL) go out beside the server,
# and the morning brief is written again every day at 06:00 WITA
mkdir -p var
.venv/bin/sigap notify --daemon &
NOTIFY_PID=$!
.venv/bin/sigap brief --daily >> var/brief.log 2>&1 &
BRIEF_PID=$!
trap 'kill "$NOTIFY_PID" "$BRIEF_PID" 2>/dev/null || true' EXIT
.venv/bin/sigap serve --host "${SIGAP_HOST:-127.0.0.1}" --port "${SIGAP_PORT:-8000}"
