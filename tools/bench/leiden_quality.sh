#!/usr/bin/env bash
# Leiden quality against igraph and leidenalg on LFR graphs with ground truth (n=5000,
# mu in {0.1, 0.3, 0.5, 0.6}), through the shared lfr.py and its --ours hook.
# usage: tools/bench/leiden_quality.sh [SCRATCH_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-/tmp/ringgraph-bench}/lfr"
ringctl="${RINGCTL:-$here/build/tools/ringctl}"
mkdir -p "$scratch"
/usr/bin/python3 "$here/../shared/bench/lfr.py" "$scratch" --n 5000 --mus 0.1,0.3,0.5,0.6 \
  --ours "$ringctl leiden --edges {edges} --out {out} >/dev/null"
