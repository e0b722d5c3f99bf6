#!/usr/bin/env bash
# Quick-start command 1: install what is missing, build, and run the
# WeatherAI example end to end on SQLite (the embedded default):
# upgrade head, current, history, downgrade -1, upgrade head, `check` (the
# models in examples/weatherai/models agree with the database), then the
# safety verbs: validate (applied scripts unchanged), verify (every rollback
# on a scratch database), lint and doctor.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STRATA_PROFILE=example "$root/scripts/build.sh" strata >/dev/null
strata="$root/build/strata"
work="$(mktemp -d /tmp/strata-weatherai.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples/weatherai/." "$work/"
cd "$work"
export WEATHERAI_DB_URL="sqlite:///$work/weatherai.db"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
step "$strata" upgrade head
step "$strata" current -v
step "$strata" history
step "$strata" downgrade -1
step "$strata" current
step "$strata" upgrade head
step "$strata" current
step "$strata" check
step "$strata" validate
step "$strata" verify
step "$strata" lint
step "$strata" doctor
printf '\nTables after upgrade head:\n'
for f in weatherai*.db; do
  printf '  %s: %s\n' "$f" "$(sqlite3 "$f" "SELECT group_concat(name, ', ') FROM sqlite_master WHERE type='table'")"
done
