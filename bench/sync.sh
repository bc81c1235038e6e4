#!/usr/bin/env bash
# The long run of the change log's sync test (tests/Archive.Integration.Tests/ChangesTests), which
# the test tier runs lean (300 posts, 70 changes): a client applying every page of /api/changes to
# an empty copy while POSTS posts (default 1000) are served and CHANGES changes (default 200, at most
# POSTS / 4) of every kind happen concurrently ends equal to what /api/posts serves.
# Ends with `sync: N posts and M concurrent changes, the copy equals the posts served` or fails loudly.
#   POSTS=1000 CHANGES=200 bench/sync.sh
source "$(dirname "$0")/lib.sh"
posts=${POSTS:-1000}
changes=${CHANGES:-200}
log="$work/sync.log"
if ! ARCHIVE_SYNC_POSTS="$posts" ARCHIVE_SYNC_CHANGES="$changes" dotnet test "$root/tests/Archive.Integration.Tests" -nologo \
  --filter "FullyQualifiedName~ChangesTests.A_copy_kept_by_applying_every_page" >"$log" 2>&1; then
  cat "$log" >&2
  echo "sync: FAILED (see above)" >&2
  exit 1
fi
grep -q "Passed!  - Failed:     0, Passed:     1," "$log" || { cat "$log" >&2; echo "sync: the sync test did not run" >&2; exit 1; }
echo "sync: $posts posts and $changes concurrent changes, the copy equals the posts served"
