#!/usr/bin/env bash
# Benchmark (not a test): batch downloads from the demo server on loopback.
#
#   1. Rate limit off: 200 notes (the 61 sample notes, 3 to 9 pictures each,
#      11 with a video, repeated in order; the name template "{index} - {id}"
#      gives each of the 200 its own folder, so every file is fetched 200/61
#      times over) by
#        (a) hongshu-cli download,
#        (b) curl: the same 200 API calls and the same media files, 4 in
#            parallel (--parallel-max 4), the same headers (token for the API,
#            Referer for the CDN), each file to its own path;
#      in one hyperfine run, output folders emptied before each run; then the
#      peak memory (maximum resident set size) of one run of each from
#      /usr/bin/time -v.
#   2. The default rate limit (100 calls a minute, the server's and ours):
#      150 notes, against the limiter's own minimum: the first 100 calls go
#      at once, the 101st waits until 60 s after the first, so 150 notes take
#      at least 60 s plus the last 50 notes' own time.
#
# usage: build-aux/bench-download.sh [BUILD-DIR] [RUNS] [--no-limit-run]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${HONGSHU_BUILD_DIR:-$root/_build}}"
runs="${2:-5}"
limit_run=1
[ "${3:-}" = "--no-limit-run" ] && limit_run=0
cli="$build/src/cli/hongshu-cli"
count=200

bench="bench-download"
# shellcheck source=build-aux/bench-demo-server.sh
. "$root/build-aux/bench-demo-server.sh"
bench_require hyperfine curl /usr/bin/time /usr/bin/python3

ids_for () {
  /usr/bin/python3 - "$root/src/demo/data/notes.json" "$1" <<'PY'
import json, sys
notes = json.load(open(sys.argv[1], encoding="utf-8"))["notes"]
ids = [note["note_id"] for note in notes]
for i in range(int(sys.argv[2])):
    print(ids[i % len(ids)])
PY
}

token=demo-token
referer="https://www.xiaohongshu.com/"
version="$("$cli" --version | awk '{print $2}')"
export HONGSHU_ACCESS_TOKEN=$token XDG_CACHE_HOME="$work/cache"
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus

# ---------------------------------------------------------------------------
# 1. Rate limit off.
start_server --requests-per-minute 0
export HONGSHU_API_BASE_URL="$base"
ids_for "$count" >"$work/ids"
mapfile -t ids <"$work/ids"

hongshu_cmd="$cli download --requests-per-minute 0 --name-template {index}-{id} --out $work/out-h ${ids[*]}"

# One run first, to list the files the notes hold (their record) for curl.
$hongshu_cmd >"$work/first.out"
/usr/bin/python3 - "$work/out-h" "$base" "$work/out-c" "$token" "$referer" "$version" "$work/ids" \
  >"$work/curl.conf" <<'PY'
import json, os, sys
out_h, base, out_c, token, referer, version, ids_file = sys.argv[1:]
ids = [l.strip() for l in open(ids_file)]
# Per-transfer options are reset by "next": each transfer gets them.
common = 'fail\ncreate-dirs\nuser-agent = "Hongshu/%s"' % version
n_files = 0
for i, folder in enumerate(sorted(os.listdir(out_h))):
    index, note_id = folder.split("-", 1)
    if i > 0:
        print('next')
    # The API call of the note.
    print(common)
    print('url = "%s/v1/notes/%s"' % (base, note_id))
    print('header = "Authorization: Bearer %s"' % token)
    print('output = "%s/%s/note.json"' % (out_c, folder))
    record = json.load(open(os.path.join(out_h, folder, ".hongshu.json")))
    for entry in record["files"]:
        print('next')
        print(common)
        print('url = "%s"' % entry["url"])
        print('header = "Referer: %s"' % referer)
        print('output = "%s/%s/%s"' % (out_c, folder, entry["name"]))
        n_files += 1
print("# %d notes, %d media files" % (len(os.listdir(out_h)), n_files), file=sys.stderr)
PY
n_media=$(grep -c '^header = "Referer' "$work/curl.conf")
bytes=$(du -sb "$work/out-h" | awk '{print $1}')
echo "bench-download: $count notes, $n_media media files, $bytes bytes on disk"

curl_cmd="curl --silent --parallel --parallel-max 4 --config $work/curl.conf"
$curl_cmd
diff -rq --exclude=.hongshu.json --exclude=note.json "$work/out-h" "$work/out-c" >/dev/null ||
  { echo "bench-download: curl and hongshu-cli saved different files" >&2; exit 1; }

hyperfine --style basic --runs "$runs" --warmup 1 \
  --prepare "rm -rf $work/out-h $work/out-c" \
  --export-json "$work/hyperfine.json" \
  -n hongshu-cli "$hongshu_cmd" \
  -n curl "$curl_cmd"

rm -rf "$work/out-h" "$work/out-c"
/usr/bin/time -v $hongshu_cmd >/dev/null 2>"$work/time-h" || { cat "$work/time-h" >&2; exit 1; }
/usr/bin/time -v $curl_cmd 2>"$work/time-c"
peak_h=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$work/time-h")
peak_c=$(awk -F: '/Maximum resident set size/ {gsub(/ /,"",$2); print $2}' "$work/time-c")

/usr/bin/python3 - "$work/hyperfine.json" "$peak_h" "$peak_c" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
h, c = results["hongshu-cli"], results["curl"]
print()
print("| tool | median | mean ± σ | peak RSS |")
print("|---|---|---|---|")
print("| hongshu-cli download | %.3f s | %.3f ± %.3f s | %.1f MB |" % (h["median"], h["mean"], h["stddev"], int(sys.argv[2]) / 1024))
print("| curl, 4 parallel | %.3f s | %.3f ± %.3f s | %.1f MB |" % (c["median"], c["mean"], c["stddev"], int(sys.argv[3]) / 1024))
print()
print("hongshu/curl (median): %.2fx (goal <= 1.3); peak memory %.1f MB (goal < 50)" %
      (h["median"] / c["median"], int(sys.argv[2]) / 1024))
PY

# ---------------------------------------------------------------------------
# 2. The default rate limit, 150 notes.
if [ "$limit_run" = 1 ]; then
  start_server
  export HONGSHU_API_BASE_URL="$base"
  ids_for 150 >"$work/ids150"
  mapfile -t ids150 <"$work/ids150"
  start=$(date +%s.%N)
  "$cli" download --requests-per-minute 100 --name-template '{index}-{id}' --out "$work/out-l" \
    "${ids150[@]}" >"$work/limit.out"
  end=$(date +%s.%N)
  tail -n 1 "$work/limit.out"
  /usr/bin/python3 -c "
import sys
wall = $end - $start
print('150 notes, 100 calls a minute: %.1f s; the limiter alone allows no less than 60 s (calls 101-150 wait for the window), so %.1f s are the downloads themselves' % (wall, wall - 60))"
fi
