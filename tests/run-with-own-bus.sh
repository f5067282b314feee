#!/bin/sh
# Runs a test program in a session bus of its own (dbus-run-session), so that
# the app it starts is the primary instance a second process talks to.
#
#   run-with-own-bus.sh PROGRAM [ARGS...]
#
# What the bus and the services it activates print (gnome-keyring's
# GNOME_KEYRING_CONTROL=..., the accessibility registry) goes to stderr; only
# the program's own output, its TAP, goes to stdout.
set -eu

if [ "${HONGSHU_OWN_BUS_INNER:-}" != 1 ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "run-with-own-bus.sh: dbus-run-session not found (Debian package dbus-daemon)" >&2
    exit 1
  fi
  # A runtime directory of its own too: the accessibility bus launched in
  # this session puts its socket at $XDG_RUNTIME_DIR/at-spi/bus_DISPLAY,
  # the same path as the outer session's on the same display, and removed it
  # on exit: the next test failed to connect to the outer one (a fatal
  # Gtk-CRITICAL).
  runtime=$(mktemp -d "${TMPDIR:-/tmp}/hongshu-own-bus-XXXXXX")
  status=0
  XDG_RUNTIME_DIR="$runtime" HONGSHU_OWN_BUS_INNER=1 \
    dbus-run-session -- "$0" "$@" 3>&1 1>&2 || status=$?
  rm -rf "$runtime"
  exit "$status"
fi
unset HONGSHU_OWN_BUS_INNER
exec "$@" >&3 3>&-
