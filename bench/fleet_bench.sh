#!/usr/bin/env bash
# bench/fleet_bench.sh: `strata fleet upgrade` throughput (targets per second)
# against -j, on
#   - 3 throwaway PostgreSQL 15 servers on loopback (each started by
#     scripts/with-postgres.sh: own temp dir, free port, stopped at the end),
#     one database each with 100 tenant schemas (300 targets, found by
#     --tenant-pattern), a 3-revision tenant project (per-tenant version
#     table through version_table_schema = "${tenant}", a schema_map);
#   - 50 SQLite files with a 3-revision plain project.
# One target of each set is made to fail (a conflicting table), and every run
# uses --continue-on-error, so each figure includes one failure. Each -j run
# starts from fresh schemas/files; a re-run (all skipped: at head) is
# measured too. Figures: wall time of the whole `strata fleet` process, the
# median of FLEET_BENCH_RUNS (default 3) runs, each from a fresh reset.
#
# Usage: bench/fleet_bench.sh [STRATA_BINARY]   (default build/strata)
# Prints a Markdown table; the load (uptime) before and after on stderr.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
self="$root/bench/fleet_bench.sh"
strata="${1:-$root/build/strata}"

# Three nested with-postgres.sh: each exports its server as
# STRATA_TEST_PG_URL, which the next level saves as PG1/PG2 before its own.
if [[ -z "${FLEET_BENCH_INNER:-}" ]]; then
  export STRATA_NO_MARIADB=1 FLEET_BENCH_INNER=1
  exec "$root/scripts/with-postgres.sh" bash -c '
    export PG1="$STRATA_TEST_PG_URL"
    exec "$0" bash -c "export PG2=\"\$STRATA_TEST_PG_URL\"; exec \"\$0\" \"\$1\" \"\$2\"" "$0" "$1" "$2"
  ' "$root/scripts/with-postgres.sh" "$self" "$strata"
fi
export PG3="$STRATA_TEST_PG_URL"
unset PGHOST PGPORT PGDATABASE
export PGOPTIONS="-c client_min_messages=warning"
runs="${FLEET_BENCH_RUNS:-3}"

work="$(mktemp -d /tmp/strata-fleet-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
psql_bin=/usr/lib/postgresql/15/bin/psql
echo "fleet_bench: load before: $(uptime)" >&2

tenants=100
servers=("$PG1" "$PG2" "$PG3")

# --- the tenant project ---------------------------------------------------
mkdir -p "$work/pg/migrations/versions"
cat > "$work/pg/strata.toml" <<'TOML'
script_location = "migrations"
version_table_schema = "${tenant}"
[schema_map]
tenant = "${tenant}"
TOML
rev() {  # dir id down upgrade-body downgrade-body
  local down="nil"; [[ -n "$3" ]] && down="\"$3\""
  printf 'revision = "%s"\ndown_revision = %s\nfunction upgrade()\n%s\nend\nfunction downgrade()\n%s\nend\n' \
    "$2" "$down" "$4" "$5" > "$1/migrations/versions/$2.lua"
}
rev "$work/pg" r1 "" \
  'op.create_table("users", op.column("id", op.Integer, {primary_key = true}), op.column("name", op.String(50)), {schema = "tenant"})' \
  'op.drop_table("users", {schema = "tenant"})'
rev "$work/pg" r2 r1 \
  'op.add_column("users", op.column("email", op.String(100)), {schema = "tenant"})
  op.create_index("users_email", "users", "email", {schema = "tenant"})' \
  'op.drop_index("users_email", {schema = "tenant"})
  op.drop_column("users", "email", {schema = "tenant"})'
rev "$work/pg" r3 r2 \
  'op.execute("COMMENT ON TABLE " .. op.tenant .. ".users IS '"'"'tenant " .. op.tenant .. "'"'"'")' \
  'op.execute("COMMENT ON TABLE " .. op.tenant .. ".users IS NULL")'

: > "$work/pg/targets.txt"
for url in "${servers[@]}"; do
  echo "${url%/*}/fleet" >> "$work/pg/targets.txt"
done

reset_pg() {
  local i url sql
  for i in 0 1 2; do
    url="${servers[$i]}"
    "$psql_bin" -q "$url" -c "DROP DATABASE IF EXISTS fleet WITH (FORCE)" -c "CREATE DATABASE fleet" >/dev/null
    sql=""
    for ((t = 0; t < tenants; t++)); do sql+="CREATE SCHEMA tenant_$(printf %03d "$t");"; done
    # the target made to fail: server 2, tenant_050 already has a users table
    [[ $i -eq 1 ]] && sql+="CREATE TABLE tenant_050.users (x int);"
    "$psql_bin" -q "${url%/*}/fleet" -c "$sql" >/dev/null
  done
}

# --- the SQLite project ---------------------------------------------------
mkdir -p "$work/lite/migrations/versions"
echo 'script_location = "migrations"' > "$work/lite/strata.toml"
rev "$work/lite" s1 "" \
  'op.create_table("items", op.column("id", op.Integer, {primary_key = true}), op.column("name", op.String(50)))' \
  'op.drop_table("items")'
rev "$work/lite" s2 s1 \
  'op.add_column("items", op.column("price", op.Integer))
  op.create_index("items_name", "items", "name")' \
  'op.drop_index("items_name")
  op.drop_column("items", "price")'
rev "$work/lite" s3 s2 \
  'op.bulk_insert("items", {{id = 1, name = "a"}, {id = 2, name = "b"}})' \
  'op.execute("DELETE FROM items")'
: > "$work/lite/targets.txt"
for ((i = 0; i < 50; i++)); do echo "sqlite:///$work/lite/db$i.db" >> "$work/lite/targets.txt"; done
reset_lite() {
  rm -f "$work"/lite/db*.db
  python3 -c "import sqlite3; sqlite3.connect('$work/lite/db25.db').execute('CREATE TABLE items (x int)')"
}

now() { date +%s.%N; }
# One row: the median wall time of $runs runs of `fleet upgrade`, each after
# `reset` (a shell function, or : for the re-run rows).
measure() {  # dir targets-count label reset args...
  local dir="$1" n="$2" label="$3" reset="$4"; shift 4
  local t0 t1 rc r times=()
  for ((r = 0; r < runs; r++)); do
    "$reset"
    rc=0
    t0=$(now)
    (cd "$dir" && "$strata" fleet upgrade targets.txt --continue-on-error --json "$@" \
       > "$work/report.json" 2>> "$work/stderr.log") || rc=$?
    t1=$(now)
    times+=("$(echo "$t1 - $t0" | bc -l)")
  done
  python3 - "$work/report.json" "$n" "$label" "$rc" "${times[@]}" <<'PY'
import json, statistics, sys
report = json.load(open(sys.argv[1]))
n, label, rc = int(sys.argv[2]), sys.argv[3], sys.argv[4]
times = sorted(float(t) for t in sys.argv[5:])
s = report["summary"]
assert s["total"] == n, s
secs = statistics.median(times)
print(f"| {label} | {report['jobs']} | {n} | {s['ok']} | {s['skipped']} | {s['failed']} | "
      f"{secs:.2f} ({times[0]:.2f}–{times[-1]:.2f}) | {n / secs:.0f} | {rc} |")
PY
}

echo "| set | -j | targets | ok | skipped | failed | wall s, median (min–max) | targets/s | exit |"
echo "|---|---|---|---|---|---|---|---|---|"
for j in 1 2 4 8; do
  measure "$work/pg" 300 "PostgreSQL 3×100 tenants" reset_pg --tenant-pattern 'tenant_%' -j "$j"
done
measure "$work/pg" 300 "PostgreSQL re-run (at head)" : --tenant-pattern 'tenant_%' -j 4
for j in 1 2 4 8; do
  measure "$work/lite" 50 "SQLite 50 files" reset_lite -j "$j"
done
measure "$work/lite" 50 "SQLite re-run (at head)" : -j 4
echo "fleet_bench: load after: $(uptime)" >&2
