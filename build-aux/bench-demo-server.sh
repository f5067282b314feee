# shellcheck shell=bash
# What the benchmarks against the demo server share; sourced, with $bench
# (the script's name for messages) and $cli set:
#   bench_require TOOL…   exits unless each tool and $cli are there;
#   $work                 a folder of the run's own, removed on exit with
#                         the server;
#   start_server ARG…     (re)starts `hongshu-cli demo-server ARG…` and sets
#                         $base to its URL; on $port when set (0: any);
#   stop_server.

bench_require () {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "${bench:?}: $tool is missing" >&2; exit 1; }
  done
  [ -x "${cli:?}" ] || { echo "$bench: build first: $cli is missing" >&2; exit 1; }
}

work="$(mktemp -d)"
server_pid=""

stop_server () {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

bench_cleanup () {
  stop_server
  rm -rf "$work"
}
trap bench_cleanup EXIT

# The server's first line is its base URL.
start_server () {
  stop_server
  : >"$work/server.out"
  "$cli" demo-server --port "${port:-0}" "$@" >"$work/server.out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 100); do
    [ -s "$work/server.out" ] && break
    sleep 0.05
  done
  base="$(head -n 1 "$work/server.out")"
  case "$base" in
    http://127.0.0.1:*) ;;
    *) echo "$bench: the demo server did not start" >&2; cat "$work/server.err" >&2; exit 1 ;;
  esac
}
