#!/usr/bin/env bash
# wrk against the local host (archive serve, private Azurite) at 1,000 and then 10,000 posts:
# requests per second and p50/p99 latency of the main routes and of a conditional GET that
# answers 304. Traffic goes to localhost only, for DURATION seconds per route.
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
serve load

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
  printf '%-8s %-34s %10s %10s %10s %s\n' "$posts" "$label" "$rps" "$p50" "$p99" "${errors:+($errors errors)}"
}

for stage in $stages; do
  if [ "$stage" = 1000 ]; then $bench_tool ingest "$azurite_connection" load "$first" "$api/" >&2; else $bench_tool ingest "$azurite_connection" load "$rest" "$api/" >&2; fi
  posts=$(curl -s "$api/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["posts"])')
  id=$(curl -s "$api/posts?limit=1&sort=longest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  etag=$(curl -s -D - -o /dev/null "$api/posts?limit=20" | awk -F': ' 'tolower($1) == "etag" { print $2 }' | tr -d '\r')
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$api/posts?limit=20")
  [ "$status" = 304 ] || { echo "conditional GET answered $status, not 304" >&2; exit 1; }
  [ "$stage" = 1000 ] && printf '%-8s %-34s %10s %10s %10s\n' posts route req/s p50 p99
  measure "/api/posts?limit=20" "$api/posts?limit=20"
  measure "/api/posts/{id}" "$api/posts/$id"
  measure "/api/themes" "$api/themes"
  measure "/api/reading-time" "$api/reading-time"
  measure "/api/posts?limit=20 (304)" "$api/posts?limit=20" "If-None-Match: $etag"
done
