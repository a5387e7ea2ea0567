#!/usr/bin/env bash
# Builds libchatadmin (release) and installs the C library under PREFIX (default /usr/local):
#
#   PREFIX/lib/libchatadmin.so        (libchatadmin.dylib on macOS)
#   PREFIX/lib/libchatadmin.a
#   PREFIX/include/chatadmin.h        the C API
#   PREFIX/include/chatadmin.hpp      the header-only C++17 wrapper
#   PREFIX/lib/pkgconfig/chatadmin.pc
#
# so that `cc app.c $(pkg-config --cflags --libs chatadmin)` works (add PREFIX/lib/pkgconfig
# to PKG_CONFIG_PATH if pkg-config does not look there).
#
# Usage: scripts/install-c.sh [PREFIX]
# Environment:
#   DESTDIR             stage the files under DESTDIR/PREFIX (for packaging)
#   CHATADMIN_PROFILE   release (default) or debug
#   CHATADMIN_NO_BUILD  set to install what is already built, without running cargo
#   CARGO_TARGET_DIR    where cargo builds (default: target/)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

prefix=${1:-/usr/local}
case $prefix in
  /*) ;;
  *) echo "install-c.sh: PREFIX must be an absolute path, not '$prefix'" >&2; exit 2 ;;
esac
profile=${CHATADMIN_PROFILE:-release}
case $profile in
  release) profile_flag=(--release) ;;
  debug) profile_flag=() ;;
  *) echo "install-c.sh: CHATADMIN_PROFILE must be release or debug, not '$profile'" >&2; exit 2 ;;
esac

if [ -z "${CHATADMIN_NO_BUILD:-}" ]; then
  cargo build "${profile_flag[@]}" --locked -p chatadmin-c
fi

built="${CARGO_TARGET_DIR:-$root/target}/$profile"
shared=libchatadmin.so
[ "$(uname -s)" = Darwin ] && shared=libchatadmin.dylib
for f in "$built/$shared" "$built/libchatadmin.a"; do
  [ -f "$f" ] || { echo "install-c.sh: $f is missing; build it first" >&2; exit 1; }
done

# The header's version is checked against Cargo.toml by bindings/c/tests/header.rs.
version=$(sed -n 's/^#define CHATADMIN_VERSION_STRING "\(.*\)"$/\1/p' include/chatadmin.h)
[ -n "$version" ] || { echo "install-c.sh: no CHATADMIN_VERSION_STRING in include/chatadmin.h" >&2; exit 1; }

dest="${DESTDIR:-}$prefix"
install -d "$dest/lib/pkgconfig" "$dest/include"
install -m 0755 "$built/$shared" "$dest/lib/$shared"
install -m 0644 "$built/libchatadmin.a" "$dest/lib/libchatadmin.a"
install -m 0644 include/chatadmin.h include/chatadmin.hpp "$dest/include/"
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" bindings/c/chatadmin.pc.in \
  > "$dest/lib/pkgconfig/chatadmin.pc"
chmod 0644 "$dest/lib/pkgconfig/chatadmin.pc"

echo "installed libchatadmin $version under $dest"
