#!/usr/bin/env bash
# Installs, builds and runs the whole test suite. .ci/run runs exactly this.
#
# Stages, in order (RINGGRAPH_TEST_STAGES picks some, e.g. RINGGRAPH_TEST_STAGES=unit):
#   format  every C++ source as .clang-format has it (clang-format --dry-run -Werror); fix with
#           deploy/format.sh
#   unit  Release build into ./build, every test
#   asan  ASan + UBSan build (-O1) into ./build-asan, every test
#   tsan  TSan build (-O1) into ./build-tsan, the concurrent tests: store snapshots during
#         writes and map growth, the ingest pipeline, the ringd API suite on the epoll model
#         (readers during ingest and detection, real-time flags, bad frames), SIGTERM under
#         load, kill -9 during ingest and detection. oneTBB runs on one thread in TSan builds
#         (graph/common/tsan_one_tbb_thread.cc says why).
#   fuzz  each libFuzzer harness for FUZZ_SECONDS (default 20) from its seeds (deploy/fuzz.sh)
# Not in the default list, for the nightly job (RINGGRAPH_TEST_STAGES=nightly):
#   nightly  the crash loop's long form: CRASH_LOOP_CYCLES (default 150) kill -9 cycles of ringd
#            with the day's date as seed (ctest runs the 12-cycle short form in "unit")
# Each stage prints its wall time and CPU seconds (user + sys of everything it ran), and so do its
# build and test steps; the run stops at the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
stages="${RINGGRAPH_TEST_STAGES:-format unit asan tsan fuzz}"
jobs="$(nproc)"
source deploy/timing.sh  # timed, children_cpu
run_stage() {
  local name="$1"; shift
  echo "=== stage $name"
  local start=$SECONDS cpu_start
  children_cpu; cpu_start=$CPU
  "$@"
  children_cpu
  echo "=== stage $name passed in $((SECONDS - start)) s ($(((CPU - cpu_start + 5) / 10)) s CPU)"
}
# Tests run two per core: most of their time is spent waiting on a server, a socket, an fsync or
# a lease, not computing (2 cores, 2026-12-07, the same builds: Release 201 s at one per core ->
# 105-115 s in three runs, ASan 312 -> 227-239 s in two, TSan 105 -> 70-71 s in two; every test
# passed in each).
test_jobs=$((2 * jobs))
ctest_in() {  # ctest_in BUILD_DIR [ctest args...]
  local dir="$1"; shift
  (cd "$dir" && timed "$dir tests" ctest --output-on-failure -j"$test_jobs" --timeout 900 "$@")
}
format() {
  bash deploy/install-deps.sh >/dev/null
  bash deploy/format.sh --check
}
unit() {
  timed "build build" bash deploy/build.sh
  ctest_in build
}
# The ASan build is clang's, instrumented for libFuzzer too, so that the fuzz stage only links its
# harnesses from the same objects instead of compiling the sources once more.
asan_args=(-DCMAKE_CXX_COMPILER=clang++ -DRINGGRAPH_SANITIZE=address -DRINGGRAPH_FUZZ=ON)
asan() {
  BUILD_DIR=build-asan timed "build build-asan" bash deploy/build.sh "${asan_args[@]}"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/deploy/sanitizers/lsan.supp" \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest_in build-asan
}
tsan() {
  bash deploy/install-deps.sh
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Release -DRINGGRAPH_SANITIZE=thread >/dev/null
  timed "build build-tsan" cmake --build build-tsan -j"$jobs" --target store_test ingest_test ringd ringctl ringd_api_test crash_test epoll_server_test
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/deploy/sanitizers/tsan.supp" \
    ctest_in build-tsan -R 'ConcurrentSnapshots|IngestPipelineTest|EveryAcknowledged|KillNineDuringDetection|SigtermShutsDown|ServerModels/RingdApiTest.*epoll|EpollServerTest'
}
fuzz() {
  bash deploy/install-deps.sh
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Release "${asan_args[@]}" >/dev/null
  FUZZ_BUILD_DIR=build-asan bash deploy/fuzz.sh "${FUZZ_SECONDS:-20}"
}
nightly() {
  bash deploy/build.sh
  ./build/tests/crash_loop --cycles "${CRASH_LOOP_CYCLES:-150}" --seed "$(date +%Y%m%d)"
}
for s in $stages; do
  case "$s" in
    format|unit|asan|tsan|fuzz|nightly) run_stage "$s" "$s" ;;
    *) echo "deploy/test.sh: unknown stage '$s' (format, unit, asan, tsan, fuzz, nightly)" >&2; exit 2 ;;
  esac
done
