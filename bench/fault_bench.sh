#!/usr/bin/env bash
# Faults figures (bench/README.md "Faults and fuzzing"): kill -9 at random
# points of `upgrade head` (a chain of 10 revisions), KILLS times per
# configuration — PostgreSQL and SQLite, transaction_per_migration false and
# true — plus the pg_terminate_backend case, on throwaway loopback servers
# (scripts/with-postgres.sh). Prints one `fault-figures:` line per
# configuration. Exit status: the test binary's.
#   bench/fault_bench.sh [KILLS]     (default 50)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:-50}"
flock /tmp/strata-build.lock cmake --build "$root/build" -j2 --target fault_test >/dev/null
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
rc=0
STRATA_FAULT_KILLS="$kills" "$root/scripts/with-postgres.sh" "$root/build/tests/fault_test" >"$log" 2>&1 || rc=$?
grep -E '^fault-figures:|^\[  (FAILED|PASSED) ' "$log" || true
if [ "$rc" != 0 ]; then
  grep -A5 'Failure' "$log" | head -60 >&2
fi
exit "$rc"
