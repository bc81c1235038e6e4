# Shared by the bench/ scripts: installs what they need, builds the tools, generates corpora.
# Sourced, not run. Everything goes under bench/.work (git-ignored).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$root/bench/.work"
mkdir -p "$work"

apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]} (Debian packages)" >&2
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build_bench_tool() {
  dotnet build "$root/bench/Archive.Benchmarks" -c Release -v quiet -nologo >/dev/null
  bench_tool="dotnet $root/bench/Archive.Benchmarks/bin/Release/net10.0/Archive.Benchmarks.dll"
}

build_cli() {
  dotnet build "$root/src/Archive.Cli" -c Release -v quiet -nologo >/dev/null
  archive_cli="dotnet $root/src/Archive.Cli/bin/Release/net10.0/archive.dll"
}

# corpus N SEED [rich]: a folder of N generated posts (made once per N, seed and vocabulary).
corpus() {
  local folder="$work/corpus-$1-$2${3:+-$3}"
  if [ ! -f "$folder/.complete" ]; then
    rm -rf "$folder"
    $bench_tool generate "$1" "$folder" "$2" ${3:-} >&2
    touch "$folder/.complete"
  fi
  echo "$folder"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# start_azurite [DATA]: a private Azurite on free loopback ports; sets $azurite_connection; stopped on
# exit. Its data goes in a folder removed on exit, or in DATA, kept (a seeded archive to run again).
start_azurite() {
  [ -x "$root/node_modules/.bin/azurite" ] || (cd "$root" && npm ci --no-audit --no-fund >/dev/null)
  local ports
  ports=$(python3 -c 'import socket
s=[socket.socket() for _ in range(3)]
[x.bind(("127.0.0.1",0)) for x in s]
print(" ".join(str(x.getsockname()[1]) for x in s))')
  read -r blob queue table <<<"$ports"
  local data="${1:-$work/azurite-$$}"
  "$root/node_modules/.bin/azurite" --silent --disableTelemetry --skipApiVersionCheck --loose --location "$data" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" &
  azurite_pid=$!
  [ -n "${1:-}" ] || cleanup_paths+=("$data")
  azurite_connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/"$table") 2>/dev/null && return 0; sleep 0.1; done
  echo "Azurite did not start" >&2
  return 1
}

# serve NAME: `archive serve` against the private Azurite with its own container and table; sets $api.
# WATCH=0 turns its watcher (the local stand-in for blob triggers) off.
# CONTENT names a folder to load first (default: none).
serve() {
  local name=$1 port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$work/empty"
  Archive__Table="$name" Archive__ContentContainer="$name-content" Archive__WatchIntervalSeconds="${WATCH:-1}" Logging__LogLevel__Default=Warning \
    $archive_cli serve --port "$port" --connection "$azurite_connection" --container "$name" --content "${CONTENT:-$work/empty}" >"$work/serve-$name.log" 2>&1 &
  serve_pids+=($!)
  api="http://localhost:$port/api"
  for _ in $(seq 300); do curl -sf "$api/health" >/dev/null && return 0; sleep 0.2; done
  echo "archive serve did not start; see $work/serve-$name.log" >&2
  return 1
}

# stop_serve: stops every `archive serve` started so far (its watcher lists the container every second).
stop_serve() {
  for pid in "${serve_pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  serve_pids=()
}

cleanup_paths=()
serve_pids=()
azurite_pid=""
cleanup() {
  for pid in "${serve_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -z "$azurite_pid" ] || kill "$azurite_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  for path in "${cleanup_paths[@]}"; do rm -rf "$path"; done
}
trap cleanup EXIT
