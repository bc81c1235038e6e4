#!/usr/bin/env bash
# One 4,000 × 3,000 JPEG ingested (§11) against a private Azurite: time (median of 5 new versions),
# the process's peak memory, the bytes of its served copy and variants, and the storage requests per
# image and for a post that references it. Fails when fewer than the 4 copies were made.
source "$(dirname "$0")/lib.sh"
build_bench_tool
start_azurite
$bench_tool media "$azurite_connection" "${ARCHIVE_MEDIA_RUNS:-5}"
