#!/usr/bin/env bash
# Benchmark: `cairn add` (kubo profile, into the pack store) side by side with ipfs-unixfs-importer
# into blockstore-fs and with dd writing the same bytes with fdatasync, in one run on one file.
# Also 10,000 files of 1 KiB in one directory (cairn add -r vs the JS importer).
#
# Usage: bench/add.sh [SIZE_MIB]   (default 1024). Needs `npm ci --prefix interop` done.
# Prints one line per contender and the ratios; peak RSS is measured with /usr/bin/time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size_mib=${1:-1024}
work=${BENCH_DIR:-$(mktemp -d /tmp/cairn-bench.XXXXXX)}
trap 'rm -rf "$work"' EXIT
cd "$root"
./cairn version >/dev/null   # builds if needed, outside the timings

input="$work/input.bin"
echo "preparing ${size_mib} MiB of random bytes in $input" >&2
head -c $((size_mib * 1024 * 1024)) /dev/urandom > "$input"

secs() { python3 -c 'import sys,time; print(f"{float(sys.argv[1]):.3f}")' "$1"; }
run() { # name, then command; prints "seconds peak_rss_kib"
  local name=$1; shift
  sync  # flush earlier writes so that each contender starts from a clean disk queue
  local start end rss
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/$name.rss" "$@" > "$work/$name.out" 2> "$work/$name.err" || {
    echo "$name failed:" >&2; cat "$work/$name.err" >&2; exit 1; }
  end=$(date +%s.%N)
  rss=$(tail -1 "$work/$name.rss")
  echo "$(python3 -c "print(f'{$end-$start:.3f}')") $rss"
}

# Warm the page cache for the input so that all contenders read it from memory alike.
cat "$input" > /dev/null

read -r dd_s dd_rss < <(run dd dd if="$input" of="$work/dd.out.bin" bs=1M conv=fdatasync status=none)
rm -f "$work/dd.out.bin"
# The CPU limit beside the disk one: SHA-256 of the same bytes on one core (OpenSSL, SHA-NI where
# the CPU has it); every chunk must be hashed once to get its CID.
read -r sha_s sha_rss < <(run sha256 openssl dgst -sha256 "$input")
read -r cairn_s cairn_rss < <(run cairn ./cairn --home "$work/home" add -q "$input")
read -r js_s js_rss < <(run js node bench/js-import.mjs "$input" "$work/js-blocks")

mb() { python3 -c "print(f'{$size_mib*1.048576/$1:.1f}')"; }
echo "file: ${size_mib} MiB random"
printf '  %-28s %8ss %8s MB/s  peak RSS %6d MiB\n' "dd conv=fdatasync" "$dd_s" "$(mb "$dd_s")" $((dd_rss/1024))
printf '  %-28s %8ss %8s MB/s  (one core)\n' "openssl dgst -sha256" "$sha_s" "$(mb "$sha_s")"
printf '  %-28s %8ss %8s MB/s  peak RSS %6d MiB\n' "cairn add (kubo)" "$cairn_s" "$(mb "$cairn_s")" $((cairn_rss/1024))
printf '  %-28s %8ss %8s MB/s  peak RSS %6d MiB\n' "ipfs-unixfs-importer (fs)" "$js_s" "$(mb "$js_s")" $((js_rss/1024))
echo "  cairn CID: $(cat "$work/cairn.out")   js CID: $(cat "$work/js.out")"
python3 -c "print(f'  ratio cairn/js = {$js_s/$cairn_s:.2f}x (target >= 3)   cairn/dd = {$dd_s/$cairn_s:.2f}x (target >= 0.7)   cairn/sha256 = {$sha_s/$cairn_s:.2f}x')"

# 10,000 files of 1 KiB in one directory
dir="$work/many"; mkdir -p "$dir"
python3 - "$dir" <<'PY'
import os, sys
d = sys.argv[1]
for i in range(10000):
    with open(os.path.join(d, f"f{i:05d}.bin"), "wb") as f:
        f.write(os.urandom(1024))
PY
read -r cm_s cm_rss < <(run cairn-many ./cairn --home "$work/home2" add -r -q "$dir")
read -r jm_s jm_rss < <(run js-many node bench/js-import.mjs "$dir" "$work/js-blocks2")
echo "directory: 10,000 files of 1 KiB"
printf '  %-28s %8ss  peak RSS %6d MiB\n' "cairn add -r" "$cm_s" $((cm_rss/1024))
printf '  %-28s %8ss  peak RSS %6d MiB\n' "ipfs-unixfs-importer (fs)" "$jm_s" $((jm_rss/1024))
echo "  cairn CID: $(cat "$work/cairn-many.out")   js CID: $(cat "$work/js-many.out")"
python3 -c "print(f'  ratio cairn/js = {$jm_s/$cm_s:.2f}x')"
