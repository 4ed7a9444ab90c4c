#!/usr/bin/env bash
# The main job on the embedded default: build, generate a population with planted rings,
# ingest it into the local LMDB store under ./demo/data, print what the store holds, then run
# detection and print the largest rings with their evidence.
#   ACCOUNTS (default 100000) and RINGS (default 40) size the population.
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
build/service/ringd --data demo/data --secret-file demo/ringgraph.secret --tokens-file demo/tokens \
  --listen 127.0.0.1:0 --metrics 127.0.0.1:0 --detect-at off --port-file demo/ringd.port 2>demo/ringd.log &
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
kill -TERM "$ringd_pid"; wait "$ringd_pid" || true; trap - EXIT
echo "== done: ringd stopped cleanly (log in demo/ringd.log)"
