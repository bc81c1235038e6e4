#!/usr/bin/env bash
# Runs every test: installs the Node packages the tests need (Azurite) when missing, then the .NET tests.
set -euo pipefail
cd "$(dirname "$0")"
if [ -f package-lock.json ] && [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund
fi
dotnet test Archive.sln "$@"
