#!/bin/sh
# Runs a test program against a real Secret Service: a private D-Bus session
# with a fresh, unlocked gnome-keyring in a throw-away HOME.
#
#   run-with-keyring.sh [--no-login] PROGRAM [ARGS...]
#
# --no-login: no keyring is created or unlocked; the first libsecret call
# D-Bus-activates gnome-keyring as a bare session does, so there is no
# "login" collection (HONGSHU_KEYRING_NO_LOGIN=1 tells the program).
#
# It always starts its own session bus (dbus-run-session), even when one is
# already present: a developer's desktop session has the real keyring on it,
# and a test must never write to that. Anything missing is an error, never a
# skip.
set -eu

if [ "${1:-}" = --no-login ]; then
  shift
  export HONGSHU_KEYRING_NO_LOGIN=1
fi

if [ "${HONGSHU_KEYRING_INNER:-}" != 1 ]; then
  if ! command -v dbus-run-session >/dev/null 2>&1; then
    echo "run-with-keyring.sh: dbus-run-session not found (Debian package dbus-daemon)" >&2
    exit 1
  fi
  # No display for the bus either: the services it activates (a keyring
  # prompt) must fail, not wait for a person. What the bus and its services
  # print goes to stderr; the program's own output (TAP) to fd 3, stdout.
  unset DISPLAY WAYLAND_DISPLAY
  HONGSHU_KEYRING_INNER=1 exec dbus-run-session -- "$0" "$@" 3>&1 1>&2
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "run-with-keyring.sh: no session bus even inside dbus-run-session" >&2
  exit 1
fi
if ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "run-with-keyring.sh: gnome-keyring-daemon not found (Debian package gnome-keyring)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hongshu-keyring-XXXXXX")
keyring_pid=

cleanup () {
  if [ -n "$keyring_pid" ]; then
    kill "$keyring_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache"
mkdir -m 700 "$tmp/runtime"
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
# A fresh runtime dir, so the daemon cannot find (and unlock) another
# keyring's control socket.
export XDG_RUNTIME_DIR="$tmp/runtime"
# No X11 autolaunch of yet another bus, no GUI prompter.
unset DISPLAY WAYLAND_DISPLAY

if [ "${HONGSHU_KEYRING_NO_LOGIN:-}" = 1 ]; then
  # The daemon that D-Bus activation starts dies with the private bus.
  status=0
  "$@" >&3 || status=$?
  exit "$status"
fi

# Creates the "login" keyring with this password and unlocks it. With
# XDG_RUNTIME_DIR set it usually prints nothing; whatever NAME=value lines it
# prints (GNOME_KEYRING_CONTROL, ...) are exported, not evaluated as code.
keyring_env=$(printf pw | gnome-keyring-daemon --unlock --components=secrets)
for assignment in $keyring_env; do
  case "$assignment" in
    [A-Z_]*=*) export "$assignment" ;;
    *) ;;
  esac
done

# The daemon forks and returns before it owns org.freedesktop.secrets; wait
# for the name (bounded: 10 s), or libsecret would D-Bus-activate a second,
# locked daemon. Its owner's pid is the daemon to stop at the end.
tries=0
while :; do
  keyring_pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus                   /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID                   string:org.freedesktop.secrets 2>/dev/null | awk '{ print $NF }') || true
  [ -n "$keyring_pid" ] && break
  tries=$((tries + 1))
  if [ "$tries" -ge 100 ]; then
    echo "run-with-keyring.sh: gnome-keyring-daemon did not take org.freedesktop.secrets" >&2
    exit 1
  fi
  sleep 0.1
done

status=0
"$@" >&3 || status=$?
exit "$status"
