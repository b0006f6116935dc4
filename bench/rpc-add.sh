#!/usr/bin/env bash
# Benchmark: uploading one file through the Kubo RPC (`POST /api/v0/add`, curl -F) to `cairn serve`,
# vs `cairn add` from the CLI, vs dd of the same bytes with fdatasync, in one run.
# Usage: bench/rpc-add.sh [SIZE_MIB]   (default 1024)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_mib=${1:-1024}
work=${BENCH_DIR:-$(mktemp -d /tmp/cairn-rpc-bench.XXXXXX)}
mkdir -p "$work"
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$root"
./cairn version >/dev/null
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/input.bin"
now() { date +%s.%N; }

sync; t0=$(now); dd if="$work/input.bin" of="$work/dd.bin" bs=1M conv=fdatasync status=none; t1=$(now); rm -f "$work/dd.bin"
# The CPU limit beside the disk one: SHA-256 of the same bytes on one core (OpenSSL, SHA-NI where
# the CPU has it). Every 256 KiB chunk must be hashed once to get its CID.
h0=$(now); openssl dgst -sha256 "$work/input.bin" >/dev/null; h1=$(now)
sync; t2=$(now); cli=$(./cairn --home "$work/cli" add -q "$work/input.bin" 2>/dev/null); t3=$(now)

./cairn --home "$work/node" --set api.listen=127.0.0.1:15501 --set gateway.listen=127.0.0.1:15580 serve > "$work/serve.log" 2>&1 &
pid=$!
# Our own node must say Ready: on a shared machine another run may hold the ports and answer /health.
for _ in $(seq 1 150); do
  grep -q '^Ready' "$work/serve.log" 2>/dev/null && curl -sf http://127.0.0.1:15501/health >/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
token=$(cat "$work/node/admin.token")
# warm the server's JIT first, as a running service would be: WARM_FILES (default 10) different
# 64 MiB files, since a second upload of the same bytes writes nothing (its blocks are stored), in
# 16 KiB chunks, so that 40,000 blocks get the per-block code compiled before the timed upload
for _ in $(seq 1 "${WARM_FILES:-10}"); do
  head -c $((64 * 1024 * 1024)) /dev/urandom > "$work/warm.bin"
  curl -sf -H "Authorization: Bearer $token" -F "file=@$work/warm.bin" \
      "http://127.0.0.1:15501/api/v0/add?quiet=true&chunker=size-16384" >/dev/null
done
rm -f "$work/warm.bin"
# CPU seconds (user + system) of the server JVM: wall times swing with a shared machine's load.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
load=$(cut -d' ' -f1 /proc/loadavg)
sync; c0=$(cpu "$pid"); t4=$(now)
rpc=$(curl -sf -H "Authorization: Bearer $token" -F "file=@$work/input.bin" "http://127.0.0.1:15501/api/v0/add?quiet=true")
t5=$(now); c1=$(cpu "$pid")
python3 - "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" "$size_mib" "$cli" "$rpc" "$c0" "$c1" "$load" "$h0" "$h1" <<'PY'
import sys, json
t0, t1, t2, t3, t4, t5, mib = map(float, sys.argv[1:8])
cli, rpc = sys.argv[8], json.loads(sys.argv[9].strip().splitlines()[-1])["Hash"]
c0, c1, load, h0, h1 = map(float, sys.argv[10:15])
dd, c, r, h = t1 - t0, t3 - t2, t5 - t4, h1 - h0
mb = mib * 1.048576
print(f"file: {mib:.0f} MiB random (load average {load:.1f})")
print(f"  dd conv=fdatasync       {dd:7.3f} s  {mb/dd:7.1f} MB/s")
print(f"  openssl dgst -sha256    {h:7.3f} s  {mb/h:7.1f} MB/s   (one core)")
print(f"  cairn add (CLI)         {c:7.3f} s  {mb/c:7.1f} MB/s   {cli}")
print(f"  POST /api/v0/add (curl) {r:7.3f} s  {mb/r:7.1f} MB/s   {rpc}   server CPU {c1-c0:.2f} s")
print(f"  ratio rpc/dd = {dd/r:.2f}x (target >= 0.6)   cli/dd = {dd/c:.2f}x   rpc/sha256 = {h/r:.2f}x"
      f"   same CID: {cli == rpc}")
PY
