"""The library's layout (README "How it works", issue 12), checked:
folders include each other in one direction only (a folder includes only
folders earlier in ORDER, and the public header), no file is over 500
lines, no function over 70, every stage folder has its C unit tests, and
no file includes a header that no longer exists."""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(ROOT, "src")
ORDER = ["common", "validate", "transform", "rules", "engine", "scan",
         "stream", "check"]
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("ok - " + what)
    else:
        failed += 1
        print("not ok - " + what)


def lib_files():
    for folder in ORDER:
        d = os.path.join(SRC, folder)
        for name in sorted(os.listdir(d)):
            if name.endswith((".c", ".h")):
                yield folder, os.path.join(d, name)


def functions(text):
    """(name, lines) of each function body: a '{' alone at column 0 up to
    the '}' alone at column 0 (the style of every library file)."""
    lines = text.split("\n")
    start = None
    for i, line in enumerate(lines):
        if line == "{":
            start = i
        elif line == "}" and start is not None:
            head = lines[start - 1] if start else ""
            m = re.search(r"(\w+)\(", head) or re.search(r"(\w+)", head)
            yield (m.group(1) if m else "?"), i - start + 1
            start = None


folders_seen = set()
for folder, path in lib_files():
    rel = os.path.relpath(path, ROOT)
    folders_seen.add(folder)
    text = open(path, encoding="utf-8").read()
    rank = ORDER.index(folder)
    bad = []
    for inc in re.findall(r'^#include "([^"]+)"', text, re.M):
        if inc == "scrub.h":
            continue
        top = inc.split("/")[0]
        if "/" not in inc or top not in ORDER or ORDER.index(top) > rank:
            bad.append(inc)
        elif not os.path.exists(os.path.join(SRC, inc)):
            bad.append(inc + " (missing)")
    check(not bad, "%s includes only earlier stages%s" %
          (rel, " (not: %s)" % ", ".join(bad) if bad else ""))
    n = text.count("\n")
    check(n <= 500, "%s has %d lines (at most 500)" % (rel, n))
    long = ["%s: %d" % f for f in functions(text) if f[1] > 70]
    check(not long, "%s: no function over 70 lines%s" %
          (rel, " (" + ", ".join(long) + ")" if long else ""))

for folder in ORDER:
    unit = os.path.join(ROOT, "tests", "unit", "test_%s.c" % folder)
    check(os.path.exists(unit), "stage %s has its unit tests (%s)" %
          (folder, os.path.relpath(unit, ROOT)))
extra = sorted(set(os.listdir(SRC)) - set(ORDER) - {"cli"})
check(not extra, "src/ holds only the stage folders and cli/%s" %
      (" (also: %s)" % ", ".join(extra) if extra else ""))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
