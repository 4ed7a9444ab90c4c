#!/usr/bin/env bash
# Installs, builds and runs the whole test suite with ctest. .ci/run runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/build.sh
cd "${BUILD_DIR:-build}"
ctest --output-on-failure -j"$(nproc)" --timeout 600
