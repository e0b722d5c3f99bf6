#!/usr/bin/env bash
# Quick-start command 2: install what is missing, build, start a throwaway
# PostgreSQL 15, run the whole suite with ctest, stop the server (also when a
# test fails). Exit code: ctest's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh"
cd "$root/build"
exec "$root/scripts/with-postgres.sh" ctest --output-on-failure -j2 --timeout 300 "$@"
