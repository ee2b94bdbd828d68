#!/usr/bin/env python3
"""gen.py -- an independent, labelled corpus of realistic log lines for scrub.

    python3 bench/realistic/gen.py --out C.log [--labels C.labels] [--decoys C.decoys]
                                   [--families C.families] [--seed N] [--lines N]
    python3 bench/realistic/gen.py --self-check
    python3 bench/realistic/gen.py --suite more --out M.log     # families of more.py

Each family writes lines in the format its system documents (nginx log_format,
Apache mod_log_config, IIS W3C extended, ALB and Envoy access logs, logcat
threadtime, FreeRADIUS detail, netfilter LOG, ISC dhcpd, dnsmasq, hostapd,
Cisco/H3C syslog, tcpdump, Docker json-file, Logback, ...; README.md names the
document of each) and puts personal values of the 16 SPEC types into the
places those systems put them.  Labels are JSON Lines
{"type","offset","length","form","family"} with byte offsets into the corpus;
decoys {"category","offset","length","family"} are spans SPEC or README promise
to leave alone.  --families writes one family name per corpus line.

Standard library only; the same seed and options give byte-identical files.
"""

import argparse
import datetime
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
if __name__ == "__main__":
    # more.py imports this module as "gen": let it find the running script
    sys.modules.setdefault("gen", sys.modules[__name__])
import values as vv  # noqa: E402
from frags import (D, GenError, Line, T, V, cat, iis_plus, jesc, join, nginx_esc,  # noqa: E402
                   pct, pct_str, quote_u0022, text_of)

CST = datetime.timezone(datetime.timedelta(hours=8))
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
DAYS = "Mon Tue Wed Thu Fri Sat Sun".split()

# ----------------------------------------------------------------- shared pools

UAS_BROWSER = (
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/",
     "120.0.0.0", " Safari/537.36"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/",
     "122.0.0.0", " Safari/537.36"),
    ("Mozilla/5.0 (Linux; Android 13; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/",
     "119.0.0.0", " Mobile Safari/537.36"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/",
     "121.0.0.0", " Safari/537.36 Edg/", "121.0.0.0"),
)
UAS_PLAIN = ("okhttp/4.12.0", "Dalvik/2.1.0 (Linux; U; Android 12; V2055A Build/SP1A.210812.003)",
             "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2_1 like Mac OS X) AppleWebKit/605.1.15 "
             "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN",
             "curl/8.4.0", "python-requests/2.31.0", "Go-http-client/1.1", "Apache-HttpClient/4.5.14 (Java/17.0.9)")
APP_UA = ("MyApp/", " (iPhone; iOS 17.2.1; Scale/3.00)")
HOSTS = ("api.example.com", "m.example.cn", "passport.example-corp.com.cn", "open.example.com",
         "pay.example.cn", "user-center.example.com")
PATHS = ("/api/v1/user/login", "/api/v2/account/bind", "/v1/sms/verify", "/user/profile",
         "/api/order/create", "/device/register", "/api/v1/location/report", "/h5/activity/share",
         "/passport/reset", "/api/kyc/submit")
LOGGERS = ("com.example.user.service.UserService", "com.example.order.OrderController",
           "c.e.passport.LoginFilter", "com.example.pay.notify.AlipayNotifyHandler",
           "o.s.web.servlet.DispatcherServlet", "com.example.sms.SmsSender")
THREADS = ("http-nio-8080-exec-3", "http-nio-8080-exec-17", "main", "scheduling-1",
           "XNIO-1 task-2", "reactor-http-epoll-4", "pool-3-thread-1")
SERVICES = ("api-gateway", "user-service", "order-svc", "passport-api", "sms-sender",
            "pay-notify", "location-collector", "kube-proxy", "nginx-ingress-controller")
BRANDS = ("阿里云", "京东", "美团", "滴滴出行", "招商银行", "中国建设银行", "顺丰速运", "拼多多")
SSIDS = ("CMCC-5G", "TP-LINK_8A2C", "ChinaNet-x7Kp", "CorpWiFi", "HUAWEI-B311-5F2A",
         "Xiaomi_3C9D", "Guest-Net", "MERCURY_66E0")
CJK_GLUE_BEFORE = ("手机号", "电话", "用户", "联系", "号码为", "绑定", "请拨打", "客户", "登录账号")
CJK_GLUE_AFTER = ("已绑定", "登录成功", "的用户", "发起退款", "验证通过", "已注销", "申请提现", "未接通")


class X:
    """Generation context: the random source, a deterministic clock, and helpers
    that return fragments of labelled values in the forms each context writes."""

    def __init__(self, seed):
        self.g = random.Random(seed)
        self.now = datetime.datetime(2024, 3, 5, 8, 0, 0, tzinfo=CST)
        self.us = 0

    # -------------------------------------------------------------- clock
    def tick(self):
        self.now += datetime.timedelta(microseconds=self.g.randint(2000, 900000))
        return self.now

    def utc(self):
        return self.now.astimezone(datetime.timezone.utc)

    def f_iso(self, digits=3):
        t = self.now
        frac = ("%06d" % t.microsecond)[:digits]
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + frac + "+08:00"

    def f_isoz(self, digits=6):
        t = self.utc()
        frac = ("%06d" % t.microsecond)[:digits]
        if digits == 9:
            frac = "%06d%03d" % (t.microsecond, self.g.randrange(1000))
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + frac + "Z"

    def f_clf(self):
        t = self.now
        return "%02d/%s/%d:%s +0800" % (t.day, MONTHS[t.month - 1], t.year, t.strftime("%H:%M:%S"))

    def f_syslog(self):
        t = self.now
        return "%s %2d %s" % (MONTHS[t.month - 1], t.day, t.strftime("%H:%M:%S"))

    def f_logcat(self):
        t = self.now
        return t.strftime("%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)

    def f_spring(self):
        t = self.now
        return t.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (t.microsecond // 1000)

    def f_ctime(self):
        t = self.now
        return "%s %s %2d %s %d" % (DAYS[t.weekday()], MONTHS[t.month - 1], t.day,
                                    t.strftime("%H:%M:%S"), t.year)

    def epoch_ms(self):
        return str(int(self.now.timestamp() * 1000))

    def epoch_s(self):
        return str(int(self.now.timestamp()))

    # -------------------------------------------------------------- choice
    def p(self, prob):
        return self.g.random() < prob

    def c(self, seq):
        return self.g.choice(seq)

    def n(self, a, b):
        return self.g.randint(a, b)

    def key(self, words, styles=("snake", "camel", "snake", "camel", "kebab", "upper")):
        if isinstance(words, str):
            words = words.split("_")
        st = self.c(styles)
        if st == "snake":
            return "_".join(words)
        if st == "camel":
            return words[0] + "".join(w.capitalize() for w in words[1:])
        if st == "pascal":
            return "".join(w.capitalize() for w in words)
        if st == "kebab":
            return "-".join(words)
        if st == "upper":
            return "_".join(w.upper() for w in words)
        if st == "header":
            return "-".join(w.capitalize() for w in words)
        if st == "lower":
            return "".join(words)
        raise ValueError(st)

    # -------------------------------------------------------------- filler
    def hexid(self, n=16, upper=False):
        return vv.rand_hex(self.g, n, upper)

    def uuid(self, upper=False):
        return vv.uuid4(self.g, upper)

    def port(self):
        return str(self.n(1025, 65500))

    def pid(self):
        return str(self.n(300, 32000))

    def ip4(self, kind=None):
        return vv.ipv4(self.g, kind)

    def ua(self):
        r = self.g.random()
        if r < 0.45:
            ua = self.c(UAS_BROWSER)
            out = cat(ua[0], D("ua_version", ua[1]), ua[2])
            if len(ua) > 3:
                out += D("ua_version", ua[3])
            return out
        if r < 0.6:
            ver = "%d.%d.%d.%d" % (self.n(3, 9), self.n(0, 20), self.n(0, 9), self.n(1, 250))
            return cat(APP_UA[0], D("ua_version", ver), APP_UA[1])
        return T(self.c(UAS_PLAIN))

    def order_id_decoy(self, k=None):
        """A number that reads as a card or phone, under an id key (SPEC: exclusions)."""
        r = self.g.random()
        if r < 0.5:
            return D("excl_id", vv.card(self.g, self.c(("visa", "mastercard", "unionpay"))))
        if r < 0.75:
            return D("excl_id", vv.mobile(self.g))
        return D("excl_id", vv.imei(self.g))

    def counter_decoy(self):
        r = self.g.random()
        if r < 0.6:
            return D("excl_counter", vv.mobile(self.g))
        return D("excl_counter", vv.imei(self.g))

    def safe_digits(self, n):
        while True:
            s = vv.digits(self.g, n)
            if s[0] != "0" and not vv.digit_readings(s) and vv.longest_digit_run(s) == n:
                if n < 11 or not re.search(r"1[3-9][0-9]{9}", s):
                    return s

    def sign_b64(self, n=44):
        import string
        return vv.rand_alnum(self.g, n, string.ascii_letters + string.digits + "+/") + "=="

    # -------------------------------------------------------------- values
    PH_TEXT = ("plain", "plain", "plain", "plain", "p86sp", "p86hy", "p86", "paren86", "c0086sp",
               "g344sp", "g344hy", "p86g344sp", "g38hy", "fixed_hy", "fixed_sp", "paren86sp", "g38sp", "g38dot",
               "paren86g344hy", "p86hyg344hy")
    PH_JSON = ("plain", "plain", "plain", "plain", "plain", "p86", "p86sp", "paren86", "c0086",
               "g344hy", "g344sp", "fixed_hy", "c86", "g344dot")
    PH_QUERY = ("plain", "plain", "plain", "pct2B86", "pct2B86sp", "pct20")
    PH_CJK = ("plain", "plain", "plain", "fw", "p86")
    PH_INV = ("plain", "plain", "plain", "g344hy", "g38hy", "c86", "fixed_hy")

    def phone_text(self, variant):
        g = self.g
        m = vv.mobile(g)
        if variant == "plain":
            return m
        if variant == "p86":
            return "+86" + m
        if variant == "p86sp":
            return "+86 " + m
        if variant == "p86hy":
            return "+86-" + m
        if variant == "paren86":
            return "(+86)" + m
        if variant == "paren86sp":
            return "(+86) " + m
        if variant == "c0086":
            return "0086" + m
        if variant == "c0086sp":
            return "0086 " + m
        if variant == "c86":
            return "86" + m
        if variant in ("g344sp", "g344hy", "g344dot"):
            sep = {"g344sp": " ", "g344hy": "-", "g344dot": "."}[variant]
            return sep.join((m[:3], m[3:7], m[7:]))
        if variant == "p86g344sp":
            return "+86 " + " ".join((m[:3], m[3:7], m[7:]))
        if variant in ("g38hy", "g38sp", "g38dot"):
            return m[:3] + {"g38hy": "-", "g38sp": " ", "g38dot": "."}[variant] + m[3:]
        if variant == "paren86g344hy":
            return "(+86) " + "-".join((m[:3], m[3:7], m[7:]))
        if variant == "p86hyg344hy":
            return "+86-" + "-".join((m[:3], m[3:7], m[7:]))
        if variant == "fw":
            return vv.to_fullwidth(m)
        if variant == "pct2B86":
            return "%2B86" + m
        if variant == "pct2B86sp":
            return "%2B86%20" + m
        if variant == "pct20":
            return "%20".join((m[:3], m[3:7], m[7:]))
        if variant in ("fixed_hy", "fixed_sp", "fixed_key"):
            code, num = vv.fixed_line(g)
            return code + {"fixed_hy": "-", "fixed_sp": " ", "fixed_key": ""}[variant] + num
        if variant == "e164":
            return vv.e164_intl(g)
        raise ValueError(variant)

    def phone(self, ctx, variants=None, variant=None):
        v = variant or self.c(variants or self.PH_TEXT)
        return V("PHONE", "PHONE.%s.%s" % (v, ctx), self.phone_text(v))

    def cnid(self, ctx, variant=None):
        v = variant or self.c(("18", "18", "18", "18x"))
        if v == "legacy15":
            s = vv.cn_id15(self.g)
        else:
            s = vv.cn_id(self.g, lower_x=(v == "18x"))
            v = "18x" if s.endswith("x") else ("18X" if s.endswith("X") else "18")
        return V("CN_ID", "CN_ID.%s.%s" % (v, ctx), s)

    def bank(self, ctx, variant=None, grouped_ok=True):
        g = self.g
        v = variant or self.c(("up", "up", "up", "visa", "mc", "amex", "jcb", "disc", "diners"))
        net = {"up": "unionpay", "visa": "visa", "mc": "mastercard", "amex": "amex", "jcb": "jcb",
               "disc": "discover", "diners": "diners"}
        if v in net:
            s = vv.card(g, net[v])
            if grouped_ok and self.p(0.3):
                if len(s) == 16:
                    sep = self.c((" ", "-"))
                    s = vv.group4(s, sep)
                    v += "_g4" + ("sp" if sep == " " else "hy")
                elif len(s) == 19:
                    s = s[:6] + " " + s[6:]
                    v += "_g6_13"
                elif len(s) == 15 and v == "amex":
                    s = "%s %s %s" % (s[:4], s[4:10], s[10:])
                    v += "_g465"
        elif v == "up_noluhn":
            s = vv.unionpay_noluhn(g)
        elif v == "acct":
            s = vv.account_no(g)
        elif v == "iban":
            s = vv.iban(g)
        elif v == "iban_sp":
            s = vv.group4(vv.iban(g))
        else:
            raise ValueError(v)
        return V("BANK_CARD", "BANK_CARD.%s.%s" % (v, ctx), s)

    def imei(self, ctx, variant=None):
        v = variant or self.c(("plain", "plain", "plain", "g2661"))
        if v == "sv16":
            s = vv.imeisv(self.g)
        else:
            s = vv.imei(self.g)
            if v == "g2661":
                s = "%s-%s-%s-%s" % (s[:2], s[2:8], s[8:14], s[14])
        return V("IMEI", "IMEI.%s.%s" % (v, ctx), s)

    def mac_text(self, variant, octets=None):
        o = octets or vv.mac_octets(self.g)
        h = "".join(o)
        if variant == "colon_lc":
            return ":".join(o)
        if variant == "colon_uc":
            return ":".join(o).upper()
        if variant == "hyph_uc":
            return "-".join(o).upper()
        if variant == "hyph_lc":
            return "-".join(o)
        if variant == "cisco":
            return "%s.%s.%s" % (h[:4], h[4:8], h[8:])
        if variant == "huawei":
            return "%s-%s-%s" % (h[:4], h[4:8], h[8:])
        if variant == "bare12":
            return h.upper() if self.p(0.5) else h
        raise ValueError(variant)

    def mac(self, ctx, variant=None, octets=None):
        v = variant or self.c(("colon_lc", "colon_lc", "colon_uc", "hyph_uc", "hyph_lc"))
        return V("MAC", "MAC.%s.%s" % (v, ctx), self.mac_text(v, octets))

    def email(self, ctx, variant=None):
        g = self.g
        v = variant or self.c(("plain", "plain", "plain", "mixed", "plus"))
        e = vv.email(g)
        if v == "mixed":
            loc, dom = e.split("@")
            e = loc.capitalize() + "@" + dom.capitalize()
        elif v == "plus":
            loc, dom = e.split("@")
            e = loc + "+" + self.c(("shop", "news", "2024", "jd")) + "@" + dom
        elif v == "idn":
            e = self.c(vv.IDN_EMAILS)
        elif v == "pct40":
            e = e.replace("@", "%40")
        elif v == "pct40plus":
            loc, dom = e.split("@")
            e = loc + "%2B" + self.c(("shop", "vip")) + "%40" + dom
        elif v == "u0040":
            e = e.replace("@", "\\u0040")
        elif v != "plain":
            raise ValueError(v)
        return V("EMAIL", "EMAIL.%s.%s" % (v, ctx), e)

    def ipv4(self, ctx, kind=None, variant="plain"):
        return V("IPV4", "IPV4.%s.%s" % (variant, ctx), self.ip4(kind))

    def ipv6(self, ctx, kind=None, variant=None):
        s = vv.ipv6(self.g, kind)
        v = variant or ("full" if s.count(":") == 7 and len(s) == 39 else "compressed")
        if variant == "upper":
            s = s.upper()
        if variant == "zone":
            s = vv.ipv6(self.g, "linklocal") + "%" + self.c(("eth0", "wlan0", "en0", "ens33", "2"))
        if variant == "v4mapped":
            s = "::ffff:" + self.ip4("public")
        return V("IPV6", "IPV6.%s.%s" % (v, ctx), s)

    def imsi(self, ctx, luhn=False):
        return V("IMSI", "IMSI.%s.%s" % ("luhn" if luhn else "std", ctx), vv.imsi(self.g, luhn))

    def iccid(self, ctx, cn=True):
        length = self.c((19, 20, 20))
        v = ("8986" if cn else "89x") + "_%d" % length
        return V("ICCID", "ICCID.%s.%s" % (v, ctx), vv.iccid(self.g, cn, length))

    def meid(self, ctx):
        chk = self.p(0.25)
        up = self.p(0.7)
        return V("MEID", "MEID.%s%s.%s" % ("chk" if chk else "14", "" if up else "_lc", ctx),
                 vv.meid(self.g, chk, up))

    def device(self, kind, ctx):
        g = self.g
        if kind == "android_id":
            s = self.hexid(16)
        elif kind == "oaid":
            s = self.c((self.uuid(), self.hexid(64), self.hexid(16)))
        elif kind in ("idfa", "idfv"):
            s = self.uuid(upper=True)
        elif kind == "udid":
            s = self.hexid(40) if self.p(0.5) else "0000%04d-%s" % (
                g.choice((8020, 8030, 8101, 8110, 8120)), self.hexid(16, upper=True))
        elif kind == "aaid":
            s = self.uuid()
        elif kind == "device_id":
            s = self.c((self.uuid(), self.hexid(32), self.hexid(16)))
        elif kind == "dhcp_host":
            s = "android-" + self.hexid(16)
        else:
            raise ValueError(kind)
        return V("DEVICE_ID", "DEVICE_ID.%s.%s" % (kind, ctx), s)

    def geo1(self, which, ctx, decimals=None, world=False):
        lat, lng = (vv.geo_world if world else vv.geo_china)(self.g, decimals or self.n(1, 8))
        return V("GEO", "GEO.%s.%s" % (which, ctx), lat if which == "lat" else lng)

    def geo_pair(self, ctx, order="latlng", sep=",", decimals=None):
        lat, lng = vv.geo_china(self.g, decimals or self.n(4, 7))
        s = (lat + sep + lng) if order == "latlng" else (lng + sep + lat)
        return V("GEO", "GEO.pair_%s.%s" % (order, ctx), s)

    def secret(self, ctx, kind="password"):
        if kind == "password":
            s = vv.password(self.g)
        elif kind == "token":
            s = vv.api_token(self.g)
        elif kind == "jwt":
            s = vv.jwt(self.g)
        elif kind == "hex32":
            s = self.hexid(32, upper=self.p(0.5))
        elif kind == "cvv":
            s = "%03d" % self.n(100, 999)
        elif kind == "bearer":
            s = "Bearer " + self.c((vv.jwt(self.g), vv.api_token(self.g)))
        elif kind == "basic":
            import base64
            s = "Basic " + base64.b64encode(("%s:%s" % (self.c(("admin", "app", "sms_api", "ops")),
                                                           vv.password(self.g))).encode()).decode()
        elif kind == "urlpw":
            import string
            s = vv.rand_alnum(self.g, self.n(8, 16), string.ascii_letters + string.digits + "-_.~")
        else:
            raise ValueError(kind)
        return V("SECRET", "SECRET.%s.%s" % (kind, ctx), s)

    def name(self, ctx, kind=None):
        k = kind or self.c(("cn", "cn", "cn", "cn", "latin1"))
        if k == "cn":
            s = vv.cn_name(self.g)
        elif k == "latin1":
            s = self.c(vv.LATIN_GIVEN)
        elif k == "latin":
            s = self.c(vv.LATIN_FULL)
        elif k == "nick":
            s = self.c(vv.NICKNAMES)
        else:
            raise ValueError(k)
        return V("NAME", "NAME.%s.%s" % (k, ctx), s)

    def address(self, ctx, kind="cn", spaces=False):
        s = vv.cn_address(self.g, spaces) if kind == "cn" else self.c(vv.LATIN_ADDRESSES)
        return V("ADDRESS", "ADDRESS.%s.%s" % (kind, ctx), s)


# ======================================================================== families
#
# Each family function takes the context and returns a list of Line objects.

# Suites: "classic" (the 38 families of the first version; the default, so its
# output for a seed never changes), "more" (families in more.py) and "all".
SUITES = {"classic": {}, "more": {}}
FAMILIES = SUITES["classic"]


def family(name, weight, suite="classic"):
    def deco(fn):
        SUITES[suite][name] = (weight, fn)
        return fn
    return deco


def suite_families(suite):
    if suite == "all":
        out = dict(SUITES["classic"])
        out.update(SUITES["more"])
        return out
    return SUITES[suite]


def query_params(x, ctx, n=None, invariant=False):
    """A query string of application parameters: fragments 'k=v&k=v...'.
    invariant=True: only values made of unreserved characters (for a query that
    is itself percent-encoded later)."""
    items = []
    pool = ["phone", "phone", "email", "imei", "idfa", "oaid", "android_id", "lat", "token", "imsi",
            "device_id", "decoy_ver", "decoy_ts", "decoy_order", "decoy_trace", "page", "channel",
            "cnid", "mac", "pwd"]
    for _ in range(n or x.n(2, 5)):
        k = x.c(pool)
        if k == "phone":
            items.append(cat(x.key(["mobile"], ("lower", "upper")) if x.p(0.3) else
                             x.key(x.c((["phone"], ["mobile"], ["phone", "number"], ["tel"]))), "=",
                             x.phone("query", x.PH_INV if invariant else x.PH_QUERY)))
        elif k == "email" and not invariant:
            items.append(cat(x.c(("email", "mail", "userEmail")), "=",
                             x.email("query", x.c(("pct40", "pct40", "pct40plus")))))
        elif k == "imei":
            items.append(cat(x.c(("imei", "IMEI", "imei1", "deviceImei")), "=", x.imei("query", "plain")))
        elif k in ("idfa", "oaid", "android_id", "device_id"):
            kk = {"idfa": ("idfa", "IDFA"), "oaid": ("oaid", "OAID"),
                  "android_id": ("android_id", "androidId", "ANDROID_ID"),
                  "device_id": ("device_id", "deviceId", "did_device_id")}[k]
            kn = x.c(kk)
            if kn == "did_device_id":
                kn = "device_id"
            items.append(cat(kn, "=", x.device(k, "query")))
        elif k == "lat":
            items.append(cat(x.c(("lat", "latitude")), "=", x.geo1("lat", "query"), "&",
                             x.c(("lng", "lon", "longitude")), "=", x.geo1("lng", "query")))
        elif k == "token":
            items.append(cat(x.c(("token", "access_token", "accessToken", "refresh_token")), "=",
                             x.secret("query", "hex32" if x.p(0.5) else "token")))
        elif k == "imsi":
            items.append(cat(x.c(("imsi", "IMSI", "simImsi")), "=", x.imsi("query")))
        elif k == "cnid":
            items.append(cat(x.c(("idCard", "id_card", "idNo", "cert_no")), "=", x.cnid("query")))
        elif k == "mac":
            items.append(cat(x.c(("mac", "wifi_mac", "bssid")), "=",
                             x.mac("query", x.c(("hyph_uc", "hyph_lc", "bare12")))))
        elif k == "pwd" and not invariant:
            import string
            pw = vv.rand_alnum(x.g, x.n(8, 14)) + x.c(("!", "@", "#", "$"))
            items.append(cat(x.c(("password", "pwd", "passwd", "newPassword")), "=",
                             V("SECRET", "SECRET.password_pct.query", pct_str(pw))))
        elif k == "decoy_ver":
            items.append(cat(x.c(("app_ver", "appVersion", "version")), "=",
                             D("app_version", "%d.%d.%d.%d" % (x.n(1, 9), x.n(0, 12), x.n(0, 9), x.n(0, 200)))))
        elif k == "decoy_ts":
            items.append(cat(x.c(("ts", "timestamp", "_t")), "=", D("epoch_ms", x.epoch_ms())))
        elif k == "decoy_order":
            items.append(cat(x.c(("order_id", "orderId", "ORDER_ID")), "=", x.order_id_decoy()))
        elif k == "decoy_trace":
            items.append(cat(x.c(("trace_id", "traceId", "request_id")), "=", D("uuid", x.uuid())))
        elif k == "page":
            items.append(T("page=%d&size=%d" % (x.n(1, 30), x.c((10, 20, 50)))))
        elif k == "channel":
            items.append(T("channel=%s" % x.c(("huawei", "xiaomi", "appstore", "oppo", "vivo", "h5"))))
    return join("&", items)


# ---------------------------------------------------------------- web access logs

@family("nginx_access", 9)
def f_nginx(x):
    x.tick()
    lines = []
    r = x.g.random()
    client = x.ipv4("nginx_remote_addr") if x.p(0.8) else x.ipv6("nginx_remote_addr")
    method = x.c(("GET", "GET", "POST"))
    req = cat(method, " ", x.c(PATHS), "?", query_params(x, "query"), " HTTP/1.1")
    if r < 0.45:
        xff = []
        if x.p(0.5):
            xff = join(", ", [x.ipv4("nginx_xff") for _ in range(x.n(1, 3))])
        line = cat(client, " - - [", x.f_clf(), '] "', req, '" ', x.c(("200", "200", "302", "404")), " ",
                   str(x.n(0, 50000)), ' "', "https://%s/" % x.c(HOSTS), '" "', x.ua(), '"')
        if xff:
            line += cat(' "', xff, '"')
        lines.append(line)
    elif r < 0.65:
        # custom log_format with upstream and timing variables
        up = cat(x.ipv4("nginx_upstream_addr", "private"), ":", x.c(("8080", "8000", "9000")))
        if x.p(0.2):
            up = cat(D("loopback_ip", "127.0.0.1"), ":8081")
        lines.append(cat(client, " - - [", x.f_clf(), '] "', req, '" 200 ', str(x.n(100, 9000)),
                         ' rt=', "%.3f" % x.g.random(), ' uct="0.001" urt="%.3f"' % x.g.random(),
                         " upstream_addr=", up, " request_id=", D("hash", x.hexid(32)), ' ua="', x.ua(), '"'))
    elif r < 0.8:
        # request body logged with escape=default: \x22 around JSON strings
        body = cat('{"', x.key(x.c((["mobile"], ["phone"], ["phone", "number"]))), '":"',
                   x.phone("nginx_body_x22", x.PH_JSON), '","', x.key(["email"], ("snake",)), '":"',
                   x.email("nginx_body_x22"), '"')
        if x.p(0.5):
            body += cat(',"', x.c(("imsi", "IMSI")), '":"', x.imsi("nginx_body_x22"), '"')
        if x.p(0.4):
            body += cat(',"', x.key(["password"], ("snake", "camel")), '":"',
                        x.secret("nginx_body_x22"), '"')
        if x.p(0.4):
            body += cat(',"备注":"手机号', x.phone("nginx_body_x22_cjk", ("plain",)), '"')
        body += T("}")
        lines.append(cat(client, " - - [", x.f_clf(), '] "POST ', x.c(PATHS), ' HTTP/1.1" 200 ',
                         str(x.n(50, 900)), ' "', nginx_esc(body), '"'))
    elif r < 0.9:
        # log_format escape=json
        obj = cat('{"time_local":"', x.f_clf(), '","remote_addr":"', client, '","request":"',
                  jesc(req), '","status":"200","body_bytes_sent":"', str(x.n(10, 9000)),
                  '","http_x_forwarded_for":"', x.ipv4("nginx_json_xff"), '","http_user_agent":"',
                  jesc(x.ua()), '","request_time":"%.3f"}' % x.g.random())
        lines.append(obj)
    else:
        lines.append(cat(x.now.strftime("%Y/%m/%d %H:%M:%S"), " [error] ", x.pid(), "#0: *", str(x.n(1000, 999999)),
                         " connect() failed (111: Connection refused) while connecting to upstream, client: ",
                         client, ", server: ", x.c(HOSTS), ', request: "', req, '", upstream: "http://',
                         x.ipv4("nginx_error_upstream", "private"), ":8080", x.c(PATHS), '", host: "',
                         x.c(HOSTS), '"'))
    return [Line("nginx_access", l) for l in lines]


@family("apache_access", 5)
def f_apache(x):
    x.tick()
    r = x.g.random()
    client = x.ipv4("apache_h") if (x.p(0.85) or r >= 0.5) else x.ipv6("apache_h")
    if r < 0.5:
        user = x.email("apache_remote_user") if x.p(0.3) else T("-")
        line = cat(client, " - ", user, " [", x.f_clf(), '] "GET ', x.c(PATHS), "?",
                   query_params(x, "query", 2), ' HTTP/1.1" 200 ', str(x.n(100, 90000)),
                   ' "-" "', x.ua(), '"')
        if x.p(0.4):
            line += cat(' "', x.c(("JSESSIONID", "PHPSESSID", "sid", "session")), "=",
                        x.secret("apache_cookie", "hex32"), '; lang=zh-CN"')
    elif r < 0.8:
        t = x.now
        line = cat("[", DAYS[t.weekday()], " ", MONTHS[t.month - 1], " %02d " % t.day,
                   t.strftime("%H:%M:%S."), "%06d %d" % (t.microsecond, t.year),
                   "] [proxy:error] [pid ", x.pid(), ":tid ", str(x.n(100000, 999999)),
                   "] (111)Connection refused: AH00957: http: attempt to connect to ",
                   x.ipv4("apache_error", "private"), ":8080 (", x.ipv4("apache_error", "private"),
                   ":8080) failed [client ", client, ":", x.port(), "]")
    else:
        line = cat(client, " ", x.ipv4("apache_xff"), " - [", x.f_clf(), '] "POST /login.php HTTP/1.1" 302 - ',
                   '"https://', x.c(HOSTS), '/login.php?from=', x.c(("menu", "ad", "sms")), '" "', x.ua(), '" ',
                   str(x.n(100, 99999)), "us")
    return [Line("apache_access", line)]


@family("iis_w3c", 4)
def f_iis(x):
    x.tick()
    lines = []
    if x.p(0.12):
        t = x.utc()
        lines += [T("#Software: Microsoft Internet Information Services 10.0"), T("#Version: 1.0"),
                  T("#Date: " + t.strftime("%Y-%m-%d %H:%M:%S")),
                  T("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
                    "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken X-Forwarded-For")]
    t = x.utc()
    q = query_params(x, "iis_query", x.n(1, 3)) if x.p(0.8) else T("-")
    user = x.email("iis_cs_username") if x.p(0.25) else T("-")
    xff = x.ipv4("iis_xff") if x.p(0.5) else T("-")
    client = x.ipv4("iis_c_ip") if x.p(0.85) else x.ipv6("iis_c_ip")
    lines.append(cat(t.strftime("%Y-%m-%d %H:%M:%S"), " ", x.ipv4("iis_s_ip", "private"), " ",
                     x.c(("GET", "POST")), " ", x.c(("/api/Account/Login", "/Handler/User.ashx",
                                                     "/api/values", "/Default.aspx")), " ", q, " 443 ", user,
                     " ", client, " ", iis_plus(x.ua()), " - ", x.c(("200", "401", "500")), " 0 0 ",
                     str(x.n(1, 3000)), " ", xff))
    return [Line("iis_w3c", l, eol="\r\n") for l in lines]


@family("aws_alb", 4)
def f_alb(x):
    x.tick()
    host = x.c(HOSTS)
    tgt = x.ipv4("alb_target", "private")
    req = cat('"', x.c(("GET", "POST")), " https://", host, ":443", x.c(PATHS), "?",
              query_params(x, "query", x.n(1, 3)), ' HTTP/1.1"')
    line = cat(x.c(("https", "h2")), " ", x.f_isoz(6), " app/prod-alb/", x.hexid(16), " ",
               x.ipv4("alb_client_port"), ":", x.port(), " ", tgt, ":8080 ",
               "%.3f %.3f %.3f " % (x.g.random() / 100, x.g.random(), x.g.random() / 100),
               "200 200 ", str(x.n(100, 2000)), " ", str(x.n(100, 90000)), " ", req, ' "', x.ua(), '" ',
               "ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:ap-northeast-1:",
               "%012d" % x.n(10 ** 11, 10 ** 12 - 1), ":targetgroup/user-api/", x.hexid(16),
               ' "Root=1-', x.hexid(8), "-", x.hexid(24), '" "', host, '" "-" 0 ', x.f_isoz(6),
               ' "forward" "-" "-" "', tgt, ':8080" "200" "-" "-"')
    return [Line("aws_alb", line)]


@family("envoy_access", 4)
def f_envoy(x):
    x.tick()
    if x.p(0.6):
        xff = join(",", [x.ipv4("envoy_xff") for _ in range(x.n(1, 2))])
        line = cat("[", x.f_isoz(3), '] "', x.c(("GET", "POST")), " ", x.c(PATHS), "?",
                   query_params(x, "query", x.n(1, 3)), ' HTTP/1.1" ', x.c(("200", "503", "401")),
                   " - ", str(x.n(0, 900)), " ", str(x.n(0, 9000)), " ", str(x.n(1, 300)), " ",
                   str(x.n(1, 300)), ' "', xff, '" "', x.ua(), '" "', D("uuid", x.uuid()), '" "',
                   x.c(HOSTS), '" "', x.ipv4("envoy_upstream_host", "private"), ':8080"')
        if x.p(0.4):
            line += cat(" outbound|8080||", x.c(SERVICES), ".default.svc.cluster.local ",
                        x.ipv4("envoy_local", "private"), ":", x.port(), " ",
                        x.ipv4("envoy_downstream_local", "private"), ":8080 ",
                        x.ipv4("envoy_downstream_remote", "private"), ":", x.port(), " - default")
    else:
        ds = cat("[", x.ipv6("envoy_json_downstream"), "]:", x.port()) if x.p(0.5) else \
            cat(x.ipv4("envoy_json_downstream"), ":", x.port())
        line = cat('{"start_time":"', x.f_isoz(3), '","method":"POST","path":"', x.c(PATHS),
                   '","protocol":"HTTP/2","response_code":200,"bytes_received":', str(x.n(10, 900)),
                   ',"downstream_remote_address":"', ds, '","x_forwarded_for":"', x.ipv4("envoy_json_xff"),
                   '","user_agent":"', jesc(x.ua()), '","request_id":"', D("uuid", x.uuid()),
                   '","upstream_host":"', x.ipv4("envoy_json_upstream", "private"), ':8080"}')
    return [Line("envoy_access", line)]


# ---------------------------------------------------------------- mobile platforms

def logcat_prefix(x, level, tag, pid=None, tid=None):
    pid = pid or x.pid()
    return "%s %5s %5s %s %s: " % (x.f_logcat(), pid, tid or str(int(pid) + x.n(0, 60)), level, tag)


@family("android_logcat", 9)
def f_logcat(x):
    x.tick()
    r = x.g.random()
    lines = []
    if r < 0.16:
        mac = x.mac("logcat_wifiinfo", "colon_lc", vv.mac_octets(x.g, local=True)) if x.p(0.4) \
            else D("mac_placeholder", "02:00:00:00:00:00")
        lines.append(cat(logcat_prefix(x, "D", "WifiClientModeImpl"), 'mWifiInfo SSID: "', x.c(SSIDS),
                         '", BSSID: ', x.mac("logcat_wifiinfo", "colon_lc"), ", MAC: ", mac,
                         ", IP: /", x.ipv4("logcat_inetaddr", "private"),
                         ", Security type: 2, Supplicant state: COMPLETED, Wi-Fi standard: 11ax, RSSI: -%d, "
                         "Link speed: 866Mbps, Frequency: 5180MHz, Net ID: %d" % (x.n(40, 90), x.n(0, 20))))
    elif r < 0.27:
        gw = x.ipv4("logcat_dhcp", "private")
        lines.append(cat(logcat_prefix(x, "D", "DhcpClient"), "Received packet: ",
                         x.mac("logcat_dhcp", "colon_lc"), " ACK: your new IP /", x.ipv4("logcat_dhcp", "private"),
                         ", netmask /", D("netmask", "255.255.255.0"), ", gateways [/", gw,
                         "] DNS servers: [/", x.ipv4("logcat_dhcp", "private"), "] , lease time 86400"))
    elif r < 0.37:
        lines.append(cat(logcat_prefix(x, "D", "ConnectivityService"),
                         "NetworkAgentInfo [WIFI () - 104] LinkProperties{InterfaceName: wlan0 LinkAddresses: [ ",
                         x.ipv6("logcat_linkaddress", "linklocal"), "/64,", x.ipv4("logcat_linkaddress", "private"),
                         "/24,", x.ipv6("logcat_linkaddress", "global"), "/64 ] DnsAddresses: [ /",
                         x.ipv4("logcat_linkaddress", "private"), " ] Domains: null MTU: 1500}"))
    elif r < 0.5:
        parts = [cat("getImei=", x.imei("logcat_phoneinfo", "plain")),
                 cat("getSubscriberId=", x.imsi("logcat_phoneinfo")),
                 cat("getSimSerialNumber=", x.iccid("logcat_phoneinfo")),
                 cat("getLine1Number=", x.phone("logcat_phoneinfo", ("p86", "plain"))),
                 cat("getMeid=", x.meid("logcat_phoneinfo"))]
        x.g.shuffle(parts)
        lines.append(cat(logcat_prefix(x, "I", x.c(("PhoneInfoUtil", "DeviceHelper", "SdkCollector"))),
                         join(", ", parts[:x.n(3, 5)])))
    elif r < 0.6:
        parts = [cat("mImei=", x.imei("logcat_fielddump", "plain")), cat("mImsi=", x.imsi("logcat_fielddump", x.p(0.3))),
                 cat("mMeid=", x.meid("logcat_fielddump")), cat("mIccId=", x.iccid("logcat_fielddump")),
                 cat("mAndroidId=", x.device("android_id", "logcat_fielddump"))]
        x.g.shuffle(parts)
        lines.append(cat(logcat_prefix(x, "D", "TelephonyRegistry"), "DeviceState{",
                         join(" ", parts[:x.n(2, 5)]), "}"))
    elif r < 0.68:
        lat, lng = vv.geo_china(x.g, 6)
        lines.append(cat(logcat_prefix(x, "D", "LocationManagerService"), "incoming location: Location[",
                         x.c(("fused", "gps", "network")), " ",
                         V("GEO", "GEO.pair_latlng.logcat_location", lat + "," + lng),
                         " hAcc=%.1f et=+%dd%dh%dm%ds alt=%.1f vel=0.0]" % (
                             x.g.random() * 30, x.n(0, 9), x.n(0, 23), x.n(0, 59), x.n(0, 59), x.g.random() * 90)))
    elif r < 0.72:
        lines.append(cat(logcat_prefix(x, "D", "BluetoothAdapter"), "getState() btMac:",
                         x.mac("logcat_glued_key", "colon_uc"), " state=ON"))
    elif r < 0.76:
        lines.append(cat(logcat_prefix(x, "I", "DeviceInfo"), "WLAN MAC:", x.mac("logcat_glued_key", "colon_uc"),
                         " IPv4:", x.ipv4("logcat_glued_key", "private"), " IPv6:", x.ipv6("logcat_glued_key", "global"),
                         " IMEI1:", x.imei("logcat_glued_key", "plain"), " IMEI2:", x.imei("logcat_glued_key", "plain")))
    elif r < 0.84:
        lines.append(cat(logcat_prefix(x, "I", "MainActivity"), x.c(("用户登录成功，手机号：", "绑定成功，手机号码：")),
                         x.phone("logcat_cjk_fwcolon", x.PH_CJK), "，设备IMEI：", x.imei("logcat_cjk_fwcolon", "plain")))
    elif r < 0.92:
        res = []
        for _ in range(x.n(1, 3)):
            res.append(cat("SSID: ", x.c(SSIDS), ", BSSID: ", x.mac("logcat_scan", "colon_lc"),
                           ", capabilities: [WPA2-PSK-CCMP][ESS], level: -%d, frequency: %d" % (
                               x.n(40, 90), x.c((2412, 2437, 5180, 5745)))))
        lines.append(cat(logcat_prefix(x, "D", "WifiScanningService"), "results: [", join("; ", res), "]"))
    else:
        lines.append(cat(logcat_prefix(x, "I", "AnalyticsSdk"), "report ", x.key(["device", "id"]), "=",
                         x.device("device_id", "logcat_kv"), " ", x.key(["oaid"], ("lower", "upper")), "=",
                         x.device("oaid", "logcat_kv"), " versionName=",
                         D("app_version", "%d.%d.%d.%d" % (x.n(1, 9), x.n(0, 9), x.n(0, 9), x.n(1, 300)))))
    return [Line("android_logcat", l) for l in lines]


@family("ios_unified", 5)
def f_ios(x):
    x.tick()
    t = x.now
    ts = t.strftime("%Y-%m-%d %H:%M:%S.") + "%06d+0800" % t.microsecond
    r = x.g.random()
    if r < 0.3:
        pre = "%s 0x%x     Default     0x0                  %s    0    " % (ts, x.n(0x1000, 0xfffff), x.pid())
        line = cat(pre, "locationd: (CoreLocation) Location update for com.example.app: <",
                   V("GEO", "GEO.clpair_signed.ios_cllocation",
                     "+%s,+%s" % vv.geo_china(x.g, 8)), "> +/- %.2fm (speed %.2f mps / course -1.00)" % (
                       x.g.random() * 60, x.g.random() * 3))
    elif r < 0.55:
        line = cat(ts, "  localhost configd[", x.pid(), "]: network changed: v4(en0!:",
                   x.ipv4("ios_configd", "private"), ") DNS! Proxy SMB")
    elif r < 0.8:
        line = cat(ts, "  localhost MyApp[", x.pid(), "]: [Analytics] ", x.c(("idfa", "IDFA")), "=",
                   x.device("idfa", "ios_kv"), ", ", x.c(("idfv", "IDFV")), "=", x.device("idfv", "ios_kv"),
                   ", email=", x.email("ios_kv"), ", app_ver=", D("app_version", "%d.%d.%d.%d" % (
                       x.n(1, 9), x.n(0, 20), x.n(0, 9), x.n(1, 99))))
    else:
        line = cat(ts, "  localhost airportd[", x.pid(), "]: Joined '", x.c(SSIDS), "' (bssid=",
                   x.mac("ios_airportd", "colon_lc"), ") on en0, addr ", x.ipv6("ios_airportd", "zone", "zone"))
    return [Line("ios_unified", line)]


# ---------------------------------------------------------------- HTTP dumps

@family("http_headers", 6)
def f_http(x):
    x.tick()
    out = []
    if x.p(0.6):
        pid = x.pid()
        tid = str(int(pid) + x.n(10, 80))

        def lc(*parts):
            out.append(cat(logcat_prefix(x, "D", "OkHttp", pid, tid), *parts))
        host, path = x.c(HOSTS), x.c(PATHS)
        lc("--> POST https://", host, path)
        lc("Content-Type: application/json; charset=UTF-8")
        lc(x.c(("X-Device-Id", "x-device-id", "Device-Id")), ": ", x.device("device_id", "okhttp_header"))
        if x.p(0.7):
            lc(x.c(("Authorization", "authorization")), ": ", x.secret("okhttp_header", x.c(("bearer", "basic"))))
        if x.p(0.5):
            lc(x.c(("X-Auth-Token", "X-Access-Token", "x-api-key", "X-Api-Key")), ": ",
               x.secret("okhttp_header", "token"))
        if x.p(0.5):
            lc("Cookie: ", x.c(("JSESSIONID", "SESSION", "sid")), "=", x.secret("okhttp_cookie", "hex32"),
               "; lang=zh-CN; ", x.c(("_ga", "Hm_lvt")), "=GA1.2.", x.safe_digits(9), ".", x.epoch_s())
        elif x.p(0.5):
            lc("Cookie: sid=", x.secret("okhttp_cookie_multi", "hex32"), "; JSESSIONID=",
               x.secret("okhttp_cookie_multi", "hex32"), "; token=", x.secret("okhttp_cookie_multi", "jwt"))
        if x.p(0.4):
            lc("X-Forwarded-For: ", x.ipv4("okhttp_header"))
        body = cat('{"', x.key(["mobile"], ("snake",)), '":"', x.phone("okhttp_body", x.PH_JSON), '","',
                   x.key(["password"], ("snake", "camel")), '":"', x.secret("okhttp_body"), '","',
                   x.key(["imei"], ("snake", "upper")), '":"', x.imei("okhttp_body", "plain"), '"}')
        lc("Content-Length: ", str(len(text_of(body).encode())))
        lc(body)
        lc("--> END POST (%d-byte body)" % len(text_of(body).encode()))
        lc("<-- 200 OK https://", host, path, " (%dms)" % x.n(20, 900))
        if x.p(0.6):
            lc("Set-Cookie: ", x.c(("sid", "session", "SESSION")), "=", x.secret("okhttp_setcookie", "hex32"),
               "; Path=/; HttpOnly")
        resp = cat('{"code":0,"data":{"userId":', x.safe_digits(6), ',"', x.key(["real", "name"]), '":"',
                   x.name("okhttp_resp_json", "cn"), '","', x.key(["id", "card"]), '":"', x.cnid("okhttp_resp_json"),
                   '","', x.key(["access", "token"]), '":"', x.secret("okhttp_resp_json", "jwt"), '"}}')
        lc(resp)
        lc("<-- END HTTP (%d-byte body)" % len(text_of(resp).encode()))
    else:
        ip6 = x.p(0.3)
        addr = x.ipv6("curl_trying") if ip6 else x.ipv4("curl_trying", "public")
        host = x.c(HOSTS)
        out.append(cat("*   Trying ", "[" if ip6 else "", addr, "]" if ip6 else "", ":443..."))
        out.append(cat("* Connected to ", host, " (", x.ipv6("curl_connected") if ip6 else x.ipv4("curl_connected"),
                       ") port 443 (#0)"))
        if x.p(0.4):
            out.append(cat("> POST ", x.c(PATHS), ";jsessionid=", x.secret("url_path_jsessionid", "hex32"), " HTTP/1.1"))
        else:
            out.append(cat("> POST ", x.c(PATHS), " HTTP/1.1"))
        out.append(cat("> Host: ", host))
        out.append(cat("> ", x.c(("Authorization", "Proxy-Authorization")), ": ",
                       x.secret("curl_header", x.c(("basic", "bearer")))))
        if x.p(0.5):
            out.append(cat("> X-Api-Key: ", x.secret("curl_header", "token")))
        out.append(T("> Content-Type: application/x-www-form-urlencoded"))
        out.append(T(">"))
        out.append(T("< HTTP/1.1 200 OK"))
        out.append(cat("< Set-Cookie: ", x.c(("session", "sid", "JSESSIONID")), "=",
                       x.secret("curl_setcookie", "hex32"), "; Path=/; Secure"))
        out.append(cat("< X-Request-Id: ", D("uuid", x.uuid())))
    return [Line("http_headers", l) for l in out]


@family("url_encoded", 6)
def f_urlenc(x):
    x.tick()
    r = x.g.random()
    host = x.c(HOSTS)
    ip = x.ipv4("url_client")
    if r < 0.25:
        # CJK key names percent-encoded
        k = x.c(("手机号", "联系电话", "手机", "电话号码"))
        q = cat(pct_str(k), "=", x.phone("url_cjk_key", x.PH_QUERY), "&", pct_str("邮箱"), "=",
                x.email("url_cjk_key", "pct40"), "&", pct_str("身份证号"), "=", x.cnid("url_cjk_key"))
    elif r < 0.45:
        inner = cat("https://", host, "/cb?", query_params(x, "url_nested_once", x.n(2, 3), invariant=True))
        q = cat("redirect_uri=", pct(inner), "&state=", x.hexid(8))
    elif r < 0.6:
        inner = cat("https://", host, "/cb?", query_params(x, "url_nested_twice", x.n(2, 3), invariant=True))
        q = cat("callback=", pct(pct(inner)), "&from=share")
    elif r < 0.8:
        js = cat('{"', x.key(["phone"], ("snake",)), '":"', x.phone("url_json_pct22", x.PH_INV), '","',
                 x.c(("imsi", "IMSI")), '":"', x.imsi("url_json_pct22"), '","',
                 x.key(["android", "id"]), '":"', x.device("android_id", "url_json_pct22"), '"}')
        q = cat("data=", pct(js), "&sign=", pct_str(x.sign_b64(24)))
    else:
        # a form POST body as an app logs it
        q = cat(x.key(["mobile"], ("snake",)), "=", x.phone("url_form_body", x.PH_QUERY), "&",
                x.c(("email", "mail")), "=", x.email("url_form_body", x.c(("pct40", "pct40plus"))), "&",
                x.c(("pwd", "password", "passwd")), "=",
                V("SECRET", "SECRET.password_pct.url_form_body", pct_str(vv.password(x.g))), "&",
                x.c(("realName", "real_name")), "=", x.name("url_form_body", "latin1"))
        return [Line("url_encoded", cat(x.f_spring(), " DEBUG [", x.c(THREADS), "] c.e.f.RequestLogFilter : POST ",
                                        x.c(PATHS), " params: ", q))]
    return [Line("url_encoded", cat(ip, " - - [", x.f_clf(), '] "GET ', x.c(PATHS), "?", q,
                                    ' HTTP/1.1" 200 ', str(x.n(10, 9000)), ' "-" "', x.ua(), '"'))]


# ---------------------------------------------------------------- application logs

def app_json_obj(x, ctx, depth=0):
    """Members of an application JSON record with personal data, as fragments
    (unescaped: the caller escapes for the layer it is written into)."""
    m = []
    pool = ["phone", "idcard", "email", "ip", "name", "address", "device", "geo", "card", "secret",
            "imsi", "decoy_logger", "decoy_thread", "decoy_bytes", "decoy_trace", "decoy_ts", "decoy_float"]
    sp = x.c((":", ":", ": ", " : "))
    for k in x.g.sample(pool, x.n(3, 7)):
        if k == "phone":
            kk = x.key(x.c((["phone"], ["mobile"], ["contact", "phone"], ["phone", "number"], ["user", "mobile"])))
            if x.p(0.15):
                m.append(cat('"', kk, '"', sp, x.phone(ctx + "_number", ("plain",))))
            elif x.p(0.06):
                m.append(cat('"', kk, '"', sp, '"', x.phone(ctx, variant="e164"), '"'))
            else:
                m.append(cat('"', kk, '"', sp, '"', x.phone(ctx, x.PH_JSON), '"'))
        elif k == "idcard":
            m.append(cat('"', x.key(x.c((["id", "card"], ["id", "no"], ["id", "number"], ["cert", "no"]))), '"',
                         sp, '"', x.cnid(ctx, "legacy15" if x.p(0.12) else None), '"'))
        elif k == "email":
            m.append(cat('"', x.key(x.c((["email"], ["mail"], ["contact", "email"]))), '"', sp, '"',
                         x.email(ctx, x.c(("plain", "plain", "mixed", "plus", "idn"))), '"'))
        elif k == "ip":
            m.append(cat('"', x.key(x.c((["client", "ip"], ["remote", "addr"], ["ip"], ["login", "ip"]))), '"',
                         sp, '"', x.ipv4(ctx) if x.p(0.8) else x.ipv6(ctx), '"'))
        elif k == "name":
            kk = x.key(x.c((["real", "name"], ["nickname"], ["contact", "name"], ["customer", "name"], ["name"])))
            m.append(cat('"', kk, '"', sp, '"', x.name(ctx, x.c(("cn", "cn", "cn", "latin", "nick"))), '"'))
        elif k == "address":
            kk = x.key(x.c((["address"], ["home", "address"], ["shipping", "address"], ["addr"])))
            m.append(cat('"', kk, '"', sp, '"', x.address(ctx, "cn" if x.p(0.85) else "latin", spaces=True), '"'))
        elif k == "device":
            kind = x.c(("android_id", "oaid", "idfa", "device_id", "aaid", "udid", "idfv"))
            kn = {"android_id": ["android", "id"], "device_id": ["device", "id"]}.get(kind, [kind])
            m.append(cat('"', x.key(kn, ("snake", "camel", "lower", "upper")), '"', sp, '"', x.device(kind, ctx), '"'))
        elif k == "geo":
            if x.p(0.15):
                m.append(cat('"', x.c(("lat", "latitude")), '"', sp, x.geo1("lat", ctx + "_world", world=True), ',"',
                             x.c(("lng", "lon", "longitude")), '"', sp, x.geo1("lng", ctx + "_world", world=True)))
            elif x.p(0.5):
                m.append(cat('"', x.c(("lat", "latitude")), '"', sp, x.geo1("lat", ctx), ',"',
                             x.c(("lng", "lon", "longitude")), '"', sp, x.geo1("lng", ctx)))
            else:
                m.append(cat('"location"', sp, '{"lat"', sp, '"', x.geo1("lat", ctx + "_str"), '","lng"', sp, '"',
                             x.geo1("lng", ctx + "_str"), '"}'))
        elif k == "card":
            kk = x.key(x.c((["card", "no"], ["bank", "card"], ["card", "number"])))
            if x.p(0.12):
                m.append(cat('"', kk, '"', sp, x.bank(ctx + "_number", "up", grouped_ok=False)))
            elif x.p(0.12):
                m.append(cat('"', x.key(x.c((["bank", "account"], ["account", "no"], ["acct"]))), '"', sp, '"',
                             x.bank(ctx, "acct"), '"'))
            else:
                m.append(cat('"', kk, '"', sp, '"', x.bank(ctx, x.c(("up", "up", "visa", "mc", "up_noluhn"))), '"'))
        elif k == "secret":
            kk = x.c((["password"], ["db", "password"], ["new", "password"], ["access", "token"],
                      ["refresh", "token"], ["api", "key"], ["client", "secret"]))
            kind = "password" if "password" in kk else "token"
            if kind == "password" and x.p(0.15):
                m.append(cat('"', x.key(kk, ("snake", "camel")), '"', sp, '"',
                             V("SECRET", "SECRET.passphrase_spaces.%s" % ctx,
                               " ".join(x.c(("correct", "horse", "battery", "staple", "blue", "moon", "2024"))
                                        for _ in range(x.n(3, 4)))), '"'))
            else:
                m.append(cat('"', x.key(kk, ("snake", "camel")), '"', sp, '"', x.secret(ctx, kind), '"'))
        elif k == "imsi":
            m.append(cat('"', x.c(("imsi", "IMSI", "simImsi")), '"', sp, '"', x.imsi(ctx, x.p(0.3)), '"'))
        elif k == "decoy_logger":
            m.append(cat('"', x.c(("logger_name", "loggerName", "logger.name")), '"', sp, '"',
                         D("software_name", x.c(LOGGERS)), '"'))
        elif k == "decoy_thread":
            m.append(cat('"', x.c(("thread_name", "threadName")), '"', sp, '"', D("software_name", x.c(THREADS)), '"'))
        elif k == "decoy_bytes":
            m.append(cat('"', x.c(("bytes", "size", "count")), '"', sp, x.counter_decoy()))
        elif k == "decoy_trace":
            m.append(cat('"', x.c(("traceId", "trace_id", "orderId", "order_id")), '"', sp, '"', x.order_id_decoy(), '"'))
        elif k == "decoy_ts":
            m.append(cat('"', x.c(("createdAt", "timestamp", "ts")), '"', sp, D("epoch_ms", x.epoch_ms())))
        elif k == "decoy_float":
            m.append(cat('"score"', sp, D("float", "0.%d" % x.n(10 ** 10, 10 ** 11 - 1))))
    return m


@family("json_app", 9)
def f_json(x):
    x.tick()
    head = cat('{"@timestamp":"', x.f_iso(), '","level":"', x.c(("INFO", "WARN", "DEBUG")),
               '","', x.c(("logger_name", "logger")), '":"', D("software_name", x.c(LOGGERS)), '",')
    r = x.g.random()
    if r < 0.55:
        body = join(",", app_json_obj(x, "json"))
        line = cat(head, '"message":"', x.c(("user registered", "login ok", "profile updated", "kyc submitted")),
                   '",', body, "}")
    elif r < 0.72:
        inner = cat("{", join(",", app_json_obj(x, "json_in_msg")), "}")
        line = cat(head, '"message":"', jesc(cat(x.c(("request body: ", "payload=", "resp ")), inner)), '"}')
    elif r < 0.8:
        inner = cat('{"', x.key(["email"], ("snake", "camel")), '":"', x.email("json_u0022", "u0040"), '","',
                    x.key(["mobile"], ("snake",)), '":"', x.phone("json_u0022", ("plain", "g344hy")), '","',
                    x.key(["id", "card"]), '":"', x.cnid("json_u0022"), '"}')
        line = cat(x.f_spring(), " INFO  [", x.c(THREADS), "] Web.Controllers.AccountController - state=", quote_u0022(inner))
    else:
        inner = cat("{", join(",", [cat('"', x.c(("手机号", "联系电话")), '":"', x.phone("json_ascii_cjkkey", x.PH_JSON), '"'),
                                    cat('"msg":"用户', x.phone("json_ascii_u53f7glue", ("plain",)), "已绑定邮箱",
                                        x.email("json_ascii_u53f7glue"), '"')]), "}")
        line = cat(head, '"message":"ok","data":', inner_ascii(inner), "}")
    return [Line("json_app", line)]


def inner_ascii(frags):
    """JSON text whose non-ASCII characters are written as \\uXXXX (Jackson's
    ESCAPE_NON_ASCII / Python's json.dumps): keys and text, never the values."""
    out = []
    for f in frags:
        s = "".join(c if ord(c) < 0x80 else "\\u%04x" % ord(c) for c in f[1])
        if f[0] != "t" and s != f[1]:
            raise GenError("non-ASCII value in an ASCII-escaped JSON")
        out.append((f[0], s) + tuple(f[2:]))
    return out


@family("docker_json", 7)
def f_docker(x):
    x.tick()
    r = x.g.random()
    if r < 0.6:
        app = cat('{"level":"', x.c(("info", "warn")), '","ts":', D("epoch_ms", x.epoch_ms()), ',"caller":"',
                  x.c(("handler/user.go:88", "service/login.go:141", "api/order.go:57")), '","msg":"',
                  x.c(("login", "bind phone", "update profile")), '",', join(",", app_json_obj(x, "docker_app_json")), "}")
    elif r < 0.85:
        inner = cat("{", join(",", app_json_obj(x, "docker_json_in_json_in_json")), "}")
        app = cat('{"level":"info","msg":"upstream response","body":"', jesc(inner), '"}')
    else:
        app = cat(x.f_spring(), "  INFO 1 --- [", x.c(THREADS), "] ", x.c(LOGGERS), " : bind ",
                  x.key(["mobile"], ("snake",)), "=", x.phone("docker_text", x.PH_TEXT[:4]), " <",
                  x.email("docker_text_angle"), "> & ip=", x.ipv4("docker_text"))
    line = cat('{"log":"', jesc(cat(app, "\n"), "go"), '","stream":"', x.c(("stdout", "stderr")),
               '","time":"', x.f_isoz(9), '"}')
    return [Line("docker_json", line)]


@family("k8s_cloud", 6)
def f_k8s(x):
    x.tick()
    r = x.g.random()
    lines = []
    if r < 0.3:
        body = cat('{"level":"info","msg":"request","', x.key(["client", "ip"]), '":"', x.ipv4("cri_json"),
                   '","', x.key(["phone"]), '":"', x.phone("cri_json", x.PH_JSON), '","', x.c(("pod_name", "podName")),
                   '":"', D("software_name", x.c(SERVICES) + "-" + x.hexid(5) + "-" + x.hexid(5)), '"}')
        lines.append(cat(x.now.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d%03d+08:00" % (x.now.microsecond, x.n(0, 999)),
                         " ", x.c(("stdout", "stderr")), " F ", body))
    elif r < 0.55:
        ip = x.ip4("private")
        t = x.now
        lines.append(cat("I%s %s %7s kubelet.go:%d] \"SyncLoop (PLEG): event for pod\" pod=\"default/" % (
            t.strftime("%m%d"), t.strftime("%H:%M:%S.") + "%06d" % t.microsecond, x.pid(), x.n(1000, 2600)),
                         D("software_name", x.c(SERVICES)), "-", x.hexid(5), '" node="ip-',
                         V("IPV4", "IPV4.cloud_host.klog_node", ip.replace(".", "-")), x.c((".ec2.internal",
                                                                                            ".ap-northeast-1.compute.internal")),
                         '" podIP="', x.ipv4("klog_podip", "private"), '"'))
    elif r < 0.72:
        lines.append(cat('{"httpRequest":{"requestMethod":"GET","requestUrl":"https://', x.c(HOSTS), x.c(PATHS), "?",
                         jesc(query_params(x, "query", 2)), '","remoteIp":"', x.ipv4("gcp_httprequest"),
                         '","userAgent":"', jesc(x.ua()), '","latency":"%.3fs"},' % x.g.random(),
                         '"resource":{"type":"k8s_container","labels":{"container_name":"',
                         D("software_name", x.c(SERVICES)), '","namespace_name":"default"}},"severity":"INFO","timestamp":"',
                         x.f_isoz(9), '"}'))
    elif r < 0.92:
        if x.p(0.5):
            lines.append(cat(x.f_iso(), ' level=error msg="redis: dial failed" addr=',
                             D("addr_hostport", x.c(("redis-master", "redis.default.svc.cluster.local", "cache-0.cache"))
                               + ":6379"), ' err="i/o timeout"'))
        else:
            lines.append(cat(x.f_iso(), ' level=warn msg="pool retry" addr=', x.ipv4("goredis_addr", "private"), ":6379",
                             " db=0"))
    else:
        lines.append(cat("2 ", "%012d" % x.n(10 ** 11, 10 ** 12 - 1), " eni-", x.hexid(17), " ",
                         x.ipv4("vpc_flow", "private"), " ", x.ipv4("vpc_flow", "public"), " ",
                         x.c(("443", "80", "22")), " ", x.port(), " 6 ", str(x.n(1, 90)), " ", str(x.n(40, 90000)), " ",
                         D("epoch_s", x.epoch_s()), " ", str(int(x.epoch_s()) + 60), " ",
                         x.c(("ACCEPT", "REJECT")), " OK"))
    return [Line("k8s_cloud", l) for l in lines]


def spring_prefix(x, level="INFO", logger=None):
    lg = logger or x.c(LOGGERS)
    if x.p(0.5):
        return cat(x.f_spring(), " %5s %s --- [%15s] %-40s : " % (level, x.pid(), x.c(THREADS)[-15:], lg[:40]))
    return cat(x.f_iso(), " %5s %s --- [%s] [%s] %s : " % (level, x.pid(), x.c(SERVICES), x.c(THREADS), lg))


def lombok(x, ctx, style="lombok"):
    """Lombok @ToString: Cls(a=1, b=x); IDE style: Cls{a=1, b='x'}."""
    items = [cat("id=", x.safe_digits(x.n(2, 6)))]
    q = "'" if style == "idea" else ""
    cx = ctx + ("_sq" if style == "idea" else "")
    pool = ["name", "phone", "idCard", "email", "address", "imsi", "bankCard", "lat", "password", "meid"]
    for k in x.g.sample(pool, x.n(3, 6)):
        if k == "name":
            items.append(cat(x.c(("name", "realName", "nickname")), "=", q, x.name(cx, "cn"), q))
        elif k == "phone":
            items.append(cat(x.c(("phone", "mobile", "phoneNumber")), "=", q, x.phone(cx, ("plain", "plain", "p86")), q))
        elif k == "idCard":
            items.append(cat(x.c(("idCard", "idNo")), "=", q, x.cnid(cx), q))
        elif k == "email":
            items.append(cat("email=", q, x.email(cx), q))
        elif k == "address":
            items.append(cat(x.c(("address", "homeAddress")), "=", q, x.address(cx), q))
        elif k == "imsi":
            items.append(cat("imsi=", q, x.imsi(cx, x.p(0.3)), q))
        elif k == "bankCard":
            items.append(cat(x.c(("bankCard", "cardNo")), "=", q, x.bank(cx, x.c(("up", "up_noluhn")),
                                                                          grouped_ok=False), q))
        elif k == "lat":
            items.append(cat("lat=", x.geo1("lat", cx), ", lng=", x.geo1("lng", cx)))
        elif k == "password":
            items.append(cat("password=", q, x.secret(cx), q))
        elif k == "meid":
            items.append(cat("meid=", q, x.meid(cx), q))
    cls = x.c(("UserDTO", "CustomerVO", "RegisterRequest", "MemberInfo"))
    if style == "idea":
        return cat(cls, "{", join(", ", items), "}")
    return cat(cls, "(", join(", ", items), ")")


@family("spring_boot", 8)
def f_spring(x):
    x.tick()
    r = x.g.random()
    lines = []
    if r < 0.45:
        lines.append(cat(spring_prefix(x), x.c(("register: ", "save user ", "query result: ")),
                         lombok(x, "lombok", "lombok" if x.p(0.75) else "idea")))
    elif r < 0.7:
        cols = [("mobile", lambda: x.phone("mybatis_params", ("plain",))), ("id_card", lambda: x.cnid("mybatis_params")),
                ("email", lambda: x.email("mybatis_params")), ("reg_ip", lambda: x.ipv4("mybatis_params")),
                ("card_no", lambda: x.bank("mybatis_params", "up", grouped_ok=False))]
        sel = x.g.sample(cols, x.n(2, 4))
        pre = spring_prefix(x, "DEBUG", "c.e.u.mapper.UserMapper.insert")
        lines.append(cat(pre, "==>  Preparing: INSERT INTO t_user (", ", ".join(c[0] for c in sel), ", gmt_create) VALUES (",
                         ", ".join("?" for _ in sel), ", now())"))
        lines.append(cat(spring_prefix(x, "DEBUG", "c.e.u.mapper.UserMapper.insert"), "==> Parameters: ",
                         join(", ", [cat(c[1](), "(String)") for c in sel])))
        lines.append(cat(spring_prefix(x, "DEBUG", "c.e.u.mapper.UserMapper.insert"), "<==    Updates: 1"))
    elif r < 0.85:
        host = cat("[", x.ipv6("url_bracket_port", "global"), "]:8080") if x.p(0.3) else T(x.c(SERVICES))
        lines.append(cat(spring_prefix(x, "DEBUG", "c.e.client.UserClient"), "[UserClient#getUser] ---> GET http://",
                         host, "/users?", query_params(x, "feign_query", 2), " HTTP/1.1"))
        lines.append(cat(spring_prefix(x, "DEBUG", "c.e.client.UserClient"), "[UserClient#getUser] ",
                         x.c(("Authorization", "authorization")), ": ", x.secret("feign_header", "bearer")))
    else:
        lines.append(cat(spring_prefix(x, "INFO", "c.e.user.aop.WebLogAspect"), "IP : ", x.ipv4("weblog_aspect"),
                         " , ARGS : [", x.phone("weblog_aspect_args", ("plain",)), ", ", x.cnid("weblog_aspect_args"),
                         "] , app.jar:", D("jar_version", "%d.%d.%d.%d" % (x.n(1, 5), x.n(0, 9), x.n(0, 9), x.n(1, 99)))))
    return [Line("spring_boot", l) for l in lines]


@family("java_stacktrace", 5)
def f_stack(x):
    x.tick()
    lines = []
    r = x.g.random()
    jar = lambda: D("jar_version", "%d.%d.%d.%d" % (x.n(1, 5), x.n(0, 9), x.n(0, 9), x.n(1, 99)))
    if r < 0.7:
        lines.append(cat(spring_prefix(x, "ERROR", "o.a.c.c.C.[.[.[/].[dispatcherServlet]"),
                         "Servlet.service() for servlet [dispatcherServlet] threw exception"))
        k = x.g.random()
        if k < 0.35:
            lines.append(T("org.springframework.dao.DuplicateKeyException: "))
            col, val = x.c((("mobile", lambda: x.phone("stack_duplicate_entry", ("plain",))),
                            ("email", lambda: x.email("stack_duplicate_entry")),
                            ("id_card", lambda: x.cnid("stack_duplicate_entry"))))
            lines.append(cat("### Error updating database.  Cause: java.sql.SQLIntegrityConstraintViolationException: "
                             "Duplicate entry '", val(), "' for key 't_user.uk_", col, "'"))
        elif k < 0.65:
            lines.append(cat("java.lang.IllegalArgumentException: ", x.c(("invalid mobile: ", "手机号格式错误：",
                                                                          "mobile already bound: ")),
                             x.phone("stack_message", ("plain", "p86", "g344hy"))))
        else:
            lines.append(cat("com.example.common.BizException: 身份证号", x.cnid("stack_cjk_glued"), "与姓名不匹配"))
        lines.append(cat("\tat com.example.user.service.UserService.register(UserService.java:", str(x.n(40, 400)),
                         ") ~[app.jar:", jar(), "]"))
        lines.append(cat("\tat com.example.user.controller.UserController$$FastClassBySpringCGLIB$$",
                         x.hexid(8), ".invoke(<generated>) ~[classes/:na]"))
        if x.p(0.5):
            lines.append(cat("Caused by: java.net.ConnectException: Connection refused (Connection refused): /",
                             x.ipv4("stack_caused_by", "private"), ":", x.c(("3306", "6379", "9092"))))
            lines.append(T("\t... %d common frames omitted" % x.n(20, 90)))
    else:
        lines.append(T("Traceback (most recent call last):"))
        lines.append(T('  File "/app/user/service.py", line %d, in register' % x.n(20, 300)))
        lines.append(T("    validate_contact(payload)"))
        q = x.c(("'", '"'))
        lines.append(cat("ValueError: invalid contact ", q, x.email("py_traceback"), q, " / ",
                         x.phone("py_traceback", ("plain", "p86sp"))))
    return [Line("java_stacktrace", l) for l in lines]


@family("sql_log", 5)
def f_sql(x):
    x.tick()
    r = x.g.random()
    if r < 0.35:
        line = cat(x.f_isoz(6), "\t   ", str(x.n(10, 9999)), " Query\tINSERT INTO t_user (mobile, id_card, email, reg_ip, card_no) VALUES ('",
                   x.phone("sql_values", ("plain", "plain", "g344hy")), "', '", x.cnid("sql_values"), "', '",
                   x.email("sql_values"), "', '", x.ipv4("sql_values"), "', '", x.bank("sql_values", "up", False), "')")
    elif r < 0.6:
        sets = [cat("real_name='", x.name("sql_set", "cn"), "'"), cat("address='", x.address("sql_set"), "'"),
                cat("password='", x.secret("sql_set"), "'"), cat("mobile = '", x.phone("sql_set", ("plain",)), "'")]
        x.g.shuffle(sets)
        line = cat(x.f_isoz(6), "\t   ", str(x.n(10, 9999)), " Query\tUPDATE t_user SET ", join(", ", sets[:x.n(2, 4)]),
                   " WHERE id=", x.safe_digits(5))
    elif r < 0.8:
        line = cat(x.f_spring(), " CST [", x.pid(), "] DETAIL:  Key (", x.c(("phone", "mobile")), ")=(",
                   x.phone("pg_key_detail", ("plain",)), ") already exists.")
    elif r < 0.9:
        line = cat(x.f_spring(), " CST [", x.pid(), "] LOG:  connection received: host=", x.ipv4("pg_conn", "private"),
                   " port=", x.port())
    else:
        line = cat("# User@Host: app[app] @  [", x.ipv4("mysql_slow", "private"), "]  Id: ", str(x.n(100, 99999)))
    return [Line("sql_log", line)]


@family("csv_export", 4)
def f_csv(x):
    x.tick()
    lines = []
    gbk = x.p(0.35)
    if x.p(0.15):
        lines.append(T("手机号,邮箱,身份证号,注册IP,注册时间" if gbk else "id,mobile,email,id_card,reg_ip,created_at"))
    form = x.g.random()
    if form < 0.3:
        ph = cat('="', x.phone("csv_excel_eq", ("plain",)), '"')
    elif form < 0.5:
        ph = cat('"', x.phone("csv_quoted", ("g344sp", "g344hy", "p86sp")), '"')
    else:
        ph = x.phone("csv", ("plain", "plain", "p86"))
    idc = cat('"\t', x.cnid("csv_tab_prefix"), '"') if x.p(0.3) else x.cnid("csv")
    row = cat("" if gbk else x.safe_digits(4) + ",", ph, ",", x.email("csv"), ",", idc, ",", x.ipv4("csv"), ",",
              x.f_spring()[:19])
    lines.append(row)
    return [Line("csv_export", l, enc="gbk" if gbk else "utf-8", eol="\r\n") for l in lines]


# ---------------------------------------------------------------- network: DHCP, WLAN, RADIUS

@family("dhcp", 6)
def f_dhcp(x):
    x.tick()
    out = []
    oct_ = vv.mac_octets(x.g)
    host = x.p(0.5)
    if x.p(0.5):
        ip = x.ip4("private")
        pre = "%s gw dhcpd[%s]: " % (x.f_syslog(), x.pid())
        dev = x.c(("eth1", "eth0", "br0"))
        mac_v = x.c(("colon_lc", "colon_lc", "colon_uc"))
        mk = lambda: x.mac("isc_dhcpd", mac_v, oct_)
        hname = vv.rand_hex(x.g, 16) if host else x.c(("iPhone", "DESKTOP-8F3K2L", "MacBook-Pro"))
        hn = (lambda: cat(" (", V("DEVICE_ID", "DEVICE_ID.dhcp_host.isc_dhcpd", "android-" + hname) if host
                          else T(hname), ")"))
        out.append(cat(pre, "DHCPDISCOVER from ", mk(), hn(), " via ", dev))
        out.append(cat(pre, "DHCPOFFER on ", V("IPV4", "IPV4.plain.isc_dhcpd", ip), " to ", mk(), hn(), " via ", dev))
        out.append(cat(pre, "DHCPREQUEST for ", V("IPV4", "IPV4.plain.isc_dhcpd", ip), " (",
                       x.ipv4("isc_dhcpd", "private"), ") from ", mk(), hn(), " via ", dev))
        out.append(cat(pre, "DHCPACK on ", V("IPV4", "IPV4.plain.isc_dhcpd", ip), " to ", mk(), hn(), " via ", dev))
    else:
        pre = "%s router dnsmasq-dhcp[%s]: " % (x.f_syslog(), x.pid())
        ip = x.ip4("private")
        mk = lambda: x.mac("dnsmasq", "colon_lc", oct_)
        out.append(cat(pre, "DHCPDISCOVER(br-lan) ", mk()))
        out.append(cat(pre, "DHCPOFFER(br-lan) ", V("IPV4", "IPV4.plain.dnsmasq", ip), " ", mk()))
        out.append(cat(pre, "DHCPREQUEST(br-lan) ", V("IPV4", "IPV4.plain.dnsmasq", ip), " ", mk()))
        out.append(cat(pre, "DHCPACK(br-lan) ", V("IPV4", "IPV4.plain.dnsmasq", ip), " ", mk(),
                       cat(" ", x.device("dhcp_host", "dnsmasq")) if host else T("")))
        if x.p(0.5):
            pre2 = "%s router dnsmasq[%s]: " % (x.f_syslog(), x.pid())
            out.append(cat(pre2, "query[A] ", x.c(("api.example.com", "www.taobao.com", "time.apple.com")),
                           " from ", V("IPV4", "IPV4.plain.dnsmasq", ip)))
            out.append(cat(pre2, "reply api.example.com is ", x.ipv4("dnsmasq", "public")))
    return [Line("dhcp", l) for l in out]


@family("wlan", 5)
def f_wlan(x):
    x.tick()
    out = []
    sta = vv.mac_octets(x.g)
    if x.p(0.5):
        pre = "%s ap hostapd: wlan0: " % x.f_syslog()
        m = lambda: x.mac("hostapd", "colon_lc", sta)
        out.append(cat(pre, "STA ", m(), " IEEE 802.11: authenticated"))
        out.append(cat(pre, "STA ", m(), " IEEE 802.11: associated (aid %d)" % x.n(1, 30)))
        out.append(cat(pre, "AP-STA-CONNECTED ", m()))
        out.append(cat(pre, "STA ", m(), " WPA: pairwise key handshake completed (RSN)"))
        if x.p(0.3):
            out.append(cat(pre, "AP-STA-DISCONNECTED ", m()))
    else:
        bss = vv.mac_octets(x.g)
        pre = "%s laptop wpa_supplicant[%s]: wlan0: " % (x.f_syslog(), x.pid())
        b = lambda: x.mac("wpa_supplicant", "colon_lc", bss)
        ssid = x.c(SSIDS)
        out.append(cat(pre, "SME: Trying to authenticate with ", b(), " (SSID='", ssid, "' freq=5180 MHz)"))
        out.append(cat(pre, "CTRL-EVENT-CONNECTED - Connection to ", b(), " completed [id=0 id_str=]"))
        out.append(cat(pre, "0: ", b(), " ssid='", D("word_contains_key", ssid),
                       "' wpa_ie_len=0 rsn_ie_len=20 caps=0x11 level=-%d" % x.n(30, 90)))
        if x.p(0.4):
            out.append(cat(pre, "CTRL-EVENT-DISCONNECTED bssid=", b(), " reason=3 locally_generated=1"))
    return [Line("wlan", l) for l in out]


@family("radius", 5)
def f_radius(x):
    x.tick()
    out = []
    if x.p(0.7):
        out.append(T(x.f_ctime()))
        a = lambda *p: out.append(cat("\t", *p))
        a('Acct-Session-Id = "', x.hexid(16, upper=True), '"')
        a("Acct-Status-Type = ", x.c(("Start", "Stop", "Interim-Update")))
        mobile = x.p(0.35)
        if mobile:
            a('User-Name = "', x.phone("radius_user_name", ("plain",)), '@', x.c(("cmnet", "ctnet", "3gnet")), '"')
            a('Calling-Station-Id = "', x.phone("radius_calling_station", ("c86", "c86", "plain")), '"')
            a('3GPP-IMSI = "', x.imsi("radius_3gpp", x.p(0.3)), '"')
            if x.p(0.6):
                a('3GPP-IMEISV = "', x.imei("radius_3gpp", "sv16"), '"')
            a("Framed-IP-Address = ", x.ipv4("radius_framed", "cgnat"))
            a("Framed-IPv6-Prefix = ", V("IPV6", "IPV6.compressed.radius_prefix",
                                         ":".join(vv.ipv6(x.g, "global").split(":")[:2]) + ":%x::" % x.n(1, 0xffff)), "/64")
        else:
            a('User-Name = "', x.email("radius_user_name"), '"')
            a("NAS-IP-Address = ", x.ipv4("radius_nas", "private"))
            a('Called-Station-Id = "', x.mac("radius_called_station", "hyph_uc"), ":", x.c(SSIDS), '"')
            cs = x.c(("hyph_uc", "hyph_uc", "bare12", "colon_lc"))
            a('Calling-Station-Id = "', x.mac("radius_calling_station", cs), '"')
            a("Framed-IP-Address = ", x.ipv4("radius_framed", "private"))
            a("NAS-Port-Type = Wireless-802.11")
        a('Acct-Unique-Session-Id = "', D("hash", x.hexid(32)), '"')
        a("Timestamp = ", D("epoch_s", x.epoch_s()))
        out.append(T(""))
    else:
        user = x.email("radius_log") if x.p(0.6) else x.phone("radius_log", ("plain",))
        out.append(cat(x.f_ctime(), " : Auth: (", str(x.n(1, 99999)), ") ", x.c(("Login OK", "Login incorrect")),
                       ": [", user, "] (from client ap-", str(x.n(1, 40)), " port 0 cli ",
                       x.mac("radius_log_cli", "hyph_uc"), ")"))
    return [Line("radius", l) for l in out]


@family("firewall", 6)
def f_firewall(x):
    x.tick()
    r = x.g.random()
    pre = "%s gw kernel: [%d.%06d] " % (x.f_syslog(), x.n(1000, 999999), x.n(0, 999999))
    if r < 0.55:
        v6 = x.p(0.25)
        dst, src = vv.mac_octets(x.g), vv.mac_octets(x.g)
        chain = cat(x.mac("netfilter_mac_dst", "colon_lc", dst), ":", x.mac("netfilter_mac_src", "colon_lc", src),
                    ":86:dd" if v6 else ":08:00")
        if v6:
            ips = cat("SRC=", x.ipv6("netfilter"), " DST=", x.ipv6("netfilter"),
                      " LEN=%d TC=0 HOPLIMIT=%d FLOWLBL=%d" % (x.n(60, 1500), x.n(40, 64), x.n(0, 999999)))
        else:
            ips = cat("SRC=", x.ipv4("netfilter", "public"), " DST=", x.ipv4("netfilter"),
                      " LEN=%d TOS=0x00 PREC=0x00 TTL=%d ID=%d" % (x.n(40, 1500), x.n(30, 255), x.n(1, 65535)))
        line = cat(pre, x.c(("[UFW BLOCK] ", "[UFW ALLOW] ", "DROP-IN: ", "IPTABLES-INPUT: ")), "IN=eth0 OUT= MAC=",
                   chain, " ", ips, " PROTO=TCP SPT=", x.port(), " DPT=", x.c(("22", "443", "3389", "23")),
                   " WINDOW=1024 RES=0x00 SYN URGP=0")
    elif r < 0.62:
        line = cat(pre, "[UFW AUDIT] IN=lo OUT= MAC=", D("mac_placeholder", "00:00:00:00:00:00:00:00:00:00:00:00:08:00"),
                   " SRC=", D("loopback_ip", "127.0.0.1"), " DST=", D("loopback_ip", "127.0.0.1"),
                   " LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=%d DF PROTO=TCP SPT=%s DPT=6379 WINDOW=65495 RES=0x00 SYN URGP=0" % (
                       x.n(1, 65535), x.port()))
    elif r < 0.85:
        o = x.ipv4("cisco_asa", "public")
        line = cat(x.f_syslog(), " fw01 %ASA-6-302013: Built inbound TCP connection ", str(x.n(10000, 9999999)),
                   " for outside:", o, "/", x.port(), " (", x.ipv4("cisco_asa", "public"), "/", x.port(),
                   ") to inside:", x.ipv4("cisco_asa", "private"), "/443 (", x.ipv4("cisco_asa", "public"), "/443)")
    else:
        line = cat(x.f_syslog(), " fw01 %ASA-4-106023: Deny tcp src outside:", x.ipv4("cisco_asa", "public"), "/",
                   x.port(), " dst inside:", x.ipv4("cisco_asa", "private"), '/22 by access-group "outside_in" [0x0, 0x0]')
    return [Line("firewall", line)]


@family("network_device", 5)
def f_netdev(x):
    x.tick()
    r = x.g.random()
    if r < 0.2:
        line = cat(x.f_syslog(), ".%03d: %%SW_MATM-4-MACFLAP_NOTIF: Host " % x.n(0, 999), x.mac("cisco_syslog", "cisco"),
                   " in vlan %d is flapping between port Gi1/0/%d and port Gi1/0/%d" % (x.n(1, 400), x.n(1, 48), x.n(1, 48)))
    elif r < 0.35:
        line = cat(x.f_syslog(), ": %DOT1X-5-SUCCESS: Authentication successful for client (",
                   x.mac("cisco_syslog_paren", "cisco"), ") on Interface Gi1/0/%d AuditSessionID %s" % (
                       x.n(1, 48), x.hexid(24, upper=True)))
    elif r < 0.45:
        line = cat(x.f_syslog(), ": %SEC-6-IPACCESSLOGP: list 101 denied tcp ", x.ipv4("cisco_acl", "public"), "(",
                   x.port(), ") -> ", x.ipv4("cisco_acl", "private"), "(22), 1 packet")
    elif r < 0.55:
        line = cat(" %4d    " % x.n(1, 400), x.mac("cisco_show_mac_table", "cisco"), "    DYNAMIC     Gi1/0/%d" % x.n(1, 48))
    elif r < 0.7:
        line = cat(x.mac("h3c_display_mac", "huawei"), "   %-9d Learned        GE1/0/%-18d AGING" % (x.n(1, 400), x.n(1, 48)))
    elif r < 0.8:
        line = cat(x.f_syslog()[:6], " 2024 ", x.f_syslog()[7:], " SW1 %%10MAC/4/MAC_FLAPPING: MAC address ",
                   x.mac("h3c_syslog", "huawei"), " in VLAN %d has moved from port GE1/0/%d to port GE1/0/%d for 1 times." % (
                       x.n(1, 400), x.n(1, 48), x.n(1, 48)))
    elif r < 0.9:
        line = cat(x.f_syslog(), " SW2 %%10DOT1X/6/DOT1X_LOGIN_SUCC: -IfName=GigabitEthernet1/0/%d-MACAddr=" % x.n(1, 48),
                   x.mac("h3c_dot1x_glued", "huawei"), "-VLANID=%d-Username=" % x.n(1, 400),
                   x.phone("h3c_dot1x_username", ("plain",)), "; The user passed 802.1X authentication and came online.")
    else:
        line = cat(x.ipv4("h3c_display_arp", "private"), "    ", x.mac("h3c_display_arp", "huawei"),
                   " %-8d GE1/0/%-18d %d D" % (x.n(1, 400), x.n(1, 48), x.n(60, 1200)))
    return [Line("network_device", line)]


@family("tcpdump", 5)
def f_tcpdump(x):
    x.tick()
    t = x.now
    ts = D("clock_time", t.strftime("%H:%M:%S.") + "%06d" % t.microsecond)
    r = x.g.random()
    if r < 0.45:
        line = cat(ts, " IP ", x.ipv4("tcpdump_dot_port", "private"), ".", x.port(), " > ",
                   x.ipv4("tcpdump_dot_port", "public"), ".443: Flags [S], seq %d, win 64240, options [mss 1460,sackOK,TS val %d ecr 0,nop,wscale 7], length 0" % (
                       x.n(10 ** 8, 2 ** 31), x.n(10 ** 6, 10 ** 9)))
    elif r < 0.6:
        line = cat(ts, " IP6 ", x.ipv6("tcpdump_dot_port", "global"), ".", x.port(), " > ",
                   x.ipv6("tcpdump_dot_port", "global"), ".443: Flags [P.], seq 1:518, ack 1, win 502, length 517")
    elif r < 0.8:
        line = cat(ts, " ", x.mac("tcpdump_e", "colon_lc"), " > ", x.mac("tcpdump_e", "colon_lc"),
                   ", ethertype IPv4 (0x0800), length 74: ",
                   x.ipv4("tcpdump_dot_port", "private"), ".", x.port(), " > ", x.ipv4("tcpdump_dot_port", "public"),
                   ".53: %d+ A? api.example.com. (33)" % x.n(1, 65535))
    else:
        gw = x.ip4("private")
        if x.p(0.5):
            line = cat(ts, " ARP, Request who-has ", V("IPV4", "IPV4.plain.tcpdump_arp", gw), " tell ",
                       x.ipv4("tcpdump_arp", "private"), ", length 28")
        else:
            line = cat(ts, " ARP, Reply ", V("IPV4", "IPV4.plain.tcpdump_arp", gw), " is-at ", x.mac("tcpdump_arp", "colon_lc"),
                       ", length 28")
    return [Line("tcpdump", line)]


@family("pxe_boot", 3)
def f_pxe(x):
    x.tick()
    o = vv.mac_octets(x.g)
    ip = x.ip4("private")
    out = []
    if x.p(0.5):
        out.append(cat(x.f_syslog(), " pxe in.tftpd[", x.pid(), "]: RRQ from ", V("IPV4", "IPV4.plain.tftpd", ip),
                       " filename pxelinux.cfg/01-", x.mac("pxelinux_cfg", "hyph_lc", o)))
        out.append(cat(x.f_syslog(), " pxe in.tftpd[", x.pid(), "]: sending NAK (1, File not found) to ",
                       V("IPV4", "IPV4.plain.tftpd", ip)))
    else:
        out.append(cat(x.f_syslog(), " pxe dnsmasq-dhcp[", x.pid(), "]: PXE(eth0) ", x.mac("dnsmasq_pxe", "colon_lc", o),
                       " proxy"))
        out.append(cat(x.f_syslog(), " pxe dnsmasq-tftp[", x.pid(), "]: file /srv/tftp/pxelinux.cfg/01-",
                       x.mac("pxelinux_cfg", "hyph_lc", o), " not found"))
        out.append(cat(x.f_syslog(), " pxe dnsmasq-tftp[", x.pid(), "]: sent /srv/tftp/pxelinux.cfg/default to ",
                       V("IPV4", "IPV4.plain.dnsmasq_tftp", ip)))
    return [Line("pxe_boot", l) for l in out]


@family("ssh_auth", 4)
def f_ssh(x):
    x.tick()
    ip = x.ipv4("sshd") if x.p(0.8) else x.ipv6("sshd")
    if x.p(0.4):
        hip = x.ip4("private")
        pre = cat(x.f_syslog(), " ip-", V("IPV4", "IPV4.cloud_host.syslog_hostname", hip.replace(".", "-")),
                  " sshd[%s]: " % x.pid())
    else:
        pre = "%s host sshd[%s]: " % (x.f_syslog(), x.pid())
    r = x.g.random()
    if r < 0.35:
        line = cat(pre, "Accepted publickey for deploy from ", ip, " port ", x.port(), " ssh2: RSA SHA256:",
                   D("hash", vv.rand_alnum(x.g, 43)))
    elif r < 0.75:
        line = cat(pre, "Failed password for invalid user ", x.c(("admin", "test", "oracle", "ubuntu")), " from ", ip,
                   " port ", x.port(), " ssh2")
    else:
        line = cat(pre, "Received disconnect from ", ip, " port ", x.port(), ":11: Bye Bye [preauth]")
    return [Line("ssh_auth", line)]


# ---------------------------------------------------------------- business systems

@family("sms_gateway", 6)
def f_sms(x):
    x.tick()
    r = x.g.random()
    if r < 0.3:
        phones = join(",", [x.phone("aliyun_phonenumbers_list", ("plain", "plain", "p86", "c0086")) for _ in range(x.n(1, 3))])
        line = cat(spring_prefix(x, "INFO", "c.e.sms.AliyunSmsClient"), "SendSms request: PhoneNumbers=", phones,
                   "&SignName=", D("org_name", x.c(BRANDS)), "&TemplateCode=SMS_%d" % x.n(10 ** 8, 10 ** 9 - 1),
                   '&TemplateParam={"code":"%06d"}&OutId=' % x.n(0, 999999), D("uuid", x.uuid()))
    elif r < 0.5:
        line = cat(spring_prefix(x, "INFO", "c.e.sms.TencentSmsClient"), 'SendSms {"PhoneNumberSet":[',
                   join(",", [cat('"', x.phone("tencent_phoneset", ("p86",)), '"') for _ in range(x.n(1, 2))]),
                   '],"SmsSdkAppId":"14000%05d","TemplateId":"%d","TemplateParamSet":["%06d","5"]}' % (
                       x.n(0, 99999), x.n(100000, 999999), x.n(0, 999999)))
    elif r < 0.7:
        line = cat(x.f_spring(), " [smpp-1] INFO  SmppClient - submit_sm seq=", str(x.n(1, 99999)),
                   " source_addr=1069%08d dest_addr=" % x.n(0, 10 ** 8 - 1), x.phone("smpp_dest_addr", ("c86", "plain")),
                   ' data_coding=8 short_message="【', D("org_name", x.c(BRANDS)), '】您的验证码是%06d，5分钟内有效"' % x.n(0, 999999))
    elif r < 0.85:
        line = cat('[{"', x.key(["phone", "number"]), '":"', x.phone("sms_report_json", ("plain", "plain", "e164")),
                   '","send_time":"', x.f_spring()[:19], '","report_time":"', x.f_spring()[:19],
                   '","success":true,"err_code":"DELIVERED","biz_id":"', x.safe_digits(15), "^0", '"}]')
    else:
        line = cat(x.f_spring(), " INFO  SmsTemplate - render content: 您的包裹已到驿站，如有疑问请致电",
                   x.phone("sms_content_cjk", x.PH_CJK), "，或点击 tel:", V("PHONE", "PHONE.p86.tel_uri",
                                                                           "+86" + vv.mobile(x.g)))
    return [Line("sms_gateway", line)]


@family("payment", 7)
def f_pay(x):
    x.tick()
    r = x.g.random()
    if r < 0.3:
        params = [cat("gmt_create=", pct_str(x.f_spring()[:19]).replace("%20", "+")), T("charset=UTF-8"),
                  cat("seller_email=", x.email("alipay_notify_form", "pct40")),
                  cat("subject=", pct_str("订单" + x.safe_digits(6))),
                  cat("sign=", pct_str(x.sign_b64(60))), T("buyer_id=2088%012d" % x.n(0, 10 ** 12 - 1)),
                  cat("notify_id=", x.hexid(34)), T("notify_type=trade_status_sync"), T("trade_status=TRADE_SUCCESS"),
                  T("app_id=20210%011d" % x.n(0, 10 ** 11 - 1)), T("sign_type=RSA2"),
                  cat("out_order_id=", x.order_id_decoy()),
                  T("total_amount=%d.%02d" % (x.n(1, 999), x.n(0, 99))),
                  T("buyer_logon_id=%s****%s" % (vv.mobile(x.g)[:3], vv.digits(x.g, 4))),
                  T("trade_no=2024030522001%015d" % x.n(0, 10 ** 15 - 1))]
        x.g.shuffle(params)
        line = cat(spring_prefix(x, "INFO", "c.e.pay.notify.AlipayNotifyHandler"), "alipay notify body: ", join("&", params))
    elif r < 0.45:
        m = [cat("charset=UTF-8"), cat("seller_email=", x.email("alipay_notify_map")),
             cat("buyer_logon_id=", x.email("alipay_notify_map") if x.p(0.3) else T("15****1234")),
             cat("orderId=", x.order_id_decoy()), T("trade_status=TRADE_SUCCESS"),
             cat("gmt_payment=", x.f_spring()[:19])]
        x.g.shuffle(m)
        line = cat(spring_prefix(x, "INFO", "c.e.pay.notify.AlipayNotifyHandler"), "params={", join(", ", m), "}")
    elif r < 0.6:
        line = cat(spring_prefix(x, "INFO", "c.e.pay.wx.WxPayNotifyController"),
                   "notify xml: <xml><appid><![CDATA[wx%s]]></appid><attach><![CDATA[" % x.hexid(16),
                   '{"', x.key(["mobile"], ("snake",)), '":"', x.phone("wxpay_attach_json_in_cdata", ("plain",)), '","',
                   x.key(["address"], ("snake",)), '":"', x.address("wxpay_attach_json_in_cdata"), '"}',
                   "]]></attach><bank_type><![CDATA[CMB_DEBIT]]></bank_type><mch_id><![CDATA[1%09d]]></mch_id>" % x.n(0, 10 ** 9 - 1),
                   "<openid><![CDATA[oUpF8", vv.rand_alnum(x.g, 23), "]]></openid><result_code><![CDATA[SUCCESS]]></result_code>",
                   "<time_end><![CDATA[", x.now.strftime("%Y%m%d%H%M%S"), "]]></time_end><total_fee>%d</total_fee>" % x.n(1, 99999),
                   "<transaction_id><![CDATA[4200002%021d]]></transaction_id></xml>" % x.n(0, 10 ** 21 - 1))
    elif r < 0.72:
        line = cat(spring_prefix(x, "INFO", "c.e.pay.unionpay.AcpService"), "request: accNo=",
                   x.bank("unionpay_acp", "up", False), "&txnAmt=%d&txnTime=%s&merId=777%012d&" % (
                       x.n(1, 99999), x.now.strftime("%Y%m%d%H%M%S"), x.n(0, 10 ** 12 - 1)),
                   "orderId=", x.order_id_decoy(), "&txnType=01&bizType=000201&currencyCode=156")
    elif r < 0.86:
        holder = x.c(("card_holder_name", "cardholder_name", "持卡人"))
        line = cat(spring_prefix(x, "INFO", "c.e.pay.gateway.CardPayClient"), '{"', x.key(["card", "number"]), '":"',
                   x.bank("card_gateway_json"), '","', x.key(["cvv"], ("lower", "upper")), '":"',
                   x.secret("card_gateway_json", "cvv"), '","exp":"%02d/%02d","' % (x.n(1, 12), x.n(25, 31)), holder,
                   '":"', x.name("card_gateway_json", x.c(("cn", "latin"))), '","', x.c(("bank_name", "bankName")), '":"',
                   D("org_name", x.c(BRANDS[4:6] + ("中国工商银行", "交通银行"))), '"}')
    else:
        if x.p(0.5):
            line = cat(spring_prefix(x, "INFO", "c.e.pay.payout.PayoutService"), "payout ", x.c(("收款账号：", "对公账户：")),
                       x.bank("payout_cjk_key", x.c(("acct", "up"))), "，持卡人：", x.name("payout_cjk_key", "cn"),
                       "，金额：%d.%02d" % (x.n(1, 99999), x.n(0, 99)))
        else:
            line = cat(spring_prefix(x, "INFO", "c.e.pay.swift.Remittance"), "beneficiary ",
                       x.c(("iban=", "IBAN: ", "beneficiary_iban=")), x.bank("swift_iban", x.c(("iban", "iban", "iban_sp"))),
                       " ", x.key(["account", "no"]), "=", x.bank("swift_account_no", "acct"))
    return [Line("payment", line)]


@family("chinese_app", 8)
def f_cn(x):
    x.tick()
    r = x.g.random()
    pre = "%s [%s] INFO  %s - " % (x.f_spring(), x.c(THREADS), x.c(LOGGERS))
    gbk = False
    if r < 0.2:
        line = cat(pre, "用户注册成功，", x.c(("手机号：", "手机号码：", "联系电话：")), x.phone("cjk_fwcolon", x.PH_CJK),
                   "，", x.c(("身份证号：", "身份证：")), x.cnid("cjk_fwcolon"), "，姓名：", x.name("cjk_fwcolon", "cn"))
    elif r < 0.35:
        line = cat(pre, x.c(CJK_GLUE_BEFORE), x.phone("cjk_glued", x.PH_CJK), x.c(CJK_GLUE_AFTER),
                   "，银行卡", x.bank("cjk_glued", "up", False), "已解绑")
    elif r < 0.45:
        line = cat(pre, "请发送至邮箱", x.email("cjk_glued"), "谢谢，或联系", x.email("cjk_glued", "plain"), "。")
    elif r < 0.55:
        line = cat(pre, x.c(("收货地址：", "地址：", "住址：")), x.address("cjk_fwcolon"), "，", "联系电话：",
                   x.phone("cjk_fwcolon", ("plain", "fw", "fixed_hy")))
    elif r < 0.65:
        line = cat(pre, "定位成功：", x.geo_pair("cjk_bare_pair", "latlng"), "，IP地址：", x.ipv4("cjk_fwcolon"),
                   "，设备IMEI：", x.imei("cjk_fwcolon", "plain"))
    elif r < 0.84:
        gbk = True
        glue_b = x.c(GBK_SAFE_BEFORE)
        glue_a = x.c(GBK_SAFE_AFTER)
        k = x.g.random()
        if k < 0.5:
            v = x.phone("gbk_glued", ("plain", "plain", "p86"))
        elif k < 0.75:
            v = x.cnid("gbk_glued")
        else:
            v = x.email("gbk_glued")
        line = cat("[", x.f_spring()[:19], "] ", glue_b, v, glue_a, "，来源IP：", x.ipv4("gbk_fwcolon"))
    elif r < 0.92:
        k = x.g.random()
        if k < 0.35:
            line = cat(pre, "SIM卡", x.imsi("cjk_glued"), "已激活，ICCID：", x.iccid("cjk_fwcolon"))
        elif k < 0.6:
            line = cat(pre, x.c(("身份证号：", "身份证号码：")), x.cnid("cjk_fwcolon", "legacy15"), "（一代证）")
        elif k < 0.8:
            line = cat(pre, '邮件模板：<a href="mailto:', x.email("mailto_href"), '">联系客服</a>，电话 <a href="tel:',
                       V("PHONE", "PHONE.p86hyg.tel_uri", "+86-" + "-".join((lambda m: (m[:3], m[3:7], m[7:]))(vv.mobile(x.g)))),
                       '">拨打</a>')
        else:
            line = cat(pre, "退订请回复TD，或发邮件至mailto:", x.email("mailto_bare"), "?subject=unsubscribe")
    else:
        line = cat(pre, "用户信息：姓名", "：", x.name("cjk_fwcolon", "cn"), "；手机：", x.phone("cjk_fwcolon", x.PH_CJK),
                   "；邮箱：", x.email("cjk_fwcolon"), "；身份证号码：", x.cnid("cjk_fwcolon"))
    return [Line("chinese_app", line, enc="gbk" if gbk else "utf-8")]


def _gbk_safe(words):
    ok = []
    for w in words:
        b = w.encode("gbk")
        if all(c >= 0x80 for c in b):
            ok.append(w)
    return tuple(ok)


GBK_SAFE_BEFORE = _gbk_safe(("用户手机号", "手机号码为", "身份证号为", "邮箱为", "号码", "客户电话", "联系方式为",
                             "绑定手机", "证件号码", "账号"))
GBK_SAFE_AFTER = _gbk_safe(("登录成功", "已绑定", "验证通过", "的用户", "注销成功", "申请退款"))


@family("cli_config", 5)
def f_cli(x):
    x.tick()
    r = x.g.random()
    lines = []
    if r < 0.2:
        lines.append(cat("type=EXECVE msg=audit(", x.epoch_s(), ".%03d:%d): argc=4 a0=\"mysql\" a1=\"-uroot\" a2=\"--" % (
            x.n(0, 999), x.n(100, 99999)), x.c(("password", "PASSWORD")), "=", x.secret("cli_flag_auditd"), '" a3="-h',
                         x.ipv4("cli_flag_glued", "private"), '"'))
    elif r < 0.35:
        lines.append(cat("root     %5d  0.3  4.1 java -jar /opt/app/app.jar --spring.datasource.password=" % x.n(100, 99999),
                         x.secret("cli_flag_spring"), " --", x.c(("jwt.secret", "app.api-key", "app.token")), "=",
                         x.secret("cli_flag_spring", "token"), " --server.port=8080 --spring.datasource.url=jdbc:mysql://",
                         x.ipv4("cli_jdbc_url", "private"), ":3306/user"))
    elif r < 0.5:
        k = x.c(("MYSQL_ROOT_PASSWORD", "DB_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "OPENAI_API_KEY",
                 "GITHUB_TOKEN", "SESSION_SECRET"))
        lines.append(cat("docker run -d --name ", D("software_name", x.c(SERVICES)), " -e ", k, "=",
                         x.secret("cli_docker_env", "password" if "PASSWORD" in k else "token"), " -e TZ=Asia/Shanghai mysql:8.0"))
    elif r < 0.68:
        k = x.c(("spring.datasource.password", "spring.redis.password", "jwt.secret", "wechat.pay.api-key",
                 "aliyun.sms.access-token", "app.db_password"))
        lines.append(cat(k, "=", x.secret("properties", "password" if "password" in k else "token")))
        if x.p(0.5):
            lines.append(cat("spring.mail.username=", x.email("properties")))
        if x.p(0.5):
            lines.append(cat("spring.datasource.url=jdbc:mysql://", x.ipv4("properties_jdbc_url", "private"),
                             ":3306/app?useSSL=false&serverTimezone=Asia/Shanghai"))
    elif r < 0.8:
        lines.append(T("datasource:"))
        lines.append(cat("  host: ", x.ipv4("yaml", "private")))
        lines.append(cat("  ", x.c(("password", "passwd", "db-password")), ": ", x.secret("yaml")))
        lines.append(cat("  ", x.c(("api_key", "apiKey", "access_token")), ': "', x.secret("yaml_quoted", "token"), '"'))
    else:
        sch, tail = x.c((("mongodb://admin:", ":27017/admin"), ("redis://:", ":6379/0"), ("amqp://guest:", ":5672/"),
                         ("postgres://app:", ":5432/app"), ("mysql://root:", ":3306/user")))
        lines.append(cat(spring_prefix(x, "INFO", "c.e.config.DataSourceConfig"), "connecting to ", sch,
                         x.secret("url_userinfo", "urlpw"), "@", x.ipv4("url_userinfo_host", "private"), tail))
        if x.p(0.4):
            lines.append(cat(spring_prefix(x, "INFO", "c.e.deploy.GitSync"), "pulling ",
                             D("ssh_remote", "git@github.com:example-org/%s.git" % x.c(SERVICES))))
    return [Line("cli_config", l) for l in lines]


@family("xml_soap", 4)
def f_xml(x):
    x.tick()
    r = x.g.random()
    if r < 0.45:
        line = cat(spring_prefix(x, "DEBUG", "c.e.ws.SoapLoggingInterceptor"),
                   "Outbound Message: <soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><ns:queryUser>",
                   "<mobile>", x.phone("xml_element", ("plain", "p86")), "</mobile><idCard>", x.cnid("xml_element"),
                   "</idCard><realName>", x.name("xml_element", "cn"), "</realName><address>", x.address("xml_element"),
                   "</address><password>", x.secret("xml_element"), "</password></ns:queryUser></soapenv:Body></soapenv:Envelope>")
    elif r < 0.75:
        line = cat('<user id="', x.safe_digits(5), '" name="', x.name("xml_attr", "cn"), '" mobile="',
                   x.phone("xml_attr", ("plain",)), '" email="', x.email("xml_attr"), '" lat="', x.geo1("lat", "xml_attr"),
                   '" lng="', x.geo1("lng", "xml_attr"), '" imei="', x.imei("xml_attr", "plain"), '"/>')
    else:
        pref, val = x.c((("last_login_phone", lambda: x.phone("android_sharedprefs", ("plain",))),
                         ("sim_subscriber", lambda: x.imsi("android_sharedprefs")),
                         ("account_email", lambda: x.email("android_sharedprefs")),
                         ("bound_device_name", lambda: x.mac("android_sharedprefs", "colon_uc"))))
        line = cat('    <string name="', D("xml_name_attr", pref), '">', val(), "</string>")
    return [Line("xml_soap", line)]


@family("email_mta", 4)
def f_mta(x):
    x.tick()
    qid = x.hexid(10, upper=True)
    pre = lambda d: "%s mail postfix/%s[%s]: " % (x.f_syslog(), d, x.pid())
    r = x.g.random()
    if r < 0.3:
        line = cat(pre("smtpd"), qid, ": client=", x.c(("unknown", "mail.example.net")), "[", x.ipv4("postfix_client"),
                   "], sasl_method=LOGIN, sasl_username=", x.email("postfix_sasl"))
    elif r < 0.55:
        line = cat(pre("qmgr"), qid, ": from=<", x.email("postfix_angle", x.c(("plain", "plain", "idn"))),
                   ">, size=%d, nrcpt=1 (queue active)" % x.n(900, 90000))
    elif r < 0.8:
        line = cat(pre("smtp"), qid, ": to=<", x.email("postfix_angle", x.c(("plain", "plain", "mixed", "idn"))),
                   ">, relay=mx%d.qq.com[" % x.n(1, 3), x.ipv4("postfix_relay", "public"),
                   "]:25, delay=%.1f, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 OK)" % x.g.random())
    else:
        line = cat(x.f_syslog(), " mail dovecot: imap-login: Login: user=<", x.email("dovecot"), ">, method=PLAIN, rip=",
                   x.ipv4("dovecot"), ", lip=", x.ipv4("dovecot", "private"), ", mpid=", x.pid(), ", TLS, session=<",
                   x.secret("dovecot_session", "urlpw"), ">")
    return [Line("email_mta", line)]


@family("geo_location", 5)
def f_geo(x):
    x.tick()
    r = x.g.random()
    if r < 0.3:
        line = cat(spring_prefix(x, "INFO", "c.e.map.AmapClient"), "GET https://restapi.amap.com/v3/geocode/regeo?location=",
                   x.geo_pair("amap_query_location", "lnglat", ",", 6), "&extensions=base&output=JSON")
    elif r < 0.45:
        line = cat(spring_prefix(x, "INFO", "c.e.map.AmapClient"), 'resp {"status":"1","regeocode":{"formatted_address":"',
                   x.address("amap_formatted_address"), '","addressComponent":{"city":[],"adcode":"110105"}}}')
    elif r < 0.6:
        line = cat('{"type":"Feature","geometry":{"type":"Point","coordinates":[',
                   x.geo_pair("geojson_coordinates", "lnglat", x.c((",", ", "))), ']},"properties":{"store_id":%d}}' % x.n(1, 9999))
    elif r < 0.8:
        line = cat(spring_prefix(x, "INFO", "c.e.loc.ReportController"), '{"', x.c(("lat", "latitude")), '":',
                   x.geo1("lat", "json_number"), ',"', x.c(("lng", "lon", "longitude")), '":', x.geo1("lng", "json_number"),
                   ',"accuracy":%.1f,"provider":"gps","' % (x.g.random() * 50), x.c(("lnglat", "location")), '":"',
                   x.geo_pair("json_lnglat_key", "lnglat", ","), '"}')
    else:
        line = cat(spring_prefix(x, "INFO", "c.e.loc.Tracker"), "GPS fix ", x.geo_pair("text_bare_pair", "latlng", x.c((",", ", "))),
                   " sats=%d hdop=%.1f " % (x.n(4, 20), x.g.random() * 3), "score=", D("float", "0.%d" % x.n(10 ** 10, 10 ** 11 - 1)))
    return [Line("geo_location", line)]


@family("device_registry", 5)
def f_device(x):
    x.tick()
    r = x.g.random()
    if r < 0.6:
        m = [cat('"', x.key(["imei"], ("lower", "upper")), '":"', x.imei("device_json", "plain"), '"'),
             cat('"imei2":', x.imei("device_json_number", "plain")),
             cat('"', x.c(("imeisv", "imeiSv", "IMEISV")), '":"', x.imei("device_json", "sv16"), '"'),
             cat('"', x.c(("meid", "MEID", "deviceMeid")), '":"', x.meid("device_json"), '"'),
             cat('"', x.c(("imsi", "IMSI")), '":"', x.imsi("device_json", x.p(0.3)), '"'),
             cat('"', x.c(("iccid", "ICCID", "iccId")), '":"', x.iccid("device_json", cn=x.p(0.7)), '"'),
             cat('"', x.key(["android", "id"], ("snake", "camel", "upper")), '":"', x.device("android_id", "device_json"), '"'),
             cat('"', x.c(("oaid", "OAID")), '":"', x.device("oaid", "device_json"), '"'),
             cat('"', x.key(x.c((["mac"], ["wifi", "mac"], ["mac", "address"]))), '":"',
                 x.mac("device_json", x.c(("colon_lc", "colon_uc", "bare12"))), '"'),
             cat('"', x.key(["bt", "mac"]), '":"', x.mac("device_json", "colon_uc"), '"'),
             cat('"', x.c(("os_version", "osVersion")), '":"', D("win_version", "10.0.%d.%d" % (x.n(19041, 22631), x.n(100, 4000))), '"'),
             cat('"', x.c(("mac", "macAddress")), '":"', D("mac_placeholder", "02:00:00:00:00:00"), '"')]
        x.g.shuffle(m)
        line = cat(spring_prefix(x, "INFO", "c.e.device.RegisterController"), "device register: {", join(",", m[:x.n(4, 8)]), "}")
    elif r < 0.85:
        line = cat(spring_prefix(x, "INFO", "c.e.device.IosRegister"), "idfa=", x.device("idfa", "device_kv"), " idfv=",
                   x.device("idfv", "device_kv"), " udid=", x.device("udid", "device_kv"), " icon=",
                   D("asset_name", "icon@%dx.png" % x.n(2, 3)))
    else:
        line = cat(spring_prefix(x, "INFO", "c.e.device.Push"), "X-Device-Id: ", x.device("device_id", "device_header"),
                   " deviceToken=", x.secret("device_push_token", "hex32"))
    return [Line("device_registry", line)]


@family("cpp_service", 2)
def f_cpp(x):
    x.tick()
    t = x.now
    pre = "E%s %s %5s " % (t.strftime("%m%d"), t.strftime("%H:%M:%S.") + "%06d" % t.microsecond, x.pid())
    r = x.g.random()
    if r < 0.4:
        line = cat(pre, "db.cc:%d] " % x.n(10, 900), D("cpp_name", "Db::Add"), " failed for user ",
                   x.phone("cpp_text", ("plain",)), " at ", D("clock_time", "%02d:%02d:%02d" % (x.n(0, 23), x.n(0, 59), x.n(0, 59))))
    elif r < 0.7:
        line = cat(pre, "cache.h:%d] evict " % x.n(10, 400), D("cpp_name", "std::map<Abc, Def>"), " size=",
                   str(x.n(1, 9999)), " peer=", x.ipv6("cpp_text"), " self=", D("loopback_ip", "::1"))
    else:
        line = cat(pre, "server.cc:%d] listening on " % x.n(10, 400), D("loopback_ip", "0.0.0.0"), ":8080, mask ",
                   D("netmask", "255.255.255.0"), ", client ", x.ipv4("cpp_text"), ":", x.port())
    return [Line("cpp_service", line)]


@family("sysinfo_dumps", 4)
def f_sysinfo(x):
    """ip addr / ip neigh / ifconfig (net-tools, old and new) / Windows ipconfig /all and arp -a,
    as support bundles and diagnostic uploads carry them."""
    x.tick()
    r = x.g.random()
    o = vv.mac_octets(x.g)
    ip = x.ip4("private")
    p = ip.split(".")
    bcast = "%s.%s.%s.255" % tuple(p[:3])
    out, eol = [], "\n"
    if r < 0.3:
        dev = x.c(("wlan0", "eth0", "ens33", "enp3s0"))
        if x.p(0.4):
            out.append(T("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000"))
            out.append(cat("    link/loopback ", D("mac_placeholder", "00:00:00:00:00:00"), " brd ",
                           D("mac_placeholder", "00:00:00:00:00:00")))
            out.append(cat("    inet ", D("loopback_ip", "127.0.0.1"), "/8 scope host lo"))
            out.append(cat("    inet6 ", D("loopback_ip", "::1"), "/128 scope host"))
        out.append(T("2: %s: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000" % dev))
        out.append(cat("    link/ether ", x.mac("ip_link", "colon_lc", o), " brd ", D("mac_broadcast", "ff:ff:ff:ff:ff:ff")))
        out.append(cat("    inet ", V("IPV4", "IPV4.plain.ip_addr_cidr", ip), "/24 brd ", D("broadcast_ip", bcast),
                       " scope global dynamic noprefixroute ", dev))
        out.append(cat("    inet6 ", x.ipv6("ip_addr_cidr", "global"), "/64 scope global dynamic mngtmpaddr"))
        out.append(cat("    inet6 ", x.ipv6("ip_addr_cidr", "linklocal"), "/64 scope link"))
    elif r < 0.45:
        gw = x.ip4("private")
        out.append(cat(V("IPV4", "IPV4.plain.ip_neigh", gw), " dev wlan0 lladdr ", x.mac("ip_neigh", "colon_lc"),
                       " ", x.c(("REACHABLE", "STALE", "DELAY"))))
        out.append(cat(x.ipv6("ip_neigh", "linklocal"), " dev wlan0 lladdr ", x.mac("ip_neigh", "colon_lc"), " router STALE"))
    elif r < 0.6:
        out.append(cat("eth0      Link encap:Ethernet  HWaddr ", x.mac("ifconfig_hwaddr", "colon_uc", o)))
        out.append(cat("          inet addr:", V("IPV4", "IPV4.plain.ifconfig_addr_glued", ip), "  Bcast:",
                       D("broadcast_ip", bcast), "  Mask:", D("netmask", "255.255.255.0")))
        out.append(cat("          inet6 addr: ", x.ipv6("ifconfig_addr", "linklocal"), "/64 Scope:Link"))
    elif r < 0.72:
        out.append(T("en0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500"))
        out.append(cat("\tether ", x.mac("ifconfig_ether", "colon_lc", o)))
        out.append(cat("\tinet6 ", x.ipv6("ifconfig_scoped", "zone", "zone"), " prefixlen 64 secured scopeid 0x6"))
        out.append(cat("\tinet ", V("IPV4", "IPV4.plain.ifconfig_inet", ip), " netmask 0xffffff00 broadcast ",
                       D("broadcast_ip", bcast)))
    elif r < 0.9:
        eol = "\r\n"
        out.append(T("Wireless LAN adapter Wi-Fi:"))
        out.append(T(""))
        out.append(cat("   Physical Address. . . . . . . . . : ", x.mac("ipconfig_all", "hyph_uc", o)))
        z = vv.ipv6(x.g, "linklocal")
        out.append(cat("   Link-local IPv6 Address . . . . . : ",
                       V("IPV6", "IPV6.zone.ipconfig_preferred", z + "%" + str(x.n(2, 24))), "(Preferred)"))
        out.append(cat("   IPv4 Address. . . . . . . . . . . : ", V("IPV4", "IPV4.plain.ipconfig_preferred", ip), "(Preferred)"))
        out.append(cat("   Subnet Mask . . . . . . . . . . . : ", D("netmask", "255.255.255.0")))
        out.append(cat("   DHCP Server . . . . . . . . . . . : ", x.ipv4("ipconfig_all", "private")))
    else:
        eol = "\r\n"
        out.append(cat("Interface: ", V("IPV4", "IPV4.plain.arp_a", ip), " --- 0x%x" % x.n(2, 30)))
        out.append(T("  Internet Address      Physical Address      Type"))
        out.append(cat("  ", x.ipv4("arp_a", "private"), "           ", x.mac("arp_a", "hyph_lc"), "     dynamic"))
        out.append(cat("  ", D("broadcast_ip", bcast), "         ", D("mac_broadcast", "ff-ff-ff-ff-ff-ff"), "     static"))
    return [Line("sysinfo_dumps", l, eol=eol) for l in out]


@family("pino_bunyan", 4)
def f_pino(x):
    """Node.js pino / bunyan JSON lines: "name" is the logger, "hostname" the host."""
    x.tick()
    hip = x.ip4("private")
    host = cat("ip-", V("IPV4", "IPV4.cloud_host.pino_hostname", hip.replace(".", "-"))) if x.p(0.5) else \
        T(x.c(SERVICES) + "-" + x.hexid(9) + "-" + x.hexid(5))
    if x.p(0.5):
        remote = x.ipv6("pino_remote_address", variant="v4mapped")
    else:
        remote = x.ipv4("pino_remote_address")
    user = []
    if x.p(0.6):
        user.append(cat('"name":"', x.name("pino_user_name", x.c(("cn", "latin"))), '"'))
    user.append(cat('"email":"', x.email("pino_user"), '"'))
    if x.p(0.5):
        user.append(cat('"phone":"', x.phone("pino_user", x.PH_JSON), '"'))
    line = cat('{"level":30,"time":', D("epoch_ms", x.epoch_ms()), ',"pid":', x.pid(), ',"hostname":"', host,
               '","name":"', D("software_name", x.c(SERVICES)), '","req":{"id":', str(x.n(1, 99999)),
               ',"method":"POST","url":"', x.c(PATHS), '","remoteAddress":"', remote, '","remotePort":', x.port(),
               '},"user":{', join(",", user), '},"msg":"request completed"}')
    return [Line("pino_bunyan", line)]


@family("syslog5424_logfmt", 4)
def f_5424(x):
    """RFC 5424 syslog with structured data (PARAM-VALUE quoted, \\" \\] escaped) and logfmt."""
    x.tick()
    if x.p(0.5):
        hip = x.ip4("private")
        sd = [cat('phone="', x.phone("rfc5424_sd_param", ("plain", "p86sp")), '"'),
              cat('ip="', x.ipv4("rfc5424_sd_param"), '"'),
              cat('sid="', x.secret("rfc5424_sd_param", "hex32"), '"')]
        if x.p(0.5):
            sd.append(cat('email="', x.email("rfc5424_sd_param"), '"'))
        line = cat("<134>1 ", x.f_iso(6), " ip-", V("IPV4", "IPV4.cloud_host.rfc5424_hostname", hip.replace(".", "-")),
                   " ", D("software_name", x.c(SERVICES)), " ", x.pid(), " LOGIN [meta@32473 ", join(" ", sd), "] login ok")
    else:
        items = [cat('msg="', x.c(("user bound phone", "kyc submitted", "address updated")), '"'),
                 cat(x.key(["user", "phone"], ("snake",)), "=", x.phone("logfmt", x.PH_TEXT[:8])),
                 cat("client_ip=", x.ipv4("logfmt")),
                 cat('name="', x.name("logfmt_quoted", "latin"), '"'),
                 cat('address="', x.address("logfmt_quoted", "cn", spaces=True), '"'),
                 cat("session=", x.secret("logfmt", "hex32")),
                 cat('caller=', x.c(("user.go:88", "bind.go:41")))]
        x.g.shuffle(items)
        line = cat("time=", x.f_iso(), " level=info ", join(" ", items[:x.n(4, 7)]))
    return [Line("syslog5424_logfmt", line)]


@family("proxy_vpn", 4)
def f_proxy(x):
    """HAProxy HTTP log, Squid native access.log, OpenVPN server log."""
    x.tick()
    r = x.g.random()
    if r < 0.4:
        t = x.now
        line = cat(x.f_syslog(), " lb haproxy[", x.pid(), "]: ", x.ipv4("haproxy_client"), ":", x.port(), " [",
                   "%02d/%s/%d:%s.%03d" % (t.day, MONTHS[t.month - 1], t.year, t.strftime("%H:%M:%S"), t.microsecond // 1000),
                   "] fe_https~ be_api/api%d %d/0/%d/%d/%d 200 %d - - ---- 12/12/3/1/0 0/0 {" % (
                       x.n(1, 4), x.n(0, 5), x.n(0, 3), x.n(1, 90), x.n(2, 99), x.n(100, 9000)),
                   x.c(HOSTS), "|", x.ipv4("haproxy_captured_xff"), '} "GET ', x.c(PATHS), "?",
                   query_params(x, "query", x.n(1, 2)), ' HTTP/1.1"')
    elif r < 0.7:
        line = cat(D("epoch_s", x.epoch_s()), ".%03d %6d " % (x.n(0, 999), x.n(1, 9000)), x.ipv4("squid_client", "private"),
                   " TCP_MISS/200 ", str(x.n(100, 90000)), " GET http://", x.c(HOSTS), x.c(PATHS), "?",
                   query_params(x, "query", 1), " - HIER_DIRECT/", x.ipv4("squid_hier_slash", "public"), " application/json")
    else:
        peer = x.ipv4("openvpn_peer", "public")
        if x.p(0.5):
            line = cat(x.f_syslog(), " vpn openvpn[", x.pid(), "]: ", x.c(("zhangwei", "ops01", "li.na")), "/", peer, ":",
                       x.port(), " MULTI_sva: pool returned IPv4=", x.ipv4("openvpn_glued_key", "private"),
                       ", IPv6=(Not enabled)")
        else:
            line = cat(x.f_syslog(), " vpn openvpn[", x.pid(), "]: ", peer, ":", x.port(), " [",
                       x.email("openvpn_cn"), "] Peer Connection Initiated with [AF_INET]",
                       x.ipv4("openvpn_af_inet_glued", "public"), ":", x.port())
    return [Line("proxy_vpn", line)]


@family("business_records", 5)
def f_business(x):
    """Order, waybill, ticket, patient, trip, enrolment and KYC records as services log them:
    person names under the many keys that end in name/address/phone (SPEC's suffix rule)."""
    x.tick()
    kind = x.c(("logistics", "travel", "hospital", "ride", "school", "kyc"))
    sp = x.c((":", ":", ": "))

    def m(k, frag):
        return cat('"', k, '"', sp, '"', frag, '"')
    if kind == "logistics":
        items = [m(x.key(["consignee", "name"]), x.name("business_json", "cn")),
                 m(x.key(["consignee", "phone"]), x.phone("business_json", x.PH_JSON)),
                 m(x.key(["consignee", "address"]), x.address("business_json")),
                 m(x.key(["sender", "name"]), x.name("business_json", "cn")),
                 m(x.key(["home", "addr"]), x.address("business_json")),
                 m("waybill_no", T("SF%d" % x.n(10 ** 11, 10 ** 12 - 1)))]
    elif kind == "travel":
        items = [m(x.key(["passenger", "name"]), x.name("business_json", x.c(("cn", "latin")))),
                 m(x.key(["passenger", "id", "no"]), x.cnid("business_json")),
                 m(x.key(["passenger", "mobile"]), x.phone("business_json", x.PH_JSON)),
                 m("flight_no", T(x.c(("CA", "MU", "CZ", "HU")) + str(x.n(1000, 9999))))]
    elif kind == "hospital":
        items = [m(x.key(["patient", "name"]), x.name("business_json", "cn")),
                 m(x.key(["patient", "id", "card"]), x.cnid("business_json")),
                 m(x.key(["guardian", "name"]), x.name("business_json", "cn")),
                 m(x.key(["guardian", "phone"]), x.phone("business_json", x.PH_JSON)),
                 m("dept", T(x.c(("儿科", "内科", "骨科"))))]
    elif kind == "ride":
        items = [m(x.key(["driver", "name"]), x.name("business_json", "cn")),
                 m(x.key(["driver", "phone"]), x.phone("business_json", x.PH_JSON)),
                 cat('"', x.key(["pickup", "lat"]), '"', sp, x.geo1("lat", "business_json")),
                 cat('"', x.key(["pickup", "lng"]), '"', sp, x.geo1("lng", "business_json")),
                 m(x.key(["passenger", "phone"]), x.phone("business_json", x.PH_JSON))]
    elif kind == "school":
        items = [m(x.key(["student", "name"]), x.name("business_json", "cn")),
                 m(x.key(["guardian", "name"]), x.name("business_json", "cn")),
                 m(x.key(["guardian", "mobile"]), x.phone("business_json", x.PH_JSON)),
                 m(x.key(["home", "address"]), x.address("business_json"))]
    else:
        items = [m(x.key(["legal", "person", "name"]), x.name("business_json", "cn")),
                 m(x.key(["legal", "person", "id", "no"]), x.cnid("business_json")),
                 m(x.key(["beneficiary", "name"]), x.name("business_json", x.c(("cn", "latin")))),
                 m(x.key(["beneficiary", "iban"]), x.bank("business_json", "iban")),
                 m(x.key(["cardholder", "name"]), x.name("business_json", x.c(("cn", "latin"))))]
    x.g.shuffle(items)
    line = cat(spring_prefix(x, "INFO", "c.e.%s.RecordService" % kind), kind, " record saved: {", join(",", items), "}")
    return [Line("business_records", line)]


import more  # noqa: E402,F401  (registers the "more" suite)


# ======================================================================== output

class Corpus:
    def __init__(self):
        self.chunks = []
        self.labels = []
        self.decoys = []
        self.families = []
        self.pos = 0

    def add(self, line):
        data, spans = line.render()
        for s in spans:
            if s[0] == "v":
                self.labels.append({"type": s[3], "offset": self.pos + s[1], "length": s[2], "form": s[4],
                                    "family": line.family, "_value": s[5], "_enc": line.enc})
            else:
                self.decoys.append({"category": s[3], "offset": self.pos + s[1], "length": s[2],
                                    "family": line.family, "_value": s[4]})
        eol = line.eol.encode()
        self.chunks.append(data + eol)
        self.families.append(line.family)
        self.pos += len(data) + len(eol)

    def data(self):
        return b"".join(self.chunks)


def generate(seed, nlines, suite="classic"):
    x = X(seed)
    fams = suite_families(suite)
    names = sorted(fams)
    weights = [fams[n][0] for n in names]
    corpus = Corpus()
    # every family at least once, in a fixed order, then by weight
    order = list(names)
    while len(corpus.families) < nlines:
        fam = order.pop(0) if order else x.g.choices(names, weights)[0]
        for line in fams[fam][1](x):
            corpus.add(line)
    return corpus


def strip(rec):
    return {k: v for k, v in rec.items() if not k.startswith("_")}


def write_outputs(corpus, out, labels, decoys, families):
    with open(out, "wb") as f:
        f.write(corpus.data())
    with open(labels, "w", encoding="utf-8") as f:
        for rec in corpus.labels:
            f.write(json.dumps(strip(rec), ensure_ascii=False) + "\n")
    with open(decoys, "w", encoding="utf-8") as f:
        for rec in corpus.decoys:
            f.write(json.dumps(strip(rec), ensure_ascii=False) + "\n")
    with open(families, "w", encoding="utf-8") as f:
        for fam in corpus.families:
            f.write(fam + "\n")


def summary(corpus):
    import collections
    by_t = collections.Counter(r["type"] for r in corpus.labels)
    by_c = collections.Counter(r["category"] for r in corpus.decoys)
    return ("%d lines, %d bytes, %d labels (%s), %d decoys (%s), %d families"
            % (len(corpus.families), corpus.pos, len(corpus.labels),
               " ".join("%s=%d" % kv for kv in sorted(by_t.items())), len(corpus.decoys),
               " ".join("%s=%d" % kv for kv in sorted(by_c.items())), len(set(corpus.families))))


# ======================================================================== self-check

SCAN_PATTERNS = (
    ("phone", re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")),
    ("digits13_19", re.compile(r"(?<![0-9])[0-9]{13,19}(?![0-9])")),
    ("id18", re.compile(r"(?<![0-9])[1-6][0-9]{16}[0-9Xx](?![0-9])")),
    ("ipv4", re.compile(r"(?<![0-9.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9])")),
    ("mac", re.compile(r"(?<![0-9A-Fa-f:-])(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}(?![0-9A-Fa-f])")),
    ("cisco_mac", re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{4}[.-][0-9A-Fa-f]{4}[.-][0-9A-Fa-f]{4}(?![0-9A-Fa-f])")),
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
)


def liberal_scan_hit_ok(kind, text):
    if kind == "digits13_19":
        return not (vv.luhn_ok(text) and vv.card_iin_ok(text)) and not (len(text) == 15 and vv.luhn_ok(text)
                                                                          and text[:2] in vv.REPORTING_BODIES)
    if kind == "id18":
        return not vv.v_cn_id(text)
    if kind == "ipv4":
        return not vv.ipv4_ok(text)
    if kind == "mac":
        return not vv.v_mac(text)
    return False


def self_check(nlines, suites=("classic", "more")):
    problems = []
    for suite in suites:
        problems += self_check_suite(nlines, suite)
    print("self-check: %s" % ("FAILED, %d problems" % len(problems) if problems else "ok"), file=sys.stderr)
    return 1 if problems else 0


def self_check_suite(nlines, suite):
    import bisect
    problems = []

    def fail(msg):
        problems.append(msg)
        if len(problems) < 60:
            print("self-check [%s]: %s" % (suite, msg), file=sys.stderr)

    a = generate(1, nlines, suite)
    b = generate(1, nlines, suite)
    c = generate(2, nlines, suite)
    if a.data() != b.data() or [strip(r) for r in a.labels] != [strip(r) for r in b.labels] \
            or [strip(r) for r in a.decoys] != [strip(r) for r in b.decoys]:
        fail("seed 1 twice gives different output")
    if a.data() == c.data():
        fail("seeds 1 and 2 give the same output")
    for corpus, seed in ((a, 1), (c, 2)):
        data = corpus.data()
        types = set()
        for rec in corpus.labels:
            raw = data[rec["offset"]:rec["offset"] + rec["length"]]
            try:
                txt = raw.decode(rec["_enc"])
            except UnicodeDecodeError:
                fail("seed %d: label at %d does not decode" % (seed, rec["offset"]))
                continue
            if txt != rec["_value"]:
                fail("seed %d: label at %d holds %r, not %r" % (seed, rec["offset"], txt, rec["_value"]))
            if not vv.VALIDATORS[rec["type"]](txt):
                fail("seed %d: %s label %r (%s) is not valid" % (seed, rec["type"], txt, rec["form"]))
            types.add(rec["type"])
            if rec["_enc"] == "gbk":
                before = data[rec["offset"] - 1:rec["offset"]]
                after = data[rec["offset"] + rec["length"]:rec["offset"] + rec["length"] + 1]
                if re.match(rb"[0-9A-Za-z]", before) or re.match(rb"[0-9A-Za-z]", after):
                    fail("seed %d: GBK byte glued to a value at %d" % (seed, rec["offset"]))
        missing = set(vv.VALIDATORS) - types
        if missing:
            fail("seed %d: types never generated: %s" % (seed, " ".join(sorted(missing))))
        fams = set(corpus.families)
        if fams != set(suite_families(suite)):
            fail("seed %d: families missing: %s" % (seed, set(suite_families(suite)) - fams))
        spans = sorted((r["offset"], r["offset"] + r["length"], "L") for r in corpus.labels)
        for (s1, e1, _), (s2, e2, _) in zip(spans, spans[1:]):
            if s2 < e1:
                fail("seed %d: labels overlap at %d and %d" % (seed, s1, s2))
        starts = [s[0] for s in spans]
        longest = max((e - s for s, e, _ in spans), default=0)

        def overlaps_label(off, end):
            i = bisect.bisect_left(starts, off - longest)
            while i < len(spans) and spans[i][0] < end:
                if spans[i][1] > off:
                    return True
                i += 1
            return False
        for d in corpus.decoys:
            if overlaps_label(d["offset"], d["offset"] + d["length"]):
                fail("seed %d: decoy %s at %d overlaps a label" % (seed, d["category"], d["offset"]))
        # liberal scan: a valid-looking value outside every label and decoy is an unlabelled value
        covered = sorted([(r["offset"], r["offset"] + r["length"]) for r in corpus.labels] +
                         [(r["offset"], r["offset"] + r["length"]) for r in corpus.decoys])
        cstarts = [s for s, _ in covered]
        clong = max((e - s for s, e in covered), default=0)

        def is_covered(off, end):
            i = bisect.bisect_left(cstarts, off - clong)
            while i < len(covered) and covered[i][0] < end:
                if covered[i][1] > off:
                    return True
                i += 1
            return False
        pos = 0
        for chunk, line_enc in zip(corpus.chunks, line_encodings(corpus)):
            text = chunk.decode(line_enc)
            for kind, rx in SCAN_PATTERNS:
                for m in rx.finditer(text):
                    if liberal_scan_hit_ok(kind, m.group(0)):
                        continue
                    off = pos + len(text[:m.start()].encode(line_enc))
                    end = off + len(m.group(0).encode(line_enc))
                    if not is_covered(off, end):
                        fail("seed %d: unlabelled %s %r in %s line at byte %d" % (
                            seed, kind, m.group(0), corpus_family_at(corpus, pos), off))
            pos += len(chunk)
    print("self-check [%s]: %s (seed 1: %s)" % (suite, "FAILED, %d problems" % len(problems) if problems else "ok",
                                                 summary(a)), file=sys.stderr)
    return problems


def line_encodings(corpus):
    encs = []
    # a line's encoding: the one its labels were written in, else utf-8 unless it does not decode
    for chunk in corpus.chunks:
        try:
            chunk.decode("utf-8")
            encs.append("utf-8")
        except UnicodeDecodeError:
            encs.append("gbk")
    return encs


def corpus_family_at(corpus, pos):
    p = 0
    for chunk, fam in zip(corpus.chunks, corpus.families):
        if p == pos:
            return fam
        p += len(chunk)
    return "?"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="corpus file to write")
    ap.add_argument("--labels", help="labels file (default OUT.labels)")
    ap.add_argument("--decoys", help="decoys file (default OUT.decoys)")
    ap.add_argument("--families", help="one family name per corpus line (default OUT.families)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lines", type=int, default=3400,
                    help="stop at the first record end at or past N lines (default 3400)")
    ap.add_argument("--suite", choices=("classic", "more", "all"), default="classic",
                    help="families: classic (the first 38, default), more (more.py) or all")
    ap.add_argument("--self-check", action="store_true",
                    help="check the generator and exit (the classic and more suites, or --suite if given)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.lines < 1:
        ap.error("--lines must be positive")
    try:
        if args.self_check:
            explicit = any(a == "--suite" or a.startswith("--suite=") for a in (argv or sys.argv[1:]))
            return self_check(args.lines, (args.suite,) if explicit else ("classic", "more"))
        if not args.out:
            ap.error("--out is required (or --self-check)")
        corpus = generate(args.seed, args.lines, args.suite)
        write_outputs(corpus, args.out, args.labels or args.out + ".labels", args.decoys or args.out + ".decoys",
                      args.families or args.out + ".families")
    except GenError as e:
        print("gen.py: generator error: %s" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print("gen.py: %s" % e, file=sys.stderr)
        return 2
    if not args.quiet:
        print("gen.py: " + summary(corpus), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
