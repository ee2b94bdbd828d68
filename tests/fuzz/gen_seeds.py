#!/usr/bin/env python3
"""gen_seeds.py — write the seed corpora of the fuzz harnesses.

    python3 tests/fuzz/gen_seeds.py        # (re)writes tests/fuzz/corpus/

corpus/engine/*: two selector bytes, then a log (see fuzz_engine.c: byte 0
picks block size, feeding, eager mode and action; byte 1 the PCRE2 matcher
and the long-line expansion). corpus/config/*.yml: YAML configs, valid and
broken. Files named bug-* reproduce violations found by fuzzing (see
README.md); they stay as regression seeds once fixed. All values are the
synthetic test values of README.md and samples/, never real data.
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def sel(block=0, feed=0, eager=0, action="hash", pcre2=False, longline=None,
        longvalue=None, extra=0):
    """The two selector bytes of fuzz_engine.c. longvalue: the key (0-3)
    of a long free-text value, extra: its length beyond 64 KiB in 8 KiB."""
    b0 = ([0, 1, 7, 64, 4096].index(block) + 5 * feed + 25 * eager +
          50 * ["hash", "mask", "redact", "keep"].index(action))
    b1 = (1 if pcre2 else 0)
    if longline is not None:
        b1 |= 2 | (longline << 3)
    if longvalue is not None:
        b1 |= 4 | (longvalue << 3) | (extra << 5)
    return bytes([b0, b1])


def sel_raw(b0, pcre2=False):
    return bytes([b0, 1 if pcre2 else 0])


EVERY_TYPE = (
    "2026-11-29T08:00:01Z INFO login ok user=alice phone=13812345678 ip=203.0.113.9\n"
    '2026-11-29T08:00:02Z INFO {"event":"bind","mobile":"+86 139-1234-5678","email":"Alice.Wang@example.com"}\n'
    "2026-11-29T08:00:03Z WARN payment card=6222021234567890128 amount=128.00 order=20261129080003123\n"
    "2026-11-29T08:00:04Z INFO device imei=354178036859789 wifi=a4:5e:60:e4:2c:11 build=10.0.19045.3693\n"
    "2026-11-29T08:00:05Z INFO 用户身份证号110101199003078670已实名，联系邮箱zhang.wei@qq.com\n"
    "2026-11-29T08:00:06Z DEBUG GET /api/v1/profile?uid=1029384756&phone=%2B8613912345678 from 2001:db8:85a3::8a2e:370:7334\n"
    "2026-11-29T08:00:07Z INFO ts=1732867207123 trace=4bf92f3577b34da6a3ce929d0e0e4736 took 10:23:45 std::vector ok\n"
).encode()

CONTEXT = (
    '{"imsi":"460001234567890","simSerial":"8944500102198304826","meid":"A0000012345678"}\n'
    '{"idfa":"6D92078A-8246-4BA4-AE5B-76104861E7DC","lat":39.904211,"lng":116.407395}\n'
    'android_id=9774d56d682e549c oaid:1fe3b2c4-77a0-4d2a-9a3f-0e5f3c2b1a90;\n'
    "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc\n"
    "login user=bob password=hunter2 ok /cb?access_token=ya29.a0AfH6SMB&state=1\n"
    '{"real_name":"张伟","address":"北京市朝阳区建国路88号","age":30}\n'
    '{"msg":"{\\"imsi\\":\\"460021234567891\\",\\"name\\":\\"王芳\\"}"}\n'
    "姓名：李娜，电话13812345678，住址：上海市浦东新区世纪大道100号，\n"
    '{"bytes":19106806907,"created_at":13812345678,"order_id":6222021234567890128}\n'
    "mac=001a2b3c4d5e id_card=110101199003078670 card_no=6222021234567890128\n"
).encode()

LOOKALIKES = (
    "ts=1390000000000 epoch 1732867207 uuid f81d4fae-7dec-11d0-a765-00a0c91e6bf6\n"
    "sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709 ver 10.0.19045.3693 at 10:23:45\n"
    "Logger::instance() std::shared_ptr<void> 3.14159265 4111111111111112 blk_-4980916519894289629\n"
    "0.0.0.0 255.255.255.255 00:00:00:00:00:00 ff:ff:ff:ff:ff:ff 1.2.3 :: ::1\n"
    "PHONE_kqzmt_abcdefghijklmnopqr [EMAIL] 138****5678 A***@example.com 203.0.113.*\n"
).encode()

VALUE_FORMS = (
    "+86 138-1234-5678 +8613812345678 008613812345678 86 13812345678 138 1234 5678\n"
    "q=%2B86%20138%201234%205678&x=1 phone«13812345678» tel: 13812345678, thanks\n"
    "4111 1111 1111 1111, 6222 0212 3456 7890 128, 35-417803-685978-9, 11010519491231002X\n"
    "00-1A-2B-3C-4D-5E 001a.2b3c.4d5e A4:5E:60:E4:2C:11 a%40b.cn JOHN.DOE@EXAMPLE.COM\n"
    "::ffff:192.0.2.1 fe80::1%eth0 2001:DB8::1 [2001:db8::2]:443 192.168.10.255:8080\n"
).encode()


def engine_seeds():
    s = {}
    s["every-type"] = sel() + EVERY_TYPE
    s["every-type-mask"] = sel(action="mask") + EVERY_TYPE
    s["every-type-redact-b1"] = sel(block=1, action="redact") + EVERY_TYPE
    s["every-type-keep-b7-bytes"] = sel(block=7, feed=1, action="keep") + EVERY_TYPE
    s["every-type-b64-growing"] = sel(block=64, feed=2) + EVERY_TYPE
    s["every-type-b4096-random"] = sel(block=4096, feed=3, action="redact") + EVERY_TYPE
    s["every-type-contexts"] = sel(feed=4, action="mask") + EVERY_TYPE
    s["every-type-eager"] = sel(block=64, feed=3, eager=1) + EVERY_TYPE
    s["every-type-pcre2"] = sel(block=7, feed=2, pcre2=True) + EVERY_TYPE
    s["context-keys"] = sel(action="redact") + CONTEXT
    s["context-keys-b7-contexts"] = sel(block=7, feed=4) + CONTEXT
    s["context-keys-pcre2"] = sel(feed=3, action="mask", pcre2=True) + CONTEXT
    s["lookalikes"] = sel(block=1, feed=1) + LOOKALIKES
    s["lookalikes-pcre2"] = sel(action="redact", pcre2=True) + LOOKALIKES
    s["value-forms"] = sel(block=64, feed=3, action="mask") + VALUE_FORMS
    s["value-forms-pcre2"] = sel(block=4096, pcre2=True) + VALUE_FORMS
    s["crlf"] = sel(block=7, feed=3) + EVERY_TYPE.replace(b"\n", b"\r\n")
    s["cr-only"] = sel(block=1, feed=2, action="redact") + EVERY_TYPE.replace(b"\n", b"\r")
    s["nul-bytes"] = sel(block=64, feed=1) + (
        b"\x00\x00phone=13812345678\x00ip=203.0.113.9\x00\n\x00a@b.cn\x00\n")
    s["invalid-utf8-gbk"] = sel(block=7, feed=3, action="redact") + (
        b"\xff\xfe\xfd 13812345678\xc0\xaf \xd5\xc5\xce\xb0 \xe7\x94 Alice@example.com\xed\xa0\x80\n"
        b"\xd3\xc3\xbb\xa7110101199003078670\xa3\xac 203.0.113.9\xff\n")
    s["no-final-newline"] = sel(block=4096, feed=1) + b"last line 13812345678 203.0.113.9"
    s["value-at-end"] = sel(block=7, feed=2, action="redact") + b"x 13812345678"
    s["empty-lines"] = sel(block=1, feed=3) + b"\n\n\r\n\n13812345678\n\n"
    s["single-newline"] = sel(feed=4) + b"\n"
    s["empty"] = sel()
    # One long line: values straddle every block size used.
    line = bytearray(b"x" * 9000)
    for off in (60, 4090, 4095, 8185):
        line[off:off + 11] = b"13812345678"
    for off in (1000, 6000):
        line[off:off + 22] = b"Alice.Wang@example.com"
    s["long-line-b64"] = sel(block=64, feed=3) + bytes(line) + b"\n"
    s["long-line-b4096-contexts"] = sel(block=4096, feed=4, action="redact") + bytes(line) + b"\nnext 203.0.113.9\n"
    s["long-line-b7-bytes"] = sel(block=7, feed=1, action="mask") + bytes(line)
    # Expanded past 64 KiB as one line (flags bit 1).
    s["longline-expand"] = sel(block=4096, feed=3, longline=0) + EVERY_TYPE
    s["longline-expand-secret"] = sel(block=64, feed=2, action="redact", longline=3) + (
        b'password="pa ss word" Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc ')
    s["longline-expand-contexts"] = sel(block=4096, feed=4, longline=7) + CONTEXT
    # One free-text value crossing the parts of a long line, per key form
    # and action: replaced and reported as if the line were whole.
    for key in range(4):
        for i, action in enumerate(("hash", "mask", "redact", "keep")):
            s["longvalue-%d-%s" % (key, action)] = sel(
                block=[4096, 7, 64, 1][i], feed=3,
                action=action, longvalue=key, extra=(key + i) % 8) + CONTEXT
    return s


# Minimised inputs of the violations found by fuzzing (README.md, "Bugs").
ENGINE_BUGS = {
    # UB: scrub_ctx_write() of 0 bytes before any data: NULL + 0.
    "bug-empty-first-write": sel(block=1, feed=3) + b"ab\n",
    # Matchers disagree: an exclusion drops the leftmost phone candidate
    # "86 13812345678"; Hyperscan never proposes "13812345678", so the
    # number passes through raw (PCRE2 finds it).
    "bug-pcre2-exclusion-hides-phone": sel(pcre2=True) + b"count=86 13812345678\n",
    # Matchers disagree: a value longer than its rule's window. Hyperscan
    # redacts "Bearer" only and leaves the token raw.
    "bug-pcre2-long-bearer-token": sel(action="redact", pcre2=True) + (
        b"Authorization: Bearer " + b"A" * 300 + b"TAIL\n"),
    "bug-pcre2-long-ipv6-zone": sel(block=64, feed=2, pcre2=True) + (
        b"f80::1%et9999990-a765-00111IPVIPV-a765-00111IPVIPV65-00111IPVIPV-a765-00111IPVIPV"),
    # Hashed output scrubbed again changes: tokens join their neighbours.
    "bug-idempotent-email-in-email": sel() + b"i@q.po@q.en",
    "bug-idempotent-token-as-tld": sel() + b"I@e.13912567878",
    "bug-idempotent-hex-word": sel() + b"13567835878B86 13567835878",
    "bug-idempotent-token-tail-mac": sel() + b"M19491310025ec.4d5e.4d5e",
    # ... and a grouped IMEI after a card number is left raw, but found
    # once the card number has become a token.
    "bug-idempotent-imei-after-card": sel() + b"6222 0212 3456 7890 128 35-417803-685978-9\n",
    # Found at 466b28b (after the fixes of the ones above):
    # a token followed by @domain is an email on the second pass ("::f" is
    # an IPv6 address, its token + "@E.tE" an email);
    "bug-idempotent-token-at-domain": sel(block=64) + b"::f@E.tE",
    # a replaced value takes its space with it, so a free-text value
    # before it grows over the token on the second pass;
    "bug-idempotent-token-joins-value": sel() + b"oaid:4+86 138-2468-5678+x\n",
    # Hyperscan rejects "+86 139-1234-5678" after hex letters and never
    # tries the shorter "86 139-1234-5678" that PCRE2 takes: left raw.
    "bug-pcre2-hexword-before-plus86": sel(pcre2=True) + b"abcd+86 139-1234-5678\n",
    # The other way round: Hyperscan redacts the Luhn-valid first 16
    # digits of a 19-digit grouped number, PCRE2 (one greedy end per
    # start) rejects the 19 digits and leaves all of it.
    "bug-pcre2-grouped-card-prefix": sel(action="redact", pcre2=True) + b"6226 0212 3456 7890 128\n",
    # A line longer than 64 KiB scrubbed in parts (block 4096): a chain of
    # overlapping candidates across a part boundary (~90 KiB) resolves
    # differently than in the whole line: 8191 findings instead of 8192,
    # output differs (also with %40 for @).
    "bug-longline-overlap-chain": bytes([4, 0x22]) + b"@E.M1.",
    "bug-longline-overlap-chain-pct": bytes([0x16, 0x62]) + b"%40b.c8",
    # 10. More idempotence: a token changes its neighbours' surroundings. A
    # card glued to letters left "HN.DOE@EXAMPLE.COM" (after a digit: not
    # an address); after the token it was one, starting at the token or
    # after its '_'. A phone glued to a coordinate, likewise.
    "bug-idempotent-email-after-card": sel() +
        b"x 4111 1111 1111 1111HN.DOE@EXAMPLE.COM\n",
    "bug-idempotent-phone-after-geo": sel() +
        b'{"lat":39.904211,"lng":116.407395%2B86%20138%201234%205678&x=1}\n',
    # An exclusion key inside a replaced value ("ted_at" in the device id)
    # excluded the phone after it; on the second pass the key was gone.
    # An exclusion whose key a finding took is void.
    "bug-idempotent-exclusion-key-in-value": sel() +
        b'android_id=abcdefghted_at":13812345678,\n',
    # The exclusion's free-text value held a token on the second pass
    # ("mac=MAC_..."), was rejected as scrubbed text, and the card under
    # order_id lost its shelter. Exclusions may hold tokens.
    "bug-idempotent-token-in-exclusion": sel() +
        b'"order_id":6222021234567890128~mac=001a2b3c4d5e\n',
    # Guards that look past one punctuation byte: "::ffff:192" is no IPv6
    # before ".1101...", but it was before ".CN_ID_..." on the second pass.
    # A value glued to a token by one such byte is not a value.
    "bug-idempotent-ipv6-glued-to-token": sel() +
        b"x ::ffff:192.110101199003078670 y\n",
    # A grouped IMEI after a phone and a space was left raw (its left guard
    # refused a digit and a space before it), then found beside the token.
    "bug-idempotent-imei-after-phone": sel() +
        b"tel 13812345678 49-015420-323751\n",
    # An address around a token: "JOHN.%2B86<phone>JOHN.DOE@..." gave
    # a phone; the second pass took "JOHN.PHONE_...JOHN.DOE@..." as one
    # address. No candidate may hold a token.
    "bug-idempotent-token-inside-email": sel() +
        b"x JOHN.%2B8613912345678JOHN.DOE@EXAMPLE.COM\n",
    # The same with labels: SPEC 2 says redacted output is a fixed point
    # too, and "::ffff:192.[CN_ID]" was an IPv6 address on the second pass.
    "bug-idempotent-label-glued": sel(action="redact") +
        b"x ::ffff:192.110101199003078670 y [INFO]:13812345678\n",
    # A key right after a label: "<imei>token=" has no key (a digit before
    # it), "[IMEI]token=" had one on the second pass.
    "bug-idempotent-key-after-label": sel(action="redact") +
        b"x order_i354178036859789token=ya29.a0AfH6SMB&state=1\n",
    # 11. PCRE2 (every pair) took "addresses" of hundreds of bytes that
    # Hyperscan's window cannot: RFC 5321 bounds them (validator email).
    "bug-pcre2-email-over-rfc-length": sel(pcre2=True) +
        b"x " + b"a1." * 300 + b"b@example.com 13812345678\n",
}

# Reproducers of bugs still open (tests/fuzz/README.md, "Bugs found"):
# written to tests/fuzz/open/, not replayed by make check until fixed;
# move one back into ENGINE_BUGS when its fix lands.
OPEN = {name: ENGINE_BUGS.pop(name) for name in (
)}

# Inputs that are slow, not wrong: kept out of the replayed corpus.
SLOW = {
    # A 120 KiB line of "!name=x": every key's free-text value is read to
    # the end of the line: quadratic time (README.md, "Bugs").
    "quadratic-freetext-name": bytes([0, 0x3A]) + b"!name=x",
}

CONFIGS = {
    "readme-example.yml": """\
actions:
  all: mask
  EMAIL: hash
disable: [imei.grouped14]
rules:
  - id: acme.order
    type: ORDER_ID
    pattern: 'ORD-[0-9]{10}'
    left: '(?<![A-Za-z0-9-])'
    right: '(?![0-9])'
    examples: ['order «ORD-1234567890» paid']
    negative_examples: ['ORD-123']
""",
    "actions-only.yml": "actions:\n  all: redact\n  PHONE: mask\n  IPV4: keep\n",
    "actions-later-all.yml": "actions:\n  PHONE: keep\n  all: hash\n",
    "disable-list.yml": "disable:\n  - phone.cn.mobile\n  - email.address\n  - imsi.key\n",
    "disable-single.yml": "disable: imei.grouped14\n",
    "allow.yml": """\
allow:
  values: [13812345678, Alice.Wang@example.com, 'a4:5e:60:e4:2c:11']
  cidrs: [203.0.113.0/24, 10.0.0.0/8, '2001:db8::/32', 192.168.1.1]
actions:
  all: redact
""",
    "allow-bad-cidr.yml": "allow:\n  cidrs: [10.0.0.0/33]\n",
    "allow-garbage.yml": "allow:\n  cidrs: ['not an address', '::/129', '1.2.3.4/-1']\n",
    "allow-unknown-key.yml": "allow:\n  hosts: [a]\n",
    "keys-rule.yml": """\
rules:
  - id: acme.member
    type: MEMBER_ID
    keys: [member_id, memberNo, '*_member', 会员号]
    value: 'M[0-9]{8}'
    right: '(?![0-9A-Za-z])'
    priority: 80
    examples:
      - '{"member_id":"«M12345678»"}'
      - 'memberNo=«M87654321»&x=1'
    negative_examples: ['member_id=12345678']
""",
    "keys-freetext.yml": """\
rules:
  - id: acme.nickname
    type: NICK
    keys: [nick, handle]
    examples: ['nick=«bob_the_builder» ok', '{"handle":"«a b»"}']
""",
    "exclude-rule.yml": """\
rules:
  - id: acme.excl
    exclude: true
    keys: [invoice, '*_no']
    negative_examples: ['invoice=13812345678']
""",
    "validators.yml": """\
rules:
  - id: acme.card
    type: CARD2
    pattern: '[0-9]{16}'
    left: '(?<![0-9])'
    right: '(?![0-9])'
    validators: [luhn, bank_iin, not_in_hex_word]
    max_len: 16
    priority: -5
  - id: acme.ip
    type: IP2
    pattern: '[0-9.]{7,15}'
    validators: ipv4
    caseless: true
    hs_terminator: false
""",
    "pcre2-backref.yml": """\
rules:
  - id: acme.double
    type: DOUBLE
    pattern: '([a-z]{3})-\\1'
    engine: pcre2
    examples: ['«abc-abc»']
  - id: acme.lookaround
    type: LOOK
    pattern: '(?<=id:)[0-9]{6}'
""",
    "value-group.yml": """\
rules:
  - id: acme.group
    type: GROUPED
    pattern: 'ref=(?<v>[A-Z]{2}[0-9]{6})'
    examples: ['ref=«AB123456»']
""",
    "replace-builtin.yml": """\
rules:
  - id: phone.cn.mobile
    type: PHONE
    pattern: '1[3-9][0-9]{9}'
    right: '(?![0-9])'
    description: >
      folded
      text
""",
    "unicode-keys.yml": "rules:\n  - id: u.key\n    type: SECRET\n    keys: [密码, 口令]\n    examples: ['密码：«Abc12345»，']\n",
    "flow-style.yml": "{rules: [{id: f.one, type: FLOW, pattern: 'F[0-9]{4}'}], actions: {all: keep}}\n",
    "anchors.yml": "base: &b {type: ANCH, pattern: 'Z[0-9]{3}'}\nrules:\n  - {id: a.one, type: ANCH, pattern: 'Z[0-9]{3}'}\n",
    "alias-rules.yml": "x: &r\n  - id: r.one\n    type: AL\n    pattern: 'Q[0-9]{3}'\nrules: *r\n",
    "multi-doc.yml": "---\nactions: {all: mask}\n---\nactions: {all: redact}\n",
    "comment-only.yml": "# nothing here\n",
    "empty.yml": "",
    "null-doc.yml": "~\n",
    "top-list.yml": "- rules\n- actions\n",
    "top-scalar.yml": "just a string\n",
    "unknown-top.yml": "rulez: []\n",
    "unknown-rule-key.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x'\n    patern: 'y'\n",
    "rules-not-list.yml": "rules:\n  id: x\n",
    "rule-not-map.yml": "rules:\n  - just-a-string\n",
    "rule-missing-type.yml": "rules:\n  - id: x\n    pattern: 'x[0-9]'\n",
    "rule-pattern-and-keys.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x'\n    keys: [a]\n",
    "rule-lowercase-type.yml": "rules:\n  - id: x\n    type: phone\n    pattern: 'x'\n",
    "rule-bad-pattern.yml": "rules:\n  - id: x\n    type: X\n    pattern: '(unclosed[0-9'\n",
    "rule-empty-match.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'a*'\n",
    "rule-bad-left.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]{3}'\n    left: '(?<!'\n    right: ')'\n",
    "rule-two-v-groups.yml": "rules:\n  - id: x\n    type: X\n    pattern: '(?<v>a)(?<v>b)'\n",
    "rule-v-in-left.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]'\n    left: '(?<v>)'\n",
    "rule-priority-range.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]'\n    priority: 100000\n",
    "rule-max-len-bad.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]'\n    max_len: zero\n",
    "rule-bool-bad.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]'\n    caseless: maybe\n",
    "rule-engine-bad.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]'\n    engine: re2\n",
    "rule-unknown-validator.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]'\n    validators: [luhn, nope]\n",
    "rule-examples-map.yml": "rules:\n  - id: x\n    type: X\n    pattern: 'x[0-9]'\n    examples: {a: b}\n",
    "rule-keys-empty.yml": "rules:\n  - id: x\n    type: X\n    keys: []\n",
    "rule-key-star-only.yml": "rules:\n  - id: x\n    type: X\n    keys: ['*']\n",
    "rule-key-meta.yml": "rules:\n  - id: x\n    type: X\n    keys: ['a.b', 'c(d', '[e]', 'f\\\\g']\n",
    "rule-huge-repeat.yml": "rules:\n  - id: x\n    type: X\n    pattern: '(?:[0-9]{100}){100}'\n",
    "disable-unknown.yml": "disable: [no.such.rule]\n",
    "action-unknown.yml": "actions:\n  PHONE: shred\n",
    "action-bad-type.yml": "actions:\n  phone: mask\n",
    "action-not-map.yml": "actions: [all, mask]\n",
    "broken-unclosed-quote.yml": "rules:\n  - id: 'x\n    type: X\n",
    "broken-indent.yml": "rules:\n  - id: x\n   type: X\n     pattern: y\n",
    "broken-tab.yml": "rules:\n\t- id: x\n",
    "broken-flow.yml": "{rules: [\n",
    "broken-bad-escape.yml": 'rules:\n  - id: "x\\q"\n',
    "broken-nul.yml": "rules:\n  - id: x\x00\n",
    "broken-invalid-utf8.yml": b"rules:\n  - id: \xff\xfe\n    type: X\n",
    "dup-keys.yml": "actions: {all: mask}\nactions: {all: hash}\n",
    "long-id.yml": "rules:\n  - id: " + "i" * 400 + "\n    type: X\n    pattern: 'x[0-9]'\ndisable: [" + "i" * 400 + "]\n",
}

# Configs that violate a property (README.md, "Bugs").
CONFIG_BUGS = {
    # An example that is empty once its markers are gone: the library's
    # scrub_check_examples() (scrub --check-rules) writes 0 bytes to a
    # fresh context: NULL + 0 in scrub_ctx_write (UBSan).
    "bug-empty-example.yml": "rules:\n  - id: x.empty\n    type: XY\n"
                             "    pattern: 'x[0-9]'\n    examples: ['']\n",
}

# fuzz_config.c merges a quarter of the inputs (by an FNV-1a hash) into the
# built-in rules, the rest into an empty config. Seeds that need one or the
# other get a padding comment until the hash agrees.
ON_BUILTINS = {"readme-example.yml", "actions-only.yml", "actions-later-all.yml",
               "disable-list.yml", "disable-single.yml", "allow.yml",
               "replace-builtin.yml", "disable-unknown.yml"}
ON_EMPTY = {"bug-empty-example.yml", "keys-rule.yml", "keys-freetext.yml",
            "exclude-rule.yml", "validators.yml", "pcre2-backref.yml",
            "value-group.yml", "unicode-keys.yml", "empty.yml"}


def on_builtins(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return (h >> 7) % 4 == 0


def with_base(name, data):
    want = True if name in ON_BUILTINS else False if name in ON_EMPTY else None
    pad = 0
    while want is not None and on_builtins(data) != want:
        pad += 1
        data = data.rstrip(b"\n").split(b"\n# base ")[0] + b"\n# base %d\n" % pad
    return data


def main():
    for sub in ("engine", "config", "../slow", "../open"):
        d = os.path.join(HERE, "corpus", sub)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    for name, data in list(engine_seeds().items()) + list(ENGINE_BUGS.items()):
        with open(os.path.join(HERE, "corpus", "engine", name), "wb") as f:
            f.write(data)
    for name, data in SLOW.items():
        with open(os.path.join(HERE, "slow", name), "wb") as f:
            f.write(data)
    for name, data in OPEN.items():
        with open(os.path.join(HERE, "open", name), "wb") as f:
            f.write(data)
    for name, text in list(CONFIGS.items()) + list(CONFIG_BUGS.items()):
        data = with_base(name, text if isinstance(text, bytes) else text.encode())
        with open(os.path.join(HERE, "corpus", "config", name), "wb") as f:
            f.write(data)
    for p in ("phone.yml", "ip.yml", "context.yml", "exclude.yml"):
        shutil.copy(os.path.join(ROOT, "patterns", p),
                    os.path.join(HERE, "corpus", "config", "builtin-" + p))


if __name__ == "__main__":
    main()
