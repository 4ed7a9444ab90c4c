#!/usr/bin/env bash
# Detection at scale: generate N accounts (default 1M, about 15M signal records), ingest them,
# then time `ringctl detect` (wall clock and peak memory from /usr/bin/time -v). The baseline
# measured in the same run is the ingest of the same store; the goal is detect <= 60 s and <= 4 GB.
# usage: tools/bench/detect_scale.sh [SCRATCH_DIR] [ACCOUNTS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-/tmp/ringgraph-bench}/scale"
accounts="${2:-1000000}"
ringctl="${RINGCTL:-$here/build/tools/ringctl}"
mkdir -p "$scratch"
if [ ! -f "$scratch/pop_$accounts/signals.csv" ]; then
  "$ringctl" gen --accounts "$accounts" --rings $((accounts / 2500)) --seed 1 --out "$scratch/pop_$accounts" --quiet
fi
rm -rf "$scratch/data" "$scratch/ringgraph.secret"
wall_s() { awk '/Elapsed \(wall clock\)/ {n=split($NF,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
peak_mib() { awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
/usr/bin/time -v "$ringctl" --data "$scratch/data" ingest --create-secret --quiet \
  "$scratch/pop_$accounts/signals.csv" 2>"$scratch/ingest.time"
/usr/bin/time -v "$ringctl" --data "$scratch/data" detect --top 0 >"$scratch/detect.out" 2>"$scratch/detect.time"
cat "$scratch/detect.out"
iw=$(wall_s "$scratch/ingest.time"); dw=$(wall_s "$scratch/detect.time"); dm=$(peak_mib "$scratch/detect.time")
awk -v a="$accounts" -v iw="$iw" -v dw="$dw" -v dm="$dm" 'BEGIN {
  printf "accounts %d: ingest %.1f s; detect %.1f s wall, peak %d MiB; detect/ingest %.2fx; detect vs goal: %.2fx of 60 s, %.2fx of 4 GiB\n", a, iw, dw, dm, dw/iw, dw/60, dm/4096
}'
