#!/usr/bin/env bash
# Configure and build strata with Ninja into ./build.
#   STRATA_PROFILE=example build.sh [targets]   the tool only (lean install:
#                                               no tests, benchmarks or servers)
#   build.sh [targets]                          everything, tests and benchmarks
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile="${STRATA_PROFILE:-all}"
"$root/scripts/install-deps.sh" "$profile"
if [ "$profile" = example ]; then
  # Keep what an earlier full build configured; otherwise the tool alone.
  if [ ! -f "$root/build/build.ninja" ]; then
    cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_BENCH=OFF >/dev/null
  fi
else
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRATA_BUILD_TESTS=ON -DSTRATA_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$root/build" -j"$(nproc)" ${1:+--target "$@"}
