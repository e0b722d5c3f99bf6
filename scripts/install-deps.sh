#!/usr/bin/env bash
# Install the Debian 12 packages strata needs to build, test and benchmark.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++ pkg-config
  libpq-dev libsqlite3-dev liblua5.4-dev libtomlplusplus-dev libcli11-dev liburing-dev libssl-dev
  libfmt-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 sqlite3
  libmariadb-dev mariadb-server mariadb-client
  python3-alembic python3-psycopg2 hyperfine time
)

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
