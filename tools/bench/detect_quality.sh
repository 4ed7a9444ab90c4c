#!/usr/bin/env bash
# Detection quality on populations the defaults were not tuned on, at two scales, several seeds
# and across `ringctl gen`'s sweep parameters, with the igraph recipe beside it.
#
# usage: tools/bench/detect_quality.sh [--quick] [--scratch DIR] [--large N] [--no-large]
#                                      [--seeds-gen "1 2 3"] [--seeds-b "4242 7 99"]
#                                      [--seeds-c "1 2 3"] [--seeds-d "1 2 3"]
#
# Populations:
#   gen        `ringctl gen` (where the defaults are tuned), 30k accounts, 12 rings per 30k
#   b          ../shared/bench/population_b.py (written independently; validation only), 30k,
#              40 rings per 30k
#   c          tools/bench/population_c.py (written from DOMAIN.md alone by a contributor who read
#              neither the detector nor the other generators; validation only), 30k, 40 rings
#   d          tools/bench/population_d.py (written from DOMAIN.md alone by another contributor,
#              after C had been read; validation only), 30k, 40 rings
#   sweep      `ringctl gen` at 30k with each sweep parameter at 0.5x and 1.5x
#   stress     `ringctl gen` at 30k with rings 3x their size: hydras of 360-600 accounts mixed
#              with a proxy provider's honest customers (DOMAIN.md's hydra network)
#   gen, b at --large accounts (default 1,000,000; rings scaled with the accounts)
# --quick runs one seed of each at 30k and the sweep; --no-large skips the 1M runs.
#
# Each run generates the population (cached in the scratch directory), ingests it, runs
# `ringctl detect` (wall time and peak memory from /usr/bin/time), exports the clusters and
# scores them against truth.csv with detect_quality_score.py; the igraph recipe
# (igraph_recipe.py) is scored the same way. The table at the end has, per run: precision,
# recall, F1, rings found (one flagged cluster with purity and coverage >= 0.8), the worst honest
# group kind's flagged share, the recipe's F1, and detection's time and peak memory; a second
# table lists the flagged share of every honest group kind.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
ringctl="${RINGCTL:-$here/build/tools/ringctl}"
python=/usr/bin/python3
popb="${POPULATION_B:-$here/../shared/bench/population_b.py}"
popc="$here/tools/bench/population_c.py"
popd="$here/tools/bench/population_d.py"
scratch=/tmp/ringgraph-bench/quality
large=1000000
quick=0
no_large=0
seeds_gen="1 2 3"
seeds_b="4242 7 99"
seeds_c="1 2 3"
seeds_d="1 2 3"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; seeds_gen="1"; seeds_b="4242"; seeds_c="1"; seeds_d="1"; no_large=1 ;;
    --scratch) scratch="$2"; shift ;;
    --large) large="$2"; shift ;;
    --no-large) no_large=1 ;;
    --seeds-gen) seeds_gen="$2"; shift ;;
    --seeds-b) seeds_b="$2"; shift ;;
    --seeds-c) seeds_c="$2"; shift ;;
    --seeds-d) seeds_d="$2"; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "detect_quality.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$ringctl" ] || { echo "detect_quality.sh: $ringctl not built; run deploy/build.sh" >&2; exit 1; }
[ -f "$popb" ] || { echo "detect_quality.sh: $popb not found; set POPULATION_B" >&2; exit 1; }
mkdir -p "$scratch"
results="$scratch/results.jsonl"
: > "$results"

wall_s() { awk '/Elapsed \(wall clock\)/ {n=split($NF,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }
peak_mib() { awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }

# run LABEL GENERATOR ACCOUNTS SEED [GEN ARGS...]
run() {
  local label="$1" generator="$2" accounts="$3" seed="$4"; shift 4
  local key="${generator}_${accounts}_${seed}${*:+_$(echo "$*" | tr ' -' '_')}"
  local pop="$scratch/pop/$key" work="$scratch/run/$key"
  if [ ! -f "$pop/truth.csv" ]; then
    echo "== generating $label ($key)" >&2
    mkdir -p "$pop"
    if [ "$generator" = gen ]; then
      "$ringctl" gen --accounts "$accounts" --rings $(( (accounts * 12 + 15000) / 30000 )) \
        --seed "$seed" --out "$pop" --quiet "$@"
    elif [ "$generator" = c ] || [ "$generator" = d ]; then
      local script="$popc"
      [ "$generator" = d ] && script="$popd"
      "$python" "$script" "$pop" --accounts "$accounts" --rings $(( (accounts * 40 + 15000) / 30000 )) \
        --seed "$seed" >/dev/null
    else
      "$python" "$popb" "$pop" --accounts "$accounts" --rings $(( (accounts * 40 + 15000) / 30000 )) \
        --seed "$seed" >/dev/null
    fi
  fi
  rm -rf "$work"
  mkdir -p "$work"
  echo "== $label ($key): ingest" >&2
  "$ringctl" --data "$work/data" --secret-file "$work/secret" ingest --create-secret --quiet \
    "$pop/signals.csv" >/dev/null
  echo "== $label ($key): detect" >&2
  /usr/bin/time -v "$ringctl" --data "$work/data" --secret-file "$work/secret" detect --top 0 \
    >"$work/detect.out" 2>"$work/detect.time"
  "$ringctl" --data "$work/data" --secret-file "$work/secret" export clusters \
    --out "$work/clusters.csv" >/dev/null
  echo "== $label ($key): igraph recipe" >&2
  "$python" "$here/tools/bench/igraph_recipe.py" "$pop/signals.csv" "$work/recipe.csv" 2>/dev/null
  "$python" "$here/tools/bench/detect_quality_score.py" "$pop/truth.csv" "$work/clusters.csv" \
    --json --label "$label" --accounts "$accounts" --seed "$seed" \
    --recipe "$work/recipe.csv" --detect-seconds "$(wall_s "$work/detect.time")" \
    --detect-mib "$(peak_mib "$work/detect.time")" >>"$results"
  tail -n 1 "$results" | "$python" "$here/tools/bench/detect_quality_score.py" --table - | sed -n 3p >&2
  rm -rf "$work/data"
}

for seed in $seeds_gen; do run "gen" gen 30000 "$seed"; done
for seed in $seeds_b; do run "population B" b 30000 "$seed"; done
for seed in $seeds_c; do run "population C" c 30000 "$seed"; done
for seed in $seeds_d; do run "population D" d 30000 "$seed"; done
for knob in ring-size-scale share-rate-scale template-scale ring-volume-scale; do
  for scale in 0.5 1.5; do run "gen --$knob $scale" gen 30000 1 "--$knob" "$scale"; done
done
run "gen --ring-size-scale 3 (stress)" gen 30000 1 --ring-size-scale 3
if [ "$no_large" = 0 ]; then
  run "gen" gen "$large" 1
  run "population B" b "$large" 4242
fi
"$python" "$here/tools/bench/detect_quality_score.py" --table "$results"
