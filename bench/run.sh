#!/usr/bin/env bash
# Whole-process benchmarks of strata against Alembic 1.8 and psql (see
# bench/README.md for what is measured and the recorded figures).
#
# Usage: bench/run.sh [-o OUTDIR] [--quick] [--wait-quiet MINUTES] [--no-micro]
#
#   -o OUTDIR            where projects, hyperfine JSON, logs and summary.md go
#                        (default: a new /tmp/strata-bench.XXXXXX, kept)
#   --quick              small sizes and few runs: checks that the script works,
#                        figures are not comparable to the recorded ones
#   --wait-quiet MINUTES before measuring, poll the 1-minute load average every
#                        60 s until it is below $STRATA_BENCH_MAX_LOAD (0.7) or
#                        MINUTES have passed (then measure anyway; the load is
#                        recorded next to every figure)
#   --no-micro           skip the Google Benchmark micro-benchmark
#
# Builds first (scripts/build.sh, under /tmp/strata-build.lock when flock is
# available), then re-runs itself under scripts/with-postgres.sh unless
# STRATA_TEST_PG_URL already names a server (postgresql://user@host:port/db;
# the benchmark creates and drops databases bench_current and bench_up there).
#
# Measured with hyperfine -N (no shell; median of several runs, every strata
# figure in the same hyperfine invocation as its comparison) and GNU time
# (peak RSS = maximum of 3 runs). Alembic runs as /usr/bin/python3 -m alembic.
# The binaries are copied to OUTDIR/bin and the copies measured.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
self="$root/bench/run.sh"
orig_args=("$@")

out=""
quick=0
wait_quiet=0
micro=1
while (($#)); do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --wait-quiet) wait_quiet="$2"; shift 2 ;;
    --no-micro) micro=0; shift ;;
    -h|--help) sed -n '2,25p' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

# ---- build (once, before the server starts) --------------------------------
if [[ -z "${STRATA_BENCH_BUILT:-}" ]]; then
  targets=(strata strata_bench_gen)
  ((micro)) && targets+=(header_scan_bench)
  lock=()
  command -v flock >/dev/null 2>&1 && lock=(flock /tmp/strata-build.lock)
  echo "bench: building ${targets[*]}" >&2
  "${lock[@]}" "$root/scripts/build.sh" "${targets[@]}" >&2
  export STRATA_BENCH_BUILT=1
fi

# ---- a throwaway PostgreSQL unless one is given -----------------------------
if [[ -z "${STRATA_TEST_PG_URL:-}" ]]; then
  exec "$root/scripts/with-postgres.sh" "$self" "${orig_args[@]}"
fi

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
# Debian's /usr/bin/psql is pg_wrapper, a Perl script that picks a version and
# execs the real binary: ~70 ms of Perl start-up on top of psql here. Compare with
# the real binary (the wrapper is measured once, for the record).
PSQL="$pg_bin/psql"
[[ -x "$PSQL" ]] || PSQL="$(command -v psql)"
PGBENCH="$pg_bin/pgbench"

for tool in hyperfine /usr/bin/time /usr/bin/python3 "$PSQL"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool missing (scripts/install-deps.sh)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import alembic, psycopg2' 2>/dev/null ||
  { echo "bench: /usr/bin/python3 lacks alembic or psycopg2 (scripts/install-deps.sh)" >&2; exit 1; }

PY=/usr/bin/python3
ALEMBIC=("$PY" -m alembic)
# Alembic's ordinary setting writes __pycache__; some environments disable it.
unset PYTHONDONTWRITEBYTECODE

pg_base="${STRATA_TEST_PG_URL%/*}"   # postgresql://user@host:port
pg_admin="$pg_base/${STRATA_TEST_PG_URL##*/}"

if ((quick)); then
  chain_n=1000 small_n=10 tables_n=50
  h_chain=(--warmup 1 --min-runs 3 --max-runs 5)
  h_current=(--warmup 1 --min-runs 5 --max-runs 10)
  h_upgrade=(--warmup 0 --runs 2)
  rss_runs=1
else
  chain_n=10000 small_n=10 tables_n=500
  h_chain=(--warmup 1 --min-runs 5 --max-runs 30)
  h_current=(--warmup 3 --min-runs 20 --max-runs 100)
  h_upgrade=(--warmup 1 --runs 7)
  rss_runs=3
fi

[[ -n "$out" ]] || out="$(mktemp -d /tmp/strata-bench.XXXXXX)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$out/work"
rm -rf "$work"
rm -f "$out"/*.json "$out"/*.log "$out"/perf.txt "$out"/pgbench.txt "$out"/summary.md
mkdir -p "$work"
# Measure private copies: the shared build tree may be relinked meanwhile.
mkdir -p "$out/bin"
cp -f "$root/build/strata" "$root/build/bench/strata_bench_gen" "$out/bin/"
[[ -x "$root/build/bench/header_scan_bench" ]] && cp -f "$root/build/bench/header_scan_bench" "$out/bin/"
S="$out/bin/strata"
GEN="$out/bin/strata_bench_gen"
MICRO="$out/bin/header_scan_bench"
: >"$out/rss.tsv"
: >"$out/load.tsv"
log() { echo "bench: $*" >&2; }

# ---- machine -----------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel: $(uname -sr)"
  echo "mem: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "strata: $("$S" --version), $(grep -m1 -o -e '-O[0-3s] -g -DNDEBUG' -e '-O[0-3s]' "$root/build/build.ninja" || echo '?'), commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "alembic: $("$PY" -c 'import alembic, sqlalchemy, psycopg2; print(alembic.__version__, "/ SQLAlchemy", sqlalchemy.__version__, "/ psycopg2", psycopg2.__version__.split()[0], "/ Python", __import__("platform").python_version())')"
  echo "psql: $PSQL, $("$PSQL" --version)"
  echo "server: PostgreSQL $("$PSQL" -X -A -t -d "$pg_admin" -c 'SHOW server_version') (fsync=$("$PSQL" -X -A -t -d "$pg_admin" -c 'SHOW fsync'), synchronous_commit=$("$PSQL" -X -A -t -d "$pg_admin" -c 'SHOW synchronous_commit'))"
  echo "hyperfine: $(hyperfine --version)"
  echo "sizes: chain=$chain_n small=$small_n tables=$tables_n quick=$quick"
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

# ---- projects ----------------------------------------------------------------
"$GEN" chain "$work/chain" "$chain_n" >&2
"$GEN" chain "$work/small" "$small_n" "$pg_base/bench_current" >&2
"$GEN" tables "$work/tables" "$tables_n" "$pg_base/bench_up" >&2
chain_s="$work/chain/strata/strata.toml"
chain_a="$work/chain/alembic/alembic.ini"
small_s="$work/small/strata/strata.toml"
small_a="$work/small/alembic/alembic.ini"
tables_s="$work/tables/strata/strata.toml"
tables_a="$work/tables/alembic/alembic.ini"
chain_cache="$work/chain/strata/migrations/versions/.strata-cache"
chain_pyc="$work/chain/alembic/migrations/versions/__pycache__"
"$S" -q -c "$tables_s" upgrade head --sql >"$work/upgrade.sql"
grep -q '^BEGIN;' "$work/upgrade.sql" && grep -q '^COMMIT;' "$work/upgrade.sql" ||
  { log "upgrade.sql lacks BEGIN/COMMIT"; exit 1; }

psql_admin() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$pg_admin" "$@"; }
fresh_db() { psql_admin -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
fresh_db bench_current
"$S" -q -c "$small_s" upgrade head 2>/dev/null

# The header cache skips scripts changed less than 2 s ago.
sleep 3

# ---- sanity: same answers, same schema ---------------------------------------
"$S" -c "$chain_s" heads >"$work/heads.strata"
"${ALEMBIC[@]}" -c "$chain_a" heads >"$work/heads.alembic"
"$S" -c "$chain_s" history >"$work/history.strata"
"${ALEMBIC[@]}" -c "$chain_a" history >"$work/history.alembic"
for f in heads history; do
  if cmp -s "$work/$f.strata" "$work/$f.alembic"; then
    log "$f: strata and alembic print the same $(wc -l <"$work/$f.strata") lines"
  else
    log "WARNING: $f output differs between strata and alembic (see $work/$f.*)"
  fi
done
cache_size=$(stat -c %s "$chain_cache" 2>/dev/null || echo 0)
((cache_size > 1000)) || log "WARNING: .strata-cache not written ($cache_size bytes); warm figures are cold"
"$S" -c "$small_s" current >"$work/current.strata"
"${ALEMBIC[@]}" -c "$small_a" current >"$work/current.alembic"
cmp -s "$work/current.strata" "$work/current.alembic" ||
  log "WARNING: current differs: $(cat "$work/current.strata") vs $(cat "$work/current.alembic")"

up_psql=("$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$pg_base/bench_up" -f "$work/upgrade.sql")
up_strata=("$S" -q -c "$tables_s" upgrade head)
up_alembic=("${ALEMBIC[@]}" -c "$tables_a" upgrade head)
last_rev=$(printf '%012x' $((0xa000000000 + tables_n - 1)))
check_upgrade() {
  local got
  got=$("$PSQL" -X -A -t -d "$pg_base/bench_up" -c \
    "SELECT (SELECT count(*) FROM pg_tables WHERE schemaname IN ('bench_a','bench_b')) || ' ' ||
            (SELECT count(*) FROM pg_indexes WHERE schemaname IN ('bench_a','bench_b')) || ' ' ||
            (SELECT string_agg(version_num, ',') FROM alembic_version)")
  if [[ "$got" != "$tables_n $((2 * tables_n)) $last_rev" ]]; then
    log "upgrade by $1 left '$got', expected '$tables_n $((2 * tables_n)) $last_rev'"
    exit 1
  fi
}
for tool in psql strata alembic; do
  fresh_db bench_up
  declare -n cmd="up_$tool"
  "${cmd[@]}" >/dev/null 2>&1
  check_upgrade "$tool"
  unset -n cmd
done
dump_schema() { "$pg_bin/pg_dump" -s -d "$pg_base/bench_up" | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict'; }
fresh_db bench_up
"${up_strata[@]}" >/dev/null 2>&1
dump_schema >"$work/schema.strata" 2>/dev/null || true
fresh_db bench_up
"${up_alembic[@]}" >/dev/null 2>&1
dump_schema >"$work/schema.alembic" 2>/dev/null || true
if cmp -s "$work/schema.strata" "$work/schema.alembic"; then
  log "upgrade: strata and alembic leave identical pg_dump --schema-only"
else
  log "note: pg_dump --schema-only differs between strata and alembic (see $work/schema.*)"
fi

# ---- wait for a quiet machine --------------------------------------------------
load1() { cut -d' ' -f1 /proc/loadavg; }
max_load="${STRATA_BENCH_MAX_LOAD:-0.7}"
if ((wait_quiet > 0)); then
  deadline=$((SECONDS + wait_quiet * 60))
  while awk -v l="$(load1)" -v m="$max_load" 'BEGIN { exit !(l >= m) }'; do
    if ((SECONDS >= deadline)); then
      log "load $(load1) still >= $max_load after $wait_quiet min; measuring anyway"
      break
    fi
    log "load average $(load1) >= $max_load; waiting"
    sleep 60
  done
fi

# ---- measurement helpers ------------------------------------------------------
record_load() { echo -e "$1\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/load.tsv"; }

# hyperfine GROUP ARGS... : exports $out/GROUP.json
hf() {
  local group="$1"
  shift
  record_load "$group"
  log "== $group"
  hyperfine -N --style basic --export-json "$out/$group.json" "$@" 2>&1 | tee "$out/$group.log" >&2
}

# rss NAME PREPARE|- CMD... : peak RSS (KiB), max over $rss_runs runs
rss() {
  local name="$1" prep="$2" i kb max=0
  shift 2
  for ((i = 0; i < rss_runs; i++)); do
    if [[ "$prep" != - ]]; then eval "$prep" >/dev/null 2>&1; fi
    kb=$(/usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n1)
    [[ "$kb" =~ ^[0-9]+$ ]] || { log "rss $name: no figure ($kb)"; return 1; }
    ((kb > max)) && max=$kb
  done
  echo -e "$name\t$max" >>"$out/rss.tsv"
}

q() { printf '%q ' "$@"; }  # a command line for hyperfine -N (shell-words)

# ---- 1. heads / history over the chain -----------------------------------------
# floor: find stats every script (-size needs a stat; -type f comes from
# d_type) and prints nothing: what one stat per script costs on this machine.
floor_stat=(find "$work/chain/strata/migrations/versions" -type f -size -1c)
for verb in heads history; do
  floor=()
  [[ $verb == heads ]] && floor=(-n "find -size (stat of every script)" "$(q "${floor_stat[@]}")")
  hf "${verb}_warm" "${h_chain[@]}" \
    -n "strata $verb (warm)" "$(q "$S" -c "$chain_s" "$verb")" \
    -n "alembic $verb (warm)" "$(q "${ALEMBIC[@]}" -c "$chain_a" "$verb")" "${floor[@]}"
  rss "strata $verb (warm)" - "$S" -c "$chain_s" "$verb"
  rss "alembic $verb (warm)" - "${ALEMBIC[@]}" -c "$chain_a" "$verb"

  hf "${verb}_cold" "${h_chain[@]}" \
    --prepare "$(q rm -f "$chain_cache")" -n "strata $verb (cold)" "$(q "$S" -c "$chain_s" "$verb")" \
    --prepare "$(q rm -rf "$chain_pyc")" -n "alembic $verb (cold)" "$(q "${ALEMBIC[@]}" -c "$chain_a" "$verb")"
  rss "strata $verb (cold)" "rm -f $(q "$chain_cache")" "$S" -c "$chain_s" "$verb"
  rss "alembic $verb (cold)" "rm -rf $(q "$chain_pyc")" "${ALEMBIC[@]}" -c "$chain_a" "$verb"
  # leave both caches warm for the next verb
  "$S" -c "$chain_s" "$verb" >/dev/null
  "${ALEMBIC[@]}" -c "$chain_a" "$verb" >/dev/null
done

# ---- 2. current against PostgreSQL ------------------------------------------------
cur_psql=("$PSQL" -X -A -t -d "$pg_base/bench_current" -c "SELECT version_num FROM alembic_version")
one_psql=("$PSQL" -X -d "$pg_base/bench_current" -c "select 1")
wrap_psql=(psql -X -A -t -d "$pg_base/bench_current" -c "SELECT version_num FROM alembic_version")
hf current "${h_current[@]}" \
  -n "strata current" "$(q "$S" -c "$small_s" current)" \
  -n "alembic current" "$(q "${ALEMBIC[@]}" -c "$small_a" current)" \
  -n "psql SELECT version_num" "$(q "${cur_psql[@]}")" \
  -n "psql select 1" "$(q "${one_psql[@]}")" \
  -n "psql SELECT version_num via pg_wrapper" "$(q "${wrap_psql[@]}")" \
  -n "strata --version" "$(q "$S" --version)" \
  -n "true" "$(q "$(command -v true)")"
rss "strata current" - "$S" -c "$small_s" current
rss "alembic current" - "${ALEMBIC[@]}" -c "$small_a" current
rss "psql SELECT version_num" - "${cur_psql[@]}"
rss "psql select 1" - "${one_psql[@]}"
rss "psql SELECT version_num via pg_wrapper" - "${wrap_psql[@]}"
rss "strata --version" - "$S" --version
rss "true" - "$(command -v true)"
rss "find -size (stat of every script)" - "${floor_stat[@]}"

# Where the time goes: CPU time and page faults (perf is optional).
if command -v perf >/dev/null 2>&1 && perf stat -e task-clock true >/dev/null 2>&1; then
  : >"$out/perf.txt"
  for c in "strata current" "psql select 1" "strata --version"; do
    case "$c" in
      "strata current") cmd=("$S" -c "$small_s" current) ;;
      "psql select 1") cmd=("${one_psql[@]}") ;;
      "strata --version") cmd=("$S" --version) ;;
    esac
    echo "### $c" >>"$out/perf.txt"
    perf stat -r 20 -e task-clock,page-faults,context-switches "${cmd[@]}" 2>&1 >/dev/null |
      grep -E 'task-clock|page-faults|context-switches|elapsed' >>"$out/perf.txt" || true
  done
  log "perf stat:"; cat "$out/perf.txt" >&2
fi
# The server's share: connection set-up (backend fork + start-up), no client
# process start-up, averaged by pgbench over 200 connections.
if [[ -x "$PGBENCH" ]]; then
  echo "select 1;" >"$work/select1.sql"
  record_load pgbench
  "$PGBENCH" -n -C -t 200 -f "$work/select1.sql" "$pg_base/bench_current" >"$out/pgbench.txt" 2>&1 || true
  grep -E 'latency average|connection time' "$out/pgbench.txt" >&2 || true
fi

# ---- 3. upgrade head of the tables project ---------------------------------------------
# upgrade.sql is strata's --sql output: it carries its own BEGIN/COMMIT, so psql
# runs it with -f and without -1 (one transaction either way).
hf upgrade "${h_upgrade[@]}" \
  --prepare "$(q "$PSQL" -X -q -d "$pg_admin" -c "DROP DATABASE IF EXISTS bench_up" -c "CREATE DATABASE bench_up")" \
  -n "psql -f upgrade.sql" "$(q "${up_psql[@]}")" \
  -n "strata upgrade head" "$(q "${up_strata[@]}")" \
  -n "alembic upgrade head" "$(q "${up_alembic[@]}")"
rss "psql -f upgrade.sql" "fresh_db bench_up" "${up_psql[@]}"
rss "strata upgrade head" "fresh_db bench_up" "${up_strata[@]}"
rss "alembic upgrade head" "fresh_db bench_up" "${up_alembic[@]}"
check_upgrade "alembic (last run)"
record_load "end"

# ---- micro-benchmark ----------------------------------------------------------
if ((micro)) && [[ -x "$MICRO" ]]; then
  record_load micro
  log "== header_scan_bench"
  "$MICRO" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$out/micro.json" --benchmark_out_format=json >&2
fi

# ---- summary ---------------------------------------------------------------------------
"$PY" - "$out" "$chain_n" "$tables_n" <<'PY' | tee "$out/summary.md"
import json, os, sys
out, chain_n, tables_n = sys.argv[1], sys.argv[2], sys.argv[3]
rss = dict(l.rstrip("\n").split("\t") for l in open(os.path.join(out, "rss.tsv")) if l.strip())
load = dict(l.rstrip("\n").split("\t") for l in open(os.path.join(out, "load.tsv")) if l.strip())

def results(group):
    return {r["command"]: r for r in json.load(open(os.path.join(out, group + ".json")))["results"]}

def ms(s):
    return f"{s * 1000:.1f}" if s < 1 else f"{s * 1000:.0f}"

def mib(name):
    return f"{int(rss[name]) / 1024:.1f}" if name in rss else "—"

print(open(os.path.join(out, "machine.txt")).read())
groups = [
    ("heads_warm", f"heads, {chain_n}-revision chain, caches warm", "alembic heads (warm)"),
    ("heads_cold", f"heads, {chain_n}-revision chain, caches deleted before each run", "alembic heads (cold)"),
    ("history_warm", f"history, {chain_n}-revision chain, caches warm", "alembic history (warm)"),
    ("history_cold", f"history, {chain_n}-revision chain, caches deleted before each run", "alembic history (cold)"),
    ("current", "current against PostgreSQL (10-revision project)", "psql SELECT version_num"),
    ("upgrade", f"upgrade head, {tables_n} revisions (one table + one index each), fresh database each run", "psql -f upgrade.sql"),
]
print("| figure | command | median ms | min ms | max ms | runs | peak RSS MiB | ratio | load (1/5/15) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---|")
for group, title, ref in groups:
    if not os.path.exists(os.path.join(out, group + ".json")):
        continue
    rs = results(group)
    base = rs[ref]["median"]
    for name, r in rs.items():
        ratio = "1 (ref)" if name == ref else f"{r['median'] / base:.3g}× {ref.split(' (')[0]}"
        print(f"| {title} | `{name}` | {ms(r['median'])} | {ms(r['min'])} | {ms(r['max'])} | "
              f"{len(r['times'])} | {mib(name)} | {ratio} | {load.get(group, '')} |")
        title = ""

print("\n| target | figure | met? |")
print("|---|---|---|")
def target(label, ok, figure):
    print(f"| {label} | {figure} | {'yes' if ok else 'NO'} |")
for g in ("heads_warm", "heads_cold", "history_warm", "history_cold"):
    if os.path.exists(os.path.join(out, g + ".json")):
        verb, state = g.split("_")
        r = results(g)[f"strata {verb} ({state})"]
        target(f"strata {verb} ({state}) ≤ 100 ms", r["median"] <= 0.100,
               f"{ms(r['median'])} ms ({(r['median'] / 0.100 - 1) * 100:+.0f}%)")
if os.path.exists(os.path.join(out, "current.json")):
    rs = results("current")
    r = rs["strata current"]
    target("strata current ≤ 10 ms", r["median"] <= 0.010,
           f"{ms(r['median'])} ms ({(r['median'] / 0.010 - 1) * 100:+.0f}%); floors: psql select 1 "
           f"{ms(rs['psql select 1']['median'])} ms, strata --version {ms(rs['strata --version']['median'])} ms, "
           f"true {ms(rs['true']['median'])} ms")
    print(f"| strata current vs comparisons | {r['median'] / rs['alembic current']['median']:.3g}× alembic current, "
          f"{r['median'] / rs['psql SELECT version_num']['median']:.3g}× psql SELECT version_num | |")
    target("strata current ≤ 15 MiB peak", int(rss["strata current"]) <= 15 * 1024, f"{mib('strata current')} MiB")
if os.path.exists(os.path.join(out, "upgrade.json")):
    rs = results("upgrade")
    ratio = rs["strata upgrade head"]["median"] / rs["psql -f upgrade.sql"]["median"]
    target("strata upgrade head ≤ 1.10× psql", ratio <= 1.10,
           f"{ratio:.3f}× (alembic {rs['alembic upgrade head']['median'] / rs['psql -f upgrade.sql']['median']:.3f}×)")
pgb = os.path.join(out, "pgbench.txt")
if os.path.exists(pgb):
    for line in open(pgb):
        if "average connection time" in line:
            print(f"\npgbench -C (200 connections, select 1): {line.strip()} (load {load.get('pgbench', '')})")
perf = os.path.join(out, "perf.txt")
if os.path.exists(perf):
    print(f"\nperf stat -r 20 (load {load.get('current', '')} at the current figures):\n```\n{open(perf).read().rstrip()}\n```")
micro = os.path.join(out, "micro.json")
if os.path.exists(micro):
    print("\n| micro-benchmark (header_scan_bench) | median | unit |")
    print("|---|---:|---|")
    for b in json.load(open(micro))["benchmarks"]:
        if b.get("aggregate_name") == "median":
            print(f"| {b['run_name']} | {b['real_time']:.3g} | {b['time_unit']} |")
PY
log "results in $out (summary.md, *.json, rss.tsv, perf.txt)"
