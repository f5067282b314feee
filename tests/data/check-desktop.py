#!/usr/bin/env python3
# The built desktop file and D-Bus service: desktop-file-validate must print
# nothing, and the two files must agree on the app id (DBusActivatable needs it).
# usage: check-desktop.py DESKTOP-FILE SERVICE-FILE APP-ID BINDIR
import configparser
import os
import subprocess
import sys

desktop_path, service_path, app_id, bindir = sys.argv[1:5]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def read_ini(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    with open(path, encoding="utf-8") as f:
        parser.read_file(f)
    return parser


result = subprocess.run(["desktop-file-validate", desktop_path],
                        capture_output=True, text=True)
output = (result.stdout + result.stderr).strip()
check(result.returncode == 0 and output == "",
      f"desktop-file-validate is not clean (exit {result.returncode}):\n{output}")

check(os.path.basename(desktop_path) == app_id + ".desktop",
      f"desktop file is named {os.path.basename(desktop_path)}, not {app_id}.desktop")

desktop = read_ini(desktop_path)
entry = desktop["Desktop Entry"]
expected = {
    "Type": "Application",
    "Icon": app_id,
    "DBusActivatable": "true",
    "StartupNotify": "true",
    "Terminal": "false",
}
for key, value in expected.items():
    check(entry.get(key) == value, f"{key}={entry.get(key)!r}, expected {value!r}")
check(entry.get("Exec", "").split()[0:1] == ["hongshu"],
      f"Exec={entry.get('Exec')!r} does not run hongshu")
for key in ("Name", "GenericName", "Comment", "Keywords", "Categories"):
    check(entry.get(key), f"{key} is missing")
for word in ("Xiaohongshu", "RED", "小红书", "笔记"):
    check(word in entry.get("Keywords", "").split(";"), f"Keywords lack {word}")
for key in ("Name", "GenericName", "Comment", "Keywords"):
    check(entry.get(f"{key}[zh_CN]"),
          f"{key}[zh_CN] is missing: po/zh_CN.po lacks the desktop file's strings")

for action in filter(None, entry.get("Actions", "").split(";")):
    section = f"Desktop Action {action}"
    check(section in desktop, f"[{section}] is missing")
    if section in desktop:
        check(desktop[section].get("Exec", "").split()[0:1] == ["hongshu"],
              f"[{section}] does not run hongshu")
        check(desktop[section].get("Name[zh_CN]"), f"[{section}] has no Name[zh_CN]")

service = read_ini(service_path)["D-BUS Service"]
check(os.path.basename(service_path) == app_id + ".service",
      f"service file is named {os.path.basename(service_path)}")
check(service.get("Name") == app_id, f"service Name={service.get('Name')!r}, expected {app_id!r}")
check(service.get("Exec") == os.path.join(bindir, "hongshu") + " --gapplication-service",
      f"service Exec={service.get('Exec')!r}")

for failure in failures:
    print("FAIL:", failure)
sys.exit(1 if failures else 0)
