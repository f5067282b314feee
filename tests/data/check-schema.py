#!/usr/bin/env python3
# The GSettings schema: compiles with --strict, every key documented, and the
# keys are exactly the contract of the brief (secrets never live in GSettings).
# usage: check-schema.py DATA-DIR
import glob
import subprocess
import sys
import xml.etree.ElementTree as ET

data_dir = sys.argv[1]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


result = subprocess.run(["glib-compile-schemas", "--strict", "--dry-run", data_dir],
                        capture_output=True, text=True)
output = (result.stdout + result.stderr).strip()
check(result.returncode == 0 and output == "",
      f"glib-compile-schemas --strict --dry-run (exit {result.returncode}):\n{output}")

files = sorted(glob.glob(f"{data_dir}/*.gschema.xml"))
check(len(files) == 1, f"expected one schema file, found {files}")

expected = {
    "api-base-url": ("s", "'https://api.xiaohongshu.com'"),
    "requests-per-minute": ("u", "100"),
    "media-referer": ("s", "'https://www.xiaohongshu.com/'"),
    "app-key": ("s", "''"),
    "media-cache-size-mb": ("u", "200"),
    # issue 9: the website as a note source
    "note-source": ("s", "'auto'"),
    "web-requests-per-minute": ("u", "20"),
    "window-width": ("i", None),
    "window-height": ("i", None),
    "window-maximized": ("b", "false"),
    # issue 10: the entry's suggestions
    "recent-searches": ("as", "[]"),
    "record-history": ("b", "true"),
    # Issue 12: the folder batch downloads go to.
    "download-folder": ("s", "''"),
}

for path in files:
    root = ET.parse(path).getroot()
    check(root.get("gettext-domain") == "hongshu", f"{path}: gettext-domain is not hongshu")
    schemas = root.findall("schema")
    check([s.get("id") for s in schemas] == ["io.github.hongshu.Hongshu"],
          f"{path}: schema ids {[s.get('id') for s in schemas]}")
    for schema in schemas:
        check(schema.get("path") == "/io/github/hongshu/Hongshu/", "schema path")
        found = {}
        for key in schema.findall("key"):
            name = key.get("name")
            found[name] = (key.get("type"), key.findtext("default", "").strip())
            for field in ("summary", "description"):
                check((key.findtext(field) or "").strip(), f"key {name} has no {field}")
            check("token" not in name and "secret" not in name,
                  f"key {name} looks like a secret; secrets belong in the keyring")
        check(set(found) == set(expected),
              f"keys differ from the contract: extra {sorted(set(found) - set(expected))}, "
              f"missing {sorted(set(expected) - set(found))}")
        for name, (type_, default) in expected.items():
            if name in found:
                check(found[name][0] == type_, f"key {name} has type {found[name][0]}, not {type_}")
                if default is not None:
                    check(found[name][1] == default,
                          f"key {name} defaults to {found[name][1]}, not {default}")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
