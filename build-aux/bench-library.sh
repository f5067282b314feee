#!/usr/bin/env bash
# Benchmark (not a test) of the library (issue 11):
#   - generates N notes (default 100 000) as JSON lines in the normalised form, their
#     Chinese text recombined from the sentences and tags of the demo notes, a few of
#     them holding a rare word;
#   - times `hongshu-cli library import` into an empty library (goal: under 20 s);
#   - with hyperfine, the wall time of `hongshu-cli library search` for a two-character
#     word, a one-character query and a rare word, side by side with `grep -c` of the
#     same word over the same JSON lines (goal: each under 50 ms and at least 2x faster
#     than grep);
#   - the size of the database;
# and prints them as two tables with the load average: the machine may be shared, and
# CPU time moves less with load than wall time.
#
# usage: build-aux/bench-library.sh [BUILD-DIR] [N] [RUNS]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${HONGSHU_BUILD_DIR:-$root/_build}}"
count="${2:-100000}"
runs="${3:-20}"
cli="$build/src/cli/hongshu-cli"

for tool in hyperfine python3 grep; do
  command -v "$tool" >/dev/null || { echo "bench-library: $tool is missing" >&2; exit 1; }
done
[ -x "$cli" ] || { echo "bench-library: build first: $cli is missing" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" LC_ALL=C.UTF-8

# Notes: titles, sentences and tags of the demo notes, shuffled with a fixed seed.
python3 - "$root/src/demo/data/notes.json" "$count" >"$work/notes.jsonl" <<'EOF'
import json, random, re, sys

demo = json.load(open(sys.argv[1]))
if isinstance(demo, dict):
    demo = demo["notes"]
count = int(sys.argv[2])
rng = random.Random(11)
titles, sentences, tags, authors = [], [], set(), []
for note in demo:
    if note.get("title"):
        titles.append(note["title"])
    text = re.sub(r"<[^>]+>", "\n", note.get("content") or "")
    for part in re.split(r"[\n。！？!?]", text):
        part = part.strip()
        if len(part) >= 4 and not part.startswith("#"):
            sentences.append(part)
    tags.update(note.get("tags") or [])
    if note.get("author"):
        authors.append(note["author"])
tags = sorted(tags)
rare = "饕餮盛宴"
for i in range(count):
    body = "".join("<p>%s。</p>" % rng.choice(sentences) for _ in range(rng.randint(2, 6)))
    if i % 20000 == 7:
        body += "<p>%s</p>" % rare
    note = {
        "note_id": "%024x" % (0x6500000000000000 * 2**32 + i),
        "title": rng.choice(titles),
        "content": body,
        "images": [],
        "videos": [],
        "tags": rng.sample(tags, rng.randint(1, 4)),
        "like_count": rng.randint(0, 100000),
        "comment_count": rng.randint(0, 5000),
        "favorite_count": rng.randint(0, 20000),
        "share_count": rng.randint(0, 3000),
        "author": rng.choice(authors) if authors else None,
        "publish_time": "2024-%02d-%02dT%02d:00:00Z" % (rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23)),
        "location": None,
    }
    print(json.dumps(note, ensure_ascii=False, separators=(",", ":")))
EOF

echo "notes: $count, JSON lines: $(du -h "$work/notes.jsonl" | cut -f1)"

# Wall time and CPU time: the machine may be shared, and CPU time moves less with load.
/usr/bin/time -f "%e %U %S" -o "$work/import.time" "$cli" library import "$work/notes.jsonl" 2>"$work/import.err"
read -r wall user sys <"$work/import.time"
echo "import: ${wall} s wall, ${user} s user + ${sys} s system CPU ($(tail -1 "$work/import.err"))"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
db_size="$(du -ch "$work/data/hongshu/library.db"* | tail -1 | cut -f1)"
echo "database: $db_size"

for word in 口红 红 饕餮; do
  echo "matches of $word: library $("$cli" library search --limit 0 "$word" --json | wc -l), grep -c $(grep -c "$word" "$work/notes.jsonl" || true)"
done

# --output=pipe: GNU grep stops at the first match when its output is /dev/null.
hyperfine -N --output=pipe --warmup 3 --runs "$runs" --export-json "$work/search.json" \
  -n "library search 口红 (2 characters)" "$cli library search --limit 20 口红" \
  -n "grep -c 口红" "grep -c 口红 $work/notes.jsonl" \
  -n "library search 红 (1 character)" "$cli library search --limit 20 红" \
  -n "grep -c 红" "grep -c 红 $work/notes.jsonl" \
  -n "library search 饕餮 (rare)" "$cli library search --limit 20 饕餮" \
  -n "grep -c 饕餮" "grep -c 饕餮 $work/notes.jsonl" \
  >/dev/null
python3 - "$work/search.json" "$wall" "$user" "$sys" "$db_size" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
wall, user, system, db_size = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
print()
print("| import | wall | CPU (user + system) | database |")
print("|---|---:|---:|---:|")
print("| `hongshu-cli library import` | %.1f s | %.1f s | %s |" % (wall, user + system, db_size))
print()
print("| query | library search: median wall | CPU | grep -c: median wall | CPU | grep / library (wall) |")
print("|---|---:|---:|---:|---:|---:|")
for library, grep in zip(results[0::2], results[1::2]):
    print("| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1fx |" % (
        library["command"].replace("library search ", ""),
        library["median"] * 1000, (library["user"] + library["system"]) * 1000,
        grep["median"] * 1000, (grep["user"] + grep["system"]) * 1000,
        grep["median"] / library["median"]))
EOF
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
