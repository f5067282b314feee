#!/usr/bin/env python3
# The Flatpak manifest: the GNOME runtime, only the permissions the app needs,
# pinned sources for every module but the app, the app last and built with
# meson from this checkout, and every local file it names present.
# usage: check-flatpak.py MANIFEST APP-ID
import json
import os
import re
import sys

path, app_id = sys.argv[1:3]
base = os.path.dirname(os.path.abspath(path))
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

check(manifest.get("id", manifest.get("app-id")) == app_id, f"id is not {app_id}")
check(manifest.get("runtime") == "org.gnome.Platform", "runtime is not org.gnome.Platform")
check(manifest.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
check(manifest.get("runtime-version") == "49", "runtime-version is not 49")
check(manifest.get("command") == "hongshu", "command is not hongshu")

allowed = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--socket=pulseaudio",
}
finish_args = manifest.get("finish-args", [])
check(len(finish_args) == len(set(finish_args)), "finish-args has duplicates")
check(set(finish_args) == allowed,
      f"finish-args differ: extra {sorted(set(finish_args) - allowed)}, "
      f"missing {sorted(allowed - set(finish_args))}")


def local_paths(source):
    for key in ("path", "paths"):
        value = source.get(key)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from value


def walk(modules, depth=0):
    for module in modules:
        if isinstance(module, str):
            # A module kept in its own file, relative to the manifest.
            check(os.path.isfile(os.path.join(base, module)), f"module file {module} is missing")
            continue
        yield module, depth
        yield from walk(module.get("modules", []), depth + 1)


modules = manifest.get("modules", [])
check(modules and isinstance(modules[-1], dict), "no app module last")
for module, depth in walk(modules):
    name = module.get("name")
    check(name, "a module has no name")
    is_app = module is modules[-1]
    for source in module.get("sources", []):
        if isinstance(source, str):
            check(os.path.isfile(os.path.join(base, source)), f"{name}: source file {source} missing")
            continue
        kind = source.get("type")
        for local in local_paths(source):
            check(os.path.exists(os.path.join(base, local)), f"{name}: {local} does not exist")
        if kind in ("archive", "file") and "url" in source:
            check(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")),
                  f"{name}: {source['url']} is not pinned by sha256")
            check(source["url"].startswith("https://"), f"{name}: {source['url']} is not https")
        if kind == "git":
            check(re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")),
                  f"{name}: git source is not pinned to a commit")
        if not is_app:
            check(kind != "dir", f"{name}: dependencies come from pinned sources, not a directory")

app = modules[-1] if modules else {}
check(app.get("name") == "hongshu", "the last module is not hongshu")
check(app.get("buildsystem") == "meson", "hongshu is not built with meson")
sources = app.get("sources", [])
check(len(sources) == 1 and sources[0].get("type") == "dir" and sources[0].get("path") == "..",
      "hongshu is not built from the checkout (type dir, path ..)")
check(os.path.isfile(os.path.join(base, "..", "meson.build")), "../meson.build is missing")
check(app.get("run-tests") is True, "hongshu does not run its tests")
check(any("--suite unit" in c for c in app.get("test-commands", [])),
      "hongshu's test commands do not run the unit suite")

for failure in failures:
    print("FAIL:", failure)
if not failures:
    print(f"{path}: {len(list(walk(modules)))} modules, finish-args {sorted(finish_args)}")
sys.exit(1 if failures else 0)
