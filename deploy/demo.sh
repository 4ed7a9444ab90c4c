#!/usr/bin/env bash
# The main job on the embedded default: build, generate a population with planted rings,
# ingest it into the local LMDB store under ./demo/data, print what the store holds, then run
# detection and print the largest rings with their evidence. From a terminal it ends by serving
# the analyst console and printing its URL and a token to log in with (Ctrl-C stops ringd).
#   ACCOUNTS (default 100000) and RINGS (default 40) size the population.
#   CONSOLE=1 serves the console at the end even without a terminal, CONSOLE=0 never;
#   CONSOLE_PORT (default 8080) is its loopback port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/build.sh
ringctl=build/tools/ringctl
accounts="${ACCOUNTS:-100000}"
rings="${RINGS:-40}"

echo "== generating $accounts accounts with $rings planted rings"
"$ringctl" gen --accounts "$accounts" --rings "$rings" --seed 1 --out demo/population

echo "== ingesting into demo/data (a fresh store; the hashing secret is demo/ringgraph.secret)"
rm -rf demo/data
"$ringctl" --data demo/data ingest --create-secret demo/population/signals.csv

echo "== what the store holds"
"$ringctl" --data demo/data stats

echo "== detecting rings (projection, Leiden, scoring) and the largest rings with their evidence"
"$ringctl" --data demo/data detect --top 5

echo "== serving: ringd answers membership over Thrift on loopback"
rm -f demo/tokens demo/ringd.port
"$ringctl" token new --client demo-reader --role read --append demo/tokens --out demo/reader.token 2>/dev/null
"$ringctl" token new --client demo-analyst --role write --append demo/tokens --out demo/analyst.token 2>/dev/null
serve_console="${CONSOLE:-}"
if [ -z "$serve_console" ]; then if [ -t 0 ]; then serve_console=1; else serve_console=0; fi; fi
console_flag=(--console off)
if [ "$serve_console" = 1 ]; then console_flag=(--console "127.0.0.1:${CONSOLE_PORT:-8080}"); fi
build/service/ringd --data demo/data --secret-file demo/ringgraph.secret --tokens-file demo/tokens \
  --listen 127.0.0.1:0 --metrics 127.0.0.1:0 --detect-at off --port-file demo/ringd.port \
  "${console_flag[@]}" 2>demo/ringd.log &
ringd_pid=$!
trap 'kill -TERM "$ringd_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s demo/ringd.port ] && break; sleep 0.1; done
port=$(head -1 demo/ringd.port)
remote=("$ringctl" --remote "127.0.0.1:$port" --token-file demo/reader.token)
"${remote[@]}" top --limit 3
members=$(awk -F, '$3 == 1 && n < 3 {print $1; n++}' demo/population/truth.csv)
honest=$(awk -F, 'NR > 1 && $3 == 0 && n < 2 {print $1; n++}' demo/population/truth.csv)
# shellcheck disable=SC2086
"${remote[@]}" get $members $honest
if [ "$serve_console" = 1 ]; then
  console_port=$(sed -n 3p demo/ringd.port)
  echo "== the analyst console: review and label the rings in a browser"
  echo "   open   http://127.0.0.1:$console_port/queue"
  echo "   token  $(cat demo/analyst.token)   (a write token; demo/reader.token only reviews)"
  echo "   Ctrl-C stops ringd"
  trap 'kill -TERM "$ringd_pid" 2>/dev/null || true' INT TERM
  wait "$ringd_pid" || true; trap - EXIT
  echo "== done: ringd stopped (log in demo/ringd.log)"
  exit 0
fi
kill -TERM "$ringd_pid"; wait "$ringd_pid" || true; trap - EXIT
echo "== done: ringd stopped cleanly (log in demo/ringd.log)"
