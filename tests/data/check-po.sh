#!/usr/bin/env bash
# A translation is complete when, merged with a template freshly extracted from
# every file in po/POTFILES.in, msgfmt counts only translated messages: no fuzzy,
# no untranslated, and msgfmt -c finds nothing wrong (formats, header, plurals).
# usage: check-po.sh SOURCE-ROOT LANGUAGE
set -euo pipefail

root="$1"
lang="$2"
po="$root/po/$lang.po"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

[ -f "$po" ] || { echo "FAIL: $po does not exist"; exit 1; }

# The same keywords and flags as meson's i18n.gettext(preset: 'glib').
(cd "$root" && xgettext --package-name=hongshu --output="$tmp/hongshu.pot" \
  --files-from=po/POTFILES.in --directory="$root" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format)

status=0

# The file as committed must be valid on its own.
if ! msgfmt --check --output-file=/dev/null "$po"; then
  echo "FAIL: msgfmt -c rejects $po"
  status=1
fi

msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/merged.po" "$po" "$tmp/hongshu.pot"
stats="$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$tmp/merged.po" 2>&1)" || status=1
echo "$lang: $stats"

if ! [[ "$stats" =~ ^[0-9]+\ translated\ messages?\.$ ]]; then
  echo "FAIL: po/$lang.po is incomplete against the current sources"
  # Name the messages that need work, so the failure says what to do.
  msgattrib --untranslated --no-wrap --no-location "$tmp/merged.po" \
    | awk '/^msgid "/ && $0 != "msgid \"\"" { print "  untranslated: " substr($0, 7) }' | head -40 || true
  msgattrib --only-fuzzy --no-wrap --no-location "$tmp/merged.po" \
    | awk '/^msgid "/ && $0 != "msgid \"\"" { print "  fuzzy: " substr($0, 7) }' | head -40 || true
  status=1
fi

exit $status
