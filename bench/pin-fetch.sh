#!/usr/bin/env bash
# Benchmark: pinning a DAG through the Pinning Service API from a local origin (another
# `cairn serve`'s trustless gateway) vs `curl` of the same CAR from that origin, in one run.
# Usage: [BENCH_PORT=15200] bench/pin-fetch.sh [SIZE_MIB]   (default 1024)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_mib=${1:-1024}
work=${BENCH_DIR:-$(mktemp -d /tmp/cairn-pin-bench.XXXXXX)}
mkdir -p "$work"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT
cd "$root"
./cairn version >/dev/null

head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/input.bin"
cid=$(./cairn --home "$work/origin" add -q "$work/input.bin")
head -c $((512 * 1024 * 1024)) /dev/urandom > "$work/input.bin"
# the 512 MiB warm-up DAG has 16 KiB chunks: 32,000 blocks get the per-block code compiled before
# the timed pin, as in a service that has been running
warm=$(./cairn --home "$work/origin" add -q --chunker size-16384 "$work/input.bin")
rm -f "$work/input.bin"

start_node() { # home api gateway [env...]
  local home=$1 api=$2 gw=$3; shift 3
  env "$@" ./cairn --home "$home" --set api.listen=127.0.0.1:$api --set gateway.listen=127.0.0.1:$gw serve \
      > "$home.log" 2>&1 &
  pids+=($!) # env, then ./cairn, exec java: the JVM keeps this pid
  # Our own node must say Ready: on a shared machine another run may hold the ports and answer /health.
  for _ in $(seq 1 150); do
    grep -q '^Ready' "$home.log" 2>/dev/null && curl -sf "http://127.0.0.1:$api/health" >/dev/null && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.2
  done
  cat "$home.log" >&2; exit 1
}
# BENCH_PORT (default 15200) moves all four loopback ports, for machines where they are taken.
port=${BENCH_PORT:-15200}
o_api=$((port + 1)) o_gw=$((port + 80)) p_api=$((port + 101)) p_gw=$((port + 180))
start_node "$work/origin" $o_api $o_gw
start_node "$work/pinner" $p_api $p_gw CAIRN_FETCH_ALLOW_PRIVATE_ORIGINS=true
token=$(cat "$work/pinner/admin.token")

pin() { # cid: POST /pins and wait for pinned
  local id status
  id=$(curl -sf -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
       -d "{\"cid\":\"$1\",\"origins\":[\"/ip4/127.0.0.1/tcp/$o_gw/http\"]}" http://127.0.0.1:$p_api/pins \
       | python3 -c 'import json,sys;print(json.load(sys.stdin)["requestid"])')
  while :; do
    status=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$p_api/pins/$id")
    case "$status" in *'"status":"pinned"'*) break ;; *'"status":"failed"'*) echo "$status" >&2; exit 1 ;; esac
    sleep 0.05
  done
}
# Steady state, as a running service is: warm both JVMs with a 512 MiB pin and a curl first.
curl -s -o /dev/null -w "warm-up curl: %{http_code}\n" "http://127.0.0.1:$o_gw/ipfs/$warm?format=car"
# Packs are written with O_DIRECT, so the origin's first read of the big DAG comes from the disk:
# read it once untimed, so that the timed curl and the pin both find it in the page cache.
curl -s -o /dev/null "http://127.0.0.1:$o_gw/ipfs/$cid?format=car&dag-scope=all"
pin "$warm"

# CPU seconds (user + system) of a process: on a shared machine wall times swing with the load,
# CPU per GiB much less, so both are printed.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
origin_pid=${pids[0]} pinner_pid=${pids[1]}
load=$(cut -d' ' -f1 /proc/loadavg)
sync
o0=$(cpu "$origin_pid")
t0=$(date +%s.%N)
curl -sf -o "$work/curl.car" "http://127.0.0.1:$o_gw/ipfs/$cid?format=car&dag-scope=all"
t1=$(date +%s.%N)
o1=$(cpu "$origin_pid")
car_bytes=$(stat -c %s "$work/curl.car")
# The CPU limit: SHA-256 of the same CAR bytes on one core (OpenSSL, SHA-NI where the CPU has it);
# the pinner must hash every block once to verify it.
h0=$(date +%s.%N); openssl dgst -sha256 "$work/curl.car" >/dev/null; h1=$(date +%s.%N)
rm -f "$work/curl.car"
sync

o2=$(cpu "$origin_pid"); p2=$(cpu "$pinner_pid")
t2=$(date +%s.%N)
pin "$cid"
t3=$(date +%s.%N)
o3=$(cpu "$origin_pid"); p3=$(cpu "$pinner_pid")
python3 - "$t0" "$t1" "$t2" "$t3" "$car_bytes" "$size_mib" "$o0" "$o1" "$o2" "$o3" "$p2" "$p3" "$load" "$h0" "$h1" <<'PY'
import sys
t0, t1, t2, t3, car, mib, o0, o1, o2, o3, p2, p3, load, h0, h1 = map(float, sys.argv[1:])
c, p, h = t1 - t0, t3 - t2, h1 - h0
print(f"DAG of {mib:.0f} MiB ({car/1e6:.0f} MB as CAR) from a local cairn origin (load average {load:.1f})")
print(f"  curl of the CAR (to a file, no fsync)   {c:7.3f} s  {car/c/1e6:8.1f} MB/s   origin CPU {o1-o0:.2f} s")
print(f"  PSA pin (verified, fsynced, indexed)    {p:7.3f} s  {car/p/1e6:8.1f} MB/s   origin CPU {o3-o2:.2f} s,"
      f" pinner CPU {p3-p2:.2f} s")
print(f"  openssl dgst -sha256 of the CAR       {h:7.3f} s  {car/h/1e6:8.1f} MB/s   (one core)")
print(f"  ratio pin/curl = {c/p:.2f}x (target >= 0.7)   pin/sha256 = {h/p:.2f}x")
PY
