#!/usr/bin/env bash
# Leiden speed against python-igraph on the shared 1M-vertex planted-partition graph, in one run.
#
# usage: tools/bench/leiden_speed.sh [SCRATCH_DIR] [RUNS]
#   SCRATCH_DIR (default /tmp/ringgraph-bench) caches the generated graph; it is never in the repo.
#   RUNS (default 3) runs of ringctl leiden per thread count; medians are reported.
# Prints igraph's time (algorithm only, as igraph_speed.py measures it, and whole process), ours
# with 1 and 2 threads, the ratios, modularity of both, disconnected communities, edges/s and
# peak memory (from /usr/bin/time -v).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
scratch="${1:-/tmp/ringgraph-bench}"
runs="${2:-3}"
ringctl="${RINGCTL:-$here/build/tools/ringctl}"
bench="$here/../shared/bench"
mkdir -p "$scratch"
base="$scratch/planted_1m"
if [ ! -f "$base.edges" ]; then
  echo "generating the planted graph (1M vertices, avg degree 20, mu 0.3, seed 7)..."
  /usr/bin/python3 "$bench/planted.py" 1000000 20 0.3 7 "$base" >/dev/null
fi

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
peak_mib() { awk -F: '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$1"; }
wall_s() { awk '/Elapsed \(wall clock\)/ {n=split($NF,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"; }

echo "igraph (python-igraph community_leiden, modularity, 2 iterations)..."
/usr/bin/time -v /usr/bin/python3 "$bench/igraph_speed.py" "$base" >"$scratch/igraph.out" 2>"$scratch/igraph.time"
igraph_alg=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' "$scratch/igraph.out")
igraph_q=$(sed -n 's/.*modularity=\([0-9.]*\).*/\1/p' "$scratch/igraph.out")
igraph_wall=$(wall_s "$scratch/igraph.time")
igraph_mem=$(peak_mib "$scratch/igraph.time")

declare -A alg wall mem q disc
for threads in 1 2; do
  : >"$scratch/ours_$threads.alg"; : >"$scratch/ours_$threads.wall"
  for run in $(seq "$runs"); do
    /usr/bin/time -v "$ringctl" leiden --edges "$base.edges" --out "$scratch/ours.membership" \
      --threads "$threads" --verify >"$scratch/ours.out" 2>"$scratch/ours.time"
    sed -n 's/.*leiden \([0-9.]*\) s.*/\1/p' "$scratch/ours.out" >>"$scratch/ours_$threads.alg"
    wall_s "$scratch/ours.time" >>"$scratch/ours_$threads.wall"
    mem[$threads]=$(peak_mib "$scratch/ours.time")
    q[$threads]=$(sed -n 's/.*modularity \([0-9.]*\);.*/\1/p' "$scratch/ours.out")
    disc[$threads]=$(sed -n 's/.*: \([0-9]*\) disconnected.*/\1/p' "$scratch/ours.out")
  done
  alg[$threads]=$(median <"$scratch/ours_$threads.alg")
  wall[$threads]=$(median <"$scratch/ours_$threads.wall")
done
edges=$(wc -l <"$base.edges")
awk -v ia="$igraph_alg" -v iw="$igraph_wall" -v iq="$igraph_q" -v im="$igraph_mem" \
    -v a1="${alg[1]}" -v a2="${alg[2]}" -v w1="${wall[1]}" -v w2="${wall[2]}" \
    -v q2="${q[2]}" -v m2="${mem[2]}" -v d2="${disc[2]}" -v e="$edges" -v runs="$runs" 'BEGIN {
  printf "graph: planted 1M vertices, %d edges; ours: median of %d runs\n", e, runs
  printf "igraph:      algorithm %.2f s, whole process %.1f s, modularity %s, peak %d MiB\n", ia, iw, iq, im
  printf "ours 1 thr:  algorithm %.2f s, whole process %.1f s\n", a1, w1
  printf "ours 2 thr:  algorithm %.2f s, whole process %.1f s, modularity %s, disconnected %s, peak %d MiB, %.1fM edges/s (%.1fM per core)\n", a2, w2, q2, d2, m2, e/a2/1e6, e/a2/2e6
  printf "ratio igraph/ours (2 threads): algorithm %.1fx, whole process %.1fx (goal 20x)\n", ia/a2, iw/w2
  printf "ratio 1 thread/2 threads: %.2fx (goal 1.6x); modularity ours - igraph: %+.4f (goal >= -0.005)\n", a1/a2, q2-iq
}'
