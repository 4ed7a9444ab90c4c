#!/usr/bin/env bash
# Ingest through NATS JetStream against direct file ingest, in one run.
#
# Generates N accounts (default 100k), then per trial, on fresh data directories:
#   file      ringctl ingest of the CSV (the baseline)
#   backlog   ringctl publish of the CSV into an empty stream, then ringd --nats started on an
#             empty store, timed from its start until it has committed the whole stream
#   live      ringd --nats running first, then ringctl publish; ringd's lag
#             (ringgraph_stream_lag_records) is sampled every 50 ms while it catches up
# Prints per trial and as medians: records/s of each, the ratios backlog / file and
# publish / file, the live lag's p50 / p99 / max in records and how long ringd took to drain
# after publish returned, and the peak resident memory of ringd (VmHWM) and of the file ingest.
# One nats-server with JetStream on loopback, its storage in the scratch directory.
# usage: tools/bench/stream_ingest.sh [SCRATCH_DIR] [ACCOUNTS] [TRIALS] [NATS_BATCH]
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,15p' "$0"; exit 0 ;; esac
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-/tmp/ringgraph-bench}/stream"
accounts="${2:-100000}"
trials="${3:-3}"
batch="${4:-10000}"
build="${BUILD_DIR:-$here/build}"
ringctl="$build/tools/ringctl"; ringd="$build/service/ringd"
for tool in "$ringctl" "$ringd" nats-server curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "stream_ingest: missing $tool (build first; Debian: nats-server curl time)" >&2; exit 2; }
done
mkdir -p "$scratch"
pop="$scratch/pop_$accounts"
[ -f "$pop/signals.csv" ] || "$ringctl" gen --accounts "$accounts" --rings $((accounts / 2500 + 1)) --seed 7 --out "$pop" --quiet
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
metric() { curl -s "http://127.0.0.1:$1/metrics" | awk -v n="$2" '$1 == n {print $2}'; }
now() { date +%s.%N; }
nats_pid=""; ringd_pid=""
cleanup() { [ -n "$ringd_pid" ] && kill "$ringd_pid" 2>/dev/null; [ -n "$nats_pid" ] && kill "$nats_pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

start_nats() {
  rm -rf "$scratch/js"; nats_port=$(free_port)
  nats-server -js -a 127.0.0.1 -p "$nats_port" -sd "$scratch/js" >"$scratch/nats.log" 2>&1 &
  nats_pid=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && return; sleep 0.05; done
  echo "stream_ingest: nats-server did not start" >&2; exit 1
}
stop_nats() { kill "$nats_pid"; wait "$nats_pid" 2>/dev/null || true; nats_pid=""; }
# start_ringd DATA: ringd --nats on DATA; sets ringd_pid and metrics_port.
start_ringd() {
  rm -f "$scratch/ringd.port"
  "$ringd" --data "$1" --secret-file "$scratch/secret" --tokens-file "$scratch/tokens" \
    --listen 127.0.0.1:0 --metrics 127.0.0.1:0 --detect-at off --port-file "$scratch/ringd.port" \
    --nats "nats://127.0.0.1:$nats_port" --nats-consumer bench --nats-batch "$batch" >>"$scratch/ringd.log" 2>&1 &
  ringd_pid=$!
  for _ in $(seq 600); do [ -s "$scratch/ringd.port" ] && break; sleep 0.05; done
  metrics_port=$(sed -n 2p "$scratch/ringd.port")
}
stop_ringd() {  # prints ringd's peak RSS in MiB
  local peak; peak=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$ringd_pid/status")
  kill "$ringd_pid"; wait "$ringd_pid" 2>/dev/null || true; ringd_pid=""; echo "$peak"
}
wait_committed() {  # wait_committed N
  while :; do
    local c; c=$(metric "$metrics_port" ringgraph_stream_committed_sequence)
    [ "${c%.*}" = "$1" ] && return
    kill -0 "$ringd_pid" 2>/dev/null || { echo "stream_ingest: ringd exited; see $scratch/ringd.log" >&2; exit 1; }
    sleep 0.02
  done
}

rm -f "$scratch/secret" "$scratch/tokens"
echo "account,kind,value,ts" | "$ringctl" --data "$scratch/secret-init" --secret-file "$scratch/secret" ingest --create-secret --quiet
rm -rf "$scratch/secret-init"
"$ringctl" token new --client bench --role read --append "$scratch/tokens" --out "$scratch/read.token" >/dev/null 2>&1
: >"$scratch/trials.txt"
for t in $(seq "$trials"); do
  rm -rf "$scratch/file_data"
  /usr/bin/time -v -o "$scratch/file.time" "$ringctl" --data "$scratch/file_data" --secret-file "$scratch/secret" ingest --quiet "$pop/signals.csv"
  file_s=$(awk '/Elapsed \(wall clock\)/ {n=split($NF,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$scratch/file.time")
  file_mib=$(awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$scratch/file.time")
  records=$("$ringctl" --data "$scratch/file_data" --secret-file "$scratch/secret" stats --json | awk -F'[:,]' '/"records"/ {gsub(/ /,"",$2); print $2}')

  # backlog: the whole population waits in the stream; ringd drains it.
  start_nats
  p0=$(now); "$ringctl" publish --quiet --nats "nats://127.0.0.1:$nats_port" "$pop/signals.csv"; p1=$(now)
  rm -rf "$scratch/stream_data"
  b0=$(now); start_ringd "$scratch/stream_data"; wait_committed "$records"; b1=$(now)
  backlog_mib=$(stop_ringd)
  stop_nats

  # live: ringd consumes while publish runs; its lag is sampled.
  start_nats
  rm -rf "$scratch/live_data"
  start_ringd "$scratch/live_data"
  : >"$scratch/lag.txt"
  ( while :; do metric "$metrics_port" ringgraph_stream_lag_records >>"$scratch/lag.txt"; sleep 0.05; done ) &
  sampler=$!
  "$ringctl" publish --quiet --nats "nats://127.0.0.1:$nats_port" "$pop/signals.csv"; l1=$(now)
  wait_committed "$records"; l2=$(now)
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  live_mib=$(stop_ringd)
  stop_nats
  lag=$(sort -g "$scratch/lag.txt" | awk '{a[NR]=$1} END {printf "%d %d %d", a[int(NR*0.5)+1], a[int(NR*0.99)+1], a[NR]}')
  awk -v r="$records" -v f="$file_s" -v p0="$p0" -v p1="$p1" -v b0="$b0" -v b1="$b1" -v l1="$l1" -v l2="$l2" \
      -v lag="$lag" -v fm="$file_mib" -v bm="$backlog_mib" -v lm="$live_mib" -v t="$t" 'BEGIN {
    split(lag, g, " ")
    printf "trial %d: %d records; file %.0f/s; publish %.0f/s; backlog %.0f/s (%.3f of file); live lag p50 %d p99 %d max %d, drained %.2f s after publish; peak MiB file %d ringd %d/%d\n",
      t, r, r / f, r / (p1 - p0), r / (b1 - b0), (r / (b1 - b0)) / (r / f), g[1], g[2], g[3], l2 - l1, fm, bm, lm
    print r / f, r / (p1 - p0), r / (b1 - b0), (r / (b1 - b0)) / (r / f), (r / (p1 - p0)) / (r / f), g[2], g[3], l2 - l1, fm, bm, lm > "/dev/stderr"
  }' 2>>"$scratch/trials.txt"
done
awk -v n="$trials" -v batch="$batch" '
{ for (i = 1; i <= NF; i++) v[i, NR] = $i }
function med(i,  a, k, j, x) { for (k = 1; k <= NR; k++) a[k] = v[i, k]
  for (k = 2; k <= NR; k++) { x = a[k]; for (j = k - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
  return a[int((NR + 1) / 2)] }
END {
  printf "medians of %d trials (ringd --nats-batch %d):\n", n, batch
  printf "  file ingest      %8.0f records/s (baseline)\n", med(1)
  printf "  ringctl publish  %8.0f records/s  ratio to file %.3f\n", med(2), med(5)
  printf "  ringd backlog    %8.0f records/s  ratio to file %.3f\n", med(3), med(4)
  printf "  live lag while publishing: p99 %d records, max %d; drained %.2f s after publish returned\n", med(6), med(7), med(8)
  printf "  peak RSS: file ingest %d MiB, ringd backlog %d MiB, ringd live %d MiB\n", med(9), med(10), med(11)
}' "$scratch/trials.txt"
