#!/bin/sh
# Runs a program on a private session bus that can start no service, so
# that no Secret Service answers: the keyring fails as on a system without
# one, deterministically, and no keyring prompt can ever open.
#
#   run-without-keyring.sh PROGRAM [ARGS...]
set -eu

if ! command -v dbus-run-session >/dev/null 2>&1; then
  echo "run-without-keyring.sh: dbus-run-session not found (Debian package dbus-daemon)" >&2
  exit 1
fi
exec dbus-run-session --config-file="$(dirname "$0")/session-no-services.conf" -- "$@"
