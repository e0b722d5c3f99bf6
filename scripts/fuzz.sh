#!/usr/bin/env bash
# libFuzzer targets of fuzz/ (see fuzz/README.md), built with Debian's clang
# into build-fuzz/, separate from the main gcc build.
#
#   fuzz.sh build            compile what changed (sources listed below only)
#   fuzz.sh smoke [RUNS]     build, then run each target RUNS times (default
#                            3000) over its seed corpus; exit 1 on a crash
#   fuzz.sh run RUNS [T...]  build, then run each target (or the named ones)
#                            RUNS times, one at a time (one process each),
#                            niced; prints one line per target: name,
#                            executions, crashes (0/1), seconds
#
# Nothing here connects anywhere: the URL target parses URLs only.
# Crash inputs land in build-fuzz/crashes/<target>/.
set -euo pipefail
root="${STRATA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
out="${STRATA_FUZZ_BUILD:-$root/build-fuzz}"
cxx="${CLANGXX:-clang++}"
targets=(fuzz_config fuzz_url fuzz_revision fuzz_header_scan fuzz_header_lua)

# The library sources the targets need (a static archive: each target links
# only what it uses).
sources=(
  config/config.cpp config/url.cpp config/redact.cpp config/template.cpp config/toml_nesting.cpp
  model/naming.cpp
  script/revision_map.cpp script/revision_map_walk.cpp script/migration_plan.cpp
  lua/script_header.cpp lua/sandbox.cpp lua/script_file.cpp lua/error_line.cpp lua/op_api.cpp lua/op_batch.cpp lua/op_constraint_ops.cpp
  lua/op_data_ops.cpp lua/op_reverse.cpp lua/op_support.cpp lua/op_table_ops.cpp lua/op_type_ops.cpp
  lua/op_values.cpp lua/op_tenant.cpp ops/op_spec.cpp ops/reverse.cpp ops/describe.cpp ops/schema_names.cpp
  ops/tenant_schema.cpp
  common/text.cpp
)

flags=(-std=c++20 -O1 -g -fno-omit-frame-pointer
       -fsanitize=address,undefined -fno-sanitize-recover=undefined
       -I"$root/include" -I"$root/src" $(pkg-config --cflags lua5.4 tomlplusplus)
       -DFMT_HEADER_ONLY -DSTRATA_VERSION=\"fuzz\"
       # toml++ 3.3's internal asserts are off here as in strata's own builds:
       # parse_key() asserts what a table header like "[\x02]" breaks and
       # then reports that input as the error it is (config_test
       # ControlCharacterInTableHeaderIsAnError).
       "-DTOML_ASSERT(expr)=static_cast<void>(0)")
# The targets fuzz strata's code: toml++'s parser is linked from Debian's
# shared library (built like strata's, uninstrumented), not compiled in as in
# strata's builds. Compiled in, UBSan stops in toml++ 3.3 itself: its
# is_non_ascii_horizontal_whitespace() reaches TOML_UNREACHABLE for code
# points such as U+03D3 (GCC's code, strata's and Debian's alike, answers
# "not whitespace" there); fixed upstream, not in Debian 12's 3.3.0.
libs=($(pkg-config --libs lua5.4 tomlplusplus) -lcrypto -ldl)
# Compiles and links share the machine-wide build lock with the main build.
lock=""
if command -v flock >/dev/null; then lock="flock /tmp/strata-build.lock"; fi

need_clang() {
  if ! command -v "$cxx" >/dev/null; then
    echo "fuzz.sh: $cxx not found (scripts/install-deps.sh all installs clang)" >&2
    exit 1
  fi
}

# Compiles $1 (a path) to $2 unless $2 is newer than $1 and every header
# its dependency file lists.
compile() {
  local src="$1" obj="$2" dep="${2%.o}.d"
  if [ -f "$obj" ] && [ -f "$dep" ]; then
    local stale=0 f
    for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
      if [ "$f" -nt "$obj" ]; then stale=1; break; fi
    done
    [ "$stale" = 0 ] && return 0
  fi
  mkdir -p "$(dirname "$obj")"
  echo "fuzz.sh: compiling ${src#$root/}" >&2
  $lock nice "$cxx" "${flags[@]}" "$3" -MMD -MF "$dep" -c "$src" -o "$obj"
}

build() {
  need_clang
  local objs=() s t changed=0
  # Objects built with other flags (an older fuzz.sh) are rebuilt: the
  # staleness check below sees only sources and headers.
  local stamp="$out/flags.txt" want="${flags[*]} | ${libs[*]}"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    rm -rf "$out/obj" "$out/libstrata_fuzz.a"
    mkdir -p "$out"
    printf '%s' "$want" >"$stamp"
  fi
  for s in "${sources[@]}"; do
    local o="$out/obj/${s%.cpp}.o"
    if ! [ -f "$o" ] || compile_needed "$root/src/$s" "$o"; then changed=1; fi
    compile "$root/src/$s" "$o" -fsanitize=fuzzer-no-link
    objs+=("$o")
  done
  local lib="$out/libstrata_fuzz.a"
  if [ "$changed" = 1 ] || ! [ -f "$lib" ]; then
    rm -f "$lib"
    ar rcs "$lib" "${objs[@]}"
  fi
  for t in "${targets[@]}"; do
    local o="$out/obj/fuzz/$t.o"
    compile "$root/fuzz/$t.cpp" "$o" -fsanitize=fuzzer-no-link
    if ! [ -x "$out/$t" ] || [ "$o" -nt "$out/$t" ] || [ "$lib" -nt "$out/$t" ]; then
      echo "fuzz.sh: linking $t" >&2
      $lock nice "$cxx" -fsanitize=fuzzer,address,undefined "$o" "$lib" "${libs[@]}" -o "$out/$t"
    fi
  done
}

# True when compile() would recompile.
compile_needed() {
  local obj="$2" dep="${2%.o}.d" f
  [ -f "$dep" ] || return 0
  for f in $(sed -e 's/^[^:]*://' -e 's/\\$//' "$dep"); do
    [ "$f" -nt "$obj" ] && return 0
  done
  return 1
}

# run_target NAME RUNS [extra libFuzzer flags...]: prints
# "NAME executions crashes seconds"; returns 1 on a crash.
run_target() {
  local t="$1" runs="$2"; shift 2
  local corpus="${work_corpus:-$out/corpus/$t}" crashes="$out/crashes/$t" log="$out/logs/$t.log"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  local start end rc=0
  start=$(date +%s%N)
  # Work corpus first (it grows), the repo's seeds read-only second.
  nice "$out/$t" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "$@" \
    "$corpus" "$root/fuzz/corpus/$t" >"$log" 2>&1 || rc=$?
  end=$(date +%s%N)
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  local crashed=0
  if [ "$rc" != 0 ]; then crashed=1; fi
  local ds=$(((end - start) / 100000000))
  printf '%s %s %s %d.%d\n' "$t" "${execs:-0}" "$crashed" $((ds / 10)) $((ds % 10))
  if [ "$rc" != 0 ]; then
    echo "fuzz.sh: $t failed (exit $rc); log $log:" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|==[0-9]+==' "$log" | head -20 >&2
    return 1
  fi
}

cmd="${1:-smoke}"
case "$cmd" in
  build) build ;;
  smoke)
    runs="${2:-3000}"
    build
    fail=0
    for t in "${targets[@]}"; do
      # Smoke runs start from the seeds alone (a fresh work corpus) so their
      # time stays bounded.
      work="$(mktemp -d)"
      work_corpus="$work" run_target "$t" "$runs" || fail=1
      rm -rf "$work"
    done
    exit "$fail"
    ;;
  run)
    runs="${2:?usage: fuzz.sh run RUNS [TARGET...]}"
    shift 2
    if (($#)); then targets=("$@"); fi
    build
    fail=0
    for t in "${targets[@]}"; do run_target "$t" "$runs" || fail=1; done
    exit "$fail"
    ;;
  *) echo "usage: $0 build | smoke [RUNS] | run RUNS [TARGET...]" >&2; exit 2 ;;
esac
