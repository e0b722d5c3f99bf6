#!/usr/bin/env bash
# Usage (under scripts/with-postgres.sh): require-backends.sh <command> [args...]
# Fails when the PostgreSQL or MariaDB server the suite runs against did not
# start (STRATA_TEST_PG_URL / STRATA_TEST_MYSQL_URL unset), then runs the
# command with CI=true-style strictness: live tests fail instead of skipping
# when a server is missing.
set -euo pipefail
missing=()
[[ -n "${STRATA_TEST_PG_URL:-}" ]] || missing+=("PostgreSQL")
[[ -n "${STRATA_TEST_MYSQL_URL:-}" ]] || missing+=("MariaDB")
if ((${#missing[@]})); then
  echo "require-backends: ${missing[*]} did not start; the suite needs every backend" >&2
  exit 1
fi
exec "$@"
