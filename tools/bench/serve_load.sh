#!/usr/bin/env bash
# ringd under load, against Redis measured in the same run.
#
# Builds a store of N generated accounts (default 100k), detects, starts ringd (each server
# model: epoll, threaded, nonblocking) and redis-server on loopback, then alternates trials:
#   ringd   bench_serve: getCluster from 50 connections, one request in flight each
#   redis   redis-benchmark -t get -c 50 (one request in flight each, the same shape)
# and reports medians of requests/s and p99, the ratio ringd/redis, batch lookups (getClusters
# of 1000 accounts) in accounts/s, the same single lookups while detection runs back to back,
# and ringd's peak resident memory.
# usage: tools/bench/serve_load.sh [SCRATCH_DIR] [ACCOUNTS] [TRIALS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-/tmp/ringgraph-bench}/serve"
accounts="${2:-100000}"
trials="${3:-3}"
seconds="${4:-8}"
build="${BUILD_DIR:-$here/build}"
ringctl="$build/tools/ringctl"; ringd="$build/service/ringd"; bench="$build/tools/bench/bench_serve"
for tool in "$ringctl" "$ringd" "$bench" redis-server redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "serve_load: missing $tool (build first; redis from deploy/install-deps.sh)" >&2; exit 2; }
done
mkdir -p "$scratch"
if [ ! -f "$scratch/pop_$accounts/signals.csv" ]; then
  "$ringctl" gen --accounts "$accounts" --rings $((accounts / 2500)) --seed 1 --out "$scratch/pop_$accounts" --quiet
fi
if [ ! -f "$scratch/data_$accounts/data.mdb" ]; then
  rm -rf "$scratch/data_$accounts" "$scratch/secret_$accounts"
  "$ringctl" --data "$scratch/data_$accounts" --secret-file "$scratch/secret_$accounts" ingest --create-secret --quiet "$scratch/pop_$accounts/signals.csv"
  "$ringctl" --data "$scratch/data_$accounts" detect --quiet >/dev/null
fi
tail -n +2 "$scratch/pop_$accounts/truth.csv" | cut -d, -f1 > "$scratch/accounts.txt"
rm -f "$scratch/tokens"
"$ringctl" token new --client bench --role read --append "$scratch/tokens" --out "$scratch/read.token" 2>/dev/null
"$ringctl" token new --client bench-w --role write --append "$scratch/tokens" --out "$scratch/write.token" 2>/dev/null

ringd_pid=""; redis_pid=""
cleanup() { [ -n "$ringd_pid" ] && kill "$ringd_pid" 2>/dev/null || true; [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true; }
trap cleanup EXIT
start_ringd() {  # $1 = server model, then extra ringd flags
  local model="$1"; shift
  rm -f "$scratch/port"
  "$ringd" --data "$scratch/data_$accounts" --secret-file "$scratch/secret_$accounts" --tokens-file "$scratch/tokens" \
    --listen 127.0.0.1:0 --metrics off --detect-at off --server "$model" --port-file "$scratch/port" "$@" 2>>"$scratch/ringd_$model.log" &
  ringd_pid=$!
  for _ in $(seq 100); do [ -s "$scratch/port" ] && break; sleep 0.1; done
  port=$(head -1 "$scratch/port")
}
stop_ringd() { peak=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' /proc/$ringd_pid/status); kill -TERM "$ringd_pid"; wait "$ringd_pid" || true; ringd_pid=""; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

redis_port=$(( 20000 + RANDOM % 20000 ))
redis-server --port "$redis_port" --save '' --appendonly no --bind 127.0.0.1 >"$scratch/redis.log" 2>&1 &
redis_pid=$!
sleep 0.5
redis-benchmark -p "$redis_port" -t set -n 100000 -r 100000 -q >/dev/null 2>&1

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: >"$scratch/results.txt"
rm -f "$scratch"/ringd_*.log
for model in epoll threaded nonblocking; do
  start_ringd "$model"
  for t in $(seq "$trials"); do
    line=$("$bench" --port "$port" --token-file "$scratch/read.token" --accounts "$scratch/accounts.txt" --connections 50 --seconds "$seconds")
    echo "ringd_$model $(echo "$line" | field requests_per_s) $(echo "$line" | field p99_us)" >>"$scratch/results.txt"
    if [ "$model" = epoll ]; then
      csv=$(redis-benchmark -p "$redis_port" -t get -c 50 -n $((100000 * seconds)) -r 100000 --csv 2>/dev/null | tail -1)
      echo "redis $(echo "$csv" | cut -d, -f2 | tr -d '"') $(echo "$csv" | cut -d, -f7 | tr -d '"' | awk '{print $1*1000}')" >>"$scratch/results.txt"
    fi
  done
  if [ "$model" = epoll ]; then
    for t in $(seq "$trials"); do
      line=$("$bench" --port "$port" --token-file "$scratch/read.token" --accounts "$scratch/accounts.txt" --connections 4 --batch 1000 --seconds "$seconds")
      echo "batch $(echo "$line" | field accounts_per_s) $(echo "$line" | field p99_us)" >>"$scratch/results.txt"
    done
    # Lookups while detection runs back to back: with ringd's default --detect-nice, then (the
    # baseline, in the same run) with detection's threads at the server's own priority.
    during_detection() {  # $1 = the results key
      ( end=$((SECONDS + seconds * trials + 2)); while [ $SECONDS -lt $end ]; do
          "$ringctl" --remote "127.0.0.1:$port" --token-file "$scratch/write.token" detect --wait >/dev/null 2>&1 || true; done ) &
      detect_loop=$!
      sleep 1
      for t in $(seq "$trials"); do
        line=$("$bench" --port "$port" --token-file "$scratch/read.token" --accounts "$scratch/accounts.txt" --connections 50 --seconds "$seconds")
        echo "$1 $(echo "$line" | field requests_per_s) $(echo "$line" | field p99_us)" >>"$scratch/results.txt"
      done
      wait "$detect_loop" || true
    }
    before_runs=$(grep -c "detection: version" "$scratch/ringd_epoll.log" || true)
    during_detection during_detection
    runs=$(( $(grep -c "detection: version" "$scratch/ringd_epoll.log" || true) - before_runs ))
    stop_ringd
    start_ringd epoll --detect-nice 0
    before_runs=$(grep -c "detection: version" "$scratch/ringd_epoll.log" || true)
    during_detection during_detection_nice0
    runs0=$(( $(grep -c "detection: version" "$scratch/ringd_epoll.log" || true) - before_runs ))
  fi
  stop_ringd
  echo "peak_$model $peak" >>"$scratch/results.txt"
done

m() { awk -v k="$1" -v c="$2" '$1==k {print $c}' "$scratch/results.txt" | median; }
awk -v re="$(m ringd_epoll 2)" -v rep="$(m ringd_epoll 3)" -v pe="$(m peak_epoll 2)" -v rt="$(m ringd_threaded 2)" -v rtp="$(m ringd_threaded 3)" -v rn="$(m ringd_nonblocking 2)" -v rnp="$(m ringd_nonblocking 3)" \
    -v rd="$(m redis 2)" -v rdp="$(m redis 3)" -v b="$(m batch 2)" -v bp="$(m batch 3)" -v dd="$(m during_detection 2)" \
    -v ddp="$(m during_detection 3)" -v d0="$(m during_detection_nice0 2)" -v d0p="$(m during_detection_nice0 3)" -v runs0="$runs0" -v pt="$(m peak_threaded 2)" -v pn="$(m peak_nonblocking 2)" -v runs="$runs" \
    -v n="$accounts" -v trials="$trials" 'BEGIN {
  printf "serve_load: %d accounts, medians of %d trials, 50 connections\n", n, trials
  printf "  redis GET               %8.0f req/s  p99 %5.0f us\n", rd, rdp
  printf "  ringd getCluster (epoll, default) %8.0f req/s  p99 %5.0f us  ratio vs redis %.2fx\n", re, rep, re/rd
  printf "  ringd getCluster (threaded)    %8.0f req/s  p99 %5.0f us  ratio vs redis %.2fx\n", rt, rtp, rt/rd
  printf "  ringd getCluster (nonblocking) %8.0f req/s  p99 %5.0f us  ratio vs redis %.2fx\n", rn, rnp, rn/rd
  printf "  ringd getCluster during detection (%d runs) %8.0f req/s  p99 %5.0f us  ratio vs redis %.2fx\n", runs, dd, ddp, dd/rd
  printf "    the same with --detect-nice 0 (%d runs)  %8.0f req/s  p99 %5.0f us  (p99 ratio niced/not %.2f)\n", runs0, d0, d0p, ddp/d0p
  printf "  ringd getClusters x1000, 4 connections  %8.0f accounts/s  p99 %5.0f us  (goal 1M/s: %.2fx)\n", b, bp, b/1e6
  printf "  ringd peak memory: epoll %d MiB (with the detection runs), threaded %d MiB, nonblocking %d MiB\n", pe, pt, pn
}'
