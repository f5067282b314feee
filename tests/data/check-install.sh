#!/usr/bin/env bash
# What `meson install` lays down, checked in a private DESTDIR: the programs, the
# translations, and every file the desktop needs to show and start the app.
# usage: check-install.sh BUILD-DIR PREFIX BINDIR DATADIR LOCALEDIR APP-ID UI(true|false)
set -euo pipefail

build="$1" prefix="$2" bindir="$3" datadir="$4" localedir="$5" app_id="$6" ui="$7"
dest="$(mktemp -d)"
trap 'rm -rf "$dest"' EXIT

# Absolute install dirs (meson passes them so) land under DESTDIR as they are.
meson install -C "$build" --no-rebuild --quiet --destdir "$dest" >/dev/null

root="$dest"
bin="$root$bindir"
share="$root$datadir"
status=0

fail () {
  echo "FAIL: $*"
  status=1
}

expect_file () {
  [ -f "$1" ] || fail "${1#"$dest"} is not installed"
}

[ -x "$bin/hongshu-cli" ] || fail "$bindir/hongshu-cli is not installed or not executable"
if [ "$ui" = true ]; then
  [ -x "$bin/hongshu" ] || fail "$bindir/hongshu is not installed or not executable"
else
  [ ! -e "$bin/hongshu" ] || fail "$bindir/hongshu is installed although the UI is not built"
fi

for lang in $(sed 's/#.*//' "$(dirname "$0")/../../po/LINGUAS"); do
  mo="$root$localedir/$lang/LC_MESSAGES/hongshu.mo"
  expect_file "$mo"
  if [ -f "$mo" ]; then
    msgunfmt "$mo" >/dev/null || fail "${mo#"$dest"} is not a valid catalogue"
  fi
done

desktop="$share/applications/$app_id.desktop"
metainfo="$share/metainfo/$app_id.metainfo.xml"
service="$share/dbus-1/services/$app_id.service"
schema="$share/glib-2.0/schemas/io.github.hongshu.Hongshu.gschema.xml"
icon="$share/icons/hicolor/scalable/apps/$app_id.svg"
symbolic="$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"

for file in "$desktop" "$metainfo" "$service" "$schema" "$icon" "$symbolic"; do
  expect_file "$file"
done

if [ -f "$desktop" ]; then
  out="$(desktop-file-validate "$desktop" 2>&1)" || fail "installed desktop file: $out"
  [ -z "$out" ] || fail "installed desktop file: $out"
fi
if [ -f "$service" ]; then
  grep -qxF "Exec=$bindir/hongshu --gapplication-service" "$service" \
    || fail "the D-Bus service does not start $bindir/hongshu"
fi
if [ -f "$schema" ]; then
  # What gnome.post_install does on a real install: the schema dir must compile.
  glib-compile-schemas --strict --targetdir="$dest" "$(dirname "$schema")" \
    || fail "the installed schemas do not compile"
fi

# The icons must render at the sizes they are drawn for; the symbolic one must be
# a single colour so that GTK can recolour it.
if [ -f "$icon" ]; then
  rsvg-convert -w 128 -h 128 -o "$dest/icon.png" "$icon" || fail "the app icon does not render"
  grep -q 'viewBox="0 0 128 128"' "$icon" || fail "the app icon is not drawn on 128×128"
fi
if [ -f "$symbolic" ]; then
  rsvg-convert -w 16 -h 16 -o "$dest/symbolic.png" "$symbolic" || fail "the symbolic icon does not render"
  grep -q 'viewBox="0 0 16 16"' "$symbolic" || fail "the symbolic icon is not drawn on 16×16"
  colours="$(grep -oiE '#[0-9a-f]{6}\b|#[0-9a-f]{3}\b' "$symbolic" | tr 'A-F' 'a-f' | sort -u | wc -l)"
  [ "$colours" -le 1 ] || fail "the symbolic icon uses $colours colours"
fi

[ $status -eq 0 ] && echo "installed: $(cd "$dest" && find . -type f | wc -l) files under $prefix"
exit $status
