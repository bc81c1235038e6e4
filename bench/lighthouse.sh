#!/usr/bin/env bash
# Lighthouse 12.2.3 (the last release that runs on Node 20) on Debian's chromium, mobile settings
# (its default: a Moto G Power's screen, 4× CPU slowdown, slow 4G), against the local host with
# content/ loaded: the home page, a post page and the reading-time page, RUNS times each (default
# 3). Ends with one line per page, the median of each category:
#   lighthouse /: performance P, accessibility A, best-practices B, seo S (median of 3)
# and fails when a run gave no score.
source "$(dirname "$0")/lib.sh"
runs=${RUNS:-3}
apt_install chromium
(cd "$root/bench/lighthouse" && [ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund >/dev/null)
build_cli
start_azurite
CONTENT="$root/content" serve lighthouse
site=${api%/api}
out="$work/lighthouse"
rm -rf "$out" && mkdir -p "$out"
lines=()
for path in / /posts/thread_0311/non-aggression-pacts /reading-time; do
  for run in $(seq "$runs"); do
    CHROME_PATH=${ARCHIVE_CHROMIUM:-/usr/bin/chromium} "$root/bench/lighthouse/node_modules/.bin/lighthouse" "$site$path" --quiet \
      --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$out/run-$run$(echo "$path" | tr / _).json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$out/run-$run.log" || true
  done
  scores=()
  for category in performance accessibility best-practices seo; do
    values=$(for f in "$out"/run-*"$(echo "$path" | tr / _)".json; do
      python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["categories"][sys.argv[2]]["score"]; print(round(s*100) if s is not None else "")' "$f" "$category" 2>/dev/null
    done | grep -c . || true)
    if [ "$values" -lt "$runs" ]; then
      echo "lighthouse measured $category of $path $values times, not $runs: see $out" >&2
      exit 1
    fi
    median_score=$(for f in "$out"/run-*"$(echo "$path" | tr / _)".json; do
      python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["categories"][sys.argv[2]]["score"]*100))' "$f" "$category"
    done | median)
    scores+=("$category $median_score")
  done
  lines+=("lighthouse $path: ${scores[0]}, ${scores[1]}, ${scores[2]}, ${scores[3]} (median of $runs)")
done
printf '%s\n' "${lines[@]}"
