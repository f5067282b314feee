#!/usr/bin/env bash
# Benchmark (not a test): `hongshu-cli download --saved`, a batch of the
# library's saved notes, with its files from the library's own copies
# against the same files from the network (the demo CDN on loopback).
#
#   All 61 sample notes are saved into a library of the benchmark's own
#   (`get --save`, the real code path), then, in one hyperfine run, output
#   folder emptied before each run:
#     (a) download --saved: the library's copies (this build);
#     (b) download ID…: the same notes by reference, the notes from the API
#         and the files from the CDN, which is what the library batch did
#         before it took the library's copies (HONGSHU_BENCH_BASE_CLI, a
#         hongshu-cli of before, adds its --saved as a third command);
#   with the CDN at full loopback speed and, if MEDIA_RATE is set (bytes a
#   second, a connection), throttled like a real one; then --saved once
#   with the demo server stopped, which must save every file.
#
# usage: build-aux/bench-library-download.sh [BUILD-DIR] [RUNS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${HONGSHU_BUILD_DIR:-$root/_build}}"
runs="${2:-5}"
cli="$build/src/cli/hongshu-cli"
base_cli="${HONGSHU_BENCH_BASE_CLI:-}"

bench="bench-library-download"
# shellcheck source=build-aux/bench-demo-server.sh
. "$root/build-aux/bench-demo-server.sh"
bench_require hyperfine /usr/bin/python3

# Rate limit off, and the same port every time: the library's addresses
# lead there.
start_library_server () {
  start_server --requests-per-minute 0 "$@"
  port="${base##*:}"
}

export HONGSHU_ACCESS_TOKEN=demo-token XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus

start_library_server
export HONGSHU_API_BASE_URL="$base"
mapfile -t ids < <(/usr/bin/python3 - "$root/src/demo/data/notes.json" <<'PY'
import json, sys
for note in json.load(open(sys.argv[1], encoding="utf-8"))["notes"]:
    print(note["note_id"])
PY
)
"$cli" get --requests-per-minute 0 --save "${ids[@]}" >/dev/null
"$cli" download --saved --out "$work/check" >"$work/check.out"
n_files=$(find "$work/check" -type f ! -name .hongshu.json | wc -l)
bytes=$(du -sb --exclude=.hongshu.json "$work/check" | awk '{print $1}')
echo "bench-library-download: ${#ids[@]} saved notes, $n_files files, $bytes bytes"

measure () {
  local label="$1"
  shift
  start_library_server "$@"
  local commands=(-n "library copies (--saved)" "$cli download --saved --out $work/out"
                  -n "network (notes by id, CDN)" "$cli download --requests-per-minute 0 --out $work/out ${ids[*]}")
  [ -n "$base_cli" ] && commands+=(-n "network (--saved before)" "$base_cli download --saved --out $work/out")
  echo
  echo "## $label"
  hyperfine --style basic --runs "$runs" --warmup 1 --prepare "rm -rf $work/out" \
    --export-json "$work/$label.json" "${commands[@]}" >/dev/null
  /usr/bin/python3 - "$work/$label.json" <<'PY'
import json, sys
print("| command | median | mean ± σ |")
print("|---|---|---|")
for r in json.load(open(sys.argv[1]))["results"]:
    print("| %s | %.3f s | %.3f ± %.3f s |" % (r["command"], r["median"], r["mean"], r["stddev"]))
PY
}

measure loopback
[ -n "${MEDIA_RATE:-}" ] && measure "media-rate-$MEDIA_RATE" --media-rate "$MEDIA_RATE"

# Offline: no server at all.
stop_server
rm -rf "$work/out"
"$cli" download --saved --out "$work/out" >"$work/offline.out" 2>"$work/offline.err" ||
  { echo "bench-library-download: --saved failed offline:" >&2; cat "$work/offline.err" >&2; exit 1; }
echo
echo "offline: $(tail -n 1 "$work/offline.out")"
diff -rq --exclude=.hongshu.json "$work/check" "$work/out" >/dev/null ||
  { echo "bench-library-download: offline files differ from the online ones" >&2; exit 1; }
