#!/usr/bin/env bash
# Runs every test: installs the Node packages the tests need (Azurite; Redocly, openapi-typescript
# and TypeScript for the generated-client test) and Debian's jing and chromium when missing, then
# the .NET tests (the reader's screenshots land in artifacts/reader/). The test
# fixtures start a private Azurite on free loopback ports and stop it at the end.
set -euo pipefail
cd "$(dirname "$0")"
for tool in azurite redocly openapi-typescript tsc; do
  if [ ! -x "node_modules/.bin/$tool" ]; then
    echo "Installing the Node tools the tests use (npm ci: Azurite, Redocly, openapi-typescript, TypeScript; about 20 s)…" >&2
    npm ci --no-audit --no-fund --loglevel=error
    break
  fi
done
# Debian packages the tests use: jing (the Atom feed against RFC 4287's RELAX NG schema), xmllint
# (libxml2-utils: the sitemap against sitemaps.org's XSD) and
# chromium (the reader's browser tests, driven by Playwright; ARCHIVE_CHROMIUM names another).
missing=()
command -v jing >/dev/null 2>&1 || missing+=(jing)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[ -n "${ARCHIVE_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} with apt-get (the feed and sitemap schema checks and the reader's browser tests; a minute or two)…" >&2
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    echo "The tests need ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
  fi
fi
log=$(mktemp)
# The tests stop their Azurites when their process ends; one that was killed leaves them behind: end
# those too, this run's only (another run's, in another clone, keep theirs).
export ARCHIVE_TEST_RUN="run$$"
trap 'rm -f "$log"; pkill -f -- "--location /tmp/archive-tests-$ARCHIVE_TEST_RUN-" 2>/dev/null || true' EXIT
status=0
dotnet test Archive.sln "$@" 2>&1 | tee "$log" || status=$?
checked=tests/Archive.Integration.Tests/bin/Debug/net10.0/contract-checked.txt
if [ -f "$checked" ]; then
  echo "contract: $(cat "$checked") responses checked against /api/openapi.json"
  rm -f "$checked"
fi
# One closing line over all test projects.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
