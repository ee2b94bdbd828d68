#!/usr/bin/env python3
"""Check that no labelled value survives in scrub's text output.

    python3 bench/leak_check.py --corpus c.log --labels c.labels --output c.out
    python3 bench/leak_check.py --corpus c.log --labels c.labels --scrub build/scrub

With --scrub, the corpus is run through `scrub -k KEY` (a fresh random test
key in a temporary directory unless --key is given; default actions, plus
any --scrub-arg) and its output is checked; with --output, an existing
output is checked.

For every label of at least --min-len bytes (default 6), these byte strings
must not occur in the output more often than they occur in the corpus
outside every label (an occurrence outside labels is ordinary text that
scrub is right to pass through):

  value     the labelled bytes themselves;
  digits    for numeric types (PHONE, CN_ID, BANK_CARD, IMEI, IMSI, ICCID),
            the digits without prefix or separators (PHONE: the 11-digit
            national number), which catch a value that was only partly
            replaced;
  piece     for text types (SECRET, NAME, ADDRESS), each space-separated
            piece (not an auth scheme word such as "Bearer").

The report counts, per type, the labels checked, the labels too short to
check, and the distinct strings that survived and their surplus
occurrences.  Raw values are printed only with --show-values (synthetic
data only).

Exit status: 0 nothing survived; 1 something survived; 2 usage, input or
scrub error.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

# labels.py lives next to this script, which is run from any directory
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labels import InputError, ordered_types, read_spans  # noqa: E402

NUMERIC = ("PHONE", "CN_ID", "BANK_CARD", "IMEI", "IMSI", "ICCID")
TEXT = ("SECRET", "NAME", "ADDRESS")
SCHEMES = {b"Bearer", b"bearer", b"Basic", b"basic", b"Token", b"Digest", b"Negotiate", b"OAuth"}


def read_bytes(path, what):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise InputError("cannot read %s %s: %s" % (what, path, e.strerror))


def run_scrub(binary, corpus_path, key, extra):
    with tempfile.TemporaryDirectory(prefix="leak_check.") as tmp:
        if key is None:
            key = os.path.join(tmp, "key")
            fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(os.urandom(32))
        with open(corpus_path, "rb") as inp:
            try:
                proc = subprocess.run([binary, "-k", key] + extra, stdin=inp,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            except OSError as e:
                raise InputError("cannot run %s: %s" % (binary, e.strerror))
    if proc.returncode != 0:
        raise InputError("scrub exited with status %d: %s" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace").strip()[:300]))
    return proc.stdout


def fragments(vtype, value, min_len):
    """(kind, bytes) strings of one label that must not survive."""
    out = []
    if len(value) >= min_len:
        out.append(("value", value))
    if vtype in NUMERIC:
        digits = re.sub(rb"[^0-9]", b"", value.replace(b"%2B", b"+").replace(b"%20", b" "))
        if vtype == "PHONE":
            digits = digits[-11:]
        if len(digits) >= min_len and digits != value:
            out.append(("digits", digits))
    if vtype in TEXT:
        for piece in value.split():
            if len(piece) >= min_len and piece != value and piece not in SCHEMES:
                out.append(("piece", piece))
    return out


def count_occurrences(data, strings, min_len):
    """{string: [positions in data]} for every string (all >= min_len bytes)."""
    index = collections.defaultdict(list)
    for s in strings:
        index[s[:min_len]].append(s)
    found = collections.defaultdict(list)
    get = index.get
    for i in range(len(data) - min_len + 1):
        cands = get(data[i:i + min_len])
        if cands:
            for s in cands:
                if data.startswith(s, i):
                    found[s].append(i)
    return found


def find_all(data, s):
    """Positions of s in data, overlapping ones included."""
    out, i = [], data.find(s)
    while i >= 0:
        out.append(i)
        i = data.find(s, i + 1)
    return out


def outside_labels(positions, length, starts, ends):
    """How many of the occurrences overlap no label."""
    import bisect
    n = 0
    for p in positions:
        i = bisect.bisect_right(starts, p + length - 1) - 1
        # labels do not overlap, so the one starting last before the end decides
        if i < 0 or ends[i] <= p:
            n += 1
    return n


def check(corpus, labels, output, min_len):
    """Return (rows, leaks): per-type statistics and the surviving strings."""
    per_type = collections.OrderedDict()
    owners = collections.defaultdict(set)  # string -> {(type, kind)}
    examples = {}
    for vtype, off, length in labels:
        st = per_type.setdefault(vtype, collections.Counter())
        st["labels"] += 1
        value = corpus[off:off + length]
        frags = fragments(vtype, value, min_len)
        if not any(k == "value" for k, _ in frags):
            st["short"] += 1
        for kind, s in frags:
            owners[s].add((vtype, kind))
            examples.setdefault(s, off)
    in_output = count_occurrences(output, owners, min_len)
    spans = sorted((off, off + length) for _, off, length in labels)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    leaks = []
    for s, positions in in_output.items():
        allowed = outside_labels(find_all(corpus, s), len(s), starts, ends)
        surplus = len(positions) - allowed
        if surplus > 0:
            for vtype, kind in sorted(owners[s]):
                leaks.append((vtype, kind, s, surplus, examples[s]))
    for vtype, kind, s, surplus, _ in leaks:
        st = per_type[vtype]
        st[kind + "_strings"] += 1
        st[kind + "_surplus"] += surplus
    return per_type, leaks


def report(per_type, leaks, markdown, show_values):
    header = ["type", "labels", "checked", "short", "values survived", "digits survived",
              "pieces survived"]
    rows = []
    total = collections.Counter()
    for t in ordered_types(per_type):
        st = per_type[t]
        total.update(st)
        rows.append([t, st["labels"], st["labels"] - st["short"], st["short"],
                     "%d (%d)" % (st["value_strings"], st["value_surplus"]),
                     "%d (%d)" % (st["digits_strings"], st["digits_surplus"]),
                     "%d (%d)" % (st["piece_strings"], st["piece_surplus"])])
    rows.append(["TOTAL", total["labels"], total["labels"] - total["short"], total["short"],
                 "%d (%d)" % (total["value_strings"], total["value_surplus"]),
                 "%d (%d)" % (total["digits_strings"], total["digits_surplus"]),
                 "%d (%d)" % (total["piece_strings"], total["piece_surplus"])])
    cells = [header] + [[str(c) for c in r] for r in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |",
                 "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
        lines += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    else:
        widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
        fmt = lambda r: "  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])])
        lines = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
        lines += [fmt(r) for r in cells[1:-1]]
        lines += ["  ".join("-" * w for w in widths), fmt(cells[-1])]
    print("\n".join(lines))
    print("\n\"N (M)\": N distinct strings survived, M occurrences more than the corpus has "
          "outside labels.")
    if show_values and leaks:
        print()
        for vtype, kind, s, surplus, off in sorted(leaks, key=lambda l: (l[0], l[1], l[4])):
            print("%s %s +%d (first label at offset %d): %s" % (
                vtype, kind, surplus, off,
                json.dumps(s.decode("utf-8", "backslashreplace"), ensure_ascii=False)))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True, help="the corpus scrub read")
    ap.add_argument("--labels", required=True, help="its labels (gen_corpus.py)")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--output", help="scrub's text output for the corpus")
    src.add_argument("--scrub", metavar="BIN", help="run this scrub binary on the corpus")
    ap.add_argument("--key", help="with --scrub: key file (default: a fresh random test key)")
    ap.add_argument("--scrub-arg", action="append", default=[], metavar="ARG",
                    help="with --scrub: extra argument for scrub (repeatable)")
    ap.add_argument("--save-output", metavar="FILE", help="with --scrub: keep the output here")
    ap.add_argument("--min-len", type=int, default=6, metavar="N",
                    help="check strings of at least N bytes (default 6)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--show-values", action="store_true",
                    help="print the surviving strings (synthetic data only)")
    args = ap.parse_args(argv)
    if args.min_len < 1:
        ap.error("--min-len must be >= 1")
    if (args.key or args.scrub_arg or args.save_output) and not args.scrub:
        ap.error("--key, --scrub-arg and --save-output need --scrub")
    try:
        corpus = read_bytes(args.corpus, "corpus")
        labels = [(s.type, s.offset, s.length) for s in read_spans(args.labels, "labels")]
        if args.scrub:
            output = run_scrub(args.scrub, args.corpus, args.key, args.scrub_arg)
            if args.save_output:
                with open(args.save_output, "wb") as f:
                    f.write(output)
        else:
            output = read_bytes(args.output, "output")
    except InputError as e:
        print("leak_check.py: %s" % e, file=sys.stderr)
        return 2
    for _, off, length in labels:
        if off < 0 or length < 0 or off + length > len(corpus):
            print("leak_check.py: label at %d+%d lies outside the corpus" % (off, length),
                  file=sys.stderr)
            return 2
    if output.count(b"\n") != corpus.count(b"\n"):
        print("leak_check.py: output has %d lines, corpus %d: not scrub's output for this corpus"
              % (output.count(b"\n"), corpus.count(b"\n")), file=sys.stderr)
        return 2
    per_type, leaks = check(corpus, labels, output, args.min_len)
    report(per_type, leaks, args.markdown, args.show_values)
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
