#!/usr/bin/env bash
# Benchmark (not a test) of the Library view (issue 11) on a big library:
#   - N notes (default 100 000) made by the generator of build-aux/bench-library.sh
#     (read from that script, so both measure the same notes) and imported with
#     `hongshu-cli library import`;
#   - then, RUNS times, a fresh `hongshu --demo` under Xvfb with HONGSHU_BENCH_LIBRARY
#     (src/ui/hs-library-bench.h): the time from the Library view being asked for (at
#     Saved) to its first page of cards painted, and from a search typed into its field
#     to the search's first page painted, for a two-character word, a one-character
#     query and a rare word. Goal: each under 100 ms. Medians are printed.
#
# usage: build-aux/bench-library-window.sh [BUILD-DIR] [N] [RUNS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-${HONGSHU_BUILD_DIR:-$root/_build}}" && pwd)"
count="${2:-100000}"
runs="${3:-3}"
cli="$build/src/cli/hongshu-cli"

for tool in xvfb-run dbus-run-session python3; do
  command -v "$tool" >/dev/null || { echo "bench-library-window: $tool is missing" >&2; exit 1; }
done
[ -x "$build/src/hongshu" ] || { echo "bench-library-window: build first (-Dui=true)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"

# The generator: the Python between the "<<'EOF'" after "# Notes:" and its EOF.
awk '/^# Notes:/ { notes = 1 } notes && /<<.EOF.$/ { on = 1; next } on && /^EOF$/ { exit } on' \
  "$root/build-aux/bench-library.sh" >"$work/generate.py"
python3 "$work/generate.py" "$root/src/demo/data/notes.json" "$count" >"$work/notes.jsonl"
LC_ALL=C.UTF-8 "$cli" library import "$work/notes.jsonl" >/dev/null 2>&1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "notes: $count imported, database $(du -h "$XDG_DATA_HOME/hongshu/library.db" | cut -f1)"

median () { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for query in 口红 春 饕餮盛宴; do
  : >"$work/open.ms"; : >"$work/search.ms"
  for _ in $(seq "$runs"); do
    line=$(env GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" LC_ALL=C.UTF-8 \
             GTK_A11Y=none WEBKIT_DISABLE_DMABUF_RENDERER=1 HONGSHU_WINDOW_SIZE=1280x800 \
             HONGSHU_BENCH_LIBRARY="$query" \
             timeout 120 xvfb-run -a -s "-screen 0 1600x1200x24" \
               dbus-run-session -- "$build/src/hongshu" --demo 2>&1 | grep '^hongshu-bench-library:' || true)
    # Where the time goes: the page's arrival (the query) and its painting.
    grep -v 'open_ms=' <<<"$line" | sed 's/^/  /' >&2 || true
    line=$(grep 'open_ms=' <<<"$line" || true)
    [ -n "$line" ] || { echo "bench-library-window: no figures for $query" >&2; exit 1; }
    sed -n 's/.*open_ms=\([0-9.]*\).*/\1/p' <<<"$line" >>"$work/open.ms"
    sed -n 's/.*search_ms=\([0-9.]*\).*/\1/p' <<<"$line" >>"$work/search.ms"
  done
  printf 'query %-8s  Library opened to first page painted: median %s ms   search to first page painted: median %s ms   (%s runs)\n' \
    "$query" "$(median <"$work/open.ms")" "$(median <"$work/search.ms")" "$runs"
done
