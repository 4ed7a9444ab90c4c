#!/usr/bin/env bash
# Membership lookups over mutual TLS against the same lookups over plain TCP, in one run.
#
# Builds a store of N generated accounts (default 20k) and detects, makes a CA, a server
# certificate and a client certificate with openssl, then starts two ringd on the same store,
# both in the threaded server model (the one TLS runs in): one plain, one with --tls-cert and
# --tls-client-ca. Trials alternate between them: bench_lookup opens THREADS connections through
# ringd's C++ client and sends getCluster for SECONDS, one request in flight each, and also
# times 50 connection set-ups (connect, handshake, authentication). It prints the medians, the
# ratio TLS / plain, and each ringd's peak resident memory.
# usage: tools/bench/tls_lookup.sh [SCRATCH_DIR] [ACCOUNTS] [TRIALS] [SECONDS] [THREADS]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-/tmp/ringgraph-bench}/tls"
accounts="${2:-20000}"
trials="${3:-5}"
seconds="${4:-4}"
threads="${5:-4}"
build="${BUILD_DIR:-$here/build}"
ringctl="$build/tools/ringctl"; ringd="$build/service/ringd"; bench="$build/tools/bench/bench_lookup"
for tool in "$ringctl" "$ringd" "$bench" openssl; do
  command -v "$tool" >/dev/null || { echo "tls_lookup: missing $tool (build first)" >&2; exit 2; }
done
mkdir -p "$scratch"
if [ ! -f "$scratch/data_$accounts/data.mdb" ]; then
  rm -rf "$scratch/pop_$accounts" "$scratch/data_$accounts" "$scratch/secret_$accounts"
  "$ringctl" gen --accounts "$accounts" --rings $((accounts / 2500 + 1)) --seed 1 --out "$scratch/pop_$accounts" --quiet
  "$ringctl" --data "$scratch/data_$accounts" --secret-file "$scratch/secret_$accounts" ingest --create-secret --quiet "$scratch/pop_$accounts/signals.csv"
  "$ringctl" --data "$scratch/data_$accounts" detect --quiet >/dev/null
fi
tail -n +2 "$scratch/pop_$accounts/truth.csv" | cut -d, -f1 > "$scratch/accounts.txt"
rm -f "$scratch/tokens"
"$ringctl" token new --client bench --role read --append "$scratch/tokens" --out "$scratch/read.token" 2>/dev/null
(
  cd "$scratch"
  key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null; }
  key ca; openssl req -x509 -new -key ca.key -out ca.pem -days 2 -subj "/CN=bench CA"
  printf 'subjectAltName=IP:127.0.0.1\n' > server.ext
  key server; openssl req -new -key server.key -out server.csr -subj /CN=ringd
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile server.ext 2>/dev/null
  key client; openssl req -new -key client.key -out client.csr -subj "/CN=bench"
  openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 2>/dev/null
  printf 'bench read CN=bench\n' > roles; chmod 600 roles ./*.key
)

plain_pid=""; tls_pid=""
cleanup() { for p in $plain_pid $tls_pid; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start_ringd() {  # $1 = name, then extra flags; sets started_pid and started_port
  local name="$1"; shift
  rm -f "$scratch/port_$name"
  "$ringd" --data "$scratch/data_$accounts" --secret-file "$scratch/secret_$accounts" --tokens-file "$scratch/tokens" \
    --listen 127.0.0.1:0 --metrics off --detect-at off --server threaded --port-file "$scratch/port_$name" "$@" 2>"$scratch/ringd_$name.log" &
  started_pid=$!
  for _ in $(seq 100); do [ -s "$scratch/port_$name" ] && break; sleep 0.1; done
  [ -s "$scratch/port_$name" ] || { echo "tls_lookup: ringd ($name) did not start:" >&2; cat "$scratch/ringd_$name.log" >&2; exit 1; }
  started_port=$(head -1 "$scratch/port_$name")
}
start_ringd plain; plain_pid=$started_pid; plain_port=$started_port
start_ringd tls --tls-cert "$scratch/server.pem" --tls-key "$scratch/server.key" --tls-client-ca "$scratch/ca.pem" --tls-client-roles "$scratch/roles"
tls_pid=$started_pid; tls_port=$started_port

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: >"$scratch/results.txt"
for t in $(seq "$trials"); do
  line=$("$bench" --remote "127.0.0.1:$plain_port" --token-file "$scratch/read.token" --accounts "$scratch/accounts.txt" --threads "$threads" --seconds "$seconds")
  echo "plain $(echo "$line" | field lookups_per_s) $(echo "$line" | field p50_us) $(echo "$line" | field p99_us) $(echo "$line" | field connect_p50_ms)" >>"$scratch/results.txt"
  line=$("$bench" --remote "127.0.0.1:$tls_port" --tls-ca "$scratch/ca.pem" --tls-cert "$scratch/client.pem" --tls-key "$scratch/client.key" --accounts "$scratch/accounts.txt" --threads "$threads" --seconds "$seconds")
  echo "tls $(echo "$line" | field lookups_per_s) $(echo "$line" | field p50_us) $(echo "$line" | field p99_us) $(echo "$line" | field connect_p50_ms)" >>"$scratch/results.txt"
done
peak() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
plain_peak=$(peak "$plain_pid"); tls_peak=$(peak "$tls_pid")

m() { awk -v k="$1" -v c="$2" '$1==k {print $c}' "$scratch/results.txt" | median; }
echo "tls_lookup: $accounts accounts, $trials trials of ${seconds} s, $threads connections (threaded server model), medians"
printf '  %-6s %12s %10s %10s %12s %10s\n' "" "lookups/s" "p50 us" "p99 us" "connect ms" "peak MiB"
printf '  %-6s %12.0f %10.1f %10.1f %12.2f %10s\n' plain "$(m plain 2)" "$(m plain 3)" "$(m plain 4)" "$(m plain 5)" "$plain_peak"
printf '  %-6s %12.0f %10.1f %10.1f %12.2f %10s\n' tls "$(m tls 2)" "$(m tls 3)" "$(m tls 4)" "$(m tls 5)" "$tls_peak"
awk -v a="$(m tls 2)" -v b="$(m plain 2)" -v p="$(m tls 3)" -v q="$(m plain 3)" -v c="$(m tls 5)" -v d="$(m plain 5)" \
  'BEGIN {printf "  ratio TLS/plain: throughput %.2fx, p50 latency %.2fx, connection set-up %.1fx\n", a/b, p/q, c/d}'
