#!/usr/bin/env bash
# Offline `upgrade base:head --sql` over a 10,000-revision chain (each
# revision op.execute("SELECT 1")): strata against Alembic 1.8 on the twin
# project (strata_bench_gen chain), in the same hyperfine run. The cost is
# per script run (a Lua sandbox per revision), so this is also the per-step
# overhead of an online upgrade of many small revisions.
#
# Usage: bench/offline_sql_bench.sh [-o OUTDIR] [-n REVISIONS] [--baseline STRATA_BIN]
#                                   [--wait-quiet MINUTES] [--rounds N]
#
#   -o OUTDIR            results (hyperfine JSON, summary.md); default a new
#                        /tmp/strata-offline.XXXXXX
#   -n REVISIONS         chain length (default 10000)
#   --baseline BIN       also measure another strata binary (e.g. an older build)
#   --wait-quiet MINUTES wait until the 1-minute load average is below
#                        $STRATA_BENCH_MAX_LOAD (default 1.0) or MINUTES pass
#   --rounds N           interleaved rounds (default 40; 0: none): each round
#                        runs strata and the baseline once, in turn
#                        (bench/current_startup/interleave.py), so the VM's
#                        drift cancels out of their ratio; the verdict is
#                        strata's median wall time over these rounds (Alembic,
#                        seconds long, is measured in its own block: run
#                        between strata's rounds it slowed them by a third)
#
# Builds strata and strata_bench_gen under /tmp/strata-build.lock and
# measures copies of them. No database: the chain uses SQLite's URL and --sql.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="" n=10000 baseline="" wait_quiet=0 rounds=40
while (($#)); do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    -n) n="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --wait-quiet) wait_quiet="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "offline_sql_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
log() { echo "offline_sql_bench: $*" >&2; }

if [[ -z "${STRATA_BENCH_BUILT:-}" ]]; then
  flock /tmp/strata-build.lock cmake --build "$root/build" -j2 --target strata strata_bench_gen >&2
fi
[[ -n "$out" ]] || out="$(mktemp -d /tmp/strata-offline.XXXXXX)"
mkdir -p "$out/bin"
out="$(cd "$out" && pwd)"
cp -f "$root/build/strata" "$root/build/bench/strata_bench_gen" "$out/bin/"
[[ -n "$baseline" ]] && cp -f "$baseline" "$out/bin/strata-baseline"
S="$out/bin/strata"
rm -rf "$out/chain"
"$out/bin/strata_bench_gen" chain "$out/chain" "$n" >&2
cfg="$out/chain/strata/strata.toml"
ini="$out/chain/alembic/alembic.ini"
unset PYTHONDONTWRITEBYTECODE
sleep 3  # the header cache skips scripts changed less than 2 s ago
"$S" -q -c "$cfg" upgrade base:head --sql >"$out/strata.sql"
/usr/bin/python3 -m alembic -c "$ini" upgrade base:head --sql >"$out/alembic.sql" 2>/dev/null
# Same migration: one version statement per revision from both tools.
s_up=$(grep -c '^UPDATE alembic_version' "$out/strata.sql" || true)
a_up=$(grep -c '^UPDATE alembic_version' "$out/alembic.sql" || true)
s_sel=$(grep -c '^SELECT 1;' "$out/strata.sql" || true)
a_sel=$(grep -c '^SELECT 1;' "$out/alembic.sql" || true)
log "strata: $s_sel SELECT 1 / $s_up version updates; alembic: $a_sel / $a_up"
[[ "$s_sel" == "$n" && "$a_sel" == "$n" && "$s_up" == "$a_up" ]] || { log "outputs disagree"; exit 1; }
if [[ -n "$baseline" ]]; then
  "$out/bin/strata-baseline" -q -c "$cfg" upgrade base:head --sql >"$out/baseline.sql"
  cmp -s "$out/strata.sql" "$out/baseline.sql" && log "baseline prints the same SQL" ||
    log "note: baseline SQL differs from strata's"
fi

load1() { cut -d' ' -f1 /proc/loadavg; }
if ((wait_quiet > 0)); then
  deadline=$((SECONDS + wait_quiet * 60))
  while awk -v l="$(load1)" -v m="${STRATA_BENCH_MAX_LOAD:-1.0}" 'BEGIN { exit !(l >= m) }'; do
    ((SECONDS >= deadline)) && { log "load still $(load1); measuring anyway"; break; }
    log "load $(load1); waiting"; sleep 30
  done
fi

q() { printf '%q ' "$@"; }
cmds=(-n "strata upgrade --sql" "$(q "$S" -q -c "$cfg" upgrade base:head --sql)")
[[ -n "$baseline" ]] && cmds+=(-n "strata upgrade --sql (baseline)" "$(q "$out/bin/strata-baseline" -q -c "$cfg" upgrade base:head --sql)")
load_before="$(uptime)"
hyperfine -N --style basic --warmup 1 --min-runs 10 --export-json "$out/strata.json" "${cmds[@]}" 2>&1 | tee "$out/strata.log" >&2
hyperfine -N --style basic --warmup 1 --runs 3 --export-json "$out/alembic.json" \
  -n "alembic upgrade --sql" "$(q /usr/bin/python3 -m alembic -c "$ini" upgrade base:head --sql)" 2>&1 |
  tee "$out/alembic.log" >&2
if ((rounds > 0)); then
  icmds=("strata upgrade --sql=$(q "$S" -q -c "$cfg" upgrade base:head --sql)")
  [[ -n "$baseline" ]] && icmds+=("strata upgrade --sql (baseline)=$(q "$out/bin/strata-baseline" -q -c "$cfg" upgrade base:head --sql)")
  /usr/bin/python3 "$root/bench/current_startup/interleave.py" "$rounds" "$out/interleaved.json" \
    "${icmds[@]}" >"$out/interleaved.md"
fi
load_after="$(uptime)"
perf stat -r 5 -e task-clock,page-faults "$S" -q -c "$cfg" upgrade base:head --sql 2>&1 >/dev/null |
  grep -E 'task-clock|page-faults|elapsed' >"$out/perf.txt" || true

/usr/bin/python3 - "$out" "$n" "$load_before" "$load_after" <<'PY' | tee "$out/summary.md"
import json, os, sys
out, n, before, after = sys.argv[1:5]
rs = {}
for f in ("strata.json", "alembic.json"):
    rs.update({r["command"]: r for r in json.load(open(os.path.join(out, f)))["results"]})
ref = rs["alembic upgrade --sql"]["median"]
print(f"upgrade base:head --sql, {n} revisions\nload before: {before.strip()}\nload after:  {after.strip()}\n")
print("| command | median ms | mean ms | min ms | max ms | runs | × alembic |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, r in rs.items():
    print(f"| `{name}` | {r['median']*1000:.0f} | {r['mean']*1000:.0f} | {r['min']*1000:.0f} | "
          f"{r['max']*1000:.0f} | {len(r['times'])} | {r['median']/ref:.3f} |")
s = rs["strata upgrade --sql"]["median"]
print(f"\nhyperfine (blocks): strata median {s:.3f} s")
il_path = os.path.join(out, "interleaved.json")
if os.path.exists(il_path):
    print("\ninterleaved rounds (ratios to strata, per round):\n")
    print(open(os.path.join(out, "interleaved.md")).read().rstrip())
    il = json.load(open(il_path))["commands"]["strata upgrade --sql"]
    s = il["wall_ms"] / 1000
print(f"\ntarget ≤ 0.15 s: {s:.3f} s — {'met' if s <= 0.15 else 'NOT met'}")
print("\nperf stat -r 5 (strata):\n```\n" + open(os.path.join(out, "perf.txt")).read().rstrip() + "\n```")
PY
log "results in $out"
