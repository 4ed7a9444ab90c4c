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
