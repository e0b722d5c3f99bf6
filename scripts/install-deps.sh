#!/usr/bin/env bash
# Install the Debian 12 packages strata needs. Idempotent: does nothing when
# everything is already installed.
#   install-deps.sh example   what building the `strata` tool and running the
#                             WeatherAI example on SQLite need (lean)
#   install-deps.sh [all]     also the test and benchmark tools, help2man (man
#                             pages; the build skips them without it), PostgreSQL 15,
#                             MariaDB, Alembic 1.8 (the test oracle) and
#                             clang with libFuzzer (scripts/fuzz.sh)
set -euo pipefail

profile="${1:-all}"
packages=(
  cmake ninja-build ccache g++ pkg-config
  libpq-dev libsqlite3-dev liblua5.4-dev libtomlplusplus-dev libcli11-dev liburing-dev
  libfmt-dev nlohmann-json3-dev libmariadb-dev sqlite3
)
case "$profile" in
  example) ;;
  all)
    packages+=(
      libgtest-dev libgmock-dev libbenchmark-dev
      postgresql-15 postgresql-client-15
      mariadb-server mariadb-client
      python3-alembic python3-psycopg2 hyperfine time
      help2man
      clang libclang-rt-14-dev
    )
    ;;
  *) echo "usage: $0 [example|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "strata: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
