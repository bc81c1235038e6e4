#!/usr/bin/env bash
# wrk against the local host (archive serve, private Azurite) at 1,000 and then 10,000 posts:
# requests per second and p50/p99 latency of the main routes and of a conditional GET that
# answers 304. Each stage is measured twice: with the watcher running (the local stack as a
# developer runs it: it lists the container every second or so) and with it off (the API alone,
# as in Azure, where Event Grid replaces the polling). Traffic goes to localhost only, for
# DURATION seconds per route. At 1,000 posts (watcher on, so uploads are ingested as in a running
# stack) it also measures "reads under writes": /api/posts/{id} for random ids, idle and then while
# one post a second is uploaded, and ends with the line
# `reads under writes: X% of idle posts/{id} throughput`.
#   DURATION=10 CONNECTIONS=16 STAGES="1000 10000" bench/load.sh
source "$(dirname "$0")/lib.sh"
duration=${DURATION:-10}
connections=${CONNECTIONS:-16}
stages=${STAGES:-1000 10000}
apt_install wrk
build_cli
build_bench_tool
start_azurite
full=$(corpus 10000 11)
first="$work/load-first-1000" rest="$work/load-rest-9000"
rm -rf "$first" "$rest" && mkdir -p "$first" "$rest"
files=("$full"/*.md)
ln -f "${files[@]:0:1000}" "$first/"
ln -f "${files[@]:1000}" "$rest/"

measure() {
  local label=$1 url=$2 header=${3:-}
  local args=(-t2 -c"$connections" -d"${duration}s" --latency)
  [ -z "$header" ] || args+=(-H "$header")
  local out
  out=$(wrk "${args[@]}" "$url")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx/ { print $NF }' <<<"$out")
  printf '%-8s %-9s %-34s %10s %10s %10s %s\n' "$posts" "$mode" "$label" "$rps" "$p50" "$p99" "${errors:+($errors errors)}" | tee -a "$results"
}

measure_routes() {
  mode=$1
  measure "/api/posts?limit=20" "$api/posts?limit=20"
  measure "/api/posts/{id}" "$api/posts/$id"
  measure "/api/themes" "$api/themes"
  measure "/api/reading-time" "$api/reading-time"
  measure "/api/posts?limit=20 (304)" "$api/posts?limit=20" "If-None-Match: $etag"
}

# wrk over random ids: requests per second, p99, and timeouts.
random_ids() {
  local out
  out=$(PATHS="$ids_file" wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$root/bench/random-paths.lua" "${api%/api}")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
  timeouts=$(awk '/Socket errors/ { for (i = 1; i <= NF; i++) if ($i == "timeout") { gsub(",", "", $(i-1)); print $(i-1) } }' <<<"$out")
  timeouts=${timeouts:-0}
}

reads_under_writes() {
  ids_file="$work/load-ids.txt"
  curl -s "$api/posts?limit=100" >/dev/null
  python3 - "$api" >"$ids_file" <<'PY'
import json, sys, urllib.request
api, cursor = sys.argv[1], None
while True:
    page = json.load(urllib.request.urlopen(f"{api}/posts?limit=100" + (f"&cursor={cursor}" if cursor else "")))
    for post in page["items"]:
        print("/api/posts/" + post["id"])
    cursor = page["nextCursor"]
    if not cursor:
        break
PY
  # Warmed first (each post's content is read once per instance), so both runs compare the same steady state.
  local seconds=$duration
  duration=3 random_ids
  duration=$seconds
  local before
  before=$(curl -s "$api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["posts"])')
  random_ids
  local idle=$rps idle_p99=$p99
  printf '%-8s %-9s %-34s %10s %10s %10s %s\n' "$posts" "$mode" "/api/posts/{random id} idle" "$rps" "" "$p99" "($timeouts timeouts)"
  $bench_tool trickle "$azurite_connection" load "$rest" "$((duration + 2))" &
  local trickle=$!
  sleep 1
  random_ids
  wait "$trickle"
  # The uploads were served (the watcher ingests them), so the reads above ran while the archive changed.
  local after=0
  for _ in $(seq 50); do
    after=$(curl -s "$api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["posts"])')
    [ "$after" -ge $((before + duration + 2)) ] && break
    sleep 0.2
  done
  [ "$after" -ge $((before + duration + 2)) ] || { echo "only $((after - before)) of $((duration + 2)) uploads were served" >&2; exit 1; }
  printf '%-8s %-9s %-34s %10s %10s %10s %s\n' "$posts" "$mode" "/api/posts/{random id} 1 upload/s" "$rps" "" "$p99" "($timeouts timeouts)"
  under_writes=$(awk -v w="$rps" -v i="$idle" 'BEGIN { printf "%.0f", 100 * w / i }')
  under_writes_line="reads under writes: ${under_writes}% of idle posts/{id} throughput"
  echo "  (idle p99 $idle_p99; under writes p99 $p99, $timeouts timeouts)" >&2
}

results="$work/load-results.txt"
: >"$results"
printf '%-8s %-9s %-34s %10s %10s %10s\n' posts watcher route req/s p50 p99
for stage in $stages; do
  stop_serve
  serve load
  if [ "$stage" = 1000 ]; then $bench_tool ingest "$azurite_connection" load "$first" "$api/" >&2; else $bench_tool ingest "$azurite_connection" load "$rest" "$api/" >&2; fi
  posts=$(curl -s "$api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["posts"])')
  id=$(curl -s "$api/posts?limit=1&sort=longest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  etag=$(curl -s -D - -o /dev/null "$api/posts?limit=20" | awk -F': ' 'tolower($1) == "etag" { print $2 }' | tr -d '\r')
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$api/posts?limit=20")
  [ "$status" = 304 ] || { echo "conditional GET answered $status, not 304" >&2; exit 1; }
  measure_routes on
  if [ "$stage" = 1000 ]; then reads_under_writes; fi
  stop_serve
  WATCH=0 serve load
  curl -s -o /dev/null "$api/posts?limit=20"
  measure_routes off
done
# The reads target: p99 at the largest stage over p99 at the first, per route and watcher mode.
awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
     { key = $2; for (f = 3; f <= NF - 3; f++) key = key " " $f; if (!(key in first)) { first[key] = ms($(NF)); firstn = $1 } last[key] = ms($(NF)); lastn = $1; order[++n] = key }
     END { if (firstn == lastn) exit; for (i = 1; i <= n; i++) { k = order[i]; if (k in done) continue; done[k] = 1
           printf "p99 at %s / p99 at %s posts, watcher %s: %.2f\n", lastn, firstn, k, last[k] / first[k] } }' "$results"
[ -z "${under_writes_line:-}" ] || echo "$under_writes_line"
