#!/usr/bin/env bash
# Search on 10,000 generated posts (issue 15): `archive serve` against a private Azurite, the posts
# loaded through the watcher's bulk path, then measured with the watcher off (as in Azure):
# the first search of a cold process, RSS before it and after a warm wrk run over a mix of
# one-word, three-word, phrase and filtered queries (16 connections), /api/posts/{id}/related
# under wrk, what a query never asked costs (one at a time: the warm run answers repeats from the
# read cache), how soon a new post is found and a deleted one gone (watcher on), and quality
# (bench/search_queries.py), on a corpus with a rich vocabulary (one body word in eight from 20,000
# made-up words, Zipf-distributed: bench/Archive.Benchmarks/CorpusGenerator.cs). Ends with the line
# `search p99 ms: X; cold first search s: Y; top3 recall: Z; title first: W`.
#   POSTS=10000 DURATION=10 bench/search.sh
source "$(dirname "$0")/lib.sh"
posts=${POSTS:-10000}
duration=${DURATION:-10}
apt_install wrk
build_cli
build_bench_tool
start_azurite
corpus_folder=$(corpus "$posts" 11 rich)

serve search
$bench_tool ingest "$azurite_connection" search "$corpus_folder" "$api/" >&2

ms() { awk '{ v = $1; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else if (v ~ /s$/) print v * 1000; else print v }'; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
serve_pid() { pgrep -f "serve --port $(sed 's|.*:\([0-9]*\)/api|\1|' <<<"$api")" | head -1; }
total() { curl -s "$api/search?q=$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# The first search ever builds the index from every post's content and saves it for later instances.
first=$(curl -s -o /dev/null -w '%{time_total}' "$api/search?q=treaty")
echo "first search ever (index built from every post's content): ${first} s"
sleep 5

# Freshness, as the local stack runs (watcher on): served → found, removed → gone.
post="$work/fresh"; rm -rf "$post" && mkdir -p "$post"
printf -- '---\ntitle: "Fresh"\nthread_id: fresh_post\nprimary_theme: News\n---\n\nzyxwvu appears here\n' >"$post/fresh.md"
$bench_tool trickle "$azurite_connection" search "$post" 1 2>/dev/null
start=$(date +%s.%N)
until curl -sf -o /dev/null "$api/posts/fresh_post"; do sleep 0.05; done
served_at=$(date +%s.%N)
until [ "$(total zyxwvu)" = 1 ]; do sleep 0.05; done
found_at=$(date +%s.%N)
echo "new post: served after $(since "$start" "$served_at") s, found $(since "$served_at" "$found_at") s after it was served"
$bench_tool remove "$azurite_connection" search fresh.md
start=$(date +%s.%N)
while curl -sf -o /dev/null "$api/posts/fresh_post"; do sleep 0.05; done
removed_at=$(date +%s.%N)
until [ "$(total zyxwvu)" = 0 ]; do sleep 0.05; done
gone_at=$(date +%s.%N)
echo "deleted post: removed after $(since "$start" "$removed_at") s, gone from search $(since "$removed_at" "$gone_at") s after that"
stop_serve

# A cold process, watcher off (as in Azure): its first search opens the saved index, reading no post.
WATCH=0 serve search
pid=$(serve_pid)
curl -s -o /dev/null "$api/posts?limit=1"
before=$(rss_mb "$pid")
cold=$(curl -s -o /dev/null -w '%{time_total}' "$api/search?q=treaty")
echo "cold first search: ${cold} s (RSS before it ${before} MB)"

python3 "$root/bench/search_queries.py" mix "$corpus_folder" "$work/search-paths.txt"
# A first pass warms the process (JIT, the index's first reads); the second is what is reported.
out=$(PATHS="$work/search-paths.txt" wrk -t2 -c16 -d3s --latency -s "$root/bench/random-paths.lua" "${api%/api}")
echo "search, first 3 s of traffic: $(awk '/Requests\/sec/ { print $2 }' <<<"$out") req/s, p99 $(awk '$1 == "99%" { print $2 }' <<<"$out")"
out=$(PATHS="$work/search-paths.txt" wrk -t2 -c16 -d"${duration}s" --latency -s "$root/bench/random-paths.lua" "${api%/api}")
rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | ms)
errors=$(awk '/Non-2xx or 3xx/ { print $NF }' <<<"$out")
after=$(rss_mb "$pid")
echo "warm search: ${rps} req/s, p99 ${p99} ms${errors:+, $errors non-2xx}; RSS after ${after} MB (+$((after - before)) MB)"

# The warm run answers a query asked before from the read cache: what a query never asked costs, one at a time.
python3 "$root/bench/search_queries.py" mix "$corpus_folder" "$work/search-new-paths.txt" 6
sort -u "$work/search-new-paths.txt" | { grep -vxFf "$work/search-paths.txt" || true; } | awk 'NR <= 300' >"$work/search-new-unique.txt"
first_time=$(while read -r path; do curl -s -o /dev/null -w '%{time_total}\n' "${api%/api}$path"; done <"$work/search-new-unique.txt" | sort -g |
  awk '{ v[NR] = $1 * 1000 } END { printf "median %.1f ms, p90 %.1f ms, p99 %.1f ms", v[int((NR + 1) / 2)], v[int(NR * 0.9)], v[int(NR * 0.99)] }')
echo "first-time searches ($(wc -l <"$work/search-new-unique.txt") never asked before, one at a time): $first_time"

python3 - "$api" >"$work/related-paths.txt" <<'PY'
import json, random, sys, urllib.request
api, ids, cursor = sys.argv[1], [], None
while True:
    page = json.load(urllib.request.urlopen(f"{api}/posts?limit=100" + (f"&cursor={cursor}" if cursor else "")))
    ids += [p["id"] for p in page["items"]]
    cursor = page["nextCursor"]
    if not cursor:
        break
for post in random.Random(3).sample(ids, min(2000, len(ids))):
    print(f"/api/posts/{post}/related")
PY
out=$(PATHS="$work/related-paths.txt" wrk -t2 -c16 -d3s --latency -s "$root/bench/random-paths.lua" "${api%/api}")
echo "related, first 3 s of traffic: $(awk '/Requests\/sec/ { print $2 }' <<<"$out") req/s, p99 $(awk '$1 == "99%" { print $2 }' <<<"$out")"
out=$(PATHS="$work/related-paths.txt" wrk -t2 -c16 -d"${duration}s" --latency -s "$root/bench/random-paths.lua" "${api%/api}")
related_p99=$(awk '$1 == "99%" { print $2 }' <<<"$out" | ms)
echo "related: $(awk '/Requests\/sec/ { print $2 }' <<<"$out") req/s, p99 ${related_p99} ms"

read -r top3 title unique < <(python3 "$root/bench/search_queries.py" quality "$corpus_folder" "$api")
echo "quality: top3 recall ${top3} (500 posts), title first ${title} (${unique} with a unique title)"
stop_serve
echo
echo "search p99 ms: ${p99}; cold first search s: ${cold}; top3 recall: ${top3}; title first: ${title}"
