#!/usr/bin/env bash
# Starts the whole local stack: Azurite (installed with npm ci when missing, data in .azurite/),
# ingestion and the API on http://localhost:7071/api, with content/ loaded into an empty container.
# Ctrl+C stops everything it started. Extra arguments go to `archive serve` (try --help).
# The first start installs and builds (a minute or two); later starts build only when a source
# file changed, so they take a few seconds.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/azurite ]; then
  echo "Installing Azurite and the test tools (npm ci, first start only)…" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
program=src/Archive.Cli/bin/Release/net10.0/archive.dll
changed=""
if [ -f "$program" ]; then
  changed=$(find src Directory.Build.props Directory.Packages.props global.json host.json \
    \( -name bin -o -name obj \) -prune -o -type f -newer "$program" -print -quit)
fi
if [ ! -f "$program" ] || [ -n "$changed" ]; then
  echo "Building Archive (Release)${changed:+: $changed changed}…" >&2
  dotnet build src/Archive.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >&2
  touch "$program"
fi
exec dotnet "$program" serve "$@"
