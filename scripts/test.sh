#!/usr/bin/env bash
# Quick-start command 2: install what is missing, build, start throwaway
# PostgreSQL 15 and MariaDB servers, run the whole suite with ctest, stop the
# servers (also when a test fails). Exit code: ctest's.
#
# Every backend the suite needs must be there: PostgreSQL, MariaDB and
# Alembic 1.8 (the oracle). A missing one is an error, not skipped tests —
# a skipped suite is not a green one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/build.sh"
if ! /usr/bin/python3 -c 'import alembic, psycopg2' 2>/dev/null; then
  echo "test.sh: Alembic (python3-alembic, python3-psycopg2) is missing; the interop suite needs it" >&2
  exit 1
fi
cd "$root/build"
exec "$root/scripts/with-postgres.sh" "$root/scripts/require-backends.sh" \
  ctest --output-on-failure -j2 --timeout 300 "$@"
