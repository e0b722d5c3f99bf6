#!/usr/bin/env bash
# Proves the .deb on a fresh Debian 12: installs it with apt into a minimal
# bookworm root (debootstrap --variant=minbase, from the mirror this machine's
# apt uses) and runs the WeatherAI example there with the installed
# /usr/bin/strata on its SQLite default. Exits 0 when everything held, or
# non-zero with one line "test-deb-fresh: FAIL: <what>" on stderr.
#   packaging/test-deb-fresh.sh [DEB]     default: newest build-release/strata_*.deb
# Needs root, the network (the Debian mirror) and a few minutes; not a ctest.
#
# Checks, in order, inside the fresh root (chroot, /proc mounted,
# /etc/resolv.conf bound):
#   1. apt-get install ./strata_*.deb resolves the package's Depends on a
#      system that has only minbase; /usr/bin/strata --version is the
#      package's version; libstrata.so is known to ldconfig.
#   2. The WeatherAI example, the verbs of scripts/example.sh: upgrade head
#      (current = the head `strata heads` names), current -v, history (lists
#      the head), downgrade -1 (current moves off the head), upgrade head,
#      check, validate, verify, lint, doctor, then downgrade base (current
#      prints nothing). Every verb must exit 0.
#   3. Man pages: every page the package installs is /usr/share/man/man1/*.1.gz;
#      with man-db installed, `man -w strata` finds it and `man strata-upgrade`
#      renders.
#   4. With pkg-config and the -dev packages the .deb Suggests installed:
#      pkg-config --modversion strata is the version, and examples/embed built
#      with g++ and `pkg-config --cflags --libs strata` migrates a fresh copy
#      of WeatherAI to the head. STRATA_FRESH_EMBED=0 skips this step (it
#      downloads g++, about 60 MB).
#
# The pristine root is cached as a tarball under /var/tmp/strata-debootstrap/
# (STRATA_FRESH_REFRESH=1 makes a new one); each run extracts a fresh copy
# into a mktemp directory and removes it at exit. Runs are serialized with a
# lock there; a crashed run's mounts and root are cleaned up by the next run.
#
# What it printed and how long it took: packaging/README.md.
set -euo pipefail
root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_dir=/var/tmp/strata-debootstrap
suite=bookworm
t0=$SECONDS

fail() { echo "test-deb-fresh: FAIL: $*" >&2; exit 1; }
note() { echo "test-deb-fresh: $*"; }

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, mount)"
deb="${1:-$(find "$root_dir/build-release" -maxdepth 1 -name 'strata_*.deb' -printf '%T@ %p\n' 2>/dev/null | sort -rn | awk 'NR == 1 { print $2 }')}"
if [ -z "$deb" ] || [ ! -f "$deb" ]; then fail "no .deb (run packaging/build-deb.sh, or pass its path)"; fi
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
version="$(dpkg-deb -f "$deb" Version)" || fail "$deb is not a .deb"
suggests="$(dpkg-deb -f "$deb" Suggests)"
if ! command -v debootstrap >/dev/null; then
  { apt-get update -qq && apt-get install -y -qq debootstrap; } >/dev/null 2>&1 || fail "apt-get install debootstrap"
fi
for tool in debootstrap chroot mount umount tar flock sha1sum; do
  command -v "$tool" >/dev/null || fail "$tool not found"
done

# The Debian archives this machine's apt reads, as "URI SUITE" lines for the
# bookworm suites (deb822 .sources files and one-line .list files).
host_debian_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -e 's/#.*//' -e 's/\[[^]]*\]//' "$f" | awk '$1 == "deb" { print $2, $3 }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'function flush() {
           if (types ~ /(^| )deb( |$)/ && enabled != "no") {
             n = split(uris, u, " "); m = split(suites, s, " ")
             for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) print u[i], s[j]
           }
           types = uris = suites = enabled = ""
         }
         /^[ \t]*#/ { next }
         /^[ \t]*$/ { flush(); next }
         tolower($1) == "types:"   { $1 = ""; types = $0 }
         tolower($1) == "uris:"    { $1 = ""; uris = $0 }
         tolower($1) == "suites:"  { $1 = ""; suites = $0 }
         tolower($1) == "enabled:" { enabled = tolower($2) }
         END { flush() }' "$f"
  done
}
sources="$(host_debian_sources | awk -v s="$suite" '$2 == s || $2 == s "-updates" || $2 == s "-security"' | sort -u)"
mirror="$(awk -v s="$suite" '$2 == s { print $1; exit }' <<<"$sources")"
mirror="${STRATA_FRESH_MIRROR:-${mirror:-http://deb.debian.org/debian}}"
[ -n "$sources" ] || sources="$mirror $suite"

mkdir -p "$cache_dir"
exec 9>"$cache_dir/run.lock"
flock 9

# Leftovers of a run that crashed: unmount what is still mounted under its
# root (deepest first), then remove it. The lock above means no run is live.
unmount_under() {
  local dir="$1" m
  while read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" || return 1
  done < <(awk -v d="$dir" '$2 == d || index($2, d "/") == 1 { print $2 }' /proc/self/mounts | sort -r)
}
remove_root() {
  local dir="$1"
  unmount_under "$dir" || { echo "test-deb-fresh: cannot unmount under $dir" >&2; return 1; }
  if awk -v d="$dir" 'index($2, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
    echo "test-deb-fresh: mounts left under $dir; not removing it" >&2
    return 1
  fi
  rm -rf --one-file-system "$dir"
}
for stale in /var/tmp/strata-fresh.*; do
  [ -d "$stale" ] || continue
  note "removing the root of an earlier run: $stale"
  remove_root "$stale" || fail "could not clean up $stale"
done

# The pristine minbase root, made once per mirror.
tarball="$cache_dir/$suite-minbase-$(printf '%s' "$mirror" | sha1sum | cut -c1-8).tar.gz"
if [ "${STRATA_FRESH_REFRESH:-0}" = 1 ] || [ ! -s "$tarball" ]; then
  note "debootstrap --variant=minbase $suite from $mirror (cached in $tarball)"
  boot="$(mktemp -d /var/tmp/strata-fresh.XXXXXX)"
  if ! debootstrap --variant=minbase "$suite" "$boot" "$mirror" >"$cache_dir/debootstrap.log" 2>&1; then
    remove_root "$boot" || true
    fail "debootstrap failed (log: $cache_dir/debootstrap.log)"
  fi
  tar --numeric-owner -C "$boot" -czf "$tarball.tmp" . || { remove_root "$boot" || true; fail "tar of the root"; }
  mv "$tarball.tmp" "$tarball"
  remove_root "$boot" || fail "could not remove $boot"
fi

fresh="$(mktemp -d /var/tmp/strata-fresh.XXXXXX)"
cleanup() { remove_root "$fresh" || echo "test-deb-fresh: left $fresh behind" >&2; }
trap cleanup EXIT
trap 'exit 130' INT TERM
tar --numeric-owner -C "$fresh" -xzf "$tarball" || fail "extracting $tarball"

# What a fresh Debian 12 install has: the release, -updates and -security.
awk '{ print "deb", $1, $2, "main" }' <<<"$sources" >"$fresh/etc/apt/sources.list"
rm -f "$fresh"/etc/apt/sources.list.d/*
printf '#!/bin/sh\nexit 101\n' >"$fresh/usr/sbin/policy-rc.d"   # start no services
chmod 755 "$fresh/usr/sbin/policy-rc.d"
mkdir -p "$fresh/root/t"
cp "$deb" "$fresh/root/t/"
cp -r "$root_dir/examples/weatherai" "$fresh/root/t/weatherai"
rm -f "$fresh"/root/t/weatherai/*.db
cp -r "$root_dir/examples/embed" "$fresh/root/t/embed"

mount -t proc proc "$fresh/proc"
rm -f "$fresh/etc/resolv.conf"
touch "$fresh/etc/resolv.conf"
mount --bind /etc/resolv.conf "$fresh/etc/resolv.conf"

# Runs inside the fresh root; its first FAIL line is the run's result.
cat >"$fresh/root/t/inside.sh" <<'INSIDE'
set -euo pipefail
version="$1" deb="$2" embed="$3" suggests="$4"
fail() { echo "test-deb-fresh: FAIL: $*" >&2; exit 1; }
note() { echo "test-deb-fresh: $*"; }
apt_quiet() { apt-get "$@" >/tmp/apt.log 2>&1 || { tail -20 /tmp/apt.log >&2; fail "apt-get $*"; }; }
# run NAME CMD...: CMD's output in /tmp/NAME.out, shown and failed on a non-zero exit.
run() {
  local name="$1"; shift
  "$@" >"/tmp/$name.out" 2>&1 || { local rc=$?; cat "/tmp/$name.out" >&2; fail "'$*' exited $rc"; }
}
cd /root/t

apt_quiet update
apt_quiet install -y "./$deb"
[ "$(dpkg-query -W -f '${Status}' strata)" = "install ok installed" ] || fail "strata is not installed"
[ "$(command -v strata)" = /usr/bin/strata ] || fail "strata on PATH is '$(command -v strata)', not /usr/bin/strata"
run version strata --version
[ "$(awk '{ print $2; exit }' /tmp/version.out)" = "$version" ] || fail "strata --version says '$(cat /tmp/version.out)', package is $version"
ldconfig -p | grep -q 'libstrata\.so\.' || fail "libstrata.so is not in the ldconfig cache"
note "installed strata $version with apt ($(dpkg-query -W -f '${Depends}' strata))"

# The WeatherAI example on its SQLite default (strata.toml's url).
cd /root/t/weatherai
unset WEATHERAI_DB_URL
run heads strata heads
head="$(awk '{ print $1; exit }' /tmp/heads.out)"
[ -n "$head" ] || fail "strata heads printed no revision"
run upgrade strata upgrade head
run current strata current
[ "$(awk '{ print $1; exit }' /tmp/current.out)" = "$head" ] || fail "after upgrade head, current is '$(cat /tmp/current.out)', head is $head"
[ -s weatherai.db ] || fail "upgrade head wrote no weatherai.db"
run current_v strata current -v
grep -q "$head" /tmp/current_v.out || fail "current -v does not name $head"
run history strata history
grep -q "$head" /tmp/history.out || fail "history does not list $head"
run downgrade strata downgrade -1
run current strata current
below="$(awk '{ print $1; exit }' /tmp/current.out)"
if [ -z "$below" ] || [ "$below" = "$head" ]; then fail "after downgrade -1, current is '$below' (head $head)"; fi
run upgrade2 strata upgrade head
run current strata current
[ "$(awk '{ print $1; exit }' /tmp/current.out)" = "$head" ] || fail "after the second upgrade head, current is '$(cat /tmp/current.out)'"
for verb in check validate verify lint doctor; do run "$verb" strata "$verb"; done
run downgrade_base strata downgrade base
run current strata current
[ ! -s /tmp/current.out ] || fail "after downgrade base, current prints '$(cat /tmp/current.out)'"
note "WeatherAI: upgrade head ($head), current, history, downgrade -1 ($below), upgrade head, check, validate, verify, lint, doctor, downgrade base: ok"

# Man pages: gzipped, found by man.
pages="$(dpkg -L strata | grep '^/usr/share/man/.*/[^/]*\.[0-9][a-z]*\(\.gz\)\?$' || true)"
[ -n "$pages" ] || fail "the package installs no man pages"
plain="$(grep -v '\.gz$' <<<"$pages" | grep '\.[0-9]$' || true)"
[ -z "$plain" ] || fail "man pages not gzipped: $(tr '\n' ' ' <<<"$plain")"
[ -f /usr/share/man/man1/strata.1.gz ] || fail "/usr/share/man/man1/strata.1.gz missing"
gzip -t /usr/share/man/man1/strata.1.gz || fail "strata.1.gz is not valid gzip"
apt_quiet install -y man-db
[ "$(man -w strata)" = /usr/share/man/man1/strata.1.gz ] || fail "man -w strata says '$(man -w strata 2>&1)'"
MANWIDTH=80 man strata-upgrade 2>/dev/null | grep -q '^NAME' || fail "man strata-upgrade does not render"
note "man pages: $(grep -c . <<<"$pages") gzipped pages; man -w strata = $(man -w strata)"

[ "$embed" = 1 ] || { note "embed build skipped (STRATA_FRESH_EMBED=0)"; exit 0; }
# Building against the package: pkg-config, g++ and what the package Suggests.
dev="$(tr -d ' ' <<<"$suggests" | tr ',' '\n' | sed 's/(.*//' | grep -v '^$' | sort -u | tr '\n' ' ')"
# shellcheck disable=SC2086
apt_quiet install -y --no-install-recommends pkg-config g++ $dev
[ "$(pkg-config --modversion strata)" = "$version" ] || fail "pkg-config --modversion strata says '$(pkg-config --modversion strata 2>&1)'"
flags="$(pkg-config --cflags --libs strata)" || fail "pkg-config --cflags --libs strata (Suggests: $suggests)"
# shellcheck disable=SC2086
run embed_build g++ -std=c++20 -O1 -o /root/t/embed_example /root/t/embed/main.cpp $flags
rm -rf /root/t/weatherai-embed
cp -r /root/t/weatherai /root/t/weatherai-embed
rm -f /root/t/weatherai-embed/*.db
cd /root/t/weatherai-embed
run embed_run /root/t/embed_example strata.toml
grep -q '^service ready$' /tmp/embed_run.out || fail "examples/embed did not say 'service ready'"
run current strata current
[ "$(awk '{ print $1; exit }' /tmp/current.out)" = "$head" ] || fail "after examples/embed, current is '$(cat /tmp/current.out)'"
note "examples/embed built with g++ \$(pkg-config --cflags --libs strata) (pkg-config $(pkg-config --modversion strata)); it migrated WeatherAI to $head"
INSIDE

note "fresh $suite root in $fresh; installing $(basename "$deb")"
embed="${STRATA_FRESH_EMBED:-1}"
env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
  chroot "$fresh" /bin/bash /root/t/inside.sh "$version" "$(basename "$deb")" "$embed" "$suggests" \
  || exit 1   # inside.sh printed the FAIL line
trap - EXIT
cleanup
note "ok: $(basename "$deb") installs on a fresh Debian 12 and runs WeatherAI ($((SECONDS - t0)) s)"
