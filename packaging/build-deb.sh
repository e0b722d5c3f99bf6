#!/usr/bin/env bash
# Builds the release .deb: a Release build under /usr (no tests, no
# benchmarks) in build-release/, then CPack's DEB generator (binaries
# stripped; cmake/strata_cpack.cmake lists the dependencies). Prints the
# package's path and the sizes of the stripped strata binary, libstrata.so
# and the .deb.
#   packaging/build-deb.sh [BUILD_DIR]      default: build-release
# Builds take the shared build lock (/tmp/strata-build.lock) when flock exists.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build-release}"
lock=()
if command -v flock >/dev/null; then lock=(flock /tmp/strata-build.lock); fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_BENCH=OFF >/dev/null
"${lock[@]}" cmake --build "$build" -j"$(nproc)" --target strata strata_lib strata_shared strata_man
(cd "$build" && cpack -G DEB >/dev/null)
deb="$(ls -t "$build"/strata_*.deb | head -1)"

# Sizes of what the package installs (stripped), read from the package itself.
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
dpkg-deb -x "$deb" "$stage"
size() { stat -c %s "$1" | awk '{ printf "%.1f MB (%d bytes)", $1 / 1e6, $1 }'; }
echo "package:        $deb"
echo "deb:            $(size "$deb")"
echo "strata:         $(size "$stage/usr/bin/strata")"
echo "libstrata.so:   $(size "$(ls "$stage"/usr/lib*/libstrata.so.*.*.* "$stage"/usr/lib/*/libstrata.so.*.*.* 2>/dev/null | head -1)")"
echo "libstrata.a:    $(size "$(find "$stage" -name libstrata.a | head -1)")"
