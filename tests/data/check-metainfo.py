#!/usr/bin/env python3
# The built metainfo: appstreamcli must report no error and no warning (infos and
# pedantic notes are allowed), and the content must be what software centres show.
# usage: check-metainfo.py METAINFO-FILE APP-ID SOURCE-ROOT
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

path, app_id, source_root = sys.argv[1:4]
failures = []
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def check(condition, message):
    if not condition:
        failures.append(message)


result = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain", path],
                        capture_output=True, text=True)
output = result.stdout + result.stderr
print(output.strip())
bad = [line for line in output.splitlines() if line.startswith(("E:", "W:"))]
check(result.returncode == 0 and not bad,
      f"appstreamcli validate failed (exit {result.returncode}): {bad}")

root = ET.parse(path).getroot()


def text(xpath):
    node = root.find(xpath)
    return node.text.strip() if node is not None and node.text else None


def translated(tag):
    return [n for n in root.findall(tag) if n.get(XML_LANG) in ("zh_CN", "zh-CN")]


check(root.get("type") == "desktop-application", "component type is not desktop-application")
check(text("id") == app_id, f"id is {text('id')!r}")
launchable = root.find("launchable")
check(launchable is not None and launchable.get("type") == "desktop-id"
      and launchable.text == app_id + ".desktop", "launchable is not the desktop file")
check(text("metadata_license") == "CC0-1.0", "metadata_license")
check(text("project_license") == "GPL-3.0-or-later", "project_license")
check(text("summary"), "summary missing")
check(len(root.findall("description/p")) >= 2, "description has fewer than two paragraphs")
check(translated("summary"), "summary has no zh_CN translation")
check(translated("name"), "name has no zh_CN translation")

urls = {u.get("type"): u.text for u in root.findall("url")}
check(urls.get("homepage") == "https://github.com/hongshu/hongshu", "homepage URL")
check(urls.get("bugtracker") == "https://github.com/hongshu/hongshu/issues", "bugtracker URL")

developer = root.find("developer")
check(developer is not None and developer.get("id") and developer.findtext("name"),
      "developer id and name")

shots = root.findall("screenshots/screenshot")
names = []
for shot in shots:
    image = shot.findtext("image", "")
    names.append(os.path.basename(image))
    check(image.startswith("https://raw.githubusercontent.com/hongshu/hongshu/main/data/screenshots/"),
          f"screenshot {image} is not from data/screenshots")
    check(shot.findtext("caption"), f"screenshot {image} has no caption")
check(sorted(names) == sorted(["note-light-wide.png", "note-dark-wide.png",
                               "note-narrow.png", "note-zh_CN.png",
                               "web-note-wide.png", "sign-in.png",
                               "grid-light-wide.png", "grid-dark-wide.png",
                               "grid-narrow.png", "grid-zh_CN.png",
                               "download-search-wide.png", "download-search-narrow.png",
                               "download-input.png",
                               "library-saved-wide.png", "library-tags-dark-wide.png",
                               "library-search-narrow.png", "library-zh_CN.png"]),
      f"screenshots are {names}")
check([s.get("type") for s in shots].count("default") == 1, "exactly one default screenshot")
for name in names:
    check(os.path.isfile(os.path.join(source_root, "data", "screenshots", name)),
          f"data/screenshots/{name} does not exist")

rating = root.find("content_rating")
check(rating is not None and rating.get("type") == "oars-1.1", "OARS 1.1 content rating")
colors = {c.get("scheme_preference"): c.text for c in root.findall("branding/color")
          if c.get("type") == "primary"}
check(set(colors) == {"light", "dark"}, f"branding colours {colors}")
display = root.find("requires/display_length")
check(display is not None and display.get("compare") == "ge" and display.text == "360",
      "requires display_length >= 360")
check(text("requires/internet") == "always", "requires internet always")
controls = sorted(c.text for c in root.findall("supports/control"))
check(controls == ["keyboard", "pointing", "touch"], f"supported controls {controls}")
translation = root.find("translation")
check(translation is not None and translation.get("type") == "gettext"
      and translation.text == "hongshu", "translation gettext hongshu")
release = root.find("releases/release")
check(release is not None and release.get("version") == "0.1.0"
      and release.get("date") == "2026-11-28", "release 0.1.0 of 2026-11-28")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
