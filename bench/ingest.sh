#!/usr/bin/env bash
# Ingest throughput of the local host (archive serve) against a private Azurite: N generated
# posts uploaded 8 at a time, timed until every one is served; before it, in the same run and on
# the same fresh Azurite, Azurite's own throughput for plain upserts of entities of the same size
# (this machine's limit) and for uploading the same files with nothing ingesting them; after it,
# the storage requests the ingestor makes per new post and per unchanged re-upload (counted by a
# pipeline policy on the storage clients).
#   SIZES="1000 10000" bench/ingest.sh
source "$(dirname "$0")/lib.sh"
sizes=${SIZES:-1000 10000}
build_cli
build_bench_tool
start_azurite
upserts=$($bench_tool upserts "$azurite_connection" 10000)
echo "$upserts"
$bench_tool uploads "$azurite_connection" "$(corpus 1000 7)"
results=()
for n in $sizes; do
  folder=$(corpus "$n" 7)
  serve "ingest$n"
  line=$($bench_tool ingest "$azurite_connection" "ingest$n" "$folder" "$api/")
  stop_serve
  echo "$n posts: $line"
  results+=("$n posts: $line")
done
$bench_tool requests "$azurite_connection" "$(corpus 1000 7)" 200
echo
for result in "${results[@]}"; do
  awk -v r="$result" -v u="$upserts" 'BEGIN {
    n = split(r, a, " "); split(u, b, " ");
    for (i = 1; i <= n; i++) if (a[i] == "posts/s") p = a[i - 1];
    for (i = 1; i <= length(b); i++) if (b[i] == "upserts/s") q = b[i - 1];
    printf "%s -> ingest/plain-upsert throughput ratio: %.2f\n", r, p / q }'
done
