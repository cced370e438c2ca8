#!/usr/bin/env bash
# Refresh the browser assets in api/static/vendor/ from npm (package.json pins the
# versions). The copies are committed, so setting up SIGAP never needs node or the
# network; run this only to upgrade them.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp package.json "$work/"
(cd "$work" && npm install --silent --no-audit --no-fund)
n="$work/node_modules"
v=api/static/vendor
mkdir -p "$v/leaflet/images" "$v/leaflet.markercluster" "$v/leaflet.heat"
cp "$n/leaflet/dist/leaflet.js" "$n/leaflet/dist/leaflet.css" "$n/leaflet/LICENSE" "$v/leaflet/"
cp "$n"/leaflet/dist/images/* "$v/leaflet/images/"
cp "$n/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$n/leaflet.markercluster/dist/MarkerCluster.css" \
   "$n/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$n/leaflet.markercluster/MIT-LICENCE.txt" "$v/leaflet.markercluster/"
cp "$n/leaflet.heat/dist/leaflet-heat.js" "$n/leaflet.heat/LICENSE" "$v/leaflet.heat/"
mkdir -p "$v/chart.js"
cp "$n/chart.js/dist/chart.umd.js" "$n/chart.js/LICENSE.md" "$v/chart.js/"
echo "assets refreshed in $v"
