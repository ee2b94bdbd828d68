"""tap.py — the reporting every suite in tests/suites/ shares.

One line per check, `ok - NAME` or `not ok - NAME: REASON` (and
`ok - NAME # SKIP REASON`), then the summary line that tests/run-all
reads: `N passed, M failed` (`, K skipped` when something was skipped).
"""
import sys

counts = {"passed": 0, "failed": 0, "skipped": 0}


def ok(name):
    counts["passed"] += 1
    print("ok - " + name, flush=True)


def not_ok(name, reason):
    counts["failed"] += 1
    print("not ok - %s: %s" % (name, str(reason).replace("\n", "\\n")),
          flush=True)


def skip(name, reason):
    counts["skipped"] += 1
    print("ok - %s # SKIP %s" % (name, reason), flush=True)


def check(name, cond, reason="condition false"):
    if cond:
        ok(name)
    else:
        not_ok(name, reason)
    return bool(cond)


def summary():
    """Print the summary line; return the exit status (0 iff no failure)."""
    line = "%d passed, %d failed" % (counts["passed"], counts["failed"])
    if counts["skipped"]:
        line += ", %d skipped" % counts["skipped"]
    print(line, flush=True)
    return 0 if counts["failed"] == 0 else 1


def failed():
    return counts["failed"]
