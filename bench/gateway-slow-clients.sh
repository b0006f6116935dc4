#!/usr/bin/env bash
# Benchmark: memory of the gateway under many slow clients. CLIENTS connections each read one
# SIZE_MIB file at BYTES_PER_SECOND for SECONDS (bench/SlowClients.java); the resident memory of
# the server is sampled every second. Side by side in the same run: Cairn's gateway (the file
# added as UnixFS, served by `cairn serve`) and nginx serving the same bytes from disk.
# Usage: bench/gateway-slow-clients.sh [CLIENTS] [SIZE_MIB] [SECONDS] [BYTES_PER_SECOND]
#        (default 1000 100 60 16384)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
clients=${1:-1000}
size_mib=${2:-100}
seconds=${3:-60}
rate=${4:-16384}
work=${BENCH_DIR:-$(mktemp -d /tmp/cairn-slow-bench.XXXXXX)}
mkdir -p "$work/www"
chmod 755 "$work" "$work/www" # nginx workers (user nobody when started as root) read the file
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; [ -n "${KEEP_LOG:-}" ] && cp "$work/node.log" "$KEEP_LOG"; rm -rf "$work"' EXIT
cd "$root"
./cairn version >/dev/null
. scripts/find-jdk.sh && cairn_use_jdk
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$work/www/file.bin"
chmod 644 "$work/www/file.bin"
cid=$(./cairn --home "$work/node" add -q "$work/www/file.bin")

# Cairn, as `cairn serve` runs (JVM defaults), public mode so the loose file is served.
./cairn --home "$work/node" --set api.listen=127.0.0.1:15401 --set gateway.listen=127.0.0.1:15480 \
    --set gateway.mode=public serve > "$work/node.log" 2>&1 &
cairn_pid=$!
pids+=("$cairn_pid")
for _ in $(seq 1 150); do curl -sf http://127.0.0.1:15401/health >/dev/null && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:15480/ipfs/$cid" # warm-up: one full read
# The live heap under load: a full GC at 80% of the run, then the heap's used size (RSS is larger:
# the JVM keeps the memory its collector committed).
( sleep $((seconds * 4 / 5)); "$JAVA_HOME/bin/jcmd" "$cairn_pid" GC.run >/dev/null 2>&1
  "$JAVA_HOME/bin/jcmd" "$cairn_pid" GC.heap_info > "$work/heap.txt" 2>&1 ) &
cairn=$("$JAVA_HOME/bin/java" bench/SlowClients.java 127.0.0.1 15480 "/ipfs/$cid" "$clients" "$rate" "$seconds" "$cairn_pid")
wait $! 2>/dev/null || true
heap=$(grep -m1 -E 'used' "$work/heap.txt" 2>/dev/null | sed 's/^ *//' || true)
kill "$cairn_pid"; wait "$cairn_pid" 2>/dev/null || true

# nginx on the same bytes, from disk.
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon off;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  sendfile on;
  server { listen 127.0.0.1:15490; root $work/www; }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -p "$work" 2>/dev/null &
nginx_pid=$!
pids+=("$nginx_pid")
for _ in $(seq 1 50); do curl -sf -o /dev/null http://127.0.0.1:15490/file.bin && break; sleep 0.1; done
workers=$(pgrep -P "$nginx_pid" | tr '\n' ' ')
# shellcheck disable=SC2086
nginx_res=$("$JAVA_HOME/bin/java" bench/SlowClients.java 127.0.0.1 15490 /file.bin "$clients" "$rate" "$seconds" "$nginx_pid" $workers)

python3 - "$cairn" "$nginx_res" "$heap" "$clients" "$size_mib" "$rate" "$seconds" <<'PY'
import json, sys
c, n = json.loads(sys.argv[1]), json.loads(sys.argv[2])
heap, clients, mib, rate, secs = sys.argv[3], *map(int, sys.argv[4:])
print(f"{clients} slow clients reading a {mib} MiB file at {rate/1024:.0f} KiB/s each for {secs} s (machine state: see uptime)")
for name, r in (("cairn gateway", c), ("nginx (disk)", n)):
    print(f"  {name:14} streaming {r['streaming']:5}  refused {r['refused']:4}  failed {r['failed']:4}"
          f"  RSS before {r['rss_before_mib']:7.1f} MiB  max {r['rss_max_mib']:7.1f} MiB  end {r['rss_end_mib']:7.1f} MiB"
          f"  clients read {r['bytes_read'] / 1e6:7.1f} MB ({r['bytes_read'] / 1e6 / secs:5.1f} MB/s)")
grow = c['rss_max_mib'] - c['rss_before_mib']
print(f"  cairn RSS growth under load {grow:.1f} MiB = {grow * 1024 / max(1, c['streaming']):.0f} KiB per streaming client")
print(f"  ratio cairn/nginx max RSS = {c['rss_max_mib'] / max(0.1, n['rss_max_mib']):.1f}x")
if heap:
    print(f"  cairn JVM heap after a full GC under load (live set): {heap}")
PY
uptime
