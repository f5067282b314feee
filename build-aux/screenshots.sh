#!/usr/bin/env bash
# Renders the screenshots of data/screenshots/ from a build: Hongshu on its demo
# server with the seed note open, under Xvfb.
#
#   build-aux/screenshots.sh [BUILD-DIR]      (default: $HONGSHU_BUILD_DIR or _build)
#
# Each picture is a fresh `hongshu --demo NOTE` that renders its own window into a
# PNG once the note is shown with its body and first picture (HONGSHU_SCREENSHOT),
# then quits: no window manager, no screen grab, the same pixels every time.
#   note-light-wide.png  1280x800    note-dark-wide.png  1280x800, dark style
#   note-narrow.png      360x720     note-zh_CN.png      1280x800, zh_CN interface
# A website note (its share link with xsec_token, read from the demo's website) and
# the sign-in window on the demo's sign-in page (HONGSHU_SCREENSHOT_SIGN_IN=1):
#   web-note-wide.png, web-note-dark-wide.png, web-note-narrow.png, web-note-zh_CN.png
#   sign-in.png 720x640, sign-in-dark.png, sign-in-narrow.png 360x640, sign-in-zh_CN.png
# and the search grid (`hongshu --demo --search 一`, HONGSHU_GRID_SCREENSHOT, taken
# once the first page and its covers show):
#   grid-light-wide.png  1280x800    grid-dark-wide.png  1280x800, dark style
#   grid-narrow.png      360x720     grid-zh_CN.png      1280x800, zh_CN interface
# and the Download window (HONGSHU_SCREENSHOT_DOWNLOAD): "Download All Results" of
# `--search 美食` once every note is saved, and the "Download…" window as it opens:
#   download-search-wide.png 1280x800   download-search-dark.png 1280x800, dark style
#   download-search-narrow.png 360x720  download-search-zh_CN.png 1280x800, zh_CN
#   download-input.png 720x640          download-input-narrow.png 360x640
# and the Library view (HONGSHU_LIBRARY_SCREENSHOT, with HONGSHU_LIBRARY_VIEW) on a
# library of twelve demo notes saved with their media by `hongshu-cli get --save`:
#   library-saved-wide.png 1280x800 (Saved)   library-tags-dark-wide.png (Tags, dark)
#   library-search-narrow.png 360x720 (a search for 口红)   library-zh_CN.png (Saved)
#   library-zh_CN-narrow.png 360x720 (Saved, zh_CN: the narrow header in Chinese)
# and on the same library the "Download…" window with its saved notes chosen:
#   download-library.png 720x640   download-library-dark.png   download-library-narrow.png
#   360x640   download-library-zh_CN.png
# (the names data/io.github.hongshu.Hongshu.metainfo.xml.in.in refers to).
# HONGSHU_SCREENSHOT_ONLY=PREFIX renders only the pictures whose names start with it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "${1:-${HONGSHU_BUILD_DIR:-$root/_build}}" && pwd)"
# HONGSHU_SCREENSHOT_DIR and HONGSHU_SCREENSHOT_NOTE render elsewhere or another note
# (before/after pictures of a change), leaving data/screenshots/ alone.
out="${HONGSHU_SCREENSHOT_DIR:-$root/data/screenshots}"
note="${HONGSHU_SCREENSHOT_NOTE:-649c46ab000000002702ad36}"

for tool in xvfb-run dbus-run-session msgcat msgfmt; do
  command -v "$tool" >/dev/null || { echo "screenshots.sh: $tool not found" >&2; exit 1; }
done
[ -x "$build/src/hongshu" ] || { echo "screenshots.sh: no $build/src/hongshu; build with -Dui=true" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hongshu-screenshots-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The Chinese catalog: po/zh_CN.po, with the fragments not merged into it yet.
mkdir -p "$tmp/locale/zh_CN/LC_MESSAGES"
shopt -s nullglob
msgcat --use-first "$root"/po/zh_CN.*.po-fragment "$root/po/zh_CN.po" -o "$tmp/zh_CN.po"
shopt -u nullglob
msgfmt -o "$tmp/locale/zh_CN/LC_MESSAGES/hongshu.mo" "$tmp/zh_CN.po"

mkdir -p "$out"

# What each picture opens, and the variable that names its file.
open_args=("$note")
shot_var=HONGSHU_SCREENSHOT

# shoot NAME WIDTHxHEIGHT [VAR=VALUE...]
shoot () {
  local name="$1" size="$2"
  shift 2
  case "$name" in "${HONGSHU_SCREENSHOT_ONLY:-}"*) ;; *) return 0 ;; esac
  rm -f "$out/$name.png"
  # A fresh home per picture: no settings, caches or keyring of the person running it.
  mkdir -p "$tmp/home-$name"
  # The title bar of GNOME's default button layout (org.gnome.desktop.wm.preferences
  # button-layout 'appmenu:close'): a close button only, as a GNOME user sees it.
  mkdir -p "$tmp/home-$name/config/gtk-4.0"
  printf '[Settings]\ngtk-decoration-layout=:close\n' > "$tmp/home-$name/config/gtk-4.0/settings.ini"
  # The Library's pictures start from the same saved notes.
  if [ -n "${library_data:-}" ]; then cp -r "$library_data" "$tmp/home-$name/data"; fi
  env HOME="$tmp/home-$name" XDG_CACHE_HOME="$tmp/home-$name/cache" \
      XDG_CONFIG_HOME="$tmp/home-$name/config" XDG_DATA_HOME="$tmp/home-$name/data" \
      GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
      HONGSHU_LOCALEDIR="$tmp/locale" \
      TZ=Asia/Shanghai LC_ALL=C.UTF-8 LANG=C.UTF-8 LANGUAGE= \
      WEBKIT_DISABLE_DMABUF_RENDERER=1 GTK_A11Y=none \
      HONGSHU_WINDOW_SIZE="$size" "$shot_var=$out/$name.png" \
      "$@" \
      timeout 60 xvfb-run -a -s "-screen 0 1600x1200x24" \
        dbus-run-session -- "$build/src/hongshu" --demo "${open_args[@]}" 2>&1 \
    | grep -v -e '^dbus-daemon' -e 'SpiRegistry' || true
  [ -s "$out/$name.png" ] || { echo "screenshots.sh: $name.png was not written" >&2; exit 1; }
}

shoot note-light-wide 1280x800
shoot note-dark-wide 1280x800 ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot note-narrow 360x720
shoot note-zh_CN 1280x800 LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN

# A website note: its share link, with the note's own xsec_token (hs_demo_web_xsec_token()).
web_id=6683e710decf96823289ae5d
web_token="AB$(printf 'hongshu-demo-xsec:%s' "$web_id" | sha256sum | cut -c1-30)%3D"
note="https://www.xiaohongshu.com/explore/$web_id?xsec_token=$web_token&xsec_source=pc_share"
open_args=("$note")
shoot web-note-wide 1280x800
shoot web-note-dark-wide 1280x800 ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot web-note-narrow 360x720
shoot web-note-zh_CN 1280x800 LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN

note=
open_args=()
shoot sign-in 720x640 HONGSHU_SCREENSHOT_SIGN_IN=1
shoot sign-in-dark 720x640 HONGSHU_SCREENSHOT_SIGN_IN=1 ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot sign-in-narrow 360x640 HONGSHU_SCREENSHOT_SIGN_IN=1
shoot sign-in-zh_CN 720x640 HONGSHU_SCREENSHOT_SIGN_IN=1 LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN

open_args=(--search 一)
shot_var=HONGSHU_GRID_SCREENSHOT
shoot grid-light-wide 1280x800
shoot grid-dark-wide 1280x800 ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot grid-narrow 360x720
shoot grid-zh_CN 1280x800 LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN

open_args=(--search 美食)
shot_var=HONGSHU_SCREENSHOT
shoot download-search-wide 1280x800 HONGSHU_SCREENSHOT_DOWNLOAD=search
shoot download-search-dark 1280x800 HONGSHU_SCREENSHOT_DOWNLOAD=search ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot download-search-narrow 360x720 HONGSHU_SCREENSHOT_DOWNLOAD=search
shoot download-search-zh_CN 1280x800 HONGSHU_SCREENSHOT_DOWNLOAD=search LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN
open_args=()
shoot download-input 720x640 HONGSHU_SCREENSHOT_DOWNLOAD=input
shoot download-input-narrow 360x640 HONGSHU_SCREENSHOT_DOWNLOAD=input

# The library: twelve demo notes saved with their media, from a demo server of their
# own (the app's demo server has another port: the covers show from the saved files).
library_data="$tmp/library-data"
"$build/src/cli/hongshu-cli" demo-server --requests-per-minute 0 >"$tmp/demo-server.out" 2>/dev/null &
server_pid=$!
for _ in $(seq 50); do [ -s "$tmp/demo-server.out" ] && break; sleep 0.1; done
library_ids=$(python3 -c '
import json, sys
notes = json.load(open(sys.argv[1]))
notes = notes["notes"] if isinstance(notes, dict) else notes
print(" ".join(note.get("note_id") or note["id"] for note in notes[:12]))
' "$root/src/demo/data/notes.json")
# shellcheck disable=SC2086
env XDG_DATA_HOME="$library_data" XDG_CACHE_HOME="$tmp/library-cache" XDG_CONFIG_HOME="$tmp/library-config" \
    GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
    HONGSHU_ACCESS_TOKEN=demo-token HONGSHU_APP_SECRET=demo-secret HONGSHU_APP_KEY=demo-key \
    "$build/src/cli/hongshu-cli" get --save --source api --api-base-url "$(head -1 "$tmp/demo-server.out")" \
    $library_ids >/dev/null
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true

open_args=()
shot_var=HONGSHU_LIBRARY_SCREENSHOT
shoot library-saved-wide 1280x800 HONGSHU_LIBRARY_VIEW=saved
shoot library-tags-dark-wide 1280x800 HONGSHU_LIBRARY_VIEW=tags ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot library-search-narrow 360x720 HONGSHU_LIBRARY_VIEW=search:口红
shoot library-zh_CN 1280x800 HONGSHU_LIBRARY_VIEW=saved LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN
shoot library-zh_CN-narrow 360x720 HONGSHU_LIBRARY_VIEW=saved LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN
shot_var=HONGSHU_SCREENSHOT
shoot download-library 720x640 HONGSHU_SCREENSHOT_DOWNLOAD=library
shoot download-library-dark 720x640 HONGSHU_SCREENSHOT_DOWNLOAD=library ADW_DEBUG_COLOR_SCHEME=prefer-dark
shoot download-library-narrow 360x640 HONGSHU_SCREENSHOT_DOWNLOAD=library
shoot download-library-zh_CN 720x640 HONGSHU_SCREENSHOT_DOWNLOAD=library LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 LANGUAGE=zh_CN
library_data=

ls -l "$out"/*.png
