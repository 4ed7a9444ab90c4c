#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan + coverage) into $FUZZ_BUILD_DIR
# (default build-fuzz, a Release build) and runs each for a bounded time or a set number of
# executions, starting from its seed corpus and the regression inputs. deploy/test.sh points
# FUZZ_BUILD_DIR at its clang ASan build, which already holds the harnesses, so CI compiles
# nothing here. A crash stops that harness with a non-zero exit, leaving the input in
# $FUZZ_BUILD_DIR/crashes/<harness>/; fix the bug, then add the input to
# tests/fuzz/regressions/<harness>/ so the normal suite replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
source deploy/timing.sh  # timed
all_harnesses=(record_reader template_fingerprint thrift_request stix_bundle config_file
               tokens_file kinds_file)
usage() {
  cat <<USAGE
usage: deploy/fuzz.sh [SECONDS_EACH] [HARNESS...]
       deploy/fuzz.sh --runs EXECUTIONS_EACH [HARNESS...]
Builds the harnesses in \$FUZZ_BUILD_DIR (default build-fuzz) and fuzzes them, one per core at a time:
  SECONDS_EACH        run each harness for this many seconds (default 20; CI uses 20)
  --runs N            run each harness for N executions instead (the long run: --runs 1000000)
  HARNESS...          only these harnesses (default all: ${all_harnesses[*]})
Prints the executions (and, with --runs, the wall seconds) per harness; exits 1 on a crash.
USAGE
}
mode=seconds
seconds=20
runs=
if [ $# -gt 0 ]; then
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --runs)
      if [ $# -lt 2 ] || ! [[ "$2" =~ ^[1-9][0-9]*$ ]]; then
        echo "fuzz.sh: --runs needs a positive number of executions" >&2; usage >&2; exit 2
      fi
      mode=runs; runs="$2"; shift 2 ;;
    *)
      if ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
        echo "fuzz.sh: '$1' is not a number of seconds" >&2; usage >&2; exit 2
      fi
      seconds="$1"; shift ;;
  esac
fi
harnesses=("${all_harnesses[@]}")
if [ $# -gt 0 ]; then
  for harness in "$@"; do
    if ! [[ " ${all_harnesses[*]} " == *" $harness "* ]]; then
      echo "fuzz.sh: no harness '$harness'; the harnesses are: ${all_harnesses[*]}" >&2; exit 2
    fi
  done
  harnesses=("$@")
fi
build_dir="${FUZZ_BUILD_DIR:-build-fuzz}"
bash deploy/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DRINGGRAPH_FUZZ=ON -DCMAKE_BUILD_TYPE=Release \
  >/dev/null
timed "build $build_dir" cmake --build "$build_dir" -j"$(nproc)" --target "${harnesses[@]/%/_fuzzer}"
# One harness: fuzz it, then print its one-line result (or its crash) to stdout/stderr.
fuzz_one() {
  local harness="$1" work="$build_dir/fuzz-work/$1" crashes="$build_dir/crashes/$1"
  local log="$build_dir/fuzz-$1.log" limit started elapsed executed took inputs
  rm -rf "$work"; mkdir -p "$work" "$crashes"
  cp tests/fuzz/corpus/"$harness"/* "$work"/
  # Regression inputs seed the run too, except the long ones (ctest replays those): a seed sets
  # libFuzzer's length limit, and 60 KB seeds made every mutation 60 KB and the run 10x slower.
  if [ -d "tests/fuzz/regressions/$harness" ]; then
    find "tests/fuzz/regressions/$harness" -type f -size -16k -exec cp {} "$work"/ \;
  fi
  if [ "$mode" = runs ]; then limit=(-runs="$runs"); else limit=(-max_total_time="$seconds"); fi
  started=$(date +%s)
  if "$build_dir/tests/fuzz/${harness}_fuzzer" "$work" "${limit[@]}" -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1; then
    elapsed=$(( $(date +%s) - started ))
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    if [ "$mode" = runs ]; then took="${elapsed} s (wall)"; else took="${seconds} s"; fi
    inputs=$(ls "$work" | wc -l)
    echo "fuzz: $harness: ${executed:-?} executions in $took, no crash (corpus $inputs inputs)"
  else
    echo "fuzz: $harness: CRASH; see $log and $crashes" >&2
    tail -30 "$log" >&2
    return 1
  fi
}
# A timed run fuzzes one harness per core at a time, so CI's fuzz stage takes (harnesses / cores)
# x SECONDS_EACH; a --runs run goes one at a time, so its wall seconds per harness stay comparable.
parallel=$(nproc)
if [ "$mode" = runs ]; then parallel=1; fi
status=0
results="$build_dir/fuzz-results"
rm -rf "$results"; mkdir -p "$results"
running=0
for harness in "${harnesses[@]}"; do
  ( fuzz_one "$harness" >"$results/$harness.out" 2>&1; echo $? >"$results/$harness.rc" ) &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then wait -n || true; running=$((running - 1)); fi
done
wait
for harness in "${harnesses[@]}"; do
  if [ "$(cat "$results/$harness.rc")" = 0 ]; then
    cat "$results/$harness.out"
  else
    cat "$results/$harness.out" >&2
    status=1
  fi
done
exit "$status"
