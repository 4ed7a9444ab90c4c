#!/usr/bin/env bash
# Lookup throughput of three ringd replicas against one, with the same client load, in one run.
#
# Builds a store of N generated accounts (default 100k) and detects once, then starts three
# ringd (epoll model) serving that store, as replicas that consumed the same stream would, and
# alternates trials:
#   one      bench_serve: getCluster from 48 connections, all to the first replica
#   three    the same 48 connections spread over the three replicas (16 each)
# and prints medians of requests/s and p99, the ratio three/one, and each replica's peak memory.
# On one host the replicas share its cores, so the ratio says what replication costs or gains
# there; on separate machines each replica brings its own cores.
# usage: tools/bench/replica_lookup.sh [SCRATCH_DIR] [ACCOUNTS] [TRIALS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-/tmp/ringgraph-bench}/replicas"
accounts="${2:-100000}"
trials="${3:-3}"
seconds="${4:-8}"
case "$accounts$trials" in *[!0-9]*) echo "usage: replica_lookup.sh [SCRATCH_DIR] [ACCOUNTS] [TRIALS] [SECONDS]" >&2; exit 2 ;; esac
build="${BUILD_DIR:-$here/build}"
ringctl="$build/tools/ringctl"; ringd="$build/service/ringd"; bench="$build/tools/bench/bench_serve"
for tool in "$ringctl" "$ringd" "$bench"; do
  [ -x "$tool" ] || { echo "replica_lookup: missing $tool (build first: deploy/build.sh)" >&2; exit 2; }
done
mkdir -p "$scratch"
data="$scratch/data_$accounts" secret="$scratch/secret_$accounts"
if [ ! -f "$data/data.mdb" ]; then
  echo "replica_lookup: building a store of $accounts accounts" >&2
  rm -rf "$scratch/pop_$accounts" "$data" "$secret"
  "$ringctl" gen --accounts "$accounts" --rings $((accounts / 2500 + 1)) --seed 1 --out "$scratch/pop_$accounts" --quiet
  "$ringctl" --data "$data" --secret-file "$secret" ingest --create-secret --quiet "$scratch/pop_$accounts/signals.csv"
  "$ringctl" --data "$data" detect --quiet >/dev/null
  tail -n +2 "$scratch/pop_$accounts/truth.csv" | cut -d, -f1 >"$scratch/accounts_$accounts.txt"
  rm -rf "$scratch/pop_$accounts"
fi
rm -f "$scratch/tokens"
"$ringctl" token new --client bench --role read --append "$scratch/tokens" --out "$scratch/read.token" 2>/dev/null

pids=(); ports=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for r in 1 2 3; do
  rm -f "$scratch/port_$r"
  "$ringd" --data "$data" --secret-file "$secret" --tokens-file "$scratch/tokens" --listen 127.0.0.1:0 \
    --metrics off --detect-at off --server epoll --port-file "$scratch/port_$r" 2>>"$scratch/ringd_$r.log" &
  pids+=($!)
done
for r in 1 2 3; do
  for _ in $(seq 100); do [ -s "$scratch/port_$r" ] && break; sleep 0.1; done
  [ -s "$scratch/port_$r" ] || { echo "replica_lookup: replica $r did not start; see $scratch/ringd_$r.log" >&2; exit 1; }
  ports+=("$(head -1 "$scratch/port_$r")")
done

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() {  # $1 = results key, $2 = ports
  local line
  line=$("$bench" --port "$2" --token-file "$scratch/read.token" --accounts "$scratch/accounts_$accounts.txt" \
    --connections 48 --seconds "$seconds")
  echo "$1 $(echo "$line" | field requests_per_s) $(echo "$line" | field p99_us)" >>"$scratch/results.txt"
}
: >"$scratch/results.txt"
all=$(IFS=,; echo "${ports[*]}")
for t in $(seq "$trials"); do
  echo "replica_lookup: trial $t of $trials" >&2
  load one "${ports[0]}"
  load three "$all"
done
peaks=""
for p in "${pids[@]}"; do peaks="$peaks $(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$p/status)"; done

m() { awk -v k="$1" -v c="$2" '$1==k {print $c}' "$scratch/results.txt" | median; }
awk -v o="$(m one 2)" -v op="$(m one 3)" -v h="$(m three 2)" -v hp="$(m three 3)" -v n="$accounts" \
    -v trials="$trials" -v peaks="$peaks" -v cores="$(nproc)" 'BEGIN {
  printf "replica_lookup: %d accounts, medians of %d trials, 48 connections, %d cores\n", n, trials, cores
  printf "  one replica     %8.0f req/s  p99 %5.0f us\n", o, op
  printf "  three replicas  %8.0f req/s  p99 %5.0f us  ratio three/one %.2fx\n", h, hp, h/o
  printf "  replicas peak memory (MiB):%s\n", peaks
}'
