#!/usr/bin/env bash
# `strata current` on PostgreSQL against the floor for any libpq client: a
# minimal C program (pq_current.c, built here with `cc -O2 -lpq`) that
# connects and runs the same query. Also measured in the same hyperfine run:
# the real psql binary with -c, and Alembic 1.8's `current` on the equivalent
# Alembic project (examples/weatherai-alembic, run from its directory with
# WEATHERAI_DB_URL). strata runs on examples/weatherai (same revision ids).
#
# Usage: bench/current_startup/run.sh [-o OUTDIR] [--wait-quiet MINUTES]
#                                     [--baseline STRATA_BIN] [--runs N]
#
#   -o OUTDIR            results (hyperfine JSON + summary.md); default a new
#                        /tmp/strata-current.XXXXXX
#   --wait-quiet MINUTES poll the 1-minute load average until it is below
#                        $STRATA_BENCH_MAX_LOAD (default 1.0) or MINUTES pass
#   --baseline BIN       also measure another strata binary (e.g. a build
#                        from before a change) in the same hyperfine run
#   --runs N             minimum hyperfine runs per command (default 40)
#   --rounds N           interleaved rounds (interleave.py; default 200): the
#                        verdict's ratio, robust to the host's speed drifting
#
# STRATA_BENCH_SETUP_BIN=BIN: upgrade the database with BIN instead.
# STRATA_BENCH_EXAMPLES=DIR: take weatherai and weatherai-alembic from DIR
# (e.g. a snapshot) instead of the tree's examples/.
#
# Builds `strata` under /tmp/strata-build.lock, copies the binaries to
# OUTDIR/bin and measures the copies. Re-runs itself under
# scripts/with-postgres.sh unless STRATA_TEST_PG_URL names a server (the
# database bench_weatherai is created/dropped there).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
self="$here/run.sh"
orig_args=("$@")
out="" wait_quiet=0 baseline="" runs=40 rounds=200
while (($#)); do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    --wait-quiet) wait_quiet="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,29p' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "current_startup: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ -z "${STRATA_BENCH_BUILT:-}" ]]; then
  flock /tmp/strata-build.lock cmake --build "$root/build" -j2 --target strata >&2
  export STRATA_BENCH_BUILT=1
fi
if [[ -z "${STRATA_TEST_PG_URL:-}" ]]; then
  STRATA_NO_MARIADB=1 exec "$root/scripts/with-postgres.sh" "$self" "${orig_args[@]}"
fi

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PSQL="$pg_bin/psql"
PY=/usr/bin/python3
unset PYTHONDONTWRITEBYTECODE
log() { echo "current_startup: $*" >&2; }

[[ -n "$out" ]] || out="$(mktemp -d /tmp/strata-current.XXXXXX)"
mkdir -p "$out/bin" "$out/work"
out="$(cd "$out" && pwd)"
work="$out/work"

# Private copies: the shared build tree may be relinked meanwhile; the
# projects are copied so their caches do not land in the source tree.
cp -f "$root/build/strata" "$out/bin/strata"
[[ -n "$baseline" ]] && cp -f "$baseline" "$out/bin/strata-baseline"
cc -O2 -o "$out/bin/pq_current" "$here/pq_current.c" -I"$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)" -lpq
ex="${STRATA_BENCH_EXAMPLES:-$root/examples}"
rm -rf "$work/weatherai" "$work/weatherai-baseline" "$work/weatherai-alembic"
cp -r "$ex/weatherai" "$ex/weatherai-alembic" "$work/"
# The baseline gets its own copy: its header cache is its own business.
cp -r "$ex/weatherai" "$work/weatherai-baseline"
find "$work" -name .strata-cache -prune -exec rm -rf {} +

pg_base="${STRATA_TEST_PG_URL%/*}"
db_url="$pg_base/bench_weatherai"
"$PSQL" -X -q -d "$STRATA_TEST_PG_URL" -c "DROP DATABASE IF EXISTS bench_weatherai" -c "CREATE DATABASE bench_weatherai"
export WEATHERAI_DB_URL="$db_url"
S="$out/bin/strata"
cfg="$work/weatherai/strata.toml"
# The database is brought to head by $STRATA_BENCH_SETUP_BIN when set (e.g. a
# known-good build), else by the binary measured.
"${STRATA_BENCH_SETUP_BIN:-$S}" -q -c "$cfg" upgrade head >/dev/null
query='SELECT "version_num" FROM "core"."alembic_version"'
sleep 3  # the header cache skips scripts changed less than 2 s ago
"$S" -c "$cfg" current >/dev/null  # writes the header cache

# Same answer from every client.
want="$("$out/bin/pq_current" "$db_url" "$query")"
got_s="$("$S" -c "$cfg" current)"
got_p="$("$PSQL" -X -A -t -d "$db_url" -c "$query")"
got_a="$(cd "$work/weatherai-alembic" && "$PY" -m alembic current 2>/dev/null)"
log "C client: $want | strata: $got_s | psql: $got_p | alembic: $got_a"
[[ "$got_p" == "$want" && "$got_s" == "$want"* && "$got_a" == "$want"* ]] ||
  { log "the clients disagree"; exit 1; }

load1() { cut -d' ' -f1 /proc/loadavg; }
if ((wait_quiet > 0)); then
  max_load="${STRATA_BENCH_MAX_LOAD:-1.0}"
  deadline=$((SECONDS + wait_quiet * 60))
  while awk -v l="$(load1)" -v m="$max_load" 'BEGIN { exit !(l >= m) }'; do
    ((SECONDS >= deadline)) && { log "load still $(load1); measuring anyway"; break; }
    log "load $(load1) >= $max_load; waiting"; sleep 30
  done
fi

q() { printf '%q ' "$@"; }
cmds=(-n "C libpq client" "$(q "$out/bin/pq_current" "$db_url" "$query")"
      -n "strata current" "$(q "$S" -c "$cfg" current)")
if [[ -n "$baseline" ]]; then
  "$out/bin/strata-baseline" -c "$work/weatherai-baseline/strata.toml" current >/dev/null
  cmds+=(-n "strata current (baseline)" "$(q "$out/bin/strata-baseline" -c "$work/weatherai-baseline/strata.toml" current)")
fi
cmds+=(-n "psql -c" "$(q "$PSQL" -X -A -t -d "$db_url" -c "$query")"
       -n "alembic current" "$(q "$PY" -m alembic current)")
load_before="$(uptime)"
cd "$work/weatherai-alembic"  # alembic reads ./alembic.ini; strata's paths are absolute
hyperfine -N --style basic --warmup 3 --min-runs "$runs" --export-json "$out/current.json" "${cmds[@]}" 2>&1 |
  tee "$out/current.log" >&2
# The verdict: interleaved rounds (interleave.py), where the VM's drift
# cancels out of the per-round ratio.
icmds=("C libpq client=$(q "$out/bin/pq_current" "$db_url" "$query")"
       "strata current=$(q "$S" -c "$cfg" current)")
[[ -n "$baseline" ]] &&
  icmds+=("strata current (baseline)=$(q "$out/bin/strata-baseline" -c "$work/weatherai-baseline/strata.toml" current)")
icmds+=("psql -c=$(q "$PSQL" -X -A -t -d "$db_url" -c "$query")")
"$PY" "$here/interleave.py" "$rounds" "$out/interleaved.json" "${icmds[@]}" >"$out/interleaved.md"
load_after="$(uptime)"
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
  for c in "$out/bin/pq_current" "$S"; do
    if [[ "$c" == "$S" ]]; then args=(-c "$cfg" current); else args=("$db_url" "$query"); fi
    echo "### $(basename "$c")"
    perf stat -r 30 -e task-clock,page-faults "$c" "${args[@]}" 2>&1 >/dev/null | grep -E 'task-clock|page-faults|elapsed'
  done >"$out/perf.txt" 2>&1 || true
fi

"$PY" - "$out" "$load_before" "$load_after" <<'PY' | tee "$out/summary.md"
import json, os, sys
out, before, after = sys.argv[1:4]
rs = {r["command"]: r for r in json.load(open(os.path.join(out, "current.json")))["results"]}
ref = rs["C libpq client"]["median"]
print(f"load before: {before.strip()}\nload after:  {after.strip()}\n")
print("| command | median ms | mean ms | min ms | max ms | runs | × C client |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, r in rs.items():
    print(f"| `{name}` | {r['median']*1000:.1f} | {r['mean']*1000:.1f} | {r['min']*1000:.1f} | "
          f"{r['max']*1000:.1f} | {len(r['times'])} | {r['median']/ref:.2f} |")
print("\n" + open(os.path.join(out, "interleaved.md")).read().rstrip())
il = json.load(open(os.path.join(out, "interleaved.json")))["commands"]["strata current"]
ratio = il["ratio"]
print(f"\ntarget strata current ≤ 1.2× C client (interleaved): {ratio:.2f}× "
      f"[{il['ratio_p25']:.2f}–{il['ratio_p75']:.2f}] — {'met' if ratio <= 1.2 else 'NOT met'}"
      f"; hyperfine medians: {rs['strata current']['median'] / ref:.2f}×")
p = os.path.join(out, "perf.txt")
if os.path.exists(p):
    print("\nperf stat -r 30:\n```\n" + open(p).read().rstrip() + "\n```")
PY
log "results in $out"
