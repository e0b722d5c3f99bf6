#!/usr/bin/env bash
# Installs an existing strata build into a temporary prefix (nothing is
# rebuilt), then builds examples/embed out of tree against the installed
# package three ways and runs each on a copy of the WeatherAI example
# (SQLite): find_package -> strata::strata (shared), find_package with
# STRATA_USE_STATIC_LIBS=ON (libstrata.a and its private dependencies), and
# pkg-config (shared). Also checks what the install put in place: soname,
# man pages (gzipped where gzip exists), completions.
#   install_embed_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$(cd "$1" && pwd)"
src="$(cd "$2" && pwd)"
work="$(mktemp -d /tmp/strata-install-test.XXXXXX)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

fail() { echo "install_embed: FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >"$work/install.log" || {
  cat "$work/install.log" >&2; fail "cmake --install"; }

libdir="$(dirname "$(find "$prefix" -name strata.pc -path '*pkgconfig*' | head -1)")"
libdir="$(dirname "$libdir")"
[ -x "$prefix/bin/strata" ] || fail "bin/strata not installed"
[ -f "$prefix/include/strata/migrator.h" ] || fail "include/strata/migrator.h not installed"
for h in "$src"/include/strata/*.h; do
  [ -f "$prefix/include/strata/$(basename "$h")" ] || fail "header $(basename "$h") not installed"
done
[ -f "$libdir/libstrata.a" ] || fail "libstrata.a not installed"
soname="$(objdump -p "$libdir/libstrata.so" | awk '$1 == "SONAME" { print $2 }')"
[[ "$soname" =~ ^libstrata\.so\.[0-9]+ ]] || fail "libstrata.so soname is '$soname'"
[ -f "$libdir/$soname" ] || fail "$soname not installed"
# libstrata.so exports the public API only (strata/export.h): no internal
# namespace or class (strata::app::…, Migrator::Impl), nothing of the fmt and
# toml++ code compiled into it.
if command -v nm >/dev/null && command -v c++filt >/dev/null; then
  exported="$(nm -D --defined-only "$libdir/$soname" | c++filt | cut -d' ' -f3-)"
  grep -q '^strata::Migrator::open(' <<<"$exported" || fail "libstrata.so does not export strata::Migrator::open"
  grep -q '^strata::run_fleet(' <<<"$exported" || fail "libstrata.so does not export strata::run_fleet"
  leaked="$(grep -E '^(strata::[a-z_]+::|strata::Migrator::Impl::|toml::|fmt::)' <<<"$exported" | head -3 || true)"
  [ -z "$leaked" ] || fail "libstrata.so exports internals: $leaked"
fi
# Man pages: gzipped (Debian policy) when the build had gzip, plain otherwise.
man1="$prefix/share/man/man1"
man_ext=.1
if command -v gzip >/dev/null; then man_ext=.1.gz; fi
[ -f "$man1/strata$man_ext" ] || fail "strata$man_ext not installed"
[ -f "$man1/strata-upgrade$man_ext" ] || fail "strata-upgrade$man_ext not installed"
man_text() { if [ "$man_ext" = .1.gz ]; then gzip -dc "$1"; else cat "$1"; fi; }
man_text "$man1/strata$man_ext" | grep -i '^\.TH "\?strata"\? ' >/dev/null || fail "strata$man_ext: not a strata(1) man page"
[ -f "$prefix/share/bash-completion/completions/strata" ] || fail "bash completion not installed"
find "$prefix/share/zsh" -name _strata | grep -q . || fail "zsh completion not installed"
"$prefix/bin/strata" --version | grep -q '^strata ' || fail "installed strata --version"
# One man page per verb that `strata --help` lists, titled strata-<verb>.
for verb in $("$prefix/bin/strata" --help | awk 'tolower($0) ~ /^subcommands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'); do
  page="$man1/strata-$verb$man_ext"
  [ -f "$page" ] || fail "no man page for verb '$verb'"
  man_text "$page" | grep -i "^\.TH \"\?strata-$verb\"\? " >/dev/null || fail "$page: wrong title"
done
# The bash completion offers the installed CLI's verbs and a verb's options.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _strata; echo "${COMPREPLY[*]}"' \
    _ "$prefix/share/bash-completion/completions/strata" "$@"
}
[ "$(PATH="$prefix/bin:$PATH" complete_words strata upg)" = upgrade ] || fail "bash completion of 'strata upg'"
PATH="$prefix/bin:$PATH" complete_words strata upgrade --s | grep -qw -- --sql || fail "bash completion of 'strata upgrade --s'"

# The project the example migrates: WeatherAI on its SQLite default.
run_embed() {
  local name="$1" binary="$2"
  local project="$work/weatherai-$name"
  cp -r "$src/examples/weatherai" "$project"
  rm -f "$project"/*.db   # a fresh database, whatever an earlier run left in examples/
  (cd "$project" && env LD_LIBRARY_PATH="$libdir" "$binary" strata.toml) >"$work/$name.out" 2>"$work/$name.err" || {
    cat "$work/$name.out" "$work/$name.err" >&2; fail "$name: the example exited non-zero"; }
  grep -q '^service ready$' "$work/$name.out" || { cat "$work/$name.out" >&2; fail "$name: no 'service ready'"; }
  # The database is at the head the installed CLI reports.
  local head current
  head="$(cd "$project" && "$prefix/bin/strata" heads | awk '{ print $1; exit }')"
  current="$(cd "$project" && "$prefix/bin/strata" current | awk '{ print $1; exit }')"
  [ -n "$head" ] && [ "$head" = "$current" ] || fail "$name: database at '$current', head is '$head'"
  grep -q "$head" "$work/$name.out" || fail "$name: the example did not report $head"
  echo "install_embed: $name ok (database at $current)"
}

# 1. find_package, shared (the default strata::strata).
cmake -S "$src/examples/embed" -B "$work/fp-shared" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_STANDARD=20 >"$work/fp-shared.log" 2>&1 \
  && cmake --build "$work/fp-shared" >>"$work/fp-shared.log" 2>&1 || {
    cat "$work/fp-shared.log" >&2; fail "find_package (shared) build"; }
bin="$work/fp-shared/strata_embed_example"
readelf -d "$bin" | grep -q "NEEDED.*\[$soname\]" || fail "find_package (shared) example does not need $soname"
run_embed find_package_shared "$bin"

# 2. find_package, static.
cmake -S "$src/examples/embed" -B "$work/fp-static" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_STANDARD=20 -DSTRATA_USE_STATIC_LIBS=ON >"$work/fp-static.log" 2>&1 \
  && cmake --build "$work/fp-static" >>"$work/fp-static.log" 2>&1 || {
    cat "$work/fp-static.log" >&2; fail "find_package (static) build"; }
bin="$work/fp-static/strata_embed_example"
if readelf -d "$bin" | grep -q 'NEEDED.*libstrata'; then fail "find_package (static) example needs libstrata.so"; fi
run_embed find_package_static "$bin"

# 3. pkg-config, shared.
export PKG_CONFIG_PATH="$libdir/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
[ "$(pkg-config --modversion strata)" = "$("$prefix/bin/strata" --version | awk '{ print $2 }')" ] \
  || fail "pkg-config --modversion strata"
mkdir -p "$work/pc"
# shellcheck disable=SC2046
c++ -std=c++20 -O1 -o "$work/pc/strata_embed_example" "$src/examples/embed/main.cpp" \
  $(pkg-config --cflags --libs strata) 2>"$work/pc.log" || { cat "$work/pc.log" >&2; fail "pkg-config build"; }
run_embed pkg_config "$work/pc/strata_embed_example"

echo "install_embed: 3 passed, 0 failed"
