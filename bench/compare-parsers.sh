#!/usr/bin/env bash
# Archive's parser side by side with Hugo and gray-matter + markdown-it, on the same generated
# corpus, in one run: median wall time and peak memory of RUNS runs each (whole processes, start-up
# included). Ends with the two ratio lines (posts per second of Archive over the peer's).
#   POSTS=10000 RUNS=5 bench/compare-parsers.sh
source "$(dirname "$0")/lib.sh"
posts=${POSTS:-10000}
runs=${RUNS:-5}

apt_install hugo time
(cd "$root/bench/node" && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null)
build_bench_tool
echo "building Archive's parser ahead of time (Native AOT), and for the JIT" >&2
dotnet publish "$root/bench/Archive.ParseBench" -c Release -r linux-x64 -o "$work/parse-aot" -v quiet -nologo >/dev/null
dotnet build "$root/bench/Archive.ParseBench" -c Release -o "$work/parse-jit" -v quiet -nologo >/dev/null
folder=$(corpus "$posts" 42)

site="$work/hugo-site"
rm -rf "$site" && mkdir -p "$site/content/posts" "$site/layouts/_default"
cp "$folder"/*.md "$site/content/posts/"
cat > "$site/hugo.toml" <<'TOML'
baseURL = "http://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
# Front matter + render + word count, as Archive does; written to memory, as Archive writes nothing.
printf '{{ .Content }} {{ .WordCount }}' >"$site/layouts/_default/single.html"
printf '{{ range .Pages }}{{ .Title }}{{ end }}' >"$site/layouts/_default/list.html"

declare -A commands=(
  [archive]="$work/parse-aot/Archive.ParseBench $folder"
  [archive-jit]="dotnet $work/parse-jit/Archive.ParseBench.dll $folder"
  [hugo]="hugo --quiet --renderToMemory --source $site"
  [node]="node $root/bench/node/parse.mjs $folder"
)
declare -A seconds rss
for round in $(seq "$runs"); do
  for tool in archive archive-jit hugo node; do
    # shellcheck disable=SC2086
    if ! /usr/bin/time -f "%e %M" -o "$work/time" ${commands[$tool]} >"$work/out-$tool"; then
      cat "$work/out-$tool" "$work/time" >&2
      echo "compare-parsers: $tool failed on the corpus; no ratio is printed" >&2
      exit 1
    fi
    # A parser that parsed less than it was given measured less: fail loudly instead of printing a ratio.
    if [[ $tool == archive* ]] && ! { grep -qx "posts: $posts" "$work/out-$tool" && grep -qx "rejected: 0" "$work/out-$tool"; }; then
      cat "$work/out-$tool" >&2
      echo "compare-parsers: $tool did not accept all $posts posts" >&2
      exit 1
    fi
    read -r wall peak <"$work/time"
    seconds[$tool]+="$wall "
    rss[$tool]+="$peak "
  done
  echo "round $round of $runs done" >&2
done

echo
echo "corpus: $posts posts ($(du -sh "$folder" | cut -f1)), $(nproc) cores, $runs runs each, whole processes"
printf '%-12s %10s %12s %14s   %s\n' tool "median s" "posts/s" "peak RSS MB" "runs (s)"
declare -A rate
for tool in archive archive-jit hugo node; do
  med=$(tr ' ' '\n' <<<"${seconds[$tool]}" | grep . | median)
  mem=$(tr ' ' '\n' <<<"${rss[$tool]}" | grep . | median)
  rate[$tool]=$(awk -v n="$posts" -v s="$med" 'BEGIN { printf "%.0f", n / s }')
  printf '%-12s %10.2f %12s %14.0f   %s\n' "$tool" "$med" "${rate[$tool]}" "$(awk -v k="$mem" 'BEGIN { print k / 1024 }')" "${seconds[$tool]}"
done
echo "archive: Native AOT build of the parser, all cores; archive-jit: the same code under the JIT (start-up and tiering included)"
echo "hugo: $(hugo version | cut -d' ' -f2), all cores; node: $(node --version), gray-matter + markdown-it, one thread"

tiny="$work/hugo-reference"
rm -rf "$tiny" && mkdir -p "$tiny/content/posts" "$tiny/layouts/_default"
cp "$root/content/thread_0311.md" "$tiny/content/posts/"
cp "$site/hugo.toml" "$tiny/"
printf '{{ .WordCount }}' >"$tiny/layouts/_default/single.html"
printf '' >"$tiny/layouts/_default/list.html"
hugo --quiet --source "$tiny" -d "$tiny/public"
echo "thread_0311.md word count: hugo .WordCount $(cat "$tiny/public/posts/thread_0311/index.html"), archive 595 (hugo counts the title heading too)"
echo
awk -v a="${rate[archive]}" -v p="${rate[node]}" 'BEGIN { printf "archive/node throughput ratio: %.2f\n", a / p }'
awk -v a="${rate[archive]}" -v p="${rate[hugo]}" 'BEGIN { printf "archive/hugo throughput ratio: %.2f\n", a / p }'
