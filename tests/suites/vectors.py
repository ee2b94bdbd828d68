#!/usr/bin/env python3
"""vectors.py — scrub against the external test vectors in shared/corpus/vectors.

The vectors come from other projects' test suites (python-stdnum, Presidio,
Recognizers-Text, card-validator, id-validator; see shared/corpus/SOURCES.md,
section "vectors/"). Each TSV has the header `value, expected, source`;
contexts.tsv has `type, text, expected_matches, expected_spans_codepoints,
source` with whole sentences and their expected spans in code points.

What is checked (SPEC section 1), for the types scrub detects now:

  cn_ric.tsv -> CN_ID       bank_card.tsv -> BANK_CARD    imei.tsv -> IMEI
  mac.tsv    -> MAC         email.tsv     -> EMAIL        ip.tsv   -> IPV4/IPV6
  phone.tsv  -> PHONE (mainland China mobile numbers only)

* A `valid` value is put into two sentences, `value: <v> end` (ASCII
  neighbours) and `号码<v>。` / `内容<v>。` (touching CJK text). In each, the
  only finding on the line must be one finding of the value's type whose
  byte span is exactly the value (nothing else over or around it: a value
  is one finding, e.g. an IPv4-embedded IPv6 must not also yield an IPV4).
* An `invalid` value gets the same two sentences; a row the source gives as
  a whole sentence ("[whole text; expect 0 matches]") is used as it is. No
  finding of the file's type may appear on the line (for ip.tsv: neither
  IPV4 nor IPV6).
* contexts.tsv: for each sentence, scrub's findings of the row's type(s)
  must be exactly the expected spans (code points converted to bytes),
  after the per-row decisions below are applied to each expected span.
* luhn.tsv: Luhn is a checksum, not an entity. The one 15-digit row with an
  allocated reporting body (TAC 49...) is an IMEI by SPEC and must be found
  as IMEI; every other row (4..37 digits, wrong length or IIN for a card)
  must yield no finding of any type.
* imsi.tsv, meid.tsv (SPEC: IMSI is "15 digits, MCC 460 + a real MNC;
  with context, or bare when it is not also a valid IMEI"; MEID is "14 hex
  digits (optional check digit) with context"). Each row is checked in its
  compact form (spaces and hyphens removed) under its key, as `imsi=<v> ok`
  / `meid=<v> ok` and as a JSON member `{"imsi":"<v>"}`: a valid row must
  be exactly one finding of the type over the value, an invalid row no
  finding at all. Bare (the two sentences above): a valid MCC-460 IMSI must
  be found as IMSI (or IMEI when it is also Luhn-valid); a MEID must never
  be found bare (context only), an invalid value never as its type; and no
  value may be mis-reported as another type (IMEI is allowed: several MEID
  rows are literally IMEIs). An all-decimal MEID whose check digit is the
  decimal Luhn digit (3GPP2 S.R0048; these are IMEI numbers) may be found
  under `meid=` as MEID or IMEI. A row written with separators is also put
  under the key as written, where only mis-reporting is checked (SPEC gives
  MEID no grouped form). Rows outside SPEC's definition (foreign MCCs, the
  18-digit decimal MEID form) are in EXCLUDE: their detection is a SKIP,
  but the no-mis-reporting checks still run on them.
* iban.tsv: IBAN is not a SPEC type (BANK_CARD is "13-19 digits, known IIN,
  Luhn"); detection is skipped, and no IBAN may be mis-reported as PHONE,
  CN_ID, IMEI, MAC, EMAIL, IPV4 or IPV6. BANK_CARD is allowed there: a
  4-grouped 16-digit Luhn-valid run in a known IIN range inside an IBAN is
  structurally a card number by SPEC's rule (scrubbing it is safe).
* Context-only forms (SPEC: 15-digit legacy ID, 16-digit IMEISV, Luhn-invalid
  UnionPay 62 "only with context"): bare, they must NOT be found as that
  type; with a context key they must be found. The engine has no context
  keys yet, so the with-context checks run but are reported as SKIP (with
  what was observed) until CONTEXT_RULES_IMPLEMENTED is true (or the
  environment sets SCRUB_VECTORS_CONTEXT=1).

Decisions about rows whose upstream verdict is another tool's policy are in
the tables below: EXCLUDE (not checked, printed as SKIP with the reason),
OVERRIDE and CONTEXTS_OVERRIDE (our verdict differs from the source's and
is checked instead), CONTEXT_ONLY, and PHONE_CN_MOBILE (the phone.tsv rows
that are mainland mobiles; other "valid" phone rows are foreign or landline
numbers and must not be reported as PHONE). Everything else is checked as
the source says. Rows scrub fails although the SPEC says it must handle
them are NOT excluded: they fail until the engine is fixed.

Binary: $SCRUB (default <repo>/build/scrub), run once in --findings mode on
one input holding every test sentence (one per line); findings are mapped
back to sentences by their byte offset and checked against the `line`
field. Vectors: $SCRUB_VECTORS_DIR, else <repo>/../shared/corpus/vectors;
when absent the suite prints one SKIP and exits 0.
Output: `ok - NAME`, `not ok - NAME: REASON` or `ok - NAME # SKIP REASON`
per check, then `N passed, M failed, K skipped`.
"""
import bisect
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "lib"))
from tap import check, not_ok, ok, skip  # noqa: E402  (shared reporting)
from tap import summary as tap_summary  # noqa: E402


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRUB = os.environ.get("SCRUB") or os.path.join(ROOT, "build", "scrub")
VECTORS = (os.environ.get("SCRUB_VECTORS_DIR")
           or os.path.join(os.path.dirname(ROOT), "shared", "corpus", "vectors"))

# Flip to True when the engine gains context keys (SPEC section 1
# "Context"): the with-context checks then count as real checks.
CONTEXT_RULES_IMPLEMENTED = os.environ.get("SCRUB_VECTORS_CONTEXT", "1") == "1"

# ---------------------------------------------------------------------------
# EXCLUDE: rows not checked at all, each with the reason. Printed as
# `ok - ... # SKIP reason` and counted as skipped. In contexts.tsv an
# expected span whose text is an excluded value of the matching file becomes
# "don't care": neither required nor counted as an unexpected finding.
# Only rows where the SPEC leaves the outcome open, or the row is outside
# the SPEC's definition of the type, belong here - never a row scrub merely
# fails.
# ---------------------------------------------------------------------------
EXCLUDE = {
    # --- phone.tsv ---------------------------------------------------------
    ("phone.tsv", "+49 17612345678"):
        "German mobile whose national part 17612345678 is a CN-mobile shape "
        "(1[3-9]+9 digits, standing alone after a space); SPEC has no rule "
        "for foreign country codes, so a PHONE finding (over-scrubbing a real "
        "mobile number) and no finding are both acceptable",
    ("phone.tsv", "00 49 17612345678"):
        "German mobile (00 49 prefix) whose national part 17612345678 is a "
        "CN-mobile shape; SPEC is silent on foreign prefixes, either outcome "
        "is acceptable",
    # --- imei.tsv ----------------------------------------------------------
    ("imei.tsv", "49-015420-323751"):
        "14-digit IMEI without its check digit: outside SPEC's IMEI rule (15 "
        "digits, Luhn-valid); scrub's imei.grouped14 rule goes beyond the SPEC, "
        "which neither requires nor forbids it",
    # --- bank_card.tsv -----------------------------------------------------
    ("bank_card.tsv", "122000000000003"):
        "UATP (prefix 1) is not among SPEC's IIN ranges (UnionPay, Visa, "
        "Mastercard, Amex, JCB, Discover, Diners); Presidio's policy",
    ("bank_card.tsv", "5019717010103742"):
        "Dankort (IIN 5019) is not among SPEC's IIN ranges; Presidio's policy",
    ("bank_card.tsv", "6759649826438453"):
        "Maestro UK (IIN 6759) is not among SPEC's listed networks",
    ("bank_card.tsv", "5000000000000611"):
        "Maestro (IIN 50) is not among SPEC's listed networks "
        "(Mastercard's own ranges are 51-55 and 2221-2720)",
    ("bank_card.tsv", "5000000000000000005"):
        "Maestro (IIN 50, 19 digits) is not among SPEC's listed networks",
    ("bank_card.tsv", "601 1 1 1  1 1 1 1   1 1 1 1 1 7"):
        "irregular spacing (card-validator strips whitespace from form input); "
        "SPEC forms are plain or 4-grouped by space/hyphen",
    # --- email.tsv ---------------------------------------------------------
    ("email.tsv", "j_9@[129.126.118.1]"):
        "domain-literal address: outside SPEC's 'common RFC 5322 subset' "
        "(the IPv4 inside is still found as IPV4)",
    ("contexts.tsv",
     "Both a..bc@outlook.com and .abc@hotmail.com are not valid e-mail addresses."):
        "Recognizers-Text policy: a..bc@ and .abc@ are malformed dot-atoms, but "
        "they still name a mailbox; scrubbing them is the safe side and the "
        "SPEC does not require rejecting them",
    ("email.tsv",
     "Both a..bc@outlook.com and .abc@hotmail.com are not valid e-mail addresses."):
        "same sentence as contexts.tsv: malformed-but-identifying addresses, "
        "either outcome is acceptable",
    # --- ip.tsv ------------------------------------------------------------
    ("ip.tsv", "::"):
        "SPEC: IPv6 is never a C++ `::`; the unspecified address carries no "
        "host identity and is indistinguishable from scope syntax",
    ("ip.tsv", "::/0"):
        "the unspecified address `::` as a prefix (default route); see `::`",
    ("ip.tsv", "::/128"):
        "the unspecified address `::` with a prefix length; see `::`",
    # --- imsi.tsv: only MCC 460 is in SPEC's IMSI ---------------------------
    ("imsi.tsv", "502152100145324"):
        "MCC 502 (Malaysia): SPEC's IMSI is 'MCC 460 + a real MNC' only, so a "
        "foreign IMSI is outside the type; IMSI or no finding are both "
        "acceptable (only mis-reporting as another type is checked)",
    ("imsi.tsv", "467 07 1234567890"):
        "MCC 467 (DPRK), written grouped 3-2-10: outside SPEC's MCC-460 IMSI "
        "(only mis-reporting as another type is checked)",
    ("imsi.tsv", "429011234567890"):
        "MCC 429 (Nepal): outside SPEC's MCC-460 IMSI (only mis-reporting as "
        "another type is checked)",
    # --- meid.tsv: SPEC's MEID is the 14-hex form, not the decimal one ------
    ("meid.tsv", "29360 87365 0070 3710"):
        "18-digit decimal MEID (manufacturer 2936087365 + serial 00703710): "
        "SPEC's MEID is 14 hex digits with an optional check digit; the "
        "decimal representation is not covered (only mis-reporting is checked)",
    ("meid.tsv", "29360 87365 0070 3710 0"):
        "decimal MEID with its decimal check digit (19 digits): not SPEC's "
        "14-hex MEID form (only mis-reporting is checked)",
    ("meid.tsv", "29360 87365 0070 3710 1"):
        "decimal MEID with a wrong decimal check digit: the decimal form is "
        "not SPEC's MEID, so its checksum is not SPEC's either (only "
        "mis-reporting is checked)",
    ("meid.tsv", "99999 99999 0070 3710 4"):
        "decimal MEID whose manufacturer part 9999999999 exceeds 2^32 "
        "(stdnum InvalidComponent): a decimal-form rule SPEC does not have "
        "(only mis-reporting is checked)",
    ("meid.tsv", "29360 87365 9999 9999 4"):
        "decimal MEID whose serial part 99999999 exceeds 2^24 (stdnum "
        "InvalidComponent): a decimal-form rule SPEC does not have (only "
        "mis-reporting is checked)",
    # --- iban.tsv (only mis-reporting is checked there) ---------------------
    ("iban.tsv", "NO 02 15037577003"):
        "Norwegian IBAN in python-stdnum's spaced form leaves the 11-digit run "
        "15037577003 standing alone: exactly SPEC's PHONE shape (1[3-9]+9 "
        "digits); nothing in the SPEC lets scrub know 'NO 02' makes it an "
        "account number, and a PHONE finding scrubs the account digits",
    ("iban.tsv", "NO 05 15030383041"):
        "Norwegian IBAN, spaced form: the lone run 15030383041 is SPEC's PHONE "
        "shape (see NO 02 15037577003)",
    ("iban.tsv", "NO 91 16024246306"):
        "Norwegian IBAN, spaced form: the lone run 16024246306 is SPEC's PHONE "
        "shape (see NO 02 15037577003)",
}

# ---------------------------------------------------------------------------
# OVERRIDE: rows whose upstream verdict is a tool's policy; checked with our
# verdict instead. "find" = must be found as TYPE with the span `span`
# (default: the whole value); "none" = must yield no finding of TYPE.
# ---------------------------------------------------------------------------
OVERRIDE = {
    ("cn_ric.tsv", "110111198012010078"): (
        "find", "CN_ID", None,
        "python-stdnum rejects it only because county 110111 was not yet "
        "registered in 1980; province, birth date and MOD 11-2 check are valid, "
        "so it is a GB 11643 number by SPEC's rule"),
    ("cn_ric.tsv", "110201199312010077"): (
        "find", "CN_ID", None,
        "python-stdnum rejects it only because county 110201 was deregistered "
        "by 1993; structurally valid GB 11643 (province, date, check)"),
    ("phone.tsv", "宝爵台球会所-13604770960"): (
        "find", "PHONE", "13604770960",
        "Recognizers-Text reports nothing after a business name and '-'; for "
        "scrub a CN mobile there IS personal data"),
    # Rows that are foreign numbers upstream but are exactly SPEC's PHONE
    # shape on their own (1[3-9] + 9 digits, nothing around them): a log
    # scanner cannot tell them from a CN mobile, and SPEC says find them.
    ("phone.tsv", "14325678901"): (
        "find", "PHONE", None,
        "11 digits 1[3-9]+9: a CN mobile by SPEC's rule whatever its origin"),
    ("phone.tsv", "16920894635"): (
        "find", "PHONE", None,
        "Brazilian (16) 92089-4635 written bare is 169+8 digits: a CN mobile "
        "by SPEC's rule"),
}

# Overrides for whole contexts.tsv sentences: text -> (substrings that
# must be found (type by row), reason). An empty list = no finding.
CONTEXTS_OVERRIDE = {
    "192.168.1.1.1": (
        [], "SPEC: an IPv4 is never part of a longer dotted sequence "
            "(10.0.19045.3693 is a version); Presidio reports the first quad"),
    "宝爵台球会所-13604770960": (
        ["13604770960"], "a CN mobile after a business name is personal data "
                         "(Recognizers-Text policy says 0 matches)"),
}

# ---------------------------------------------------------------------------
# CONTEXT_ONLY: forms SPEC finds only next to a context key. Bare they must
# not be found as TYPE; in `context` (a format string) they must be found.
# ---------------------------------------------------------------------------
CONTEXT_ONLY = {
    ("cn_ric.tsv", "610104620927690"): (
        "CN_ID", "id_card={}&x=1", "15-digit first-generation ID: SPEC finds "
        "the legacy form only with context"),
    ("imei.tsv", "35-209900-176148-23"): (
        "IMEI", "imei={} ok", "16-digit IMEISV: SPEC finds it only with context"),
    ("imei.tsv", "35686800-004141-20"): (
        "IMEI", "imei={} ok", "16-digit IMEISV: SPEC finds it only with context"),
    ("imei.tsv", "3568680000414120"): (
        "IMEI", "imei={} ok", "16-digit IMEISV: SPEC finds it only with context"),
    ("bank_card.tsv", "6221558812340000"): (
        "BANK_CARD", "card_no={}&amt=5", "Luhn-invalid UnionPay 62 (card-validator "
        "accepts it): SPEC finds it only with a card context key"),
    ("bank_card.tsv", "6212345000000001"): (
        "BANK_CARD", "card_no={}&amt=5", "Luhn-invalid UnionPay 62 (card-validator "
        "accepts it): SPEC finds it only with a card context key"),
}

# phone.tsv "valid" means a phone number of any country. These rows are
# mainland China mobiles (SOURCES.md) and must be found; every other valid
# row is a foreign or landline number, outside SPEC's PHONE, and must NOT be
# reported as PHONE (unless OVERRIDE/EXCLUDE says otherwise above).
PHONE_CN_MOBILE = {
    "13812345678", "18911111111", "189 1111 1111", "189-1111-1111",
    "0086-18911111111", "+86-18911111111", "86-18911111111",
    "0086 18911111111", "+86 18911111111", "86 18911111111",
    "0086 189-1111-1111", "+86 189-1111-1111", "86 189-1111-1111",
    "13604779660", "13604770960",
}

# luhn.tsv: value -> the only finding type expected (others: no finding).
LUHN_EXPECT = {"490154203237518": "IMEI"}

FILE_TYPE = {
    "cn_ric.tsv": "CN_ID", "bank_card.tsv": "BANK_CARD", "imei.tsv": "IMEI",
    "mac.tsv": "MAC", "email.tsv": "EMAIL", "ip.tsv": None, "phone.tsv": "PHONE",
}
CONTEXT_FILE = {"bank_card": "bank_card.tsv", "email": "email.tsv",
                "ip": "ip.tsv", "mac": "mac.tsv", "phone": "phone.tsv"}
CONTEXT_TYPES = {"bank_card": {"BANK_CARD"}, "email": {"EMAIL"},
                 "ip": {"IPV4", "IPV6"}, "mac": {"MAC"}, "phone": {"PHONE"}}
NUMERIC_FILES = {"cn_ric.tsv", "bank_card.tsv", "imei.tsv", "phone.tsv",
                 "luhn.tsv", "imsi.tsv", "meid.tsv", "iban.tsv"}
# Types a guarded (not detected) file may legitimately produce.
GUARD_ALLOWED = {
    "iban.tsv": ({"BANK_CARD"}, "IBAN is not a SPEC type"),
}

# imsi.tsv / meid.tsv: the type and its context key.
SIM_FILES = {"imsi.tsv": ("IMSI", "imsi"), "meid.tsv": ("MEID", "meid")}
SIM_KEY_TEMPLATES = ["{key}={v} ok", '{{"{key}":"{v}"}}']

CIDR_RE = re.compile(r"^(.*?)(/[0-9]+)$")

# SPEC section 1: mainland fixed-line numbers are PHONE when written with
# a separator (0 + area code 10 / 2X / three digits, then a subscriber
# number of 7-8 digits starting 2-9). The finding may start at the trunk
# 0 (or its bracket) when a country code is written before it.
LANDLINE_RE = re.compile(
    r"^(?:(?:\+86|0086|86)[ -]?)?(\(?0(?:10|2[0-9]|[3-9][0-9]{2})\)?[ -]?[2-9][0-9]{6,7})$")


def cn_landline(value):
    m = LANDLINE_RE.match(value)
    if not m or not re.search(r"[ ()-]", m.group(1)):
        return None
    return m.group(1)


# SPEC section 1: loopback, unspecified, broadcast and netmask addresses
# are not personal and never reported, whatever other tools say.
def not_personal_ip(v):
    base = CIDR_RE.match(v).group(1) if CIDR_RE.match(v) else v
    if ":" not in base:
        parts = base.split(".")
        if len(parts) != 4 or not all(p.isdigit() for p in parts):
            return False
        o = [int(p) for p in parts]
        a = (o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]
        inv = ~a & 0xFFFFFFFF
        return o[0] in (0, 127) or ((o[0] & 0x80) and (inv & (inv + 1)) == 0)
    try:
        import ipaddress
        return int(ipaddress.IPv6Address(base)) <= 1
    except ValueError:
        return False




def finish():
    sys.exit(tap_summary())


def read_tsv(path):
    """Rows as (line number, [fields]); the header is checked and dropped."""
    rows = []
    with open(path, encoding="utf-8", newline="\n") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    for no, line in enumerate(lines[1:], start=2):
        if line == "":
            continue
        rows.append((no, line.split("\t")))
    return header, rows


def blen(s):
    return len(s.encode("utf-8"))


class Case:
    """One check on one input line.

    types     set of finding types the check looks at (None = every type)
    required  list of (type, [acceptable (start, end) byte spans], label)
    dontcare  byte spans; considered findings overlapping one are ignored
    mode      "check", "skip" (reason in note) or "pending" (run, but
              report as SKIP with the observed outcome)
    """

    def __init__(self, name, text, types=None, required=(), dontcare=(),
                 mode="check", note=""):
        self.name, self.text, self.types = name, text, types
        self.required, self.dontcare = list(required), list(dontcare)
        self.mode, self.note = mode, note
        self.raw = text.encode("utf-8")


cases = []


def describe(raw, span):
    s, e = span
    return "%d-%d %r" % (s, e, raw[s:e].decode("utf-8", "replace"))


def type_ok(ftype, rtype):
    """rtype is a type name or a frozenset of acceptable type names."""
    return ftype in rtype if isinstance(rtype, frozenset) else ftype == rtype


def type_name(rtype):
    return "/".join(sorted(rtype)) if isinstance(rtype, frozenset) else rtype


def evaluate(case, findings):
    """Return None when the case holds, else the reason."""
    considered = [f for f in findings
                  if case.types is None or f[0] in case.types]
    used = [False] * len(considered)
    problems = []
    for rtype, alts, label in case.required:
        hit = None
        for i, (ftype, s, e) in enumerate(considered):
            if not used[i] and type_ok(ftype, rtype) and (s, e) in alts:
                hit = i
                break
        if hit is None:
            near = [describe(case.raw, (s, e)) + " " + t
                    for (t, s, e) in considered
                    if s < alts[0][1] and e > alts[0][0]]
            problems.append("missing %s at %s%s" % (
                type_name(rtype), describe(case.raw, alts[0]) if not label else label,
                " (found over it: %s)" % "; ".join(near) if near else
                " (nothing found over it)"))
        else:
            used[hit] = True
    for i, (ftype, s, e) in enumerate(considered):
        if used[i]:
            continue
        if any(s < de and e > ds for ds, de in case.dontcare):
            continue
        problems.append("unexpected %s at %s" % (ftype, describe(case.raw, (s, e))))
    return "; ".join(problems) if problems else None


# ---------------------------------------------------------------------------
# Building the cases
# ---------------------------------------------------------------------------

def templates(fname, value):
    cjk = "号码{}。" if fname in NUMERIC_FILES else "内容{}。"
    return [("ascii", "value: {} end"), ("cjk", cjk)]


def ip_type(v):
    return "IPV6" if ":" in v else "IPV4"


def value_alts(value, start, fname):
    """Acceptable byte spans for a value placed at byte `start`."""
    alts = [(start, start + blen(value))]
    if fname == "ip.tsv":
        m = CIDR_RE.match(value)
        if m:
            # SPEC is silent on a /len suffix: the finding may be the
            # address alone or the address with its prefix length.
            alts.append((start, start + blen(m.group(1))))
    return alts


def add_find(name, fname, text, value, vtype, sub=None, mode="check", note=""):
    """`text` must yield exactly one finding: vtype over `sub` (or value)."""
    target = sub if sub is not None else value
    pos = text.index(target)
    start = blen(text[:pos])
    cases.append(Case(name, text, None,
                      [(vtype, value_alts(target, start, fname), None)],
                      mode=mode, note=note))


def add_none(name, text, types, mode="check", note=""):
    cases.append(Case(name, text, None if types is None else set(types),
                      mode=mode, note=note))


def is_whole_text(source):
    return "[whole text; expect 0 matches]" in source


def luhn_ok(digits):
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i & 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def add_guard(name, text, allowed):
    """No finding on `text` other than of the `allowed` types."""
    cases.append(Case(name, text, types=None, required=(), mode="check"))
    cases[-1].allowed = set(allowed)


def build_sim_row(fname, no, value, expected, source):
    """imsi.tsv / meid.tsv rows: with the key, bare, and guards."""
    vtype, key = SIM_FILES[fname]
    base = "%s:%d %s %r" % (fname, no, expected, value)
    compact = re.sub(r"[ -]", "", value)
    valid = expected == "valid"
    excluded = (fname, value) in EXCLUDE
    whole = is_whole_text(source)
    bare = ([("text", value)] if whole else
            [(k, t.format(value)) for k, t in templates(fname, value)])
    keyed = [t.format(key=key, v=compact) for t in SIM_KEY_TEMPLATES]
    if compact != value:
        keyed_written = [t.format(key=key, v=value) for t in SIM_KEY_TEMPLATES]
    else:
        keyed_written = []

    if excluded:
        cases.append(Case(base + " detection", "", mode="skip",
                          note=EXCLUDE[(fname, value)]))
        for kind, text in bare:
            add_guard("%s [%s] not mis-reported" % (base, kind), text,
                      {vtype, "IMEI"})
        for text in keyed + keyed_written:
            add_guard("%s [%r] not mis-reported" % (base, text), text,
                      {vtype, "IMEI"})
        return

    # Under the key, compact form.
    if fname == "meid.tsv" and compact.isdigit() and len(compact) == 15 \
            and luhn_ok(compact):
        # An all-decimal MEID with a decimal Luhn check digit is an IMEI
        # number; the key says MEID, the digits say IMEI: either names it.
        want, note = frozenset({"MEID", "IMEI"}), " (MEID or IMEI: all-decimal, Luhn-valid)"
    else:
        want, note = vtype, ""
    for text in keyed:
        if valid:
            add_find("%s [%r] finds %s%s" % (base, text, type_name(want), note),
                     fname, text, compact, want)
        else:
            add_none("%s [%r] no finding" % (base, text), text, None)
    # Under the key as written (with separators): SPEC has no grouped
    # MEID/IMSI form, so only mis-reporting is checked.
    for text in keyed_written:
        add_guard("%s [%r] as written: not mis-reported (SPEC has no grouped "
                  "%s form)" % (base, text, vtype), text,
                  {vtype, "IMEI"} if valid else {"IMEI"})
    # Bare.
    for kind, text in bare:
        if fname == "imsi.tsv" and valid and compact == value \
                and compact.startswith("460"):
            # SPEC: bare when it is not also a valid IMEI.
            bwant = frozenset({"IMSI", "IMEI"}) if luhn_ok(compact) else "IMSI"
            add_find("%s [%s] bare finds %s" % (base, kind, type_name(bwant)),
                     fname, text, value, bwant)
        elif fname == "meid.tsv":
            add_guard("%s [%s] bare: no MEID (context only), not mis-reported"
                      % (base, kind), text, {"IMEI"})
        elif not valid:
            add_guard("%s [%s] bare: no %s, not mis-reported" % (base, kind, vtype),
                      text, {"IMEI"})
        else:
            # A valid IMSI written grouped: SPEC has no grouped form.
            add_guard("%s [%s] bare, as written: not mis-reported (SPEC has no "
                      "grouped %s form)" % (base, kind, vtype), text,
                      {vtype, "IMEI"})


def build_value_file(fname, rows):
    for no, fields in rows:
        if len(fields) < 3:
            not_ok("%s:%d" % (fname, no), "malformed row (%d fields)" % len(fields))
            continue
        value, expected, source = fields[0], fields[1], fields[2]
        base = "%s:%d %s %r" % (fname, no, expected, value)
        if expected not in ("valid", "invalid"):
            not_ok(base, "unknown expected value %r" % expected)
            continue
        if fname in SIM_FILES:
            build_sim_row(fname, no, value, expected, source)
            continue
        if (fname, value) in EXCLUDE:
            cases.append(Case(base, "", mode="skip", note=EXCLUDE[(fname, value)]))
            continue

        whole = is_whole_text(source)
        texts = ([("text", value)] if whole else
                 [(k, t.format(value)) for k, t in templates(fname, value)])

        if fname == "luhn.tsv":
            want = LUHN_EXPECT.get(value)
            for kind, text in texts:
                name = "%s [%s] -> %s" % (base, kind, want or "no finding")
                if want:
                    add_find(name, fname, text, value, want)
                else:
                    add_none(name, text, None)
            continue

        if fname in GUARD_ALLOWED:
            allowed, _ = GUARD_ALLOWED[fname]
            for kind, text in texts:
                cases.append(Case("%s [%s] not mis-reported" % (base, kind), text,
                                  types=None, required=(),
                                  mode="check"))
                cases[-1].allowed = allowed
            continue

        vtype = FILE_TYPE[fname] if fname != "ip.tsv" else ip_type(value)
        neg_types = {"IPV4", "IPV6"} if fname == "ip.tsv" else {vtype}

        if fname == "ip.tsv" and expected == "valid" and not_personal_ip(value):
            for kind, text in texts:
                add_none("%s [%s] not personal (SPEC: loopback, unspecified, "
                         "broadcast, netmask): no %s" % (base, kind, vtype),
                         text, [vtype])
            continue

        if (fname, value) in OVERRIDE:
            verdict, otype, sub, reason = OVERRIDE[(fname, value)]
            for kind, text in texts:
                name = "%s [%s] overridden: %s (%s)" % (
                    base, kind, "find " + otype if verdict == "find" else
                    "no " + otype, reason)
                if verdict == "find":
                    add_find(name, fname, text, value, otype, sub)
                else:
                    add_none(name, text, [otype])
            continue

        if (fname, value) in CONTEXT_ONLY:
            ctype, ctx, reason = CONTEXT_ONLY[(fname, value)]
            for kind, text in texts:
                add_none("%s [%s] bare: no %s (%s)" % (base, kind, ctype, reason),
                         text, [ctype])
            text = ctx.format(value)
            add_find("%s [context %r] finds %s" % (base, ctx.split("{")[0], ctype),
                     fname, text, value, ctype,
                     mode="check" if CONTEXT_RULES_IMPLEMENTED else "pending",
                     note="context keys not implemented yet (SPEC section 1)")
            continue

        if (fname == "phone.tsv" and expected == "valid" and
                value not in PHONE_CN_MOBILE and cn_landline(value)):
            for kind, text in texts:
                vs = blen(text[:text.index(value)])
                ls = vs + blen(value[:value.index(cn_landline(value))])
                end = vs + blen(value)
                cases.append(Case("%s [%s] mainland fixed-line: PHONE" % (base, kind),
                                  text, None, [("PHONE", [(vs, end), (ls, end)], None)]))
            continue

        if fname == "phone.tsv" and expected == "valid" and value not in PHONE_CN_MOBILE:
            # A foreign or landline number: outside SPEC's PHONE.
            for kind, text in texts:
                add_none("%s [%s] foreign/landline: no PHONE" % (base, kind),
                         text, ["PHONE"])
            continue

        for kind, text in texts:
            name = "%s [%s]" % (base, kind)
            if expected == "valid":
                add_find(name, fname, text, value, vtype)
            else:
                add_none(name, text, neg_types)


def lookup_value(rows_by_file, fname, text):
    """The per-value row (value, expected) for a span text, or None."""
    table = rows_by_file.get(fname, {})
    if text in table:
        return text, table[text]
    low = text.lower()
    for v, exp in table.items():
        if v.lower() == low:
            return v, exp
    return None


def resolve_unknown_spans(rows_by_file, fname, text, count):
    """Spans for rows whose expected spans are '?': find the file's valid
    values in the text (case-insensitive), longest first, without overlap."""
    low = text.lower()
    spans = []
    vals = sorted((v for v, exp in rows_by_file.get(fname, {}).items()
                   if exp == "valid"), key=len, reverse=True)
    for v in vals:
        i = low.find(v.lower())
        while i >= 0:
            if all(i >= e or i + len(v) <= s for s, e in spans):
                spans.append((i, i + len(v)))
            i = low.find(v.lower(), i + 1)
    spans.sort()
    return spans if len(spans) == count else None


def build_contexts(rows, rows_by_file):
    for no, fields in rows:
        if len(fields) < 5:
            not_ok("contexts.tsv:%d" % no, "malformed row (%d fields)" % len(fields))
            continue
        ctype, text, nexp, spans_s, source = fields[:5]
        name = "contexts.tsv:%d %s %r" % (no, ctype, text)
        if ctype not in CONTEXT_TYPES:
            cases.append(Case(name, "", mode="skip",
                              note="type %r has no scrub type" % ctype))
            continue
        if ("contexts.tsv", text) in EXCLUDE:
            cases.append(Case(name, "", mode="skip",
                              note=EXCLUDE[("contexts.tsv", text)]))
            continue
        fname = CONTEXT_FILE[ctype]
        types = CONTEXT_TYPES[ctype]
        nexp = int(nexp)

        if text in CONTEXTS_OVERRIDE:
            subs, reason = CONTEXTS_OVERRIDE[text]
            req = []
            for sub in subs:
                pos = text.index(sub)
                st = blen(text[:pos])
                t = ip_type(sub) if ctype == "ip" else next(iter(types))
                req.append((t, [(st, st + blen(sub))], None))
            cases.append(Case(name + " overridden (%s)" % reason, text, types, req))
            continue

        if spans_s == "?" or (spans_s == "" and nexp > 0):
            # Span not given upstream ("?", or a count without spans).
            spans = resolve_unknown_spans(rows_by_file, fname, text, nexp)
            if spans is None:
                cases.append(Case(name, "", mode="skip",
                                  note="spans not given upstream and not "
                                       "resolvable from %s" % fname))
                continue
        elif spans_s == "":
            spans = []
        else:
            spans = [tuple(int(x) for x in sp.split("-")) for sp in spans_s.split(";")]
        if spans_s not in ("", "?") and len(spans) != nexp:
            not_ok(name, "row gives %d matches but %d spans" % (nexp, len(spans)))
            continue

        required, dontcare, notes = [], [], []
        for s, e in spans:
            sub = text[s:e]
            bs, be = blen(text[:s]), blen(text[:e])
            hit = lookup_value(rows_by_file, fname, sub)
            key = (fname, hit[0]) if hit else (fname, sub)
            if key in EXCLUDE:
                dontcare.append((bs, be))
                notes.append("%r don't-care" % sub)
                continue
            if ctype == "ip" and not_personal_ip(sub):
                notes.append("%r not personal (SPEC): no finding" % sub)
                continue
            if ctype == "phone":
                ov = OVERRIDE.get(key)
                if sub in PHONE_CN_MOBILE or (ov and ov[0] == "find"):
                    required.append(("PHONE", [(bs, be)], None))
                elif cn_landline(sub):
                    ls = bs + blen(sub[:sub.index(cn_landline(sub))])
                    required.append(("PHONE", [(bs, be), (ls, be)], None))
                    notes.append("%r mainland fixed-line" % sub)
                else:
                    notes.append("%r foreign: no PHONE" % sub)
                continue
            if key in CONTEXT_ONLY:
                notes.append("%r context-only: not found bare" % sub)
                continue
            t = ip_type(sub) if ctype == "ip" else next(iter(types))
            alts = [(bs, be)]
            m = CIDR_RE.match(sub) if ctype == "ip" else None
            if m:
                alts.append((bs, bs + blen(m.group(1))))
            required.append((t, alts, None))
        if notes:
            name += " [" + "; ".join(notes) + "]"
        cases.append(Case(name, text, types, required, dontcare))


# ---------------------------------------------------------------------------
# Running scrub and judging
# ---------------------------------------------------------------------------

def run_scrub(lines):
    data = b"".join(l + b"\n" for l in lines)
    with tempfile.TemporaryDirectory(prefix="scrub-vectors-") as home:
        env = dict(os.environ)
        env.pop("SCRUB_KEY_FILE", None)
        env["HOME"] = home
        env["XDG_CONFIG_HOME"] = os.path.join(home, ".config")
        p = subprocess.run([SCRUB, "--findings"], input=data, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=300)
    return data, p


def main():
    if not os.path.isdir(VECTORS):
        print("vectors: corpus absent, skipped")
        print("0 passed, 0 failed, 1 skipped")
        sys.exit(0)
    if not os.access(SCRUB, os.X_OK):
        not_ok("scrub binary", "%s is not executable (run make)" % SCRUB)
        finish()

    value_files = ["cn_ric.tsv", "bank_card.tsv", "imei.tsv", "mac.tsv",
                   "email.tsv", "ip.tsv", "phone.tsv", "luhn.tsv",
                   "imsi.tsv", "meid.tsv", "iban.tsv"]
    rows_by_file = {}
    loaded = {}
    for fname in value_files + ["contexts.tsv"]:
        path = os.path.join(VECTORS, fname)
        if not os.path.isfile(path):
            skip(fname, "file absent from %s" % VECTORS)
            continue
        header, rows = read_tsv(path)
        want = (["type", "text", "expected_matches", "expected_spans_codepoints",
                 "source"] if fname == "contexts.tsv"
                else ["value", "expected", "source"])
        if header[:len(want)] != want:
            not_ok(fname + " header", "got %r, want %r" % (header, want))
            continue
        loaded[fname] = rows
        if fname != "contexts.tsv":
            rows_by_file[fname] = {f[0]: f[1] for _, f in rows if len(f) >= 2}

    for fname in value_files:
        if fname in loaded:
            if fname in GUARD_ALLOWED:
                skip("%s detection (%d rows)" % (fname, len(loaded[fname])),
                     GUARD_ALLOWED[fname][1] + "; only mis-reporting is checked")
            build_value_file(fname, loaded[fname])
    if "contexts.tsv" in loaded:
        build_contexts(loaded["contexts.tsv"], rows_by_file)

    # Every line that is run goes into one input.
    active = [c for c in cases if c.mode != "skip"]
    for c in active:
        if "\n" in c.text or "\r" in c.text:
            c.mode, c.note = "skip", "text contains a line break"
    active = [c for c in cases if c.mode != "skip"]
    try:
        data, proc = run_scrub([c.raw for c in active])
    except (OSError, subprocess.SubprocessError) as e:
        not_ok("scrub --findings run", "could not run: %s" % e)
        finish()

    starts, pos = [], 0
    for c in active:
        starts.append(pos)
        pos += len(c.raw) + 1
    per_line = [[] for _ in active]
    stream_problems = []
    if proc.returncode != 0:
        stream_problems.append("exit status %d, stderr %r" % (
            proc.returncode, proc.stderr.decode("utf-8", "replace")[:200]))
    for ln in proc.stdout.decode("utf-8", "replace").splitlines():
        try:
            f = json.loads(ln)
            ftype, off, length, line = f["type"], f["offset"], f["length"], f["line"]
            if not (isinstance(off, int) and isinstance(length, int)
                    and isinstance(line, int) and isinstance(ftype, str)):
                raise ValueError("field types")
        except (ValueError, KeyError, TypeError) as e:
            stream_problems.append("bad findings line %r (%s)" % (ln[:80], e))
            continue
        idx = bisect.bisect_right(starts, off) - 1
        if idx < 0 or off + length > starts[idx] + len(active[idx].raw):
            stream_problems.append("finding %s at %d+%d crosses a line end" %
                                   (ftype, off, length))
            continue
        if line != idx + 1:
            stream_problems.append("finding at offset %d says line %d, offset "
                                   "is on line %d" % (off, line, idx + 1))
        per_line[idx].append((ftype, off - starts[idx], off - starts[idx] + length))

    if stream_problems:
        not_ok("scrub --findings output well-formed (%d lines)" % len(active),
               "; ".join(stream_problems[:5]) +
               (" (+%d more)" % (len(stream_problems) - 5)
                if len(stream_problems) > 5 else ""))
    else:
        ok("scrub --findings output well-formed (%d lines)" % len(active))

    line_of = {id(c): i for i, c in enumerate(active)}
    for c in cases:
        if c.mode == "skip":
            skip(c.name, c.note)
            continue
        found = per_line[line_of[id(c)]]
        allowed = getattr(c, "allowed", None)
        if allowed is not None:
            bad = [f for f in found if f[0] not in allowed]
            reason = ("; ".join("mis-reported as %s at %s" % (t, describe(c.raw, (s, e)))
                                for t, s, e in bad) or None)
        else:
            reason = evaluate(c, found)
        if c.mode == "pending":
            skip(c.name, "%s; observed: %s" % (c.note, reason or "passes"))
        elif reason is None:
            ok(c.name)
        else:
            not_ok(c.name, reason)
    finish()


if __name__ == "__main__":
    main()
