#!/usr/bin/env sh
# azd prepackage hook of the web service: tells the reader where the API is, since in Azure it is
# on another origin (the Functions app, whose CORS allows the reader's origin; infra/main.bicep).
# web/config.json is git-ignored: locally the page calls its own origin's /api.
set -eu
: "${ARCHIVE_API_URL:?run through azd (azd provision sets ARCHIVE_API_URL)}"
printf '{ "apiBaseUrl": "%s" }\n' "$ARCHIVE_API_URL" >"$(dirname "$0")/../../web/config.json"
echo "web/config.json: the reader calls $ARCHIVE_API_URL"
