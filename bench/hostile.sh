#!/usr/bin/env bash
# Hostile input, measured. First every hostile file (the rows of the hostile-input issue and their
# neighbours) and each markdown construct repeated to the size limit are parsed, with the outcome
# and parse time of each (median of three, Release build). Then all the hostile files are ingested
# by `archive serve` from an empty private Azurite, and the host's peak memory (VmHWM) and what it
# served and rejected are printed, and what became of each hostile image (§11).
source "$(dirname "$0")/lib.sh"
build_bench_tool
build_cli
$bench_tool hostile

folder="$work/hostile"
rm -rf "$folder"
$bench_tool hostile-files "$folder"
start_azurite
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log="$work/hostile-serve.log"
$archive_cli serve --port "$port" --content "$folder" --connection "$azurite_connection" >"$log" 2>&1 &
serve_pid=$!
for _ in $(seq 600); do grep -q "serves" "$log" && break; kill -0 "$serve_pid" 2>/dev/null || break; sleep 0.2; done
grep -E "serves|could not ingest" "$log" || { cat "$log"; exit 1; }
api="http://127.0.0.1:$port/api"
echo "rejections listed: $(curl -s -H 'x-functions-key: local-admin-key' "$api/admin/rejections" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')"
for image in pixel-bomb.png truncated.png huge-metadata.jpg frames.gif polyglot.gif script.svg html.png photo-4000x3000.jpg; do
  curl -s -H 'x-functions-key: local-admin-key' "$api/admin/blobs/$image" | python3 -c "import json,sys; s=json.load(sys.stdin); print('image', s['blob'].ljust(22), s['state'] + (': ' + s['reason'] if s.get('reason') else ''))"
done
echo "host peak memory while ingesting them: $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$serve_pid/status")"
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
