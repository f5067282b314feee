#!/usr/bin/env bash
# How smoothly the search grid scrolls through 500 results, and what it costs in
# memory (not a test: the figures depend on the machine and its load).
#
#   build-aux/bench-grid.sh [BUILD-DIR] [RUNS]     (defaults: _build, 3)
#
# Each run is a fresh `hongshu --demo --search 一` at 1280x800 under Xvfb whose demo
# server repeats its 54 matches ten times (HONGSHU_DEMO_SEARCH_REPEAT=10, 540
# results). HONGSHU_BENCH_GRID=500 makes the window scroll its grid 50 px a frame
# from the first page until 500 results have come, pages loading as it goes, then
# print the intervals between frames (GdkFrameClock frame times: median, 95th
# percentile, maximum; 16.7 ms is every frame at 60 Hz) and the UI process's
# proportional set size and anonymous memory (/proc/self/smaps_rollup) before and
# after the scroll, and quit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-${HONGSHU_BUILD_DIR:-$root/_build}}" && pwd)"
runs="${2:-3}"

[ -x "$build/src/hongshu" ] || { echo "bench-grid.sh: no $build/src/hongshu" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hongshu-bench-grid-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for run in $(seq 1 "$runs"); do
  home="$tmp/home-$run"
  mkdir -p "$home"
  env HOME="$home" XDG_CACHE_HOME="$home/cache" XDG_CONFIG_HOME="$home/config" \
      XDG_DATA_HOME="$home/data" \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
      WEBKIT_DISABLE_DMABUF_RENDERER=1 GTK_A11Y=none LC_ALL=C.UTF-8 \
      HONGSHU_WINDOW_SIZE=1280x800 HONGSHU_DEMO_SEARCH_REPEAT=10 HONGSHU_BENCH_GRID=500 \
      timeout 900 xvfb-run -a -s "-screen 0 1600x1200x24" \
        dbus-run-session -- "$build/src/hongshu" --demo --search 一 2>&1 \
    | grep '^hongshu-bench-grid:' | sed "s/^hongshu-bench-grid:/run $run:/"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
