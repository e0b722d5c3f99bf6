#!/usr/bin/env bash
# `strata import-alembic` on a 1,000-revision Alembic project (issue 9), and,
# in the same run, heads / history on both sides: `/usr/bin/python3 -m alembic
# heads|history` on the Alembic project vs `strata heads|history` on the
# imported one. Figures and method: bench/README.md, section "import-alembic".
#
# Usage: bench/import_alembic_bench.sh [-o OUTDIR] [-n REVISIONS] [--runs N]
#   -o OUTDIR   projects, outputs and summary.md (default: a new
#               /tmp/strata-impbench.XXXXXX)
#   -n N        revisions to generate (default 1000)
#   --runs N    timed runs of each command (default 3)
# Env: STRATA (default build/strata; copied to OUTDIR/bin first so a rebuild
# in the shared tree cannot disturb the run). Needs /usr/bin/python3 with
# alembic and hyperfine. No database: none of the commands connects (the URL
# BENCH_DB_URL names a SQLite file that is never opened).
#
# The project comes from bench/gen_alembic_project.py (linear chain, a
# 3-revision side branch with a branch label and a merge in every block of
# 100; autogenerate-style bodies). Before timing, the script checks that the
# import reports "N revisions, N translated whole, 0 to edit" and that
# `strata heads` / `strata history` print what Alembic prints (branch labels
# sorted within their parentheses first: Alembic prints them from a Python
# set, in hash order); it stops on any difference.
# Each import run writes into a fresh directory (hyperfine --prepare removes
# it). heads / history are timed warm: one warm-up run leaves strata's header
# cache and Alembic's __pycache__ in place. Reports min / median wall time, revisions per second of the median,
# and the 1-minute load average before and after.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="" n=1000 runs=3
while (($#)); do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    -n) n="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "import_alembic_bench: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -n "$out" ]] || out="$(mktemp -d /tmp/strata-impbench.XXXXXX)"
mkdir -p "$out/bin"
cp "${STRATA:-$root/build/strata}" "$out/bin/strata"
strata="$out/bin/strata"
python=/usr/bin/python3
load() { cut -d' ' -f1 /proc/loadavg; }
die() { echo "import_alembic_bench: $*" >&2; exit 1; }

echo "import_alembic_bench: load before: $(uptime)" >&2
rm -rf "$out/alembic" "$out/strata" "$out/import"
"$python" "$root/bench/gen_alembic_project.py" "$out/alembic" "$n" >&2
export BENCH_DB_URL="sqlite:///$out/never_opened.db"

# --- Checks (also the first, untimed import) --------------------------------
"$strata" import-alembic "$out/alembic" -o "$out/strata" >"$out/import.out" 2>"$out/import.err" ||
  die "import failed: $(cat "$out/import.out" "$out/import.err")"
grep -qx "$n revisions, $n translated whole, 0 to edit" "$out/import.out" ||
  die "unexpected summary: $(head -1 "$out/import.out")"
sort_labels() { perl -pe 's/\(((?:[\w-]+, )+[\w-]+)\)/"(" . join(", ", sort split(\/, \/, $1)) . ")"/ge'; }
for verb in heads history; do
  (cd "$out/alembic" && PYTHONDONTWRITEBYTECODE= "$python" -m alembic "$verb") >"$out/alembic.$verb"
  (cd "$out/strata" && "$strata" "$verb") >"$out/strata.$verb"
  cmp -s <(sort_labels <"$out/alembic.$verb") <(sort_labels <"$out/strata.$verb") ||
    die "strata $verb differs from alembic $verb (see $out/{alembic,strata}.$verb)"
done
[[ $(wc -l <"$out/alembic.heads") == 1 ]] || die "expected one head: $(cat "$out/alembic.heads")"
echo "import_alembic_bench: checks passed: $(head -1 "$out/import.out"); heads and history (" \
  "$(wc -l <"$out/alembic.history") lines) equal Alembic's" >&2

# --- Timing ------------------------------------------------------------------
load_start="$(load)"
hyperfine -N --style basic --runs "$runs" --export-json "$out/import.json" \
  --prepare "rm -rf $out/import" \
  -n "strata import-alembic" "$strata import-alembic $out/alembic -o $out/import" >&2
(cd "$out/alembic" && hyperfine -N --style basic --runs "$runs" --warmup 1 \
  --export-json "$out/alembic.json" \
  -n "alembic heads" "$python -m alembic heads" \
  -n "alembic history" "$python -m alembic history") >&2
(cd "$out/strata" && hyperfine -N --style basic --runs "$runs" --warmup 1 \
  --export-json "$out/strata.json" \
  -n "strata heads" "$strata heads" \
  -n "strata history" "$strata history") >&2
load_end="$(load)"

"$python" - "$out" "$n" "$load_start" "$load_end" >"$out/summary.md" <<'PY'
import json, statistics, sys
out, n, l0, l1 = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = []
for f in ("import", "alembic", "strata"):
    for r in json.load(open("%s/%s.json" % (out, f)))["results"]:
        t = r["times"]
        rows.append((r["command"], min(t), statistics.median(t), max(t), len(t)))
print("| command | runs | min | median | max |")
print("|---|---|---|---|---|")
for name, lo, med, hi, k in rows:
    print("| `%s` | %d | %.3f s | %.3f s | %.3f s |" % (name, k, lo, med, hi))
imp = rows[0]
print()
print("import-alembic: %d revisions, %.0f revisions/s at the median (%.0f at the min); "
      "1-min load average %s before, %s after" % (n, n / imp[2], n / imp[1], l0, l1))
PY
cat "$out/summary.md"
echo "import_alembic_bench: results in $out; load after: $(uptime)" >&2
