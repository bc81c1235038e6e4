#!/usr/bin/env bash
# Scale-out, modelled on one machine: N instances of the read path (each its own catalog, read
# cache and health probe; no search index) serve 2 requests/s each against one Azurite while a post
# is uploaded every second, with Azure's throttling modelled at 2,000 entities/s per partition
# (docs/storage.md, "Throttling"). Seeds an archive of POSTS generated posts for the cold start (12
# minutes at 10,000 on Azurite) and one of RUN_POSTS for the instances (Azurite's cost per operation
# grows with the partition, Azure's does not), kept in bench/.work/scale-POSTS for the next run
# (delete it to seed again). Prints each run with the machine's load, a table per N against the old design, the
# cold start; ends with the issue's line; exits 1 when a target is missed.
#   bench/scale.sh [POSTS=10000] [N list=1,10,40,100] [RUNS=3] [RUN_POSTS=1000]
source "$(dirname "$0")/lib.sh"
posts=${1:-10000}
counts=${2:-1,10,40,100}
runs=${3:-3}
run_posts=${4:-1000}
build_bench_tool
folder=$(corpus "$posts" 42)
start_azurite "$work/scale-$posts"
$bench_tool scale "$azurite_connection" "$folder" "$counts" "$runs" "$run_posts"
