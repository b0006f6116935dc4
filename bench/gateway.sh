#!/usr/bin/env bash
# Benchmark of the gateway of `cairn serve` (gateway.mode=public unless MODE says) beside nginx serving the same
# bytes from disk, with wrk on loopback, in one run:
#   a. a 1 KiB file, requests/s              (target: Cairn >= 0.5x nginx)
#   b. a 100 MiB file, MB/s                  (target: Cairn >= 0.8x nginx)
#   c. a 1 GiB DAG as CAR (?format=car), MB/s, beside nginx serving that CAR as a file
#                                            (target: Cairn >= 0.7x nginx)
# nginx runs as the current user from a generated config (sendfile on, 2 workers, an access log
# file: Cairn writes an access line per request too), its root a folder of the bench's temp dir.
# Needs nginx (apt-get install nginx-light) and wrk.
# Usage: bench/gateway.sh   (env: DURATION per measurement, default 10s; WARMUP of Cairn before
#        each, default 20s; DAG_MIB, default 1024;
#        BENCH_DIR to keep the inputs somewhere else than a fresh temp dir;
#        ROWS=small for the 1 KiB row only, without making the large inputs;
#        MODE=pinned to measure the default gateway.mode, where every request also checks that
#        some account pins the content; the inputs are pinned by `cairn add`)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-10s}
warmup=${WARMUP:-20s}
dag_mib=${DAG_MIB:-1024}
rows=${ROWS:-all}
mode=${MODE:-public}
case "$rows" in all|small) ;; *) echo "ROWS must be all or small, not '$rows'" >&2; exit 2 ;; esac
work=${BENCH_DIR:-$(mktemp -d /tmp/cairn-gw-bench.XXXXXX)}
mkdir -p "$work"
home="$work/home"
www="$work/www"
gw=127.0.0.1:15380
web=127.0.0.1:15390
cairn_pid=
nginx_pid=
cd "$root"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "nginx is needed: apt-get install nginx-light" >&2; exit 1; }
./cairn version >/dev/null

cleanup() {
  [ -n "$cairn_pid" ] && kill "$cairn_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
  wait 2>/dev/null || true
  [ -z "${BENCH_DIR:-}" ] && rm -rf "$work"
  return 0
}
trap cleanup EXIT

mkdir -p "$www" "$work/nginx/tmp"
head -c 1024 /dev/urandom > "$www/small.bin"
small=$(./cairn --home "$home" --set store.fsync=false add -q "$www/small.bin")
if [ "$rows" = all ]; then
  echo "inputs: 1 KiB, 100 MiB and ${dag_mib} MiB of random bytes in $work" >&2
  head -c $((100 * 1024 * 1024)) /dev/urandom > "$www/file100m.bin"
  head -c $((dag_mib * 1024 * 1024)) /dev/urandom > "$work/dag.bin"
  big=$(./cairn --home "$home" --set store.fsync=false add -q "$www/file100m.bin")
  dag=$(./cairn --home "$home" --set store.fsync=false add -q "$work/dag.bin")
  rm "$work/dag.bin"
fi

./cairn --home "$home" --set gateway.listen=$gw --set api.listen=127.0.0.1:15381 --set gateway.mode="$mode" \
  serve > "$work/serve.log" 2>&1 &
cairn_pid=$!
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://$gw/ipfs/$small" && break; sleep 0.2; done
curl -sf -o /dev/null "http://$gw/ipfs/$small" || { cat "$work/serve.log" >&2; exit 1; }

# nginx serves the very bytes Cairn serves: the two files as added, and the CAR Cairn streams.
cmp <(curl -sf "http://$gw/ipfs/$small") "$www/small.bin"
if [ "$rows" = all ]; then
  curl -sf -o "$www/dag.car" "http://$gw/ipfs/$dag?format=car"
  cmp <(curl -sf "http://$gw/ipfs/$big") "$www/file100m.bin"
fi

cat > "$work/nginx/nginx.conf" <<CONF
$( [ "$(id -u)" -ne 0 ] || echo "user $(id -un);" )
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log $work/nginx/access.log;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000000;
  types { application/octet-stream bin; application/vnd.ipld.car car; }
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  server { listen $web; root $www; }
}
CONF
"$nginx_bin" -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://$web/small.bin" && break; sleep 0.1; done
curl -sf -o /dev/null "http://$web/small.bin" || { cat "$work/nginx/error.log" >&2; exit 1; }

# wrk's figures: requests/s, and bytes/s in MB/s (10^6), from its Requests/sec and Transfer/sec lines.
measure() { # url connections -> "req/s MB/s"
  local out
  out=$(wrk -t2 -c"$2" -d"$duration" --timeout 120s "$1")
  if grep -q "Non-2xx\|Socket errors" <<<"$out"; then
    echo "  (errors from $1: $(grep 'Non-2xx\|Socket errors' <<<"$out" | tr -s ' '))" >&2
  fi
  awk '/Requests\/sec/ {rps=$2}
       /Transfer\/sec/ {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[A-Za-z]+/, "", v);
                        m=(u=="GB")?1073741824:(u=="MB")?1048576:(u=="KB")?1024:1; mbs=v*m/1e6}
       END {printf "%s %.1f\n", rps, mbs}' <<<"$out"
}
# Before each measurement: page cache for both, and for Cairn the JIT (on a loaded 2-core machine
# its small-file rate still climbs after 20 s).
warm() { wrk -t2 -c"$2" -d"$3" --timeout 120s "$1" >/dev/null; }
ratio() { python3 -c "print(f'{$1/$2:.2f}' if $2 else 'n/a')"; }

row() { # label, cairn url, nginx url, connections, figure (1 = req/s, 2 = MB/s), target
  local c n cv nv
  warm "$2" "$4" "$warmup"; warm "$3" "$4" 3s
  c=$(measure "$2" "$4"); n=$(measure "$3" "$4")
  cv=$(cut -d' ' -f"$5" <<<"$c"); nv=$(cut -d' ' -f"$5" <<<"$n")
  printf '  %-28s cairn %10s   nginx %10s   ratio %5s (target %s)\n' "$1" "$cv" "$nv" "$(ratio "$cv" "$nv")" "$6"
}

echo "gateway (mode $mode) vs nginx, wrk -t2, $duration each, loopback (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
row "1 KiB file, req/s (c=32)" "http://$gw/ipfs/$small" "http://$web/small.bin" 32 1 ">= 0.5"
[ "$rows" = all ] || exit 0
row "100 MiB file, MB/s (c=4)" "http://$gw/ipfs/$big" "http://$web/file100m.bin" 4 2 ">= 0.8"
row "${dag_mib} MiB DAG as CAR, MB/s (c=2)" "http://$gw/ipfs/$dag?format=car" "http://$web/dag.car" 2 2 ">= 0.7"
