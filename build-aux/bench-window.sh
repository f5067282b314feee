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
# The body's phases (rewrite, load started/committed/finished, first height
# report, allocation) are printed too, so one can see where its time goes.
# Then the memory of every Hongshu process (UI, WebKitWebProcess,
# WebKitNetworkProcess, sandbox helpers) with a note of 9 pictures open, as
# proportional set size (PSS, from /proc/PID/smaps_rollup: shared libraries
# count once in the total, unlike resident sizes), the UI process's anonymous
# memory, and how much all of it grew after 20 more notes with pictures were
# opened one after another. It runs once per GSK renderer listed in
# HONGSHU_BENCH_RENDERERS (default "default cairo": what GTK picks, which is GL
# on llvmpipe under Xvfb, and the cairo renderer, to tell GTK's GL share from
# Hongshu's own).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-${HONGSHU_BUILD_DIR:-$root/_build}}" && pwd)"
runs="${2:-20}"
seed=649c46ab000000002702ad36
other=67cc34c46b8e5ff731406d84
nine_pictures=6610ebe84995d61f24ffddca
# 20 more notes with pictures, in the demo's order, for the growth figure.
twenty="67cc34c46b8e5ff731406d84 6683e710decf96823289ae5d 671592782acfef209d9cc271
  68c6bd7cf19ed9b6524dcc05 69bc03b88692a82ed2ea399b 683ed22cb8e3a2ac04f69d72
  67e22ef0d68e68791879065b 663ed1207aab84bba08b47c8 66d50258f36f30ec62c1efd6
  68777244d55f79fe896ea874 690f30c0aaab23f16d941e46 69db48cc5619a6733ff2de1b
  676559e8fa1a18f91640be8a 67b27d2c89fe8d663d7b00b9 6836c2800e44946d1f7a7b2d
  6899673cf3b6fd5358c0bb40 6960d650977226eaca0305f7 67eddd9055305da08ee7e428
  66718bd83907860c659f5081 68e235e8099d7be0f75ce3c3"
renderers="${HONGSHU_BENCH_RENDERERS:-default cairo}"

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

# HONGSHU_BENCH_ONLY=memory skips the timings.
only="${HONGSHU_BENCH_ONLY:-}"
: > "$tmp/cold.log"
: > "$tmp/warm.log"
if [ "$only" != memory ]; then
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
fi

descendants () {
  local pid="$1" child
  echo "$pid"
  for child in $(pgrep -P "$pid" || true); do
    descendants "$child"
  done
}

# snapshot LABEL: one line per process: LABEL NAME PID PSS-KiB ANON-KiB RSSANON-KiB RSS-KiB
snapshot () {
  local pid name pss anon rssanon rss
  for pid in $(descendants "$app_pid"); do
    [ -r "/proc/$pid/smaps_rollup" ] || continue
    name=$(basename "$(tr '\0' '\n' < "/proc/$pid/cmdline" | head -n 1)" 2>/dev/null || true)
    [ -n "$name" ] || continue
    pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup")
    anon=$(awk '/^Anonymous:/ { print $2 }' "/proc/$pid/smaps_rollup")
    rssanon=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status")
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
    [ -n "$pss" ] && echo "$1 $name $pid $pss ${anon:-0} ${rssanon:-0} ${rss:-0}" >> "$tmp/memory.txt"
  done
}

: > "$tmp/memory.txt"
: > "$tmp/mappings.txt"
for renderer in $renderers; do
  echo "memory ($renderer renderer): a note of 9 pictures, then 20 more notes..." >&2
  fresh_home "memory-$renderer"
  : > "$tmp/memory.log"
  if [ "$renderer" = default ]; then unset GSK_RENDERER; else export GSK_RENDERER="$renderer"; fi
  "$build/src/hongshu" --demo "$nine_pictures" 2>> "$tmp/memory.log" >/dev/null &
  app_pid=$!
  wait_for "$tmp/memory.log" ready 1
  sleep 2
  snapshot "$renderer:first"
  # Where the UI process's PSS lies, by mapping: the GL driver's libraries and heaps
  # against GTK's and ours.
  awk -v label="$renderer" '
    /^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : "[anonymous]"; sub(".*/", "", name) }
    /^Pss:/ { pss[name] += $2 }
    END { for (n in pss) print label, n, pss[n] }' "/proc/$app_pid/smaps" >> "$tmp/mappings.txt"
  n=1
  for note in $twenty; do
    n=$((n + 1))
    "$build/src/hongshu" "$note"
    wait_for "$tmp/memory.log" ready "$n"
  done
  sleep 2
  snapshot "$renderer:after-20"
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=
done
unset GSK_RENDERER

echo "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
python3 - "$tmp/cold.log" "$tmp/warm.log" "$tmp/memory.txt" "$tmp/mappings.txt" <<'PY'
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

def row(key, label):
    cells = []
    for data in (cold, warm):
        values = [r[key] for r in data if key in r]
        cells.append(f"{statistics.median(values):8.1f} (n={len(values)})" if values else "—")
    print(f"{label:24} {cells[0]:>12} {cells[1]:>12}")

for key, label in events:
    row(key, label)

# Every other event, in the order of its warm median: the body's phases among them.
others = {key for data in (cold, warm) for r in data for key in r} - {k for k, _ in events} - {"open"}
def order(key):
    values = [r[key] for r in warm if key in r] or [r[key] for r in cold if key in r]
    return statistics.median(values)
print("\nAll events, the body's phases among them:")
for key in sorted(others, key=order):
    row(key, "  " + key)

snapshots = {}
for line in open(sys.argv[3]):
    label, name, pid, pss, anon, rssanon, rss = line.split()
    snapshots.setdefault(label, []).append((name, int(pid), int(pss), int(anon), int(rssanon), int(rss)))

def mib(kb):
    return f"{kb / 1024:8.1f}"

for renderer in dict.fromkeys(label.split(":")[0] for label in snapshots):
    first = snapshots.get(renderer + ":first", [])
    after = snapshots.get(renderer + ":after-20", [])
    print(f"\nMemory, {renderer} renderer, MiB (PSS from smaps_rollup; RSS only for comparison):")
    print(f"  {'process':24} {'PSS':>8} {'anon':>8} {'RSS':>8}   {'after 20 notes: PSS':>19} {'anon':>8}")
    later = {}
    for name, pid, pss, anon, rssanon, rss in after:
        later[pid] = (pss, anon)
    for name, pid, pss, anon, rssanon, rss in first:
        print(f"  {name:24} {mib(pss)} {mib(anon)} {mib(rss)}   {mib(later.get(pid, (0, 0))[0]):>19} {mib(later.get(pid, (0, 0))[1])}")
    for name, pid, pss, anon, rssanon, rss in after:
        if pid not in {p[1] for p in first}:
            print(f"  {name + ' (new)':24} {'':8} {'':8} {'':8}   {mib(pss):>19} {mib(anon)}")
    total_first = sum(p[2] for p in first)
    total_after = sum(p[2] for p in after)
    ui = first[0] if first else None
    ui_after = after[0] if after else None
    print(f"  {'total PSS':24} {mib(total_first)}   after 20 notes {mib(total_after)}   growth {mib(total_after - total_first)}")
    print(f"  {'total RSS (sum)':24} {mib(sum(p[5] for p in first))}")
    # PSS splits library pages among every process that maps them, other programs' too:
    # on a shared machine anonymous memory is the steadier figure.
    anon_first = sum(p[3] for p in first)
    anon_after = sum(p[3] for p in after)
    print(f"  {'total anonymous':24} {mib(anon_first)}   after 20 notes {mib(anon_after)}   growth {mib(anon_after - anon_first)}")
    if ui and ui_after:
        print(f"  {'UI anonymous':24} {mib(ui[3])} (RssAnon {mib(ui[4]).strip()})   after 20 notes {mib(ui_after[3])}   growth {mib(ui_after[3] - ui[3])}")
    mappings = []
    for line in open(sys.argv[4]):
        label, name, kb = line.rsplit(None, 2)[0].split(None, 1)[0], line.split()[1], int(line.split()[-1])
        if label == renderer:
            mappings.append((kb, name))
    mappings.sort(reverse=True)
    print("  UI process PSS by mapping (largest):", ", ".join(f"{name} {kb / 1024:.1f}" for kb, name in mappings[:10]))
PY
