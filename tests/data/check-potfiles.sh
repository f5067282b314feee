#!/usr/bin/env bash
# po/POTFILES.in must list every file with translatable strings, and only files
# that exist: a file left out keeps its strings English in every language.
# usage: check-potfiles.sh SOURCE-ROOT
set -euo pipefail

root="$1"
cd "$root"
potfiles=po/POTFILES.in
status=0

mapfile -t listed < <(sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$potfiles" | grep -v '^$')

for file in "${listed[@]}"; do
  if [ ! -f "$file" ]; then
    echo "FAIL: $potfiles lists $file, which does not exist"
    status=1
  fi
done

is_listed () {
  local file="$1" item
  for item in "${listed[@]}"; do
    [ "$item" = "$file" ] && return 0
  done
  return 1
}

# Gettext calls in C, translatable properties in GtkBuilder templates, and the
# data files that xgettext reads through ITS rules (all of these carry strings).
c_pattern='(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\('
mapfile -t candidates < <(
  {
    grep -rlE --include='*.c' --include='*.h' "$c_pattern" src || true
    grep -rl --include='*.ui' 'translatable="yes"' src data || true
    find data -maxdepth 1 \( -name '*.desktop.in.in' -o -name '*.desktop.in' \
      -o -name '*.metainfo.xml.in.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml' \) \
      -print || true
  } | sed 's|^\./||' | sort -u
)

for file in "${candidates[@]}"; do
  if ! is_listed "$file"; then
    echo "FAIL: $file has translatable strings but is not in $potfiles"
    status=1
  fi
done

echo "${#listed[@]} files listed, ${#candidates[@]} files with translatable strings"
exit $status
