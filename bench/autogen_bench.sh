#!/usr/bin/env bash
# Autogenerate benchmarks (issue 7 §7): `strata check` with Lua models against
# Alembic 1.8's `revision --autogenerate` on the same database, nothing to do.
# Figures and method: bench/README.md, section "Autogenerate (issue 7)".
#
# Usage: bench/autogen_bench.sh [-o OUTDIR] [--quick] [--no-mysql] [--no-sqlite]
#                               [--alembic-timeout S] [--max-wait MINUTES]
#
#   -o OUTDIR            projects, databases (SQLite), hyperfine JSON, logs and
#                        summary.md (default: a new /tmp/strata-agbench.XXXXXX)
#   --quick              50 / 200 tables (chain 50), few runs: checks the script
#   --no-mysql           skip the MariaDB figure (also when MariaDB is missing)
#   --no-sqlite          skip the SQLite figure
#   --alembic-timeout S  limit for Alembic on the big shape (default 600)
#   --max-wait MINUTES   before each measurement the script waits while a
#                        compiler (cc1plus / collect2) runs, polling every 30 s,
#                        at most this long (default 30), then measures anyway;
#                        the load average is recorded beside every figure
#
# Figures:
#   1. PostgreSQL, 500 tables in core/rag, nothing to do: hyperfine -N of
#      `strata check` and `python3 -m alembic revision --autogenerate` (and
#      Alembic with compare_server_default=True), peak RSS (GNU time -v).
#   2. 5,000 tables with a 2,500-deep foreign-key chain: `strata check` on
#      PostgreSQL, SQLite and MariaDB (time, peak RSS), and one Alembic run on
#      PostgreSQL under `timeout` (time or error).
# Each database is brought to the models' state by strata itself
# (`revision --autogenerate`, `upgrade head`), then `stamp base` empties the
# version table and the revision is deleted, so neither tool has revisions;
# both tools must report nothing to do before anything is timed.
# Builds strata and strata_bench_models first (under /tmp/strata-build.lock),
# then re-runs itself under scripts/with-postgres.sh (PostgreSQL 15 and
# MariaDB on loopback) unless STRATA_TEST_PG_URL is set.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
self="$root/bench/autogen_bench.sh"
orig_args=("$@")

out="" quick=0 mysql=1 sqlite=1 alembic_timeout=600 max_wait=30
while (($#)); do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --no-mysql) mysql=0; shift ;;
    --no-sqlite) sqlite=0; shift ;;
    --alembic-timeout) alembic_timeout="$2"; shift 2 ;;
    --max-wait) max_wait="$2"; shift 2 ;;
    -h|--help) sed -n '2,33p' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "autogen_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ -z "${STRATA_BENCH_BUILT:-}" ]]; then
  echo "autogen_bench: building strata strata_bench_models" >&2
  flock /tmp/strata-build.lock cmake --build "$root/build" -j2 --target strata strata_bench_models >&2
  export STRATA_BENCH_BUILT=1
fi
if [[ -z "${STRATA_TEST_PG_URL:-}" ]]; then
  exec "$root/scripts/with-postgres.sh" "$self" "${orig_args[@]}"
fi

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PSQL="$pg_bin/psql"
PY=/usr/bin/python3
ALEMBIC=("$PY" -m alembic)
unset PYTHONDONTWRITEBYTECODE
for tool in hyperfine /usr/bin/time timeout sqlite3 "$PY" "$PSQL"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "autogen_bench: $tool missing" >&2; exit 1; }
done
"$PY" -c 'import alembic, psycopg2' 2>/dev/null ||
  { echo "autogen_bench: $PY lacks alembic or psycopg2 (python3-alembic python3-psycopg2)" >&2; exit 1; }
[[ -n "${STRATA_TEST_MYSQL_URL:-}" ]] && command -v mariadb >/dev/null 2>&1 || mysql=0

pg_base="${STRATA_TEST_PG_URL%/*}"
pg_admin="$STRATA_TEST_PG_URL"
if ((quick)); then
  small_n=50 big_n=200 chain=50
  h_small=(--warmup 1 --runs 3) h_big=(--warmup 1 --runs 3) rss_runs=1
else
  small_n=500 big_n=5000 chain=2500
  h_small=(--warmup 2 --min-runs 10 --max-runs 20) h_big=(--warmup 2 --min-runs 10 --max-runs 20) rss_runs=3
fi

[[ -n "$out" ]] || out="$(mktemp -d /tmp/strata-agbench.XXXXXX)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$out/work"
rm -rf "$work" "$out"/*.json "$out"/*.log "$out"/summary.md
mkdir -p "$work" "$out/bin"
cp -f "$root/build/strata" "$root/build/bench/strata_bench_models" "$out/bin/"
S="$out/bin/strata"
GEN="$out/bin/strata_bench_models"
: >"$out/rss.tsv"
: >"$out/load.tsv"
: >"$out/alembic_big.txt"
log() { echo "autogen_bench: $*" >&2; }

{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "strata: $("$S" --version), commit $(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo '?') + working tree"
  echo "alembic: $("$PY" -c 'import alembic, sqlalchemy, psycopg2, platform; print(alembic.__version__, "/ SQLAlchemy", sqlalchemy.__version__, "/ psycopg2", psycopg2.__version__.split()[0], "/ Python", platform.python_version())')"
  echo "server: PostgreSQL $("$PSQL" -X -A -t -d "$pg_admin" -c 'SHOW server_version')"
  ((mysql)) && echo "server: MariaDB $(mariadb --version | sed 's/.*Distrib \([^,]*\).*/\1/; s/.*from \([^,]*\).*/\1/')"
  echo "hyperfine: $(hyperfine --version)"
  echo "sizes: small=$small_n big=$big_n chain=$chain quick=$quick"
} >"$out/machine.txt"
cat "$out/machine.txt" >&2

# ---- quiet machine ----------------------------------------------------------------
# quiet LABEL: wait (polling every 30 s, at most $max_wait min) while another
# engineer's compiler or linker runs, then record the load average for LABEL.
quiet() {
  local deadline=$((SECONDS + max_wait * 60))
  while pgrep -f 'cc1plus|collect2' >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      log "a build is still running after $max_wait min; measuring anyway"
      echo -e "$1\tbuild running" >>"$out/load.tsv"
      break
    fi
    log "a build is running (load $(cut -d' ' -f1-3 /proc/loadavg)); waiting 30 s"
    sleep 30
  done
  echo -e "$1\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/load.tsv"
  log "== $1 (load $(cut -d' ' -f1-3 /proc/loadavg))"
}

q() { printf '%q ' "$@"; }

# rss NAME CMD...: peak RSS in KiB (GNU time -v "Maximum resident set size"),
# the maximum over $rss_runs runs.
rss() {
  local name="$1" i kb max=0
  shift
  for ((i = 0; i < rss_runs; i++)); do
    kb=$(/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}')
    [[ "$kb" =~ ^[0-9]+$ ]] || { log "rss $name: no figure"; return 1; }
    ((kb > max)) && max=$kb
  done
  echo -e "$name\t$max\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/rss.tsv"
  log "$name: peak RSS $((max / 1024)) MiB"
}

# ---- databases in the models' state ---------------------------------------------------
# prepare NAME N CHAIN URL: generate DIR=$work/NAME and bring URL's database to
# the models' state with strata; then no revisions remain for either tool.
# Sets fks[NAME] to the generator's foreign-key count. On PostgreSQL the
# upgrade's SQL (`upgrade head --sql`) runs through psql statement by
# statement: 5,000 CREATE TABLEs in one transaction exceed the server's lock
# table (max_locks_per_transaction 64: "out of shared memory").
declare -A fks
prepare() {
  local name="$1" n="$2" d="$3" url="$4" dir="$work/$1" line
  line=$("$GEN" "$dir" "$n" --chain "$d" --url "$url")
  echo "$line" >&2
  fks[$name]=$(sed -n 's/.*), \([0-9]*\) foreign keys.*/\1/p' <<<"$line")
  local t0=$SECONDS
  (
    cd "$dir/strata"
    "$S" -q revision --autogenerate -m "bench $name" --rev-id aaaa00000001 >/dev/null
    if [[ "$url" == postgresql://* ]]; then
      "$S" -q upgrade head --sql | grep -v -x -e 'BEGIN;' -e 'COMMIT;' |
        "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$url" >/dev/null 2>"$work/$name.psql.log"
    else
      "$S" -q upgrade head
    fi
    "$S" -q stamp base
  )
  rm -f "$dir/strata/migrations/versions/"*.lua
  log "$name: database at the models' state in $((SECONDS - t0)) s"
}

# expect_clean NAME [alembic]: both tools must see nothing to do (Alembic only
# on PostgreSQL); returns 1 (after saying why) otherwise. strata is tried
# twice: MariaDB's information_schema reads use temporary files in /tmp, which
# another process on this shared machine has been seen to delete under it
# ("Error on delete of '/tmp/#sql-temptable-...'").
expect_clean() {
  local dir="$work/$1" got
  got=$("$S" -c "$dir/strata/strata.toml" check 2>&1) || got=$("$S" -c "$dir/strata/strata.toml" check 2>&1) ||
    { log "$1: strata check is not clean:"; echo "$got" | head -20 >&2; return 1; }
  [[ "$got" == "No new upgrade operations detected." ]] || { log "$1: strata check said: $got"; return 1; }
  if [[ "${2:-}" == alembic ]]; then
    got=$("${ALEMBIC[@]}" -c "$dir/alembic/alembic.ini" revision --autogenerate -m bench 2>&1) ||
      { log "$1: alembic is not clean:"; echo "$got" | tail -20 >&2; return 1; }
    [[ "$got" == *"No changes in schema detected."* ]] || { log "$1: alembic said: $got"; return 1; }
    [[ -z "$(ls -A "$dir/alembic/versions")" ]] || { log "$1: alembic wrote a revision"; return 1; }
  fi
  log "$1: nothing to do for ${2:-strata}"
}

# count_objects NAME N "tables fks": the database must hold N model tables and
# the generator's foreign keys (besides the version table).
count_objects() {
  local want="$2 ${fks[$1]}"
  [[ "$3" == "$want" ]] || { log "$1: database holds '$3' (tables, foreign keys), expected '$want'"; exit 1; }
  log "$1: $3 (tables, foreign keys) as generated"
}

psql_admin() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$pg_admin" "$@"; }
# The schemas are created beforehand: `upgrade head` creates the version
# table's schema (core) before the revision's own create_schema("core") runs,
# which then fails ("schema core already exists").
for db in bench_ag_small bench_ag_big; do
  psql_admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$pg_base/$db" -c "CREATE SCHEMA core" -c "CREATE SCHEMA rag"
done
prepare pg_small "$small_n" 0 "$pg_base/bench_ag_small"
prepare pg_big "$big_n" "$chain" "$pg_base/bench_ag_big"
if ((sqlite)); then
  mkdir -p "$work/sqlite_big"
  prepare sqlite_big "$big_n" "$chain" "sqlite:///$work/sqlite_big/bench.db"
fi
if ((mysql)); then
  my_rest="${STRATA_TEST_MYSQL_URL#mysql://}"   # root@127.0.0.1:port/mysql
  my_hostport="${my_rest#*@}"; my_hostport="${my_hostport%%/*}"
  mariadb -h "${my_hostport%:*}" -P "${my_hostport#*:}" -u root \
    -e "DROP DATABASE IF EXISTS core; DROP DATABASE IF EXISTS rag; DROP DATABASE IF EXISTS bench_ag;
        CREATE DATABASE bench_ag; CREATE DATABASE core; CREATE DATABASE rag"
  prepare mysql_big "$big_n" "$chain" "${STRATA_TEST_MYSQL_URL%/*}/bench_ag"
fi

pg_counts() {
  "$PSQL" -X -A -t -F' ' -d "$pg_base/$1" -c "SELECT
    (SELECT count(*) FROM pg_tables WHERE schemaname IN ('core','rag') AND tablename <> 'alembic_version'),
    (SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname IN ('core','rag'))"
}
count_objects pg_small "$small_n" "$(pg_counts bench_ag_small)"
count_objects pg_big "$big_n" "$(pg_counts bench_ag_big)"
if ((sqlite)); then
  count_objects sqlite_big "$big_n" "$(cd "$work/sqlite_big" && sqlite3 -separator ' ' bench.db \
    "ATTACH 'bench.core.db' AS core; ATTACH 'bench.rag.db' AS rag; SELECT
     (SELECT count(*) FROM core.sqlite_master WHERE type = 'table' AND name <> 'alembic_version') +
     (SELECT count(*) FROM rag.sqlite_master WHERE type = 'table'),
     (SELECT count(*) FROM core.sqlite_master m, pragma_foreign_key_list(m.name, 'core') WHERE m.type = 'table') +
     (SELECT count(*) FROM rag.sqlite_master m, pragma_foreign_key_list(m.name, 'rag') WHERE m.type = 'table')")"
fi
if ((mysql)); then
  count_objects mysql_big "$big_n" "$(mariadb -h "${my_hostport%:*}" -P "${my_hostport#*:}" -u root -N -B -e "SELECT
    (SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA IN ('core','rag') AND TABLE_NAME <> 'alembic_version'),
    (SELECT count(*) FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN ('core','rag'))" | tr '\t' ' ')"
fi

expect_clean pg_small alembic || exit 1
expect_clean pg_big || exit 1
if ((sqlite)); then expect_clean sqlite_big || { log "SQLite figure dropped"; sqlite=0; }; fi
if ((mysql)); then expect_clean mysql_big || { log "MariaDB figure dropped"; mysql=0; }; fi

# ---- 1. 500 tables, PostgreSQL, strata vs Alembic ----------------------------------------
small_s=("$S" -c "$work/pg_small/strata/strata.toml" check)
small_a=("${ALEMBIC[@]}" -c "$work/pg_small/alembic/alembic.ini" revision --autogenerate -m bench)
small_ad=(env BENCH_COMPARE_SERVER_DEFAULT=1 "${small_a[@]}")
quiet small
hyperfine -N --style basic "${h_small[@]}" --export-json "$out/small.json" \
  -n "strata check" "$(q "${small_s[@]}")" \
  -n "alembic revision --autogenerate" "$(q "${small_a[@]}")" 2>&1 | tee "$out/small.log" >&2
quiet small_defaults
hyperfine -N --style basic --warmup 1 --runs 3 --export-json "$out/small_defaults.json" \
  -n "alembic revision --autogenerate, compare_server_default=True" "$(q "${small_ad[@]}")" 2>&1 |
  tee "$out/small_defaults.log" >&2
quiet small_rss
rss "strata check (PostgreSQL, $small_n)" "${small_s[@]}"
rss "alembic revision --autogenerate (PostgreSQL, $small_n)" "${small_a[@]}"

# ---- 2. 5,000 tables, 2,500-deep chain: strata check per dialect --------------------------
# One hyperfine group per dialect: a failed MariaDB or SQLite run (see
# expect_clean) loses that figure only.
quiet big
hyperfine -N --style basic "${h_big[@]}" --export-json "$out/big.json" \
  -n "strata check, PostgreSQL" "$(q "$S" -c "$work/pg_big/strata/strata.toml" check)" 2>&1 |
  tee "$out/big.log" >&2
if ((sqlite)); then
  quiet big_sqlite
  hyperfine -N --style basic "${h_big[@]}" --export-json "$out/big_sqlite.json" \
    -n "strata check, SQLite" "$(q "$S" -c "$work/sqlite_big/strata/strata.toml" check)" 2>&1 |
    tee "$out/big_sqlite.log" >&2 || log "SQLite measurement failed"
fi
if ((mysql)); then
  quiet big_mysql
  hyperfine -N --style basic "${h_big[@]}" --export-json "$out/big_mysql.json" \
    -n "strata check, MariaDB" "$(q "$S" -c "$work/mysql_big/strata/strata.toml" check)" 2>&1 |
    tee "$out/big_mysql.log" >&2 || log "MariaDB measurement failed"
fi
quiet big_rss
rss "strata check (PostgreSQL, $big_n, chain $chain)" "$S" -c "$work/pg_big/strata/strata.toml" check
if ((sqlite)); then rss "strata check (SQLite, $big_n, chain $chain)" "$S" -c "$work/sqlite_big/strata/strata.toml" check || true; fi
if ((mysql)); then rss "strata check (MariaDB, $big_n, chain $chain)" "$S" -c "$work/mysql_big/strata/strata.toml" check || true; fi

# Alembic on the big shape: one run under timeout; time, exit status, last lines.
quiet alembic_big
set +e
/usr/bin/time -v -o "$out/alembic_big.time" timeout "$alembic_timeout" \
  "${ALEMBIC[@]}" -c "$work/pg_big/alembic/alembic.ini" revision --autogenerate -m bench \
  >"$out/alembic_big.out" 2>"$out/alembic_big.err"
status=$?
set -e
{
  echo "exit status: $status$( ((status == 124)) && echo " (timeout after $alembic_timeout s)")"
  grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$out/alembic_big.time"
  echo "stdout: $(tail -n 3 "$out/alembic_big.out")"
  echo "stderr (last line): $(tail -n 1 "$out/alembic_big.err")"
  echo "stderr lines: $(wc -l <"$out/alembic_big.err")"
  # Python prints the last 1,000 frames of a traceback: the repeating ones.
  echo "most frequent frames in the printed traceback: $(grep -o '[a-z_]*\.py", line [0-9]*, in [a-z_]*' \
    "$out/alembic_big.err" | sort | uniq -c | sort -rn | head -n 4 | sed 's/^ *//' | tr '\n' ';')"
} >"$out/alembic_big.txt"
cat "$out/alembic_big.txt" >&2
quiet end

# ---- summary ----------------------------------------------------------------------------
"$PY" - "$out" <<'PY' | tee "$out/summary.md"
import json, os, sys
out = sys.argv[1]
load = dict(l.rstrip("\n").split("\t", 1) for l in open(os.path.join(out, "load.tsv")) if l.strip())
rss = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, "rss.tsv")) if l.strip()]
def results(group):
    p = os.path.join(out, group + ".json")
    try:
        return json.load(open(p))["results"]
    except (OSError, ValueError):  # missing, or left empty by a failed hyperfine
        return []
print(open(os.path.join(out, "machine.txt")).read())
print("| group | command | mean ± stddev ms | median ms | min–max ms | runs | load (1/5/15) |")
print("|---|---|---:|---:|---:|---:|---|")
for group in ("small", "small_defaults", "big", "big_sqlite", "big_mysql"):
    for r in results(group):
        print(f"| {group} | `{r['command']}` | {r['mean']*1000:.0f} ± {r['stddev']*1000:.0f} | "
              f"{r['median']*1000:.0f} | {r['min']*1000:.0f}–{r['max']*1000:.0f} | {len(r['times'])} | {load.get(group, '')} |")
small = {r["command"]: r for r in results("small")}
if "strata check" in small:
    s, a = small["strata check"]["mean"], small["alembic revision --autogenerate"]["mean"]
    print(f"\nratio strata/alembic (PostgreSQL, small shape, means): {s / a:.4f} = 1/{a / s:.1f} (target ≤ 1/25)")
print("\n| peak RSS (max of the runs) | MiB | load after the runs |")
print("|---|---:|---|")
for name, kb, after in rss:
    print(f"| {name} | {int(kb) / 1024:.1f} | {after} |")
print("\nAlembic on the big shape (load " + load.get("alembic_big", "") + "):\n```\n" +
      open(os.path.join(out, "alembic_big.txt")).read().rstrip() + "\n```")
PY
log "results in $out"
