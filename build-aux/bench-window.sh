#!/usr/bin/env bash
# How fast the window shows a note, and how much memory it takes (not a test).
#
#   build-aux/bench-window.sh [BUILD-DIR] [RUNS]     (defaults: _build, 20)
#
# Times from the moment a reference is opened (what Enter does) to: the title
# shown, the first picture painted, the body rendered. HONGSHU_TRACE=1 makes the
# app print monotonic timestamps of these events; this script takes medians.
#   cold: a new process each run, empty caches (web process start included)
#   warm: one running instance; each run opens the next of two notes through
#         `hongshu ID` (a second process handing the reference over D-Bus, as a
#         desktop would): caches and the web process are warm
# Then the resident memory (VmRSS) of every Hongshu process (UI, WebKitWebProcess,
# WebKitNetworkProcess) with a note of 9 pictures open.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-${HONGSHU_BUILD_DIR:-$root/_build}}" && pwd)"
runs="${2:-20}"
seed=649c46ab000000002702ad36
other=67cc34c46b8e5ff731406d84
nine_pictures=6610ebe84995d61f24ffddca

if [ "${HONGSHU_BENCH_INNER:-}" != 1 ]; then
  [ -x "$build/src/hongshu" ] || { echo "bench-window.sh: no $build/src/hongshu" >&2; exit 1; }
  # One display and one session bus for the whole run, so that `hongshu ID`
  # finds the running instance.
  HONGSHU_BENCH_INNER=1 exec xvfb-run -a -s "-screen 0 1600x1200x24" \
    dbus-run-session -- "$0" "$build" "$runs"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hongshu-bench-XXXXXX")
app_pid=
cleanup () {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "${HONGSHU_BENCH_KEEP:-}" ] && trap "cp -r $tmp/*.log /tmp/; cleanup" EXIT

export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data"
export WEBKIT_DISABLE_DMABUF_RENDERER=1 GTK_A11Y=none
export HONGSHU_TRACE=1 HONGSHU_WINDOW_SIZE=1280x800 LC_ALL=C.UTF-8

fresh_home () {
  local home="$tmp/home-$1"
  mkdir -p "$home"
  export HOME="$home" XDG_CACHE_HOME="$home/cache" XDG_CONFIG_HOME="$home/config" \
         XDG_DATA_HOME="$home/data"
}

# wait_for LOG EVENT COUNT: until LOG has COUNT trace lines of EVENT.
wait_for () {
  local n
  for n in $(seq 1 600); do
    [ "$(grep -c "^hongshu-trace [0-9]* $2" "$1" || true)" -ge "$3" ] && return 0
    sleep 0.05
  done
  echo "bench-window.sh: no $2 in $1" >&2
  exit 1
}

echo "cold: $runs runs of a new process with empty caches..." >&2
# One home for every run, with what the system keeps between launches (GL shader
# and font caches) warmed by an untimed first run; Hongshu's and WebKit's own
# caches are emptied before each run. The note is opened once the new window is
# up, as a person would: start-up itself is not counted.
fresh_home cold
HONGSHU_EXIT_WHEN_READY=1 timeout 60 "$build/src/hongshu" --demo "$seed" >/dev/null 2>&1 || true
: > "$tmp/cold.log"
for i in $(seq 1 "$runs"); do
  rm -rf "$XDG_CACHE_HOME/hongshu" "$XDG_CACHE_HOME/webkitgtk" "$XDG_DATA_HOME/webkitgtk"
  : > "$tmp/cold-run.log"
  HONGSHU_EXIT_WHEN_READY=1 timeout 60 "$build/src/hongshu" --demo 2>> "$tmp/cold-run.log" >/dev/null &
  app_pid=$!
  wait_for "$tmp/cold-run.log" window-mapped 1
  sleep 1
  echo "run $i" >> "$tmp/cold-run.log"
  "$build/src/hongshu" "$seed"
  wait "$app_pid" || true
  app_pid=
  grep -e '^run' -e '^hongshu-trace' "$tmp/cold-run.log" | sed -n '/^run/,$p' >> "$tmp/cold.log"
done

echo "warm: $runs notes opened in a running instance..." >&2
fresh_home warm
: > "$tmp/warm.log"
# O_APPEND, like the "run" lines written beside it.
"$build/src/hongshu" --demo "$other" 2>> "$tmp/warm.log" >/dev/null &
app_pid=$!
wait_for "$tmp/warm.log" ready 1
# The first note of the instance was cold: start the count after it.
echo "run 0" >> "$tmp/warm.log"
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then note=$seed; else note=$other; fi
  echo "run $i" >> "$tmp/warm.log"
  "$build/src/hongshu" "$note"
  wait_for "$tmp/warm.log" ready $((i + 1))
done
kill "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=

echo "memory: a new instance with a note of 9 pictures..." >&2
fresh_home memory
: > "$tmp/memory.log"
"$build/src/hongshu" --demo "$nine_pictures" 2>> "$tmp/memory.log" >/dev/null &
app_pid=$!
wait_for "$tmp/memory.log" ready 1
sleep 2
descendants () {
  local pid="$1" child
  echo "$pid"
  for child in $(pgrep -P "$pid" || true); do
    descendants "$child"
  done
}
: > "$tmp/rss.txt"
for pid in $(descendants "$app_pid"); do
  [ -r "/proc/$pid/status" ] || continue
  name=$(awk '/^Name:/ { print $2 }' "/proc/$pid/status")
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
  [ -n "$rss" ] && echo "$name $rss" >> "$tmp/rss.txt"
done

python3 - "$tmp/cold.log" "$tmp/warm.log" "$tmp/rss.txt" <<'PY'
import statistics, sys

def runs(path):
    """Per run: ms from 'open' to each later event."""
    result, current = [], None
    for line in open(path):
        parts = line.split()
        if parts[0] == "run":
            current = {}
            if parts[1] != "0":
                result.append(current)
            continue
        if current is None or parts[0] != "hongshu-trace":
            continue
        stamp, event = int(parts[1]), parts[2]
        if event == "open":
            current.clear()
            current["open"] = stamp
        elif "open" in current and event not in current:
            current[event] = (stamp - current["open"]) / 1000.0
    return result

events = [("title-shown", "title shown"), ("first-picture", "first picture painted"),
          ("body-rendered", "body rendered")]
print("Median of each, in ms from opening the reference (n = runs that reached it):")
print(f"{'':24} {'cold':>12} {'warm':>12}")
cold, warm = runs(sys.argv[1]), runs(sys.argv[2])
for key, label in events:
    cells = []
    for data in (cold, warm):
        values = [r[key] for r in data if key in r]
        cells.append(f"{statistics.median(values):8.1f} (n={len(values)})" if values else "—")
    print(f"{label:24} {cells[0]:>12} {cells[1]:>12}")

total = 0
print("\nResident memory with a 9-picture note open:")
for line in open(sys.argv[3]):
    name, kb = line.split()
    total += int(kb)
    print(f"  {name:24} {int(kb) / 1024:8.1f} MiB")
print(f"  {'all Hongshu processes':24} {total / 1024:8.1f} MiB")
PY
