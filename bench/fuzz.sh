#!/usr/bin/env bash
# The long run of the parser's and the images' fuzz tests (tests/Archive.Core.Tests/HostileFuzzTests,
# MediaFuzzTests), which the unit tier samples only briefly: ITERATIONS generated hostile documents and
# as many damaged images (default 3000 each), each a post, an image or a rejection with a reason, never
# an exception. Ends with `fuzz: N documents and N images, 0 failed` or fails loudly.
#   ITERATIONS=3000 bench/fuzz.sh
source "$(dirname "$0")/lib.sh"
iterations=${ITERATIONS:-3000}
log="$work/fuzz.log"
if ! ARCHIVE_FUZZ_ITERATIONS="$iterations" dotnet test "$root/tests/Archive.Core.Tests" -nologo --filter "FullyQualifiedName~HostileFuzzTests|FullyQualifiedName~MediaFuzzTests" >"$log" 2>&1; then
  cat "$log" >&2
  echo "fuzz: FAILED (see above)" >&2
  exit 1
fi
grep -q "Passed!  - Failed:     0, Passed:     2," "$log" || { cat "$log" >&2; echo "fuzz: the fuzz tests did not both run" >&2; exit 1; }
echo "fuzz: $iterations documents and $iterations images, 0 failed"
