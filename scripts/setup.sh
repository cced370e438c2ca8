#!/usr/bin/env bash
# Set up SIGAP on this machine; safe to run again (every step checks first).
#
#   scripts/setup.sh            OS packages, .venv, Python packages, message catalogues,
#                               database, migrations,
#                               reference data (boundaries, OPD, categories)
#
# Database: SIGAP_DATABASE_URL when set (that server only: nothing else is installed,
# started or changed). Unset: the local PostgreSQL at 127.0.0.1:5432, installed with
# PostGIS from Debian's packages and started when missing (see README, "Database").
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '\033[1;34m[sigap setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null || { echo "Needs Debian/Ubuntu packages: $* (see README for other systems)" >&2; exit 1; }
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  log "installing OS packages: $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- Python ------------------------------------------------------------------
PY=${SIGAP_PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' \
  || { echo "SIGAP needs Python 3.11 or newer (set SIGAP_PYTHON)" >&2; exit 1; }
"$PY" -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv

# --- PostgreSQL + PostGIS ------------------------------------------------------
local_host() { case "$1" in ""|127.*|localhost|::1|/*) return 0;; *) return 1;; esac; }
db_host=$("$PY" - <<'PY'
import os, urllib.parse
url = os.environ.get("SIGAP_DATABASE_URL", "")
print(urllib.parse.urlsplit(url).hostname or "" if url else "127.0.0.1")
PY
)
if [ -z "${SIGAP_DATABASE_URL:-}" ]; then
  if ! command -v pg_lsclusters >/dev/null; then apt_install postgresql postgresql-contrib; fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    ver=$(pg_lsclusters -h | awk 'NR==1{print $1}')
    [ -n "$ver" ] || { as_root pg_createcluster "$(ls /usr/lib/postgresql | sort -n | tail -1)" main; ver=$(pg_lsclusters -h | awk 'NR==1{print $1}'); }
    log "starting PostgreSQL $ver"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start
    for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
fi
if [ -z "${SIGAP_DATABASE_URL:-}" ] && [ ! -s var/database_url ] \
   && ! psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
  # A freshly installed Debian server asks for passwords over TCP: give SIGAP its own
  # superuser role (PostGIS needs one for CREATE EXTENSION) with a random password kept
  # outside the repository, in var/database_url (read by gis.config when the URL is unset).
  log "creating PostgreSQL role sigap"
  mkdir -p var && chmod 700 var
  pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  as_root runuser -u postgres -- psql -q -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='sigap') THEN CREATE ROLE sigap LOGIN SUPERUSER; END IF; END\$\$; ALTER ROLE sigap PASSWORD '$pw';"
  echo "postgresql://sigap:$pw@127.0.0.1:5432/sigap" > var/database_url
  chmod 600 var/database_url
fi
if local_host "$db_host" && command -v pg_lsclusters >/dev/null; then
  for ver in $(pg_lsclusters -h | awk '{print $1}' | sort -u); do
    [ -f "/usr/share/postgresql/$ver/extension/postgis.control" ] || apt_install "postgresql-$ver-postgis-3"
  done
fi

# --- real programs the tests drive (scripts/test.sh asks for them): a browser for
# the page tests, MapServer as another agency's WFS for the importer ---------------
if [ "${SIGAP_TEST_TOOLS:-0}" = 1 ]; then
  tools=()
  { command -v chromium && command -v chromedriver; } >/dev/null || tools+=(chromium chromium-driver)
  [ -x /usr/lib/cgi-bin/mapserv ] || tools+=(cgi-mapserver)
  # residents write emoji; without a colour font the screenshots show empty boxes
  fc-list 2>/dev/null | grep -q "Color Emoji" || tools+=(fonts-noto-color-emoji)
  [ ${#tools[@]} -eq 0 ] || apt_install "${tools[@]}"
fi

# --- virtual environment -------------------------------------------------------
if [ ! -x .venv/bin/python ]; then log "creating .venv"; "$PY" -m venv .venv; fi
stamp=.venv/.sigap-installed
want=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing Python packages (first run takes a few minutes)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi

# --- message catalogues: the compiled .mo files are built, not kept in git ----------
.venv/bin/pybabel -q compile

# --- database, migrations, reference data ---------------------------------------
.venv/bin/sigap db setup
log "ready"
