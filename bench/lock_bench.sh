#!/usr/bin/env bash
# The migration-lock figures of issue 8 (§1, §10 "double apply"): N
# concurrent `strata upgrade head` processes × T trials per dialect, with
# transaction_per_migration = true and 6 idempotent revisions
# (create_table if_not_exists + one insert into apply_log). A trial passes
# when every process exits 0, every revision's insert happened exactly once,
# the version table holds exactly one row (the head) and no lock is left
# (PostgreSQL: no advisory lock in pg_locks; MariaDB: IS_FREE_LOCK = 1).
#
# Usage: bench/lock_bench.sh [--no-lock] [--quick]
#   --no-lock  pass --no-lock to strata (shows what the lock prevents)
#   --quick    2 trials per dialect (checks the script)
# Env: PG_PROCS (16) PG_TRIALS (50) MY_PROCS (8) MY_TRIALS (20)
#      LITE_PROCS (8) LITE_TRIALS (20); STRATA (build/strata).
# Re-runs itself under scripts/with-postgres.sh unless STRATA_TEST_PG_URL is
# set. Prints one summary line per dialect and the 1-minute load average.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if [[ -z "${STRATA_TEST_PG_URL:-}" ]]; then
  exec "$here/scripts/with-postgres.sh" "$0" "$@"
fi
extra=() quick=0
for arg in "$@"; do
  case "$arg" in
    --no-lock) extra+=(--no-lock) ;;
    --quick) quick=1 ;;
    *) echo "usage: $0 [--no-lock] [--quick]" >&2; exit 2 ;;
  esac
done
strata="${STRATA:-$here/build/strata}"
bin="$(mktemp -d /tmp/strata-lockbench.XXXXXX)"
trap 'rm -rf "$bin"' EXIT
cp "$strata" "$bin/strata"   # a rebuild in the shared tree cannot disturb the run
revs=6

make_project() {  # dir url
  mkdir -p "$1/migrations/versions"
  printf 'script_location = "migrations"\nurl = "%s"\ntransaction_per_migration = true\n' "$2" >"$1/strata.toml"
  for i in $(seq 1 $revs); do
    local down=nil; [[ $i -gt 1 ]] && down="\"r$((1000 + i - 1))\""
    cat >"$1/migrations/versions/r$((1000 + i)).lua" <<LUA
revision = "r$((1000 + i))"
down_revision = $down
function upgrade()
  op.create_table("apply_log", op.column("rev", op.String(10), {nullable = false}), {if_not_exists = true})
  op.create_table("t$i", op.column("id", op.Integer, {primary_key = true}), {if_not_exists = true})
  op.execute("INSERT INTO apply_log (rev) VALUES ('r$((1000 + i))')")
end
function downgrade() op.drop_table("t$i") end
LUA
  done
}

# run_trials NAME PROCS TRIALS URL SQLFN RESETFN
run_trials() {
  local name=$1 procs=$2 trials=$3 url=$4 sqlfn=$5 resetfn=$6
  local dir="$bin/$name" ok=0 bad_exit=0 double=0 bad_rows=0 lock_left=0
  make_project "$dir" "$url"
  local start=$SECONDS
  for t in $(seq 1 "$trials"); do
    $resetfn
    local pids=() fails=0
    for p in $(seq 1 "$procs"); do
      (cd "$dir" && "$bin/strata" -q upgrade head "${extra[@]}" >/dev/null 2>"$dir/err.$p") & pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || fails=$((fails + 1)); done
    local dup rows versions left good=1
    dup=$($sqlfn "SELECT count(*) - count(DISTINCT rev) FROM apply_log" 2>/dev/null || echo err)
    rows=$($sqlfn "SELECT count(DISTINCT rev) FROM apply_log" 2>/dev/null || echo err)
    versions=$($sqlfn "SELECT count(*) FROM alembic_version" 2>/dev/null || echo err)
    left=$(lock_left_$name)
    [[ $fails -ne 0 ]] && { bad_exit=$((bad_exit + 1)); good=0; }
    [[ "$dup" != 0 ]] && { double=$((double + 1)); good=0; }
    [[ "$rows" != "$revs" || "$versions" != 1 ]] && { bad_rows=$((bad_rows + 1)); good=0; }
    [[ "$left" != 0 ]] && { lock_left=$((lock_left + 1)); good=0; }
    ok=$((ok + good))
  done
  echo "$name: $procs processes x $trials trials: $ok/$trials clean; trials with a failed process: $bad_exit," \
       "with a revision applied twice: $double, with wrong version rows: $bad_rows, with a lock left: $lock_left;" \
       "$((SECONDS - start)) s"
}

# PostgreSQL
pg_db=lockbench_$$
psql -X -q -d "$STRATA_TEST_PG_URL" -c "CREATE DATABASE $pg_db"
pg_url="${STRATA_TEST_PG_URL%/*}/$pg_db"
pg_sql() { psql -X -qAt -d "$pg_url" -c "$1"; }
pg_reset() { psql -X -q -d "$pg_url" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" >/dev/null 2>&1; }
lock_left_postgresql() { pg_sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"; }
[[ $quick == 1 ]] && PG_TRIALS=2 MY_TRIALS=2 LITE_TRIALS=2
run_trials postgresql "${PG_PROCS:-16}" "${PG_TRIALS:-50}" "$pg_url" pg_sql pg_reset
psql -X -q -d "$STRATA_TEST_PG_URL" -c "DROP DATABASE $pg_db WITH (FORCE)"

# SQLite
lite_file="$bin/lite.db"
lite_sql() { sqlite3 "$lite_file" "$1"; }
lite_reset() { rm -f "$lite_file" "$lite_file-journal" "$lite_file-wal"; }
lock_left_sqlite() { sqlite3 "$lite_file" "BEGIN EXCLUSIVE; COMMIT;" >/dev/null 2>&1 && echo 0 || echo 1; }
run_trials sqlite "${LITE_PROCS:-8}" "${LITE_TRIALS:-20}" "sqlite:///$lite_file" lite_sql lite_reset

# MariaDB
if [[ -n "${STRATA_TEST_MYSQL_URL:-}" ]]; then
  my_base="${STRATA_TEST_MYSQL_URL%/*}"
  my_db=lockbench_$$
  my_sock="${STRATA_TEST_MYSQL_SOCKET:-}"
  my() { mariadb --socket="$my_sock" -uroot -N -B "$@"; }
  my -e "CREATE DATABASE $my_db"
  my_sql() { my "$my_db" -e "$1"; }
  my_reset() { my -e "DROP DATABASE $my_db; CREATE DATABASE $my_db"; }
  lock_left_mysql() { my_sql "SELECT 1 - IS_FREE_LOCK('strata:$my_db.alembic_version')"; }
  run_trials mysql "${MY_PROCS:-8}" "${MY_TRIALS:-20}" "$my_base/$my_db" my_sql my_reset
  my -e "DROP DATABASE $my_db"
else
  echo "mysql: no MariaDB (STRATA_TEST_MYSQL_URL unset): not measured"
fi
echo "load average (1 min) at the end: $(cut -d' ' -f1 /proc/loadavg); nproc $(nproc)"
