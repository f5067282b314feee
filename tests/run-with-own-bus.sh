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
  HONGSHU_OWN_BUS_INNER=1 exec dbus-run-session -- "$0" "$@" 3>&1 1>&2
fi
unset HONGSHU_OWN_BUS_INNER
exec "$@" >&3 3>&-
