#!/usr/bin/env bash
# Installs everything ringgraph needs to build, test and benchmark, from Debian's packages only.
# Idempotent: packages already present are skipped, and apt-get update runs at most once per call,
# only when something is missing. Safe to run as root on a fresh Debian bookworm machine.
set -euo pipefail

packages=(
  # toolchain
  cmake g++ make pkg-config ca-certificates
  # formatting: CI checks every source against .clang-format (deploy/format.sh)
  clang-format
  # clang and its sanitizer and libFuzzer runtimes: the ASan build and the fuzzing harnesses
  clang libclang-rt-dev
  # libraries the code links
  libboost-graph-dev libthrift-dev libevent-dev thrift-compiler liblmdb-dev lmdb-utils libtbb-dev
  prometheus-cpp-dev libgtest-dev libgmock-dev libsodium-dev nlohmann-json3-dev libcli11-dev
  libabsl-dev libssl-dev openssl
  # the signal stream: NATS JetStream's C client, and the server the stream tests start
  libnats-dev nats-server
  # the analyst console: civetweb serves it (prometheus-cpp-dev brings it too; ringd links it
  # itself), and Debian's d3 (version 3) draws its graph and charts, served by ringd
  libcivetweb-dev libjs-d3
  # the console's browser test: headless Chromium driven by Selenium
  chromium chromium-driver python3-selenium
  # test peers: a real Prometheus (promtool), the Python Thrift client, Redis as a load reference
  prometheus python3-thrift redis-server redis-tools
  # comparison benchmarks in ../shared/bench run with /usr/bin/python3
  python3 python3-igraph python3-leidenalg python3-networkx python3-sklearn python3-numpy
  # process figures for benchmarks (peak memory) and crash tests
  time procps
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
