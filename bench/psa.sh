#!/usr/bin/env bash
# Benchmark of the Pinning Service API of `cairn serve`, with wrk on loopback:
#   1. POST /pins per second (pins of stored content; each one also runs its job to `pinned`),
#      beside GET /health on the same server (the HTTP stack's own ceiling) as the ratio's base;
#   2. GET /pins latency (p50, p99) with N pins in the database (default 1,000,000), unfiltered
#      (default status pinned), and filtered by name, by cid, by meta and by a `before` page,
#      every answer carrying its exact count.
# Usage: bench/psa.sh [PINS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pins=${1:-1000000}
work=${BENCH_DIR:-$(mktemp -d /tmp/cairn-psa-bench.XXXXXX)}
mkdir -p "$work"
pid=
home="$work/home"
api=127.0.0.1:15101
cd "$root"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
./cairn version >/dev/null
. scripts/find-jdk.sh; cairn_use_jdk >/dev/null
[ -f cairn-bench/target/cairn-bench-0.1.0-SNAPSHOT.jar ] || mvn -q -o -DskipTests package -pl cairn-bench -am
cp="cairn-bench/target/cairn-bench-0.1.0-SNAPSHOT.jar:$(ls cairn-node/target/cairn-node-*.jar | head -1):cairn-node/target/lib/*"

serve() {
  ./cairn --home "$home" --set api.listen=$api --set gateway.listen=127.0.0.1:15180 serve > "$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "http://$api/health" >/dev/null && return 0; sleep 0.2; done
  cat "$work/serve.log" >&2; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT

echo "hello from the pinning benchmark" > "$work/small.txt"
cid=$(./cairn --home "$home" add -q "$work/small.txt")
serve; stop                       # first start: admin account and token
token=$(cat "$home/admin.token")
echo "loading $pins pins..." >&2
start=$(date +%s.%N)
read -r first_cid middle_ms < <("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.cairn.bench.PinLoad "$home" admin "$pins")
echo "  loaded in $(python3 -c "print(f'{$(date +%s.%N)-$start:.1f}')") s" >&2
serve
before=$(python3 -c "import datetime;print(datetime.datetime.fromtimestamp($middle_ms/1000,datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]+'Z')")

lat() { # label, path [connections]
  local out
  out=$(wrk -t2 -c"${3:-8}" -d${DURATION:-10s} --timeout 30s --latency -H "Authorization: Bearer $token" "http://$api$2")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '  %-34s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$rps" "$p50" "$p99"
  grep -q "Non-2xx" <<<"$out" && { echo "  (non-2xx answers!)"; grep Non-2xx <<<"$out"; }
  return 0
}
echo "GET /pins with $pins pins (exact counts):"
curl -s -H "Authorization: Bearer $token" "http://$api/pins?limit=1" | head -c 200; echo
lat "GET /health (baseline)" "/health"
lat "unfiltered (status=pinned)" "/pins"
lat "all statuses" "/pins?status=queued,pinning,pinned,failed"
lat "page before the middle" "/pins?before=$before&limit=100"
lat "name exact" "/pins?name=pin-500000"
lat "cid" "/pins?cid=$first_cid"
# Substring and meta filters count their matches row by row: slow at this size, measured last
# with fewer connections so that their backlog does not spill into the other figures.
lat "name ipartial (row scan)" "/pins?name=PIN-99999&match=ipartial" 2
lat "meta app=bench (100k matches)" "/pins?meta=%7B%22app%22%3A%22bench%22%7D" 2

cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"cid":"$cid","name":"bench"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA
out=$(wrk -t2 -c8 -d${DURATION:-10s} --latency -s "$work/post.lua" "http://$api/pins")
post_rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
echo "POST /pins: $post_rps req/s  (p50 $(awk '$1=="50%" {print $2}' <<<"$out"), p99 $(awk '$1=="99%" {print $2}' <<<"$out"))"
grep -q "Non-2xx" <<<"$out" && grep Non-2xx <<<"$out"
sleep 3
echo "after the run: $(curl -s -H "Authorization: Bearer $token" "http://$api/pins?name=bench&status=queued,pinning,failed&limit=1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["count"])') bench pins not yet pinned"
stop
