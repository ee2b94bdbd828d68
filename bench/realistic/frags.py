"""frags.py -- lines as lists of fragments, and the escaping transforms that real
systems apply to them, with labels kept on the escaped bytes.

A fragment is one of
    ("t", text)                      plain text
    ("v", text, type, form)          a labelled value
    ("d", text, category)            a decoy: text that must stay as it is
An escaping transform maps each fragment's text independently (every transform
here is a per-character map, so escaping the pieces equals escaping the whole)
and keeps the kind, so a label always covers the escaped bytes of its value and
nothing else.  Values must not need escaping themselves unless the transform
says so (`allow_value_change`): the label convention is "the value only, never
the quotes or escape backslashes around it".
"""


class GenError(Exception):
    pass


def T(s):
    return [("t", s)]


def V(typ, form, s):
    if not s:
        raise GenError("empty value for %s" % typ)
    return [("v", s, typ, form)]


def D(cat, s):
    return [("d", s, cat)]


def cat(*parts):
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(("t", p))
        else:
            out.extend(p)
    return out


def join(sep, items):
    out = []
    for i, it in enumerate(items):
        if i:
            out.extend(T(sep) if isinstance(sep, str) else sep)
        out.extend(T(it) if isinstance(it, str) else it)
    return out


def text_of(frags):
    return "".join(f[1] for f in frags)


def _map(frags, fn, allow_value_change=False):
    out = []
    for f in frags:
        s = fn(f[1])
        if f[0] != "t" and s != f[1] and not allow_value_change:
            raise GenError("value %r changes under escaping (%r)" % (f[1], s))
        out.append((f[0], s) + tuple(f[2:]))
    return out


# ------------------------------------------------------------ JSON

def _json_char(c, mode):
    if c == '"':
        return '\\"'
    if c == "\\":
        return "\\\\"
    if c == "\n":
        return "\\n"
    if c == "\t":
        return "\\t"
    if c == "\r":
        return "\\r"
    if ord(c) < 0x20:
        return "\\u%04x" % ord(c)
    if mode == "go" and c in "<>&\u2028\u2029":
        return "\\u%04x" % ord(c)
    if mode == "ascii" and ord(c) > 0x7E:
        if ord(c) > 0xFFFF:
            v = ord(c) - 0x10000
            return "\\u%04x\\u%04x" % (0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
        return "\\u%04x" % ord(c)
    return c


def jesc(frags, mode="std"):
    """JSON string escaping (RFC 8259).  mode "go": also <, >, & as \\u003c...
    (Go's encoding/json, so Docker's json-file); "ascii": also non-ASCII as
    \\uXXXX (Jackson ESCAPE_NON_ASCII, Python's json.dumps default)."""
    return _map(frags, lambda s: "".join(_json_char(c, mode) for c in s))


def quote_u0022(frags):
    """HTML-safe JSON as some JS/Java serialisers print it: quotes as \\u0022."""
    return _map(frags, lambda s: s.replace('"', "\\u0022"))


# ------------------------------------------------------------ nginx

def nginx_esc(frags):
    """nginx log escaping (escape=default): '"', '\\' and bytes outside
    0x20..0x7E become \\xHH (of the UTF-8 bytes)."""
    def fn(s):
        out = []
        for b in s.encode("utf-8"):
            if b in (0x22, 0x5C) or b < 0x20 or b > 0x7E:
                out.append("\\x%02X" % b)
            else:
                out.append(chr(b))
        return "".join(out)
    return _map(frags, fn)


# ------------------------------------------------------------ URLs

UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def pct_str(s, safe=""):
    out = []
    for c in s:
        if c in UNRESERVED or c in safe:
            out.append(c)
        else:
            out.extend("%%%02X" % b for b in c.encode("utf-8"))
    return "".join(out)


def pct(frags, safe=""):
    """Percent-encode every fragment (RFC 3986, UTF-8).  Values must be made of
    unreserved characters (they stay as they are, only their surroundings are
    encoded): a value written already encoded (%2B86…, %40) cannot be
    encoded once more, as SPEC promises those forms only once."""
    return _map(frags, lambda s: pct_str(s, safe))


def iis_plus(frags):
    """IIS W3C logs write spaces in cs(User-Agent) and similar fields as '+'."""
    return _map(frags, lambda s: s.replace(" ", "+"))


# ------------------------------------------------------------ rendering

class Line:
    __slots__ = ("family", "frags", "enc", "eol")

    def __init__(self, family, frags, enc="utf-8", eol="\n"):
        self.family, self.frags, self.enc, self.eol = family, frags, enc, eol

    def render(self):
        """(bytes without the end of line, [(kind, start, length, meta...)])"""
        out, spans, pos = [], [], 0
        for f in self.frags:
            b = f[1].encode(self.enc)
            if f[0] == "v":
                spans.append(("v", pos, len(b), f[2], f[3], f[1]))
            elif f[0] == "d":
                spans.append(("d", pos, len(b), f[2], f[1]))
            out.append(b)
            pos += len(b)
        data = b"".join(out)
        if b"\n" in data:
            raise GenError("newline inside a line of %s: %r" % (self.family, data[:80]))
        return data, spans
