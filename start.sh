#!/usr/bin/env bash
# Starts the whole local stack: Azurite (installed with npm ci when missing, data in .azurite/),
# ingestion and the API on http://localhost:7071/api, with content/ loaded into an empty container.
# Ctrl+C stops everything it started. Extra arguments go to `archive serve` (try --help).
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
exec dotnet run --project src/Archive.Cli -c Release -- serve "$@"
