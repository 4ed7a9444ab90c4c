#!/usr/bin/env bash
# Installs the Debian dependencies (idempotent) and builds ringgraph into ./build (or $BUILD_DIR).
# Extra arguments go to the CMake configure step, e.g. -DRINGGRAPH_SANITIZE=address.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/install-deps.sh
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
