#!/usr/bin/env python3
"""Every #include "core/X/..." in core/Y/ names a layer Y may use: Y itself or one of the
layers below it, as CMakeLists.txt declares them (the build writes them to layers.txt).
Usage: layers.py LAYERS_TXT SOURCE_DIR      (exit 1 and one line per include that reaches up)
       layers.py --self-test                (a tree that reaches up is caught)"""
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"core/([a-z_]+)/[^"]+"', re.M)


def read_layers(path):
    layers = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if ":" in line:
                name, below = line.split(":", 1)
                layers[name.strip()] = below.split()
    return layers


def allowed(layers):
    """Each layer with every layer it reaches through its declared ones."""
    out = {}
    def reach(name, seen):
        for below in layers.get(name, []):
            if below not in seen:
                seen.add(below)
                reach(below, seen)
        return seen
    for name in layers:
        out[name] = reach(name, {name})
    return out


def violations(layers, source_dir):
    ok = allowed(layers)
    core = os.path.join(source_dir, "core")
    found = []
    for folder in sorted(os.listdir(core)):
        path = os.path.join(core, folder)
        if not os.path.isdir(path):
            continue
        if folder not in layers:
            found.append(f"core/{folder}/: a folder with no layer in CMakeLists.txt")
            continue
        for name in sorted(os.listdir(path)):
            text = open(os.path.join(path, name), encoding="utf-8").read()
            for m in INCLUDE.finditer(text):
                if m.group(1) not in ok[folder]:
                    line = text.count("\n", 0, m.start()) + 1
                    found.append(f"core/{folder}/{name}:{line}: layer '{folder}' includes core/{m.group(1)}/, "
                                 f"which is not below it ({folder} uses: {' '.join(layers[folder]) or 'nothing'})")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as d:
        for folder, text in {"base": '#include "core/base/a.hpp"\n',
                             "kpi": '#include "core/base/a.hpp"\n#include "core/kpi/b.hpp"\n',
                             "load": '#include "core/kpi/b.hpp"\n'}.items():
            os.makedirs(os.path.join(d, "core", folder))
            open(os.path.join(d, "core", folder, "x.cpp"), "w").write(text)
        layers = {"base": [], "kpi": ["base"], "load": ["kpi"]}
        assert violations(layers, d) == [], violations(layers, d)
        open(os.path.join(d, "core", "base", "y.cpp"), "w").write('// x\n#include "core/load/c.hpp"\n')
        found = violations(layers, d)
        assert len(found) == 1 and found[0].startswith("core/base/y.cpp:2: layer 'base' includes core/load/"), found
        os.makedirs(os.path.join(d, "core", "stray"))
        assert any("core/stray/" in v for v in violations(layers, d))
    print("layers self-test: a reaching-up include and an undeclared folder are caught")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return 0
    layers = read_layers(sys.argv[1])
    found = violations(layers, sys.argv[2])
    for v in found:
        print(v)
    print(f"{len(layers)} layers, {len(found)} includes out of order")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
