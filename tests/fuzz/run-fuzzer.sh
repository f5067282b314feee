#!/usr/bin/env bash
# Runs one libFuzzer harness for a bounded time on a copy of its seed corpus (the tree is
# never written to). A crash, leak, sanitizer report or timeout fails the test; the input
# that caused it is kept next to the harness as NAME-crash-…, to be added to
# tests/fuzz/corpus/NAME/ once fixed.
set -euo pipefail

harness="$1"
corpus="$2"
seconds="${HONGSHU_FUZZ_SECONDS:-60}"
name="$(basename "$harness")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"
cp -R "$corpus"/. "$work/corpus/"

export ASAN_OPTIONS="${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

# -timeout: one input taking longer than this is a bug (a parser must stay linear).
# -error_exitcode: libFuzzer's default, 77, is what meson reads as "skipped".
exec "$harness" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -print_final_stats=1 -artifact_prefix="$(dirname "$harness")/$name-" "$work/corpus"
