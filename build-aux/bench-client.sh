#!/usr/bin/env bash
# Benchmark (not a test): the same 500 note fetches against the demo server by
#   (a) hongshu-cli get --json, 500 references in one process,
#   (b) curl, 500 URLs in one process with keep-alive and the same headers,
#   (c) the seed's Python example (requests.get without a Session, as written),
#   (d) the seed's function with a requests.Session (keep-alive), for reference.
# Each is run several times with hyperfine; prints medians and the ratios
# hongshu/curl (goal <= 1.3) and python/hongshu (goal >= 3).
#
# usage: build-aux/bench-client.sh [BUILD-DIR] [RUNS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${HONGSHU_BUILD_DIR:-$root/_build}}"
runs="${2:-7}"
cli="$build/src/cli/hongshu-cli"
count=500

bench="bench-client"
# shellcheck source=build-aux/bench-demo-server.sh
. "$root/build-aux/bench-demo-server.sh"
bench_require hyperfine curl /usr/bin/python3
/usr/bin/python3 -c 'import requests' 2>/dev/null ||
  { echo "bench-client: python3-requests is missing" >&2; exit 1; }

# The demo server, without its rate limit.
start_server --requests-per-minute 0

# 500 fetches over the sample notes, in a fixed order.
/usr/bin/python3 - "$root/src/demo/data/notes.json" "$count" >"$work/ids" <<'PY'
import json, sys
notes = json.load(open(sys.argv[1], encoding="utf-8"))["notes"]
ids = [note["note_id"] for note in notes]
for i in range(int(sys.argv[2])):
    print(ids[i % len(ids)])
PY
mapfile -t ids <"$work/ids"

token=demo-token
version="$("$cli" --version | awk '{print $2}')"

# (a) hongshu-cli: our own limiter off too, as the server's.
hongshu_cmd="env HONGSHU_ACCESS_TOKEN=$token HONGSHU_API_BASE_URL=$base $cli get --json --requests-per-minute 0 ${ids[*]}"

# (b) curl: one process, one connection reused, the headers of API.md §1.
{
  echo "silent"
  echo "fail"
  echo "header = \"Authorization: Bearer $token\""
  echo "header = \"Content-Type: application/json\""
  echo "header = \"Accept: application/json\""
  echo "user-agent = \"Hongshu/$version\""
  for id in "${ids[@]}"; do
    echo "url = \"$base/v1/notes/$id\""
    echo "output = \"/dev/null\""
  done
} >"$work/curl.conf"
curl_cmd="curl --config $work/curl.conf"

# (c) the seed's example as written (a new connection per call), and (d) the
# same function on a Session.
cat >"$work/seed.py" <<'PY'
import sys
import requests

BASE = sys.argv[1]
USE_SESSION = sys.argv[2] == "session"
http = requests.Session() if USE_SESSION else requests

def get_note_details(note_id, access_token):
    url = f"{BASE}/v1/notes/{note_id}"
    headers = {
        "Authorization": f"Bearer {access_token}",
        "Content-Type": "application/json"
    }
    try:
        response = http.get(url, headers=headers)
        response.raise_for_status()
        data = response.json()
        if data.get("code") == 200:
            return data["data"]
        else:
            print(f"API错误: {data.get('message')}")
    except requests.exceptions.RequestException as e:
        print(f"请求失败: {e}")

ids = open(sys.argv[3]).read().split()
for note_id in ids:
    details = get_note_details(note_id, "demo-token")
    if not details:
        sys.exit(1)
PY
python_cmd="/usr/bin/python3 $work/seed.py $base plain $work/ids"
python_session_cmd="/usr/bin/python3 $work/seed.py $base session $work/ids"

# Each must succeed once before it is timed.
$hongshu_cmd >"$work/hongshu.out"
[ "$(wc -l <"$work/hongshu.out")" -eq "$count" ] ||
  { echo "bench-client: hongshu-cli printed the wrong number of notes" >&2; exit 1; }
$curl_cmd
$python_cmd
$python_session_cmd

hyperfine --runs "$runs" --warmup 1 --style basic --export-json "$work/result.json" \
  -n hongshu "$hongshu_cmd >/dev/null" \
  -n curl "$curl_cmd" \
  -n python-seed "$python_cmd" \
  -n python-session "$python_session_cmd"

/usr/bin/python3 - "$work/result.json" "$count" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
count = int(sys.argv[2])
median = {name: r["median"] for name, r in results.items()}
print()
print(f"{'':16}{'median':>10}{'per fetch':>12}")
for name, value in median.items():
    print(f"{name:16}{value * 1000:>8.0f} ms{value / count * 1e6:>9.0f} µs")
print()
hc = median["hongshu"] / median["curl"]
ph = median["python-seed"] / median["hongshu"]
psh = median["python-session"] / median["hongshu"]
print(f"hongshu / curl        = {hc:.2f}   (goal <= 1.3: {'met' if hc <= 1.3 else 'MISSED'})")
print(f"python-seed / hongshu = {ph:.2f}   (goal >= 3: {'met' if ph >= 3 else 'MISSED'})")
print(f"python-session / hongshu = {psh:.2f}")
PY
