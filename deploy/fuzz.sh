#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan + coverage) into $FUZZ_BUILD_DIR
# (default build-fuzz) and runs each for a bounded time, starting from its seed corpus and the
# regression inputs. A crash stops the run with a non-zero exit, leaving the input in
# $FUZZ_BUILD_DIR/crashes/<harness>/; fix the bug, then add the input to
# tests/fuzz/regressions/<harness>/ so the normal suite replays it.
#   usage: deploy/fuzz.sh [SECONDS_EACH]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
build_dir="${FUZZ_BUILD_DIR:-build-fuzz}"
bash deploy/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -DRINGGRAPH_FUZZ=ON -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
status=0
for harness in record_reader template_fingerprint thrift_request; do
  work="$build_dir/fuzz-work/$harness"
  crashes="$build_dir/crashes/$harness"
  rm -rf "$work"; mkdir -p "$work" "$crashes"
  cp tests/fuzz/corpus/"$harness"/* "$work"/
  if [ -d "tests/fuzz/regressions/$harness" ]; then cp tests/fuzz/regressions/"$harness"/* "$work"/ 2>/dev/null || true; fi
  log="$build_dir/fuzz-$harness.log"
  if "$build_dir/tests/fuzz/${harness}_fuzzer" "$work" -max_total_time="$seconds" -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $harness: ${runs:-?} executions in ${seconds} s, no crash (corpus $(ls "$work" | wc -l) inputs)"
  else
    echo "fuzz: $harness: CRASH; see $log and $crashes" >&2
    tail -30 "$log" >&2
    status=1
  fi
done
exit "$status"
