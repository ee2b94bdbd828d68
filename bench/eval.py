#!/usr/bin/env python3
"""Score scrub findings against corpus labels.

    python3 bench/eval.py --labels c.labels --findings c.f [--markdown]
                          [--show-errors N [--show-values --corpus c.log]]
                          [--by-form] [--decoys c.decoys]
                          [--min-recall X] [--min-precision X]

Labels come from bench/gen_corpus.py, findings from `scrub --findings`
(JSON Lines; only "type", "offset" and "length" are read, other fields are
ignored, except a label's "form", which --by-form groups by).  Decoys
(gen_corpus.py --extended --decoys) are spans that must not be reported;
--decoys counts the findings that touch each decoy category.  A finding is a true positive when a label of the same type has
exactly the same offset and length; each label can be matched once.

Raw values are never printed unless --show-values is given, and then they
are read from --corpus, not from the findings (which never contain them).

Exit status: 0, or 1 when a --min-recall / --min-precision threshold on the
total is not met, or 2 on a usage or input error.
"""

import argparse
import bisect
import collections
import json
import os
import sys

# labels.py lives next to this script, which is run from any directory
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labels import InputError, ordered_types, read_decoys, read_spans  # noqa: E402


def match(labels, findings):
    """Split into (true positives, false positives, false negatives)."""
    pending = collections.Counter((s.type, s.offset, s.length) for s in labels)
    tp, fp = [], []
    for f in findings:
        key = (f.type, f.offset, f.length)
        if pending[key] > 0:
            pending[key] -= 1
            tp.append(f)
        else:
            fp.append(f)
    fn = []
    for s in labels:  # walk labels in order so FN examples come out sorted
        key = (s.type, s.offset, s.length)
        if pending[key] > 0:
            pending[key] -= 1
            fn.append(s)
    return tp, fp, fn


class SpanIndex:
    """Find spans overlapping a byte range."""

    def __init__(self, spans):
        self.spans = sorted(spans, key=lambda s: s.offset)
        self.starts = [s.offset for s in self.spans]
        self.longest = max((s.length for s in self.spans), default=0)

    def overlapping(self, offset, length):
        lo = bisect.bisect_left(self.starts, offset - self.longest)
        hi = bisect.bisect_left(self.starts, offset + max(length, 1))
        return [s for s in self.spans[lo:hi]
                if s.offset < offset + max(length, 1) and offset < s.offset + max(s.length, 1)]


def explain(span, other_index):
    """Why a FN (against findings) or FP (against labels) missed: a short note."""
    notes = []
    for o in other_index.overlapping(span.offset, span.length):
        same_span = (o.offset, o.length) == (span.offset, span.length)
        if same_span:
            notes.append("same span as %s" % o.type)
        elif o.type == span.type:
            notes.append("%s at %d+%d" % (o.type, o.offset, o.length))
        else:
            notes.append("overlaps %s at %d+%d" % (o.type, o.offset, o.length))
    return "; ".join(notes)


def ratio(num, den):
    return None if den == 0 else num / den


def pct(x):
    return "-" if x is None else "%.2f%%" % (100 * x)


def table_rows(labels, findings, tp, fp, fn):
    """Rows of [type, labels, findings, TP, FP, FN, recall, precision]."""
    count = lambda spans: collections.Counter(s.type for s in spans)
    c_l, c_f, c_tp, c_fp, c_fn = map(count, (labels, findings, tp, fp, fn))
    rows = []
    for t in ordered_types(set(c_l) | set(c_f)):
        rows.append([t, c_l[t], c_f[t], c_tp[t], c_fp[t], c_fn[t],
                     pct(ratio(c_tp[t], c_l[t])), pct(ratio(c_tp[t], c_f[t]))])
    rows.append(["TOTAL", len(labels), len(findings), len(tp), len(fp), len(fn),
                 pct(ratio(len(tp), len(labels))), pct(ratio(len(tp), len(findings)))])
    return rows


HEADER = ["type", "labels", "findings", "TP", "FP", "FN", "recall", "precision"]


def format_table(rows, markdown):
    cells = [HEADER] + [[str(c) for c in r] for r in rows]
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |",
                 "|" + "|".join(["---"] + ["---:"] * (len(HEADER) - 1)) + "|"]
        for r in cells[1:]:
            if r[0] == "TOTAL":
                r = ["**%s**" % c for c in r]
            lines.append("| " + " | ".join(r) + " |")
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in cells) for i in range(len(HEADER))]
    fmt = lambda r: "  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])])
    out = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    out += [fmt(r) for r in cells[1:-1]]
    out += ["  ".join("-" * w for w in widths), fmt(cells[-1])]
    return "\n".join(out)


def summarize_misses(fn, fp, label_index, finding_index):
    """One line per type for the common, explainable miss patterns."""
    lines = []
    boundary = collections.Counter()
    confused = collections.Counter()
    for s in fn:
        others = finding_index.overlapping(s.offset, s.length)
        if any(o.type == s.type for o in others):
            boundary[s.type] += 1
        for o in others:
            if (o.offset, o.length) == (s.offset, s.length) and o.type != s.type:
                confused[(s.type, o.type)] += 1
    for t in ordered_types(set(boundary)):
        lines.append("%s: %d FN overlap a %s finding with a different span (boundary convention?)"
                     % (t, boundary[t], t))
    for (lt, ft), n in sorted(confused.items()):
        lines.append("%s: %d FN were found with the same span as %s" % (lt, n, ft))
    stray = collections.Counter(s.type for s in fp if not label_index.overlapping(s.offset, s.length))
    for t in ordered_types(set(stray)):
        lines.append("%s: %d FP touch no label at all (look-alike or unlabelled text)" % (t, stray[t]))
    return lines


class Corpus:
    """Random access to the corpus for --show-values and line numbers."""

    def __init__(self, path):
        try:
            with open(path, "rb") as f:
                self.data = f.read()
        except OSError as e:
            raise InputError("cannot read corpus %s: %s" % (path, e.strerror))
        self.newlines = [i for i, b in enumerate(self.data) if b == 10] \
            if len(self.data) < (64 << 20) else None

    def line_of(self, offset):
        if self.newlines is None:
            return self.data.count(b"\n", 0, offset) + 1
        return bisect.bisect_left(self.newlines, offset) + 1

    def value(self, offset, length):
        raw = self.data[offset:offset + length]
        return json.dumps(raw.decode("utf-8", "backslashreplace"), ensure_ascii=False)


def show_errors(kind, spans, other_index, limit, corpus, show_values):
    by_type = collections.defaultdict(list)
    for s in spans:
        by_type[s.type].append(s)
    out = []
    for t in ordered_types(set(by_type)):
        items = sorted(by_type[t], key=lambda s: s.offset)
        out.append("%s %s (%d, showing %d):" % (kind, t, len(items), min(limit, len(items))))
        for s in items[:limit]:
            line = s.line if s.line is not None else (corpus.line_of(s.offset) if corpus else None)
            text = "  offset=%d length=%d" % (s.offset, s.length)
            if line is not None:
                text += " line=%d" % line
            note = explain(s, other_index)
            if note:
                text += "  [%s]" % note
            if show_values:
                text += "  value=%s" % corpus.value(s.offset, s.length)
            out.append(text)
    return out


def form_rows(labels, fn):
    """Rows of [form, labels, TP, FN, recall] for labels that have a form;
    forms with misses first."""
    total = collections.Counter(s.form for s in labels if s.form)
    missed = collections.Counter(s.form for s in fn if s.form)
    rows = []
    for form in sorted(total, key=lambda f: (-missed[f], f)):
        n, m = total[form], missed[form]
        rows.append([form, n, n - m, m, pct(ratio(n - m, n))])
    return rows


def format_plain(header, rows, markdown):
    cells = [header] + [[str(c) for c in r] for r in rows]
    if markdown:
        out = ["| " + " | ".join(header) + " |",
               "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
        return "\n".join(out + ["| " + " | ".join(r) + " |" for r in cells[1:]])
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    fmt = lambda r: "  ".join([r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])])
    return "\n".join([fmt(cells[0]), "  ".join("-" * w for w in widths)] + [fmt(r) for r in cells[1:]])


def decoy_rows(decoys, findings):
    """Rows of [category, decoys, hit, findings by type]: how many decoys of
    each category some finding overlaps, and the findings' types."""
    index = SpanIndex(findings)
    total, hit, types = collections.Counter(), collections.Counter(), {}
    for d in decoys:
        total[d.type] += 1
        over = index.overlapping(d.offset, d.length)
        if over:
            hit[d.type] += 1
            types.setdefault(d.type, collections.Counter()).update(o.type for o in over)
    rows = []
    for cat in sorted(total, key=lambda c: (-hit[c], c)):
        by = types.get(cat, {})
        rows.append([cat, total[cat], hit[cat],
                     " ".join("%s=%d" % (t, by[t]) for t in ordered_types(set(by))) or "-"])
    return rows


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", required=True, help="labels from gen_corpus.py (JSON Lines)")
    ap.add_argument("--findings", required=True, help="output of scrub --findings (JSON Lines)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="list up to N false negatives and N false positives per type")
    ap.add_argument("--show-values", action="store_true",
                    help="with --show-errors, also print the raw values (needs --corpus)")
    ap.add_argument("--corpus", help="the corpus file, for --show-values and line numbers")
    ap.add_argument("--by-form", action="store_true",
                    help="recall per label form (gen_corpus.py --extended labels carry one)")
    ap.add_argument("--decoys", metavar="FILE",
                    help="decoy spans from gen_corpus.py --decoys: findings per decoy category")
    ap.add_argument("--min-recall", type=float, metavar="X", help="exit 1 if total recall < X (0..1)")
    ap.add_argument("--min-precision", type=float, metavar="X",
                    help="exit 1 if total precision < X (0..1)")
    args = ap.parse_args(argv)
    if args.show_values and not args.corpus:
        ap.error("--show-values needs --corpus FILE")
    if args.show_errors < 0:
        ap.error("--show-errors must be >= 0")
    for name in ("min_recall", "min_precision"):
        v = getattr(args, name)
        if v is not None and not 0 <= v <= 1:
            ap.error("--%s must be between 0 and 1" % name.replace("_", "-"))
    return args


def check_thresholds(args, labels, findings, tp):
    failed = []
    recall, precision = ratio(len(tp), len(labels)), ratio(len(tp), len(findings))
    if args.min_recall is not None and (recall or 0) < args.min_recall:
        failed.append("recall %s < %s" % (pct(recall), pct(args.min_recall)))
    if args.min_precision is not None and precision is not None and precision < args.min_precision:
        failed.append("precision %s < %s" % (pct(precision), pct(args.min_precision)))
    return failed


def main(argv=None):
    args = parse_args(argv)
    try:
        labels = read_spans(args.labels, "labels")
        findings = read_spans(args.findings, "findings")
        decoys = read_decoys(args.decoys) if args.decoys else None
        corpus = Corpus(args.corpus) if args.corpus else None
    except InputError as e:
        print("eval.py: %s" % e, file=sys.stderr)
        return 2
    tp, fp, fn = match(labels, findings)
    print(format_table(table_rows(labels, findings, tp, fp, fn), args.markdown))

    label_index, finding_index = SpanIndex(labels), SpanIndex(findings)
    notes = summarize_misses(fn, fp, label_index, finding_index)
    if notes:
        print()
        print("\n".join(("- " if args.markdown else "") + n for n in notes))
    if args.by_form:
        print()
        rows = form_rows(labels, fn)
        print(format_plain(["form", "labels", "TP", "FN", "recall"], rows, args.markdown)
              if rows else "no label has a form (gen_corpus.py --extended writes them)")
    if decoys is not None:
        print()
        print(format_plain(["decoy category", "decoys", "found", "findings by type"],
                           decoy_rows(decoys, findings), args.markdown))
    if args.show_errors:
        print()
        out = show_errors("FN", fn, finding_index, args.show_errors, corpus, args.show_values)
        out += show_errors("FP", fp, label_index, args.show_errors, corpus, args.show_values)
        print("\n".join(out) if out else "no errors")

    failed = check_thresholds(args, labels, findings, tp)
    for f in failed:
        print("eval.py: threshold not met: %s" % f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
