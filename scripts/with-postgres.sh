#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh <command> [args...]
#
# Starts a throwaway PostgreSQL 15 (Debian's /usr/lib/postgresql/15/bin, or
# $PG_BIN) in a fresh temp directory on a free loopback port, runs the command
# with
#   STRATA_TEST_PG_URL=postgresql://postgres@127.0.0.1:<port>/postgres
#   PGHOST=127.0.0.1 PGPORT=<port> PGUSER=postgres PGDATABASE=postgres
# and stops the server and removes the directory afterwards — also when the
# command fails or this script is interrupted. Exits with the command's exit
# code (130/143 when interrupted).
#
# When MariaDB is installed (Debian's mariadb-server: mariadbd,
# mariadb-install-db), a throwaway MariaDB is started the same way (own temp
# dir, free loopback port, root with an empty password) and the command also
# gets
#   STRATA_TEST_MYSQL_URL=mysql://root@127.0.0.1:<port>/mysql
#   STRATA_TEST_MYSQL_SOCKET=<its unix socket>
# Without MariaDB a one-line note is printed and only PostgreSQL runs.
# STRATA_NO_MARIADB=1 skips it on purpose.
#
# Runs as root too: the server then runs as the `postgres` user (initdb
# refuses root), MariaDB as `mysql` when that user exists. Directories of
# earlier crashed runs (prefixes strata-pg. and strata-mdb.) whose owner
# script and server are both dead are removed first.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [[ ! -x "$pg_bin/initdb" || ! -x "$pg_bin/pg_ctl" ]]; then
  echo "with-postgres: no PostgreSQL server binaries in $pg_bin (apt-get install postgresql-15)" >&2
  exit 1
fi

# Short base dir: the unix socket path must stay under ~107 bytes.
base="/tmp"
prefix="strata-pg."

if [[ "$(id -u)" -eq 0 ]]; then
  if ! id -u postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root needs a 'postgres' user to run the server" >&2
    exit 1
  fi
  pg_user="postgres"
  as_pg() { (cd "$tmp" && runuser -u postgres -- "$@"); }
else
  pg_user="$(id -un)"
  as_pg() { (cd "$tmp" && "$@"); }
fi

pid_alive() { [[ -n "$1" && "$1" =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null; }

# Remove directories of crashed runs: owner script dead and no live server.
cleanup_stale() {
  local dir owner postmaster
  for dir in "$base/$prefix"*; do
    [[ -d "$dir" ]] || continue
    owner="$(head -n1 "$dir/owner.pid" 2>/dev/null || true)"
    if [[ -z "$owner" ]]; then
      # Being created right now by another run, or not one of ours: leave
      # it unless it is old (more than an hour).
      [[ -n "$(find "$dir" -maxdepth 0 -mmin +60 2>/dev/null)" ]] || continue
    elif pid_alive "$owner"; then
      continue
    fi
    postmaster="$(head -n1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
    if pid_alive "$postmaster"; then
      echo "with-postgres: note: $dir has a live server (pid $postmaster) of a crashed run; leaving it" >&2
      continue
    fi
    rm -rf -- "$dir" 2>/dev/null || true
  done
}

# Same for MariaDB's directories (server pid in $dir/mdb.pid).
cleanup_stale_mariadb() {
  local dir owner server
  for dir in "$base/strata-mdb."*; do
    [[ -d "$dir" ]] || continue
    owner="$(head -n1 "$dir/owner.pid" 2>/dev/null || true)"
    if [[ -z "$owner" ]]; then
      [[ -n "$(find "$dir" -maxdepth 0 -mmin +60 2>/dev/null)" ]] || continue
    elif pid_alive "$owner"; then
      continue
    fi
    server="$(head -n1 "$dir/mdb.pid" 2>/dev/null || true)"
    if pid_alive "$server"; then
      echo "with-postgres: note: $dir has a live MariaDB (pid $server) of a crashed run; leaving it" >&2
      continue
    fi
    rm -rf -- "$dir" 2>/dev/null || true
  done
}

pick_port() {
  local py
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1; then
      "$py" -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' && return 0
    fi
  done
  # Fallback: a random port nobody answers on.
  local port i
  for ((i = 0; i < 100; i++)); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

tmp=""
datadir=""
child=""
started=0
mtmp=""
mdb_pid=""

stop_mariadb() {
  # The data is thrown away: no clean InnoDB shutdown needed (like PG's
  # -m immediate).
  if [[ -n "$mdb_pid" ]] && pid_alive "$mdb_pid"; then
    kill -KILL "$mdb_pid" 2>/dev/null
    wait "$mdb_pid" 2>/dev/null
  fi
  mdb_pid=""
  if [[ -n "$mtmp" && -d "$mtmp" ]]; then
    rm -rf -- "$mtmp"
  fi
}

# Small, unsafe-but-fast InnoDB settings for a throwaway server (also make
# mariadb-install-db twice as fast).
mdb_fast=(--innodb-buffer-pool-size=32M --innodb-log-file-size=16M
  --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0)

# Start a throwaway MariaDB; sets mdb_port / mtmp, or returns 1 with a note.
start_mariadb() {
  local mdbd="" installdb="" admin="" user_flag attempt i
  for mdbd in /usr/sbin/mariadbd /usr/sbin/mysqld ""; do
    [[ -n "$mdbd" && -x "$mdbd" ]] && break
  done
  installdb="$(command -v mariadb-install-db || command -v mysql_install_db || true)"
  admin="$(command -v mariadb-admin || command -v mysqladmin || true)"
  if [[ -z "$mdbd" || -z "$installdb" || -z "$admin" ]]; then
    echo "with-postgres: note: MariaDB not installed (apt-get install mariadb-server); MySQL tests skip" >&2
    return 1
  fi
  mtmp="$(mktemp -d "$base/strata-mdb.XXXXXXXX")"
  echo "$$" >"$mtmp/owner.pid"
  if [[ "$(id -u)" -eq 0 ]]; then
    if id -u mysql >/dev/null 2>&1; then
      user_flag="--user=mysql"
      chown mysql: "$mtmp"
    else
      user_flag="--user=root"
    fi
  else
    user_flag="--user=$(id -un)"
  fi
  # mariadb-install-db has been seen to fail once in a while on a loaded
  # machine; a second try in a clean directory succeeds.
  local installed=0
  for attempt in 1 2 3; do
    rm -rf -- "$mtmp/data"
    if "$installdb" --no-defaults --datadir="$mtmp/data" "$user_flag" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
        "${mdb_fast[@]}" >"$mtmp/install.log" 2>&1 </dev/null; then
      installed=1
      break
    fi
    sleep 1
  done
  if [[ "$installed" -ne 1 ]]; then
    echo "with-postgres: note: mariadb-install-db failed 3 times; MySQL tests skip:" >&2
    grep -iE "error|fail" "$mtmp/install.log" | head -n 10 >&2 2>/dev/null || true
    tail -n 5 "$mtmp/install.log" >&2 2>/dev/null || true
    stop_mariadb
    return 1
  fi
  # Its own temp dir: servers sharing /tmp have been seen to delete each
  # other's #sql-temptable files.
  mkdir -p "$mtmp/tmp"
  [[ "$user_flag" == "--user=mysql" ]] && chown mysql: "$mtmp/tmp"
  for attempt in 1 2 3 4 5; do
    mdb_port="$(pick_port)" || break
    : >"$mtmp/err.log"
    [[ "$user_flag" == "--user=mysql" ]] && chown mysql: "$mtmp/err.log"
    "$mdbd" --no-defaults --datadir="$mtmp/data" --socket="$mtmp/mdb.sock" \
      --port="$mdb_port" --bind-address=127.0.0.1 "$user_flag" \
      --pid-file="$mtmp/mdb.pid" --log-error="$mtmp/err.log" --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      "${mdb_fast[@]}" --skip-log-bin --performance-schema=OFF --tmpdir="$mtmp/tmp" \
      </dev/null >/dev/null 2>&1 &
    mdb_pid=$!
    for ((i = 0; i < 300; i++)); do
      pid_alive "$mdb_pid" || break
      if "$admin" --no-defaults --protocol=tcp -h 127.0.0.1 -P "$mdb_port" -u root \
          --connect-timeout=2 ping >/dev/null 2>&1 </dev/null; then
        return 0
      fi
      sleep 0.1
    done
    if pid_alive "$mdb_pid"; then
      kill -KILL "$mdb_pid" 2>/dev/null
    fi
    wait "$mdb_pid" 2>/dev/null
    mdb_pid=""
    grep -qi "address already in use" "$mtmp/err.log" 2>/dev/null && continue
    break
  done
  echo "with-postgres: note: MariaDB did not start; MySQL tests skip:" >&2
  tail -n 5 "$mtmp/err.log" >&2 2>/dev/null || true
  stop_mariadb
  return 1
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n "$child" ]] && pid_alive "$child"; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  stop_mariadb
  if [[ "$started" -eq 1 && -n "$datadir" ]]; then
    as_pg "$pg_bin/pg_ctl" -D "$datadir" -m immediate -w -t 30 stop >/dev/null 2>&1
  fi
  if [[ -n "$tmp" && -d "$tmp" ]]; then
    rm -rf -- "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cleanup_stale
cleanup_stale_mariadb

tmp="$(mktemp -d "$base/${prefix}XXXXXXXX")"
echo "$$" >"$tmp/owner.pid"
datadir="$tmp/data"
mkdir -p "$datadir" "$tmp/sock"
if [[ "$pg_user" == "postgres" && "$(id -u)" -eq 0 ]]; then
  chown -R postgres: "$tmp"
fi
chmod 700 "$tmp" "$datadir"

if ! as_pg "$pg_bin/initdb" -D "$datadir" -U postgres -A trust -E UTF8 --locale=C \
    --no-sync >"$tmp/initdb.log" 2>&1 </dev/null; then
  echo "with-postgres: initdb failed:" >&2
  cat "$tmp/initdb.log" >&2
  exit 1
fi

port=""
for attempt in 1 2 3 4 5; do
  port="$(pick_port)" || { echo "with-postgres: no free port found" >&2; exit 1; }
  started=1  # from here on, cleanup tries to stop a server
  if as_pg "$pg_bin/pg_ctl" -D "$datadir" -l "$tmp/server.log" -w -t 60 \
      -o "-p $port -k $tmp/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null 2>&1 </dev/null; then
    break
  fi
  if [[ "$attempt" -lt 5 ]] && grep -q "already in use" "$tmp/server.log" 2>/dev/null; then
    continue  # somebody took the port in between; try another one
  fi
  echo "with-postgres: the server did not start:" >&2
  tail -n 20 "$tmp/server.log" >&2 2>/dev/null || true
  exit 1
done

export STRATA_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=postgres PGDATABASE=postgres
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port (data in $tmp)" >&2

if [[ "${STRATA_NO_MARIADB:-}" != "1" ]] && start_mariadb; then
  export STRATA_TEST_MYSQL_URL="mysql://root@127.0.0.1:$mdb_port/mysql"
  export STRATA_TEST_MYSQL_SOCKET="$mtmp/mdb.sock"
  echo "with-postgres: MariaDB on 127.0.0.1:$mdb_port (data in $mtmp)" >&2
else
  unset STRATA_TEST_MYSQL_URL STRATA_TEST_MYSQL_SOCKET
fi

# Run in the background and wait, so INT/TERM reach the trap at once; the
# explicit <&0 keeps the caller's stdin.
set +e
"$@" <&0 &
child=$!
wait "$child"
rc=$?
child=""
set -e
exit "$rc"
