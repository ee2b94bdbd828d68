"""values.py -- valid personal-data values and their validators, written from the
standards (GB 11643-1999, ISO 7064, ISO/IEC 7812 + Luhn, 3GPP TS 23.003, ITU-T E.118,
ISO 13616, IEEE EUI-48, RFC 5321/6531, RFC 4291/5952), for bench/realistic/gen.py.

Every generator takes a random.Random and returns text; every validator takes the
text of a label and says whether it is valid by the definition the generator
followed.  Standard library only.
"""

import ipaddress
import re
import string

# ---------------------------------------------------------------- checksums


def luhn_ok(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_digit(payload):
    for c in "0123456789":
        if luhn_ok(payload + c):
            return c
    raise AssertionError


def hex_luhn_digit(payload):
    """Check digit of an MEID: Luhn in base 16 (3GPP2 S.R0048)."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch, 16)
        if i % 2 == 0:
            d *= 2
            d = d // 16 + d % 16
        total += d
    return "%X" % ((16 - total % 16) % 16)


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def cn_id_check(first17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def iban_ok(iban):
    s = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", s):
        return False
    r = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in r)) % 97 == 1


def iban_make(country, bban):
    r = bban + country + "00"
    n = int("".join(str(int(c, 36)) for c in r))
    return "%s%02d%s" % (country, 98 - n % 97, bban)


# ------------------------------------------------------------- tables

# MIIT mobile number segments (public mobile networks incl. MVNO 170/171/162/165/167).
MOBILE_PREFIXES = (
    "130 131 132 133 134 135 136 137 138 139 145 147 149 150 151 152 153 155 156 157 "
    "158 159 162 165 166 167 170 171 172 173 175 176 177 178 180 181 182 183 184 185 186 "
    "187 188 189 190 191 192 193 195 196 197 198 199").split()

# Fixed-line area codes with their subscriber-number length (GB/T numbering plan).
AREA_CODES = (("010", 8), ("020", 8), ("021", 8), ("022", 8), ("023", 8), ("024", 8),
              ("025", 8), ("027", 8), ("028", 8), ("029", 8), ("0755", 8), ("0571", 8),
              ("0512", 8), ("0731", 8), ("0871", 8), ("0532", 8), ("0591", 8), ("0931", 7),
              ("0951", 7), ("0971", 7), ("0898", 8), ("0769", 8), ("0757", 8))

# GB/T 2260 county-level codes (a real sample across provinces).
REGIONS = ("110101 110102 110105 110106 110108 120101 120104 130102 130104 140105 150102 "
           "210102 210203 220102 230102 310101 310104 310110 310115 320102 320106 320505 "
           "330102 330106 330110 340104 350102 350203 360102 370102 370202 410105 420102 "
           "420111 430102 440103 440106 440304 440305 450103 500103 500106 510104 510107 "
           "520102 530102 540102 610103 610113 620102 630102 640104 650102").split()

# UnionPay debit/credit BINs of Chinese banks, with the card length they issue.
UNIONPAY_BINS = (("622202", 19), ("621226", 19), ("622848", 19), ("621700", 19),
                 ("622700", 19), ("621661", 19), ("622588", 16), ("621483", 16),
                 ("622262", 19), ("622908", 18), ("623058", 19), ("622155", 16),
                 ("625965", 16), ("628266", 16), ("622609", 16), ("621799", 19))

IMEI_TACS_RB = ("35", "86", "01", "99")          # reporting bodies used here
IMSI_MNCS = ("00", "01", "02", "03", "05", "06", "07", "09", "11", "15")
ICCID_CN_ISSUERS = ("00", "01", "03", "06", "11", "15")
MAC_OUIS = ("3c:22:fb", "f0:18:98", "a4:83:e7", "00:e0:fc", "48:46:fb", "64:09:80",
            "28:6c:07", "50:c7:bf", "ec:08:6b", "00:1b:54", "3c:a9:f4", "8c:77:12",
            "b4:0e:de", "c8:3a:35", "dc:a6:32", "70:b3:d5", "f4:8c:50", "18:31:bf")

SURNAMES = ("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 "
            "邓 曹 彭 曾 肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 "
            "汪 范 金 石 廖 贾 夏 韦 方 白 邹 孟 熊 秦 邱 江 尹 薛 段 雷 侯 龙 史 陶 贺 顾 毛 郝 "
            "龚 邵 万 严 覃 武 戴 莫 孔 向 汤").split()
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "慕容", "令狐")
GIVEN = ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 华 玉兰 萍 "
         "鹏 辉 红 建华 志强 晓东 子涵 雨桐 浩然 梓萱 一诺 思远 欣怡 宇轩 佳琪 俊杰 婷 颖 "
         "斌 宁 琳 倩 鑫 博 瑶 晨 凯 帆 悦 嘉怡 振宇 海燕 文博 若曦").split()
MINORITY_NAMES = ("阿卜杜拉·艾买提", "古丽娜尔·吐尔逊", "扎西·多吉", "买买提·依明")
LATIN_GIVEN = ("Alice", "Robert", "Emma", "Oliver", "Sophia", "Liam", "Hannah", "Lucas",
               "Chloe", "Daniel", "Grace", "Henry", "Olivia", "Samuel")
LATIN_FULL = ("Zhang Wei", "Li Na", "Wang Fang", "Chen Jing", "John Smith", "Mary Johnson",
              "David Miller", "Sarah O'Neil", "Mary-Jane Watson", "Emily Chen",
              "Michael Brown", "Laura Garcia", "James Wilson", "Anna Müller")
NICKNAMES = ("快乐小猪", "小明同学", "风中的云", "橘子汽水", "追光者", "一只小可爱")

PROVINCE_CITY = (("北京市", "朝阳区"), ("北京市", "海淀区"), ("上海市", "浦东新区"), ("上海市", "徐汇区"),
                 ("广东省深圳市", "南山区"), ("广东省广州市", "天河区"), ("浙江省杭州市", "西湖区"),
                 ("江苏省南京市", "鼓楼区"), ("四川省成都市", "武侯区"), ("湖北省武汉市", "洪山区"),
                 ("陕西省西安市", "雁塔区"), ("重庆市", "渝中区"), ("天津市", "和平区"), ("福建省厦门市", "思明区"))
ROADS = ("建国路", "中关村大街", "世纪大道", "科技园南路", "天河北路", "文三路", "中山北路", "人民南路",
         "珞喻路", "长安南路", "解放碑步行街", "南京路", "湖滨路", "软件园二期观日路")
LATIN_ADDRESSES = ("1600 Amphitheatre Pkwy, Mountain View, CA 94043",
                   "221B Baker St, London NW1 6XE", "350 Fifth Ave, New York, NY 10118",
                   "10 Downing St, London SW1A 2AA", "1 Infinite Loop, Cupertino, CA 95014")

EMAIL_DOMAINS = ("qq.com", "163.com", "126.com", "gmail.com", "outlook.com", "sina.com",
                 "foxmail.com", "yahoo.com", "hotmail.com", "example-corp.com.cn",
                 "mail.tsinghua.edu.cn", "company.cn", "icloud.com", "aliyun.com")
PINYIN = ("zhangwei", "wangfang", "li.na", "liuyang", "chenjing", "yangfan", "zhao.lei",
          "wu_min", "zhou.jie", "xuqiang", "sunli", "ma.chao", "zhu_hong", "hu.tao",
          "guo.xin", "he.ping", "gaoyuan", "lin.feng", "luo.yi", "zheng.hao", "jack.chen",
          "amy.wang", "tony_liu", "kevin.z", "sarah.li", "david88", "lucy2019", "m.zhang")
IDN_EMAILS = ("张伟@例子.中国", "用户@测试.公司", "josé@exämple.de", "почта@пример.рф",
              "李娜@邮件.中国", "müller@straße.de")

# ------------------------------------------------------------- helpers


def digits(g, n):
    return "".join(g.choice("0123456789") for _ in range(n))


def longest_digit_run(s):
    return max((len(m) for m in re.findall(r"[0-9]+", s)), default=0)


def rand_hex(g, n, upper=False, max_digit_run=6):
    """Random hex with letters often enough that no digit run reaches max_digit_run+1
    (so a hex id never holds a phone- or card-shaped run)."""
    alphabet = "0123456789ABCDEF" if upper else "0123456789abcdef"
    letters = alphabet[10:]
    while True:
        s = "".join(g.choice(alphabet) for _ in range(n))
        if longest_digit_run(s) <= max_digit_run:
            return s
        # break long runs deterministically
        out, run = [], 0
        for ch in s:
            run = run + 1 if ch.isdigit() else 0
            if run > max_digit_run:
                ch, run = g.choice(letters), 0
            out.append(ch)
        return "".join(out)


def rand_alnum(g, n, alphabet=string.ascii_letters + string.digits):
    while True:
        s = "".join(g.choice(alphabet) for _ in range(n))
        if longest_digit_run(s) <= 6:
            return s


def uuid4(g, upper=False):
    h = rand_hex(g, 32)
    h = h[:12] + "4" + h[13:16] + g.choice("89ab") + h[17:]
    s = "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
    return s.upper() if upper else s


FULLWIDTH = {c: chr(0xFF10 + i) for i, c in enumerate("0123456789")}


def to_fullwidth(s):
    return "".join(FULLWIDTH.get(c, c) for c in s)


def from_fullwidth(s):
    inv = {v: k for k, v in FULLWIDTH.items()}
    return "".join(inv.get(c, c) for c in s)


# ------------------------------------------------------------- ambiguity guards


def digit_readings(s):
    """Types that a bare all-digit string would also read as (for rejecting
    values with a second reading)."""
    r = set()
    n = len(s)
    if n == 11 and re.fullmatch(r"1[3-9][0-9]{9}", s):
        r.add("PHONE")
    if n == 18 and s[:2] in PROVINCES and cn_id_check(s[:17]) == s[17] and valid_date(s[6:14]):
        r.add("CN_ID")
    if 13 <= n <= 19 and luhn_ok(s) and card_iin_ok(s):
        r.add("BANK_CARD")
    if n == 15 and luhn_ok(s) and s[:2] in REPORTING_BODIES:
        r.add("IMEI")
    if n == 15 and s.startswith("460"):
        r.add("IMSI")
    if n in (19, 20) and s.startswith("89"):
        r.add("ICCID")
    return r


# GSMA-allocated IMEI reporting-body identifiers (first two TAC digits).
REPORTING_BODIES = set("01 10 30 33 35 44 45 49 50 51 52 53 54 86 91 98 99".split())

PROVINCES = set("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
                "61 62 63 64 65".split())


def valid_date(yyyymmdd):
    import datetime
    try:
        d = datetime.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return 1900 <= d.year <= 2024


def card_iin_ok(s):
    """Broad IIN/length table (ISO/IEC 7812 registrations of the networks SPEC names)."""
    n = len(s)
    p2, p3, p4, p6 = int(s[:2]), int(s[:3]), int(s[:4]), int(s[:6])
    if s[0] == "4":
        return n in (13, 16, 19)
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:
        return n == 16
    if p2 in (34, 37):
        return n == 15
    if 3528 <= p4 <= 3589:
        return 16 <= n <= 19
    if p4 == 6011 or p2 == 65 or 644 <= p3 <= 649 or 622126 <= p6 <= 622925:
        return 16 <= n <= 19
    if 300 <= p3 <= 305 or p4 == 3095 or p2 in (36, 38, 39):
        return 14 <= n <= 19
    if p2 in (62, 81):
        return 16 <= n <= 19
    return False


# ------------------------------------------------------------- generators


def mobile(g):
    return g.choice(MOBILE_PREFIXES) + digits(g, 8)


def fixed_line(g):
    code, n = g.choice(AREA_CODES)
    return code, g.choice("2345678") + digits(g, n - 1)


def e164_intl(g):
    kind = g.randrange(6)
    if kind == 0:
        return "+1" + g.choice("2345689") + digits(g, 2) + g.choice("2345689") + digits(g, 6)
    if kind == 1:
        return "+447" + g.choice("4579") + digits(g, 8)
    if kind == 2:
        return "+852" + g.choice("569") + digits(g, 7)
    if kind == 3:
        return "+81" + g.choice(("70", "80", "90")) + digits(g, 8)
    if kind == 4:
        return "+65" + g.choice("89") + digits(g, 7)
    return "+4915" + g.choice("12579") + digits(g, 8)


def cn_id(g, lower_x=False):
    while True:
        region = g.choice(REGIONS)
        y = g.randint(1950, 2008)
        m = g.randint(1, 12)
        d = g.randint(1, 28)
        body = "%s%04d%02d%02d%s" % (region, y, m, d, digits(g, 3))
        s = body + cn_id_check(body)
        if s[-1].isdigit() and (digit_readings(s) - {"CN_ID"}):
            continue
        if s[-1] == "X" and lower_x:
            s = s[:-1] + "x"
        return s


def cn_id15(g):
    while True:
        region = g.choice([r for r in REGIONS if not r.startswith("46")])
        s = "%s%02d%02d%02d%s" % (region, g.randint(30, 99), g.randint(1, 12), g.randint(1, 28),
                                  digits(g, 3))
        if not digit_readings(s) and not luhn_ok(s):
            return s


def card(g, network):
    while True:
        if network == "unionpay":
            bin6, n = g.choice(UNIONPAY_BINS)
            payload = bin6 + digits(g, n - 7)
        elif network == "visa":
            payload = "4" + g.choice(("27", "38", "53", "62", "91", "00")) + digits(g, 12)
        elif network == "mastercard":
            if g.random() < 0.7:
                payload = "5" + g.choice("12345") + digits(g, 13)
            else:
                payload = str(g.randint(2221, 2720)) + digits(g, 11)
        elif network == "amex":
            payload = g.choice(("34", "37")) + digits(g, 12)
        elif network == "jcb":
            payload = str(g.randint(3528, 3589)) + digits(g, 11)
        elif network == "discover":
            payload = g.choice(("6011", "65" + digits(g, 2))) + digits(g, 11)
        elif network == "diners":
            payload = "36" + digits(g, 11)
        else:
            raise ValueError(network)
        s = payload + luhn_digit(payload)
        if digit_readings(s) == {"BANK_CARD"}:
            return s


def unionpay_noluhn(g):
    while True:
        bin6, n = g.choice(UNIONPAY_BINS)
        s = bin6 + digits(g, n - 6)
        if not luhn_ok(s) and not digit_readings(s):
            return s


def account_no(g):
    while True:
        n = g.choice((10, 12, 14, 17, 20, 22))
        s = g.choice("3579") + digits(g, n - 1)
        if not digit_readings(s):
            return s


def iban(g):
    c = g.choice(("DE", "GB", "FR", "NL", "ES", "IT"))
    if c == "DE":
        bban = digits(g, 8) + digits(g, 10)
    elif c == "GB":
        bban = g.choice(("NWBK", "BARC", "HSBC", "LOYD")) + digits(g, 14)
    elif c == "FR":
        bban = digits(g, 5) + digits(g, 5) + digits(g, 11) + digits(g, 2)
    elif c == "NL":
        bban = g.choice(("ABNA", "INGB", "RABO")) + digits(g, 10)
    elif c == "ES":
        bban = digits(g, 20)
    else:
        bban = g.choice(string.ascii_uppercase) + digits(g, 10) + digits(g, 12)
    return iban_make(c, bban)


def group4(s, sep=" "):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def imei(g):
    while True:
        rb = g.choice(IMEI_TACS_RB)
        payload = rb + digits(g, 12)
        s = payload + luhn_digit(payload)
        if digit_readings(s) == {"IMEI"}:
            return s


def imeisv(g):
    while True:
        s = imei(g)[:14] + "%02d" % g.randint(1, 99)
        if not luhn_ok(s):
            return s


def imsi(g, luhn=False):
    while True:
        s = "460" + g.choice(IMSI_MNCS) + digits(g, 10)
        if luhn_ok(s) == luhn:
            return s


def iccid(g, cn=True, length=20):
    while True:
        if cn:
            payload = "8986" + g.choice(ICCID_CN_ISSUERS) + digits(g, length - 7)
        else:
            cc = g.choice(("44", "49", "852", "1", "33"))
            payload = "89" + cc + digits(g, length - 3 - len(cc))
        s = payload + luhn_digit(payload)
        if digit_readings(s) == {"ICCID"}:
            return s


def meid(g, check=False, upper=True):
    s = "%02X" % g.randint(0xA0, 0xFF) + rand_hex(g, 12, upper=True)
    if check:
        s += hex_luhn_digit(s)
    return s if upper else s.lower()


def mac_octets(g, local=False):
    if local or g.random() < 0.2:
        first = "%02x" % ((g.randrange(256) & 0xFC) | 0x02)
        rest = ["%02x" % g.randrange(256) for _ in range(5)]
        oct_ = [first] + rest
    else:
        oct_ = g.choice(MAC_OUIS).split(":") + ["%02x" % g.randrange(256) for _ in range(3)]
    if oct_ == ["02", "00", "00", "00", "00", "00"]:
        oct_[5] = "01"
    return oct_


def ipv4(g, kind=None):
    kind = kind or g.choice(("private", "public", "public", "cgnat"))
    while True:
        if kind == "private":
            c = g.randrange(3)
            if c == 0:
                a = [10, g.randrange(256), g.randrange(256), g.randint(1, 254)]
            elif c == 1:
                a = [172, g.randint(16, 31), g.randrange(256), g.randint(1, 254)]
            else:
                a = [192, 168, g.randrange(256), g.randint(1, 254)]
        elif kind == "cgnat":
            a = [100, g.randint(64, 127), g.randrange(256), g.randint(1, 254)]
        else:
            a = [g.choice((1, 14, 27, 36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 111, 112, 113,
                           114, 115, 116, 117, 119, 120, 121, 122, 123, 124, 125, 175, 180, 182,
                           183, 202, 203, 210, 211, 218, 219, 220, 221, 222, 223, 23, 34, 52,
                           54, 66, 104, 142, 151, 185, 198)),
                 g.randrange(256), g.randrange(256), g.randint(1, 254)]
        s = ".".join(map(str, a))
        if ipv4_ok(s):
            return s


def ipv4_ok(s):
    try:
        a = ipaddress.IPv4Address(s)
    except ValueError:
        return False
    if a.is_loopback or a.is_unspecified or a.is_multicast or s.startswith("255.") \
            or s.endswith(".255") or s.startswith("0."):
        return False
    return True


def ipv6(g, kind=None):
    kind = kind or g.choice(("global", "global", "global", "ula", "linklocal"))
    if kind == "global":
        head = [g.choice((0x240e, 0x2409, 0x2408, 0x2001, 0x2400, 0x2a01, 0x2600)),
                g.randrange(0x10000)]
    elif kind == "ula":
        head = [0xfd00 | g.randrange(0x100), g.randrange(0x10000)]
    else:
        head = [0xfe80, 0]
    groups = head + [g.randrange(0x10000) for _ in range(6)]
    if kind == "linklocal":
        groups[2] = groups[3] = 0
    style = g.random()
    if kind != "linklocal" and style < 0.35:
        z = g.randint(2, 5)
        for i in range(z, min(8, z + g.randint(2, 4))):
            groups[i] = 0
    a = ipaddress.IPv6Address(":".join("%x" % x for x in groups))
    if kind != "linklocal" and style > 0.8:
        return a.exploded
    return a.compressed


def ipv6_ok(s):
    s = s.split("%")[0]
    try:
        a = ipaddress.IPv6Address(s)
    except ValueError:
        return False
    return not (a.is_loopback or a.is_unspecified)


def email(g):
    local = g.choice(PINYIN)
    r = g.random()
    if r < 0.15:
        local = str(g.randint(10000, 2999999999))
        if digit_readings(local):
            local = local[:6]
        dom = "qq.com"
    else:
        if r < 0.35:
            local += str(g.randint(1, 9999))
        dom = g.choice(EMAIL_DOMAINS)
    return local + "@" + dom


def cn_name(g):
    r = g.random()
    if r < 0.06:
        return g.choice(MINORITY_NAMES)
    if r < 0.14:
        return g.choice(COMPOUND_SURNAMES) + g.choice(GIVEN)
    s = g.choice(SURNAMES) + g.choice(GIVEN)
    if len(s) == 2 and g.random() < 0.4:
        s += g.choice([x for x in GIVEN if len(x) == 1])
    return s


def cn_address(g, spaces=False):
    prov, dist = g.choice(PROVINCE_CITY)
    s = "%s%s%s%d号" % (prov, dist, g.choice(ROADS), g.randint(1, 999))
    if g.random() < 0.6:
        s += "%d栋%d单元%d室" % (g.randint(1, 30), g.randint(1, 6), g.randint(101, 2908))
    if spaces and g.random() < 0.3 and not s.endswith("号"):
        s = s.replace("号", "号 ", 1)
    return s


def password(g):
    words = ("Sunshine", "dragon", "Zw", "admin", "Passw0rd", "huawei", "qwerty", "Li", "tiger",
             "Welcome", "abc", "MySql", "root", "Spring", "winter", "Hello")
    s = g.choice(words) + str(g.randint(1, 9999)) + g.choice("!#$*_-.~")
    if g.random() < 0.3:
        s = rand_alnum(g, g.randint(10, 20)) + g.choice("!#*")
    return s


def jwt(g):
    import base64
    import json

    def b64(o):
        return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).rstrip(b"=").decode()
    head = b64({"alg": "HS256", "typ": "JWT"})
    body = b64({"sub": "u%d" % g.randint(1000, 99999), "iat": 1709596800 + g.randrange(86400),
                "scope": g.choice(("read", "user", "pay"))})
    return head + "." + body + "." + rand_alnum(g, 43, string.ascii_letters + string.digits + "-_")


def api_token(g):
    k = g.randrange(6)
    if k == 0:
        return jwt(g)
    if k == 1:
        return rand_hex(g, 32)
    if k == 2:
        return "ghp_" + rand_alnum(g, 36)
    if k == 3:
        return "sk-" + rand_alnum(g, 40)
    if k == 4:
        return "ya29." + rand_alnum(g, 60, string.ascii_letters + string.digits + "-_")
    return rand_alnum(g, 24)


def geo_china(g, decimals=None):
    lat = g.uniform(18.2, 53.0)
    lng = g.uniform(73.6, 134.7)
    d = decimals or g.randint(4, 8)
    return "%.*f" % (d, lat), "%.*f" % (d, lng)


def geo_world(g, decimals=None):
    lat = g.uniform(-60, 70)
    lng = g.uniform(-179, 179)
    d = decimals or g.randint(4, 7)
    return "%.*f" % (d, lat), "%.*f" % (d, lng)


# ------------------------------------------------------------- validators (self-check)

PCT = re.compile(r"%([0-9A-Fa-f]{2})")


def unpct(s):
    for _ in range(3):
        b = PCT.sub(lambda m: chr(int(m.group(1), 16)), s)
        if b == s:
            break
        s = b
    return s


def v_phone(s):
    t = from_fullwidth(unpct(s))
    t = t.replace("\\u002B", "+")
    if re.fullmatch(r"\+[1-9][0-9]{7,14}", t) and not t.startswith("+86"):
        return True
    m = re.fullmatch(r"(?:\(\+86\) ?|\+86[ -]?|0086[ -]?|86[ -]?)?(1[3-9][0-9])([ .-]?)([0-9]{4})\2([0-9]{4})", t)
    if m and m.group(1) in MOBILE_PREFIXES:
        return True
    m = re.fullmatch(r"(?:\(\+86\) ?|\+86[ -]?|0086[ -]?|86[ -]?)?(1[3-9][0-9])-([0-9]{8})", t)
    if m:
        return True
    m = re.fullmatch(r"(0[0-9]{2,3})[- ]?([2-8][0-9]{6,7})", t)
    if m:
        return any(m.group(1) == c and len(m.group(2)) == n for c, n in AREA_CODES)
    return False


def v_cn_id(s):
    if len(s) == 15 and s.isdigit():
        return s[:2] in PROVINCES and valid_date("19" + s[6:12])
    if len(s) != 18 or not s[:17].isdigit():
        return False
    return s[:2] in PROVINCES and valid_date(s[6:14]) and cn_id_check(s[:17]) == s[17].upper()


def v_bank(s):
    t = s.replace(" ", "").replace("-", "")
    if re.fullmatch(r"[A-Z]{2}[0-9]{2}[A-Z0-9 ]+", s):
        return iban_ok(s)
    if not t.isdigit():
        return False
    if 13 <= len(t) <= 19 and luhn_ok(t) and card_iin_ok(t):
        return True
    if t.startswith("62") and 16 <= len(t) <= 19:
        return True                       # Luhn-invalid UnionPay, context only
    return 8 <= len(t) <= 30              # account number, context only


def v_imei(s):
    t = s.replace("-", "").replace(" ", "")
    if len(t) == 15:
        return t.isdigit() and luhn_ok(t) and t[:2] in IMEI_TACS_RB
    return len(t) == 16 and t.isdigit() and t[:2] in IMEI_TACS_RB


def v_mac(s):
    if re.fullmatch(r"[0-9A-Fa-f]{1,2}(?::[0-9A-Fa-f]{1,2}){5}", s):
        # BSD ether_ntoa(3) (macOS/iOS arp, ifconfig of some tools) drops leading zeros
        t = "".join(p.zfill(2) for p in s.split(":"))
        return t.lower() not in ("000000000000", "ffffffffffff", "020000000000")
    if re.fullmatch(r"[0-9A-Fa-f]{2}(?:_[0-9A-Fa-f]{2}){5}", s):
        # BlueZ D-Bus object paths: /org/bluez/hci0/dev_AA_BB_CC_DD_EE_FF
        return s.replace("_", "").lower() not in ("000000000000", "ffffffffffff")
    if re.fullmatch(r"[0-9A-Fa-f]{4}(?::[0-9A-Fa-f]{4}){2}", s):
        # Aerohive ah_auth: Station 74e5:0bb9:6346
        return s.replace(":", "").lower() not in ("000000000000", "ffffffffffff")
    t = re.sub(r"[^0-9A-Fa-f]", "", s)
    if len(t) != 12:
        return False
    if not re.fullmatch(r"(?:[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2})"
                        r"|(?:[0-9A-Fa-f]{4}\.){2}[0-9A-Fa-f]{4}|(?:[0-9A-Fa-f]{4}-){2}[0-9A-Fa-f]{4}"
                        r"|[0-9A-Fa-f]{12}", s):
        return False
    return t.lower() not in ("000000000000", "ffffffffffff", "020000000000")


EMAIL_RE = re.compile(r"[\w.+-]{1,64}@(?:[\w-]+\.)+[\w-]{2,}", re.UNICODE)


def v_email(s):
    t = s.replace("\\u0040", "@")
    t = unpct(t)
    if t.startswith("mailto:"):
        return False
    return bool(EMAIL_RE.fullmatch(t)) and not re.search(r"@\d+x\.(png|jpg)$", t)


def v_ipv4(s):
    return ipv4_ok(s.replace("-", "."))


def v_imsi(s):
    return len(s) == 15 and s.isdigit() and s.startswith("460") and s[3:5] in IMSI_MNCS


def v_iccid(s):
    return s.isdigit() and len(s) in (19, 20) and s.startswith("89") and luhn_ok(s)


def v_meid(s):
    if not re.fullmatch(r"[0-9A-Fa-f]{14,15}", s):
        return False
    if int(s[:2], 16) < 0xA0:
        return False
    return len(s) == 14 or hex_luhn_digit(s[:14].upper()) == s[14].upper()


def v_device(s):
    return bool(re.fullmatch(
        r"[0-9a-f]{16}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        r"|[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|0000[0-9]{4}-[0-9A-F]{16}|android-[0-9a-f]{16}",
        s))


def v_geo(s):
    parts = re.split(r", ?", s)
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        return False
    if len(nums) == 1:
        return -180 <= nums[0] <= 180
    if len(nums) != 2:
        return False
    a, b = nums
    ok_latlng = -90 <= a <= 90 and -180 <= b <= 180
    ok_lnglat = -180 <= a <= 180 and -90 <= b <= 90
    return (ok_latlng or ok_lnglat) and all(len(p.split(".")[-1]) >= 4 for p in parts)


def v_text(s):
    return bool(s) and "\n" not in s and not s.startswith(('"', "'")) and not s.endswith(('"', "'", "\\"))


VALIDATORS = {"PHONE": v_phone, "CN_ID": v_cn_id, "BANK_CARD": v_bank, "IMEI": v_imei,
              "MAC": v_mac, "EMAIL": v_email, "IPV4": v_ipv4, "IPV6": ipv6_ok,
              "IMSI": v_imsi, "ICCID": v_iccid, "MEID": v_meid, "DEVICE_ID": v_device,
              "GEO": v_geo, "SECRET": v_text, "NAME": v_text, "ADDRESS": v_text}
