"""labels.py — reading what bench/gen_corpus.py writes, for the bench scripts.

Labels and `scrub --findings` output are the same JSON Lines shape,
{"type":"PHONE","offset":1234,"length":11} with byte offsets into the
corpus (labels of an --extended corpus add "form", findings add "line"),
so one reader serves both; decoys carry "category" in place of "type".
eval.py, leak_check.py and fp-report import this module, so that a label
file means the same to each of them and types are listed in one order.
"""

import collections
import json

# Row order: the labelled types first, in the order SPEC lists them.
TYPE_ORDER = ("PHONE", "CN_ID", "BANK_CARD", "IMEI", "MAC", "EMAIL", "IPV4", "IPV6",
              "IMSI", "ICCID", "MEID", "DEVICE_ID", "GEO", "SECRET", "NAME", "ADDRESS")

Span = collections.namedtuple("Span", "type offset length line form")


class InputError(Exception):
    pass


def ordered_types(types):
    known = [t for t in TYPE_ORDER if t in types]
    return known + sorted(t for t in types if t not in TYPE_ORDER)


def read_spans(path, what):
    """Labels or findings: Spans from JSON Lines objects with type/offset/length.
    `what` names the file in errors ("labels", "findings")."""
    return read_jsonl(path, what, parse_span)


def read_decoys(path):
    """Decoy spans: JSON Lines with category/offset/length, as Spans whose
    type is the category."""
    return read_jsonl(path, "decoys", parse_decoy)


def read_jsonl(path, what, parse):
    """parse(line, path, line number) for every non-blank line of `path`."""
    spans = []
    try:
        with open(path, encoding="utf-8") as f:
            for n, raw in enumerate(f, 1):
                if raw.strip():
                    spans.append(parse(raw, path, n))
    except OSError as e:
        raise InputError("cannot read %s file %s: %s" % (what, path, e.strerror))
    except UnicodeDecodeError:
        raise InputError("%s file %s is not UTF-8" % (what, path))
    return spans


def parse_span(raw, path, n):
    try:
        obj = json.loads(raw)
        t, o, l = obj["type"], obj["offset"], obj["length"]
    except (ValueError, KeyError, TypeError):
        raise InputError("%s:%d: not an object with type, offset and length" % (path, n))
    if not isinstance(t, str) or not isinstance(o, int) or not isinstance(l, int):
        raise InputError("%s:%d: type must be a string, offset and length integers" % (path, n))
    return Span(t, o, l, obj.get("line"), obj.get("form"))


def parse_decoy(raw, path, n):
    try:
        obj = json.loads(raw)
        return Span(str(obj["category"]), int(obj["offset"]), int(obj["length"]), None, None)
    except (ValueError, KeyError, TypeError):
        raise InputError("%s:%d: not an object with category, offset and length" % (path, n))
