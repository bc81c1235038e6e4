#!/usr/bin/env bash
# Many uploads at once, ingested the way Azure ingests them: one blob-trigger invocation per blob
# (IngestionFunctions on the Functions app's own service provider), P at a time, on a private
# Azurite. Prints posts/s, storage requests, lost races and give-ups per P, and whether the totals
# equal a recomputation; ends with one line per P and the throughput ratio.
#   bench/storm.sh [N=400] [P list=1,16,64]
source "$(dirname "$0")/lib.sh"
count=${1:-400}
parallelisms=${2:-1,16,64}
build_bench_tool
folder=$(corpus "$count" 42)
start_azurite
$bench_tool storm "$azurite_connection" "$folder" "$parallelisms"
