#!/usr/bin/env bash
# Builds libchatadmin (release) and installs the C library under PREFIX (default /usr/local):
#
#   PREFIX/lib/libchatadmin.so.0.1.0    the shared library, SONAME libchatadmin.so.0
#   PREFIX/lib/libchatadmin.so.0        -> libchatadmin.so.0.1.0   (what programs load)
#   PREFIX/lib/libchatadmin.so          -> libchatadmin.so.0       (what the linker finds)
#   PREFIX/lib/libchatadmin.a           the static library
#   PREFIX/include/chatadmin.h          the C API
#   PREFIX/include/chatadmin.hpp        the header-only C++17 wrapper
#   PREFIX/lib/pkgconfig/chatadmin.pc         the shared library; its flags carry an rpath
#   PREFIX/lib/pkgconfig/chatadmin-static.pc  the static library
#
# (macOS: libchatadmin.0.1.0.dylib, libchatadmin.0.dylib, libchatadmin.dylib.) Then:
#
#   cc app.c $(pkg-config --cflags --libs chatadmin)          # -Wl,-rpath,PREFIX/lib included:
#                                                             # the program finds the library
#   cc app.c $(pkg-config --cflags --libs chatadmin-static)   # nothing to find at run time
#
# Add PREFIX/lib/pkgconfig to PKG_CONFIG_PATH when pkg-config does not look there.
#
# Usage: scripts/install-c.sh [--no-build] [PREFIX]
#   scripts/install-c.sh "$HOME/.local"    # a prefix you own: no root needed
#   cargo build --release --locked -p chatadmin-c && sudo scripts/install-c.sh --no-build /usr/local
#                                          # a system prefix: build as yourself, install as root
#                                          # (which also runs ldconfig)
# Environment:
#   DESTDIR             stage the files under DESTDIR/PREFIX (for packaging)
#   CHATADMIN_PROFILE   release (default) or debug
#   CHATADMIN_NO_BUILD  set to install what is already built, without running cargo (= --no-build)
#   CARGO_TARGET_DIR    where cargo builds (default: target/)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

no_build=${CHATADMIN_NO_BUILD:-}
if [ "${1:-}" = --no-build ]; then
  no_build=1
  shift
fi
[ $# -le 1 ] || { echo "usage: scripts/install-c.sh [--no-build] [PREFIX]" >&2; exit 2; }
prefix=${1:-/usr/local}
case $prefix in
  /*) ;;
  *) echo "install-c.sh: PREFIX must be an absolute path, not '$prefix'" >&2; exit 2 ;;
esac
[ "$prefix" = / ] || prefix=${prefix%/}
profile=${CHATADMIN_PROFILE:-release}
case $profile in
  release) profile_flag=(--release) ;;
  debug) profile_flag=() ;;
  *) echo "install-c.sh: CHATADMIN_PROFILE must be release or debug, not '$profile'" >&2; exit 2 ;;
esac
dest="${DESTDIR:-}$prefix"

# Checked before building (which takes minutes): the directories to write into, or the
# nearest existing directory above them, must be writable.
writable() {
  local d=$1 probe
  while [ ! -e "$d" ]; do d=$(dirname "$d"); done
  [ -d "$d" ] || return 1
  # Creating a file is the only reliable test (root passes `-w` on read-only mounts too).
  probe="$d/.chatadmin-install-check.$$"
  ( : > "$probe" ) 2>/dev/null || return 1
  rm -f "$probe"
}
for d in "$dest/lib/pkgconfig" "$dest/lib" "$dest/include" "$dest"; do
  if ! writable "$d"; then
    {
      echo "install-c.sh: cannot write to $d; nothing was built or installed."
      echo "  Install under a prefix you own, e.g.:"
      echo "      scripts/install-c.sh \"\$HOME/.local\""
      echo "  or build as yourself and install as root:"
      echo "      cargo build --release --locked -p chatadmin-c"
      echo "      sudo scripts/install-c.sh --no-build $prefix"
    } >&2
    exit 1
  fi
done

if [ -z "$no_build" ]; then
  cargo build "${profile_flag[@]}" --locked -p chatadmin-c
fi

# The header's version is checked against Cargo.toml by bindings/c/tests/header.rs.
version=$(sed -n 's/^#define CHATADMIN_VERSION_STRING "\(.*\)"$/\1/p' include/chatadmin.h)
[ -n "$version" ] || { echo "install-c.sh: no CHATADMIN_VERSION_STRING in include/chatadmin.h" >&2; exit 1; }
major=${version%%.*}

built="${CARGO_TARGET_DIR:-$root/target}/$profile"
if [ "$(uname -s)" = Darwin ]; then
  shared=libchatadmin.dylib
  real=libchatadmin.$version.dylib
  soname=libchatadmin.$major.dylib
else
  shared=libchatadmin.so
  real=libchatadmin.so.$version
  soname=libchatadmin.so.$major
fi
for f in "$built/$shared" "$built/libchatadmin.a"; do
  [ -f "$f" ] || { echo "install-c.sh: $f is missing; build it first (cargo build --release -p chatadmin-c)" >&2; exit 1; }
done

install -d "$dest/lib/pkgconfig" "$dest/include"
install -m 0755 "$built/$shared" "$dest/lib/$real"
ln -sfn "$real" "$dest/lib/$soname"
ln -sfn "$soname" "$dest/lib/$shared"
install -m 0644 "$built/libchatadmin.a" "$dest/lib/libchatadmin.a"
install -m 0644 include/chatadmin.h include/chatadmin.hpp "$dest/include/"
for pc in chatadmin chatadmin-static; do
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" "bindings/c/$pc.pc.in" \
    > "$dest/lib/pkgconfig/$pc.pc"
  chmod 0644 "$dest/lib/pkgconfig/$pc.pc"
done

echo "installed libchatadmin $version under $dest"
# The loader cache, for programs linked without the rpath of chatadmin.pc.
if [ -z "${DESTDIR:-}" ] && [ "$(id -u)" = 0 ] && [ "$(uname -s)" = Linux ] && command -v ldconfig >/dev/null; then
  ldconfig
  echo "ran ldconfig"
fi
case ":${PKG_CONFIG_PATH:-}:" in
  *":$prefix/lib/pkgconfig:"*) ;;
  *) pkg-config --variable pc_path pkg-config 2>/dev/null | tr : '\n' | grep -qx "$prefix/lib/pkgconfig" ||
       echo "note: pkg-config does not look in $prefix/lib/pkgconfig; export PKG_CONFIG_PATH=$prefix/lib/pkgconfig" ;;
esac
