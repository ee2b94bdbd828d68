"""more.py -- the "more" suite of bench/realistic/gen.py: families of systems the
first 38 did not cover (wireless controllers, OpenWrt, lease files, Android
dumpsys, Bluetooth, Windows Security events, journald, Kubernetes audit, cloud
audit trails, Suricata, Zeek, pfSense, FortiGate/Sophos, L2 switch tables, VPN
status, database and NoSQL logs, Java/Python/Go/Node application logs, SIP,
telecom CDRs and SMPP, Chinese payment SDKs, order and HR exports, iOS/macOS
diagnostics).

Written, like gen.py, from each format's own documentation (README.md names the
documents), never from scrub's rules.  Same conventions: a family takes the
generation context `x` and returns Line objects; labels cover the value only;
decoys are text SPEC or README promise to leave alone.

Forms SPEC does not promise (a MAC in a BlueZ D-Bus path, 12 bare hex digits in a
CSV column, a password after `-p`, a name under `customerNm`, ...) carry the
variant or context `beyond_` in their form, so they can be told apart in the
per-form table; README lists them.
"""

import values as vv
from gen import (BRANDS, HOSTS, LOGGERS, MONTHS, PATHS, SERVICES, SSIDS, THREADS, UAS_PLAIN,  # noqa: F401
                 D, Line, T, V, cat, family, jesc, join, logcat_prefix, pct, pct_str, spring_prefix)

LOGINS = ("zhangwei", "wangfang", "li.na", "liuyang", "chenjing", "zhao.lei", "zhou.jie", "xu.qiang",
          "sun.li", "huang.min")
ACCOUNTS = ("Administrator", "svc_backup", "admin", "deploy", "ci-runner", "sqlsvc", "Guest", "ANONYMOUS LOGON")
HOSTNAMES = ("DESKTOP-8F3K2L", "LAPTOP-Q7M2N1A", "WIN-R9H529RIO4Y", "FIN-PC-023", "DC01", "MacBook-Pro",
             "build-agent-07")
DEV_NAMES = ("Galaxy Buds2", "Mi Smart Band 7", "HUAWEI P40", "AirPods Pro", "Redmi Note 12", "JBL Flip 5",
             "Xiaomi Watch S1")
AP_NAMES = ("AP-2F-EAST", "AP-3F-0312", "ap-lobby-01", "AP-B1-MTG")
CARRIERS = ("中国移动", "中国联通", "中国电信")


# ------------------------------------------------------------------ helpers

def macs(x, n=1, local=False):
    return [vv.mac_octets(x.g, local) for _ in range(n)]


def mac_nolz(x, ctx, o=None):
    """BSD ether_ntoa(3): octets without leading zeros (0:1c:b3:9:85:15)."""
    o = list(o or vv.mac_octets(x.g))
    if not any(h.startswith("0") for h in o[3:]):
        i = x.n(3, 5)
        o[i] = "0" + o[i][1]
    s = ":".join(h[1:] if h.startswith("0") else h for h in o)
    return V("MAC", "MAC.colon_nolz.%s" % ctx, s)


def mac_dbus(x, ctx, o=None):
    o = o or vv.mac_octets(x.g)
    return V("MAC", "MAC.beyond_dbus_underscore.%s" % ctx, "_".join(o).upper())


def login(x, ctx):
    """An account login that is a person's name (pinyin), under a key ending in
    Name (User Name:, userName, TargetUserName, user_name, Account Name:)."""
    return V("NAME", "NAME.login.%s" % ctx, x.c(LOGINS))


def acct(x):
    return D("account_name", x.c(ACCOUNTS))


def hostd(x, name=None):
    return D("host_name", name or x.c(HOSTNAMES))


def devname(x):
    return D("device_name", x.c(DEV_NAMES))


def dashed_ip(x, ctx, kind="private"):
    return V("IPV4", "IPV4.cloud_host.%s" % ctx, x.ip4(kind).replace(".", "-"))


def epoch_us(x):
    return D("epoch_us", str(int(x.now.timestamp()) * 1000000 + x.now.microsecond))


def epoch_ns(x):
    return D("epoch_us", str(int(x.now.timestamp()) * 1000000000 + x.now.microsecond * 1000 + x.n(0, 999)))


def phone_counter(x):
    """A byte counter that happens to read as a mobile number, under a counter key."""
    return D("excl_counter", vv.mobile(x.g))


def cidr_net(x):
    r = x.g.random()
    if r < 0.4:
        return D("cidr_network", "192.168.%d.0/24" % x.n(0, 254))
    if r < 0.8:
        return D("cidr_network", "10.%d.%d.0/24" % (x.n(0, 254), x.n(0, 254)))
    return D("cidr_network", "172.%d.0.0/16" % x.n(16, 31))


def sid(x):
    return D("sid", "S-1-5-21-%d-%d-%d-%d" % (x.n(10 ** 9, 4 * 10 ** 9), x.n(10 ** 9, 4 * 10 ** 9),
                                              x.n(10 ** 9, 4 * 10 ** 9), x.n(1000, 99999)))


def u_escape(s):
    """Python json.dumps(ensure_ascii=True) / Jackson ESCAPE_NON_ASCII."""
    return "".join(c if ord(c) < 0x80 else "\\u%04x" % ord(c) for c in s)


def name_u(x, ctx, kind="cn"):
    """A CJK person name written as \\uXXXX escapes (the label covers the escapes)."""
    s = vv.cn_name(x.g) if kind == "cn" else x.c(vv.NICKNAMES)
    return V("NAME", "NAME.%s_uescaped.%s" % (kind, ctx), u_escape(s))


def addr_u(x, ctx):
    return V("ADDRESS", "ADDRESS.cn_uescaped.%s" % ctx, u_escape(vv.cn_address(x.g)))


def L(fam, frags_list, **kw):
    return [Line(fam, f, **kw) for f in frags_list]


def crlf(fam, frags_list, enc="utf-8"):
    return [Line(fam, f, enc=enc, eol="\r\n") for f in frags_list]


# ================================================================== wireless

@family("wifi_controller", 6, "more")
def f_wlc(x):
    """Cisco AireOS / Catalyst 9800 / IOS AP, Aruba, Huawei AC and UniFi AP syslog."""
    x.tick()
    F = "wifi_controller"
    t = x.now
    ms = t.microsecond // 1000
    sta, ap = macs(x, 2)
    ssid = x.c(SSIDS)
    vlan = x.n(2, 400)
    r = x.g.random()
    out = []
    if r < 0.17:
        mon = "%s %02d %s.%03d" % (MONTHS[t.month - 1], t.day, t.strftime("%H:%M:%S"), ms)
        user = login(x, "aireos_user_name_glued") if x.p(0.6) else x.email("aireos_user_name_glued")
        out.append(cat("*apfMsConnTask_%d: " % x.n(0, 7), mon, ": %APF-6-USER_NAME_CREATED: apf_policy.c:387 Username entry (",
                       x.email("aireos_username_paren"), ") created for ", x.mac("aireos_text", "colon_lc", sta)))
        out.append(cat("*apfReceiveTask: ", mon, ": %APF-3-AUTHENTICATION_TRAP: apf_80211.c:21442 Client Authenticated: MACAddress:",
                       x.mac("aireos_glued_key", "colon_lc", sta), " Base Radio MAC:", x.mac("aireos_glued_key", "colon_lc", ap),
                       " Slot:%d User Name:" % x.n(0, 1), user, " Ip Address:", x.ipv4("aireos_glued_key", "private"),
                       " SSID:", ssid))
    elif r < 0.34:
        pre = "%s.%03d: " % (x.f_syslog(), ms)
        out.append(cat(pre, "%CLIENT_ORCH_LOG-6-CLIENT_ADDED_TO_RUN_STATE: Chassis 1 R0/0: wncd: Username entry (",
                       x.email("c9800_username_paren"), ") joined with ssid (", ssid, ") for device with MAC: ",
                       x.mac("c9800_glued_key", "cisco", sta), " on channel (%d)" % x.c((1, 6, 11, 36, 149))))
        ipv = x.ipv6("c9800_sisf_glued", "linklocal") if x.p(0.3) else x.ipv4("c9800_sisf_glued", "private")
        out.append(cat(pre, "%SISF-6-ENTRY_CREATED: Chassis 1 R0/0: wncd: Entry created IP=", ipv,
                       " VLAN=%d MAC=" % vlan, x.mac("c9800_sisf_glued", "cisco", sta),
                       " I/F=capwap_%08x Preflevel=00FF" % x.n(0x90000000, 0x9fffffff)))
        if x.p(0.4):
            out.append(cat(pre, "%%DOT11-6-ASSOC: Interface Dot11Radio%d, Station   " % x.n(0, 1),
                           x.mac("ios_ap_dot11", "cisco", sta), " Associated KEY_MGMT[WPAv2 PSK]"))
    elif r < 0.5:
        ctrl = x.ipv4("aruba_syslog_host", "private")
        apname = x.c(AP_NAMES)
        pre = lambda prog, mid: cat(x.f_syslog(), " 2024 ", ctrl, " %s[%s]: <%d> " % (prog, x.pid(), mid))
        out.append(cat(pre("stm", 501095), "<NOTI> |stm| Assoc request: ",
                       x.mac("aruba_trailing_colon", "colon_lc", sta), ": AP ", x.ipv4("aruba_ap_triple", "private"), "-",
                       x.mac("aruba_ap_triple", "colon_lc", ap), "-", D("host_name", apname)))
        out.append(cat(pre("authmgr", 522035), "<INFO> |authmgr| MAC=", x.mac("aruba_kv", "colon_lc", sta),
                       " Station UP: BSSID=", x.mac("aruba_kv", "colon_lc", ap), " ESSID=", ssid,
                       " VLAN=%d AP-name=" % vlan, D("host_name", apname)))
        if x.p(0.6):
            out.append(cat(pre("authmgr", 522008), "<NOTI> |authmgr| User Authentication Successful: username=",
                           x.email("aruba_kv") if x.p(0.5) else T(x.c(LOGINS)), " MAC=", x.mac("aruba_kv", "colon_lc", sta),
                           " IP=", x.ipv4("aruba_kv", "private"), " role=employee VLAN=%d AP=" % vlan, D("host_name", apname),
                           " SSID=", ssid, " AAA profile=default-dot1x auth method=802.1x auth server=ClearPass"))
    elif r < 0.68:
        acname = "AC%d" % x.c((6605, 6508, 6805))
        out.append(cat(x.f_syslog()[:6], " 2024 ", x.f_syslog()[7:], " ", acname,
                       " %%01CM/5/USER_ACCESSRESULT(s):[WLAN_STA_INFO_AUTHENTICATION]ACMAC:",
                       x.mac("huawei_ac_glued_key", "huawei"), ";ACNAME:", D("host_name", acname), ";APMAC:",
                       x.mac("huawei_ac_glued_key", "huawei", ap), ";APNAME:", D("host_name", x.c(AP_NAMES)), ";USER:",
                       x.phone("huawei_ac_user", ("plain",)) if x.p(0.6) else x.email("huawei_ac_user"), ";MAC:",
                       x.mac("huawei_ac_glued_key", "huawei", sta), ";IPADDRESS:", x.ipv4("huawei_ac_glued_key", "private"),
                       ";TIME:", D("epoch_s", x.epoch_s()), ";ZONE:UTC+0800;DAYLIGHT:false;ERRCODE:0;RESULT:Success;",
                       "UclGroupName:-;UclGroupId:0;AUTHENPLACE:Local;"))
    elif r < 0.78:
        # Ruckus SmartZone event syslog: @@<code>,<event>,"key"="value",...
        lat, lng = vv.geo_china(x.g, 6)
        apname = x.c(AP_NAMES)
        out.append(cat(x.f_syslog(), " SZ-01 Core: @@204,clientJoin,\"apMac\"=\"", x.mac("ruckus_quoted_kv", "colon_lc", ap),
                       '","clientMac"="', x.mac("ruckus_quoted_kv", "colon_lc", sta), '","ssid"="', ssid, '","bssid"="',
                       x.mac("ruckus_quoted_kv", "colon_lc", ap[:5] + ["%02x" % ((int(ap[5], 16) + 8) % 256)]),
                       '","userId"="","wlanId"="%d","iface"="wlan%d","apName"="' % (x.n(1, 9), x.n(0, 9)), D("host_name", apname),
                       '","apGps"="', V("GEO", "GEO.pair_latlng.ruckus_apgps", lat + "," + lng), '","clientIP"="',
                       x.ipv4("ruckus_quoted_kv", "private"), '","userName"="', login(x, "ruckus_quoted_kv"),
                       '","vlanId"="%d","radio"="a/n/ac","encryption"="WPA2-AES","fwVersion"="' % vlan,
                       D("app_version", "5.2.2.0.%d" % x.n(100, 999)), '","model"="R610","zoneName"="', D("host_name", "HQ"),
                       '","apIpAddress"="', x.ipv4("ruckus_quoted_kv", "private"), '","domainName"="',
                       D("org_name", "Administration Domain"), '"'))
    elif r < 0.87:
        # formats a web gateway documents as accepted from WLAN controllers
        # (Ruckus ZoneDirector stamgr, Aerohive ah_auth, Meru station info)
        k = x.g.random()
        if k < 0.4:
            zd = vv.mac_octets(x.g)
            out.append(cat(x.f_syslog(), " stamgr: stamgr_send_log_v4():operation=add;seq=%d;sta_ip=" % x.n(1, 999),
                           x.ipv4("ruckus_zd_kv", "private"), ";sta_mac=", x.mac("ruckus_zd_kv", "colon_lc", sta), ";zd/ap=",
                           x.mac("ruckus_zd_slash_pair", "colon_lc", zd), "/", x.mac("ruckus_zd_slash_pair", "colon_lc", ap),
                           ";sta_ostype=", x.c(("iOS", "Android", "Windows")), ";sta_name=", login(x, "ruckus_zd_sta_name"),
                           ";stamgr_handle_remote_ipc"))
        elif k < 0.7:
            h = "".join(sta)
            ip = x.ip4("private")
            out.append(cat("INFO AUTH %d/%d/%d %d:%02d:%02d %s " % (t.month, t.day, t.year, (t.hour - 1) % 12 + 1, t.minute, t.second,
                                                                   "AM" if t.hour < 12 else "PM"),
                           V("IPV4", "IPV4.plain.aerohive_auth", ip), " ", V("IPV4", "IPV4.plain.aerohive_auth", ip),
                           " ah_auth: Station ", V("MAC", "MAC.beyond_colon4.aerohive_station", "%s:%s:%s" % (h[:4], h[4:8], h[8:])),
                           " ip ", x.ipv4("aerohive_auth", "private"), " username ",
                           x.email("aerohive_username") if x.p(0.5) else T(x.c(LOGINS)), " hostname ", hostd(x), " OS n/a"))
        else:
            out.append(cat("ALARM: ", D("epoch_s", x.epoch_s()), "l | system | info | ALR | Station Info Update : MAC-Address : ",
                           x.mac("meru_station_info", "colon_lc", sta), ", User-Name: ", login(x, "meru_user_name"),
                           ", AP-Id: %d, AP-Name: " % x.n(1, 99), D("host_name", x.c(AP_NAMES)), ", BSSID: ",
                           x.mac("meru_station_info", "colon_lc", ap), ", ESSID: ", ssid, ", IP-Type: discovered, IP-Address: ",
                           x.ipv4("meru_station_info", "private"), ", L2-Mode: 802.1x, L3-Mode: clear, Vlan-Name: None, Vlan-Tag: %d" % vlan))
    else:
        host, model = x.c((("U6-Pro-2F", "U6-Pro"), ("UAP-AC-Lite-Lobby", "UAP-AC-Lite"), ("U6-LR-3F", "U6-LR")))
        tag = lambda: cat(x.f_syslog(), " ", D("host_name", host), " ",
                          V("MAC", "MAC.bare12.beyond_unifi_syslog_tag", "".join(ap)), ",", model, "-6.5.62+14821: ")
        vap = x.c(("ath0", "ath2", "ra0", "rai0"))
        out.append(cat(tag(), "hostapd: ", vap, ": STA ", x.mac("unifi_hostapd", "colon_lc", sta), " IEEE 802.11: associated"))
        out.append(cat(tag(), "stahtd[", x.pid(), ']: [STA-TRACKER].stahtd_dump_event(): {"message_type":"STA_ASSOC_TRACKER","mac":"',
                       x.mac("unifi_stahtd_json", "colon_lc", sta), '","vap":"', vap,
                       '","event_type":"sta_roam","assoc_status":"0","event_id":"1","auth_ts":"%d.%06d",' % (x.n(1, 9999), x.n(0, 999999)),
                       '"wpa_auth_delay":"%d","dns_resp_seen":"yes","ip_delay":"%d","ip_assign_type":"roamed"}' % (x.n(1000, 90000), x.n(0, 5000))))
        if x.p(0.5):
            out.append(cat(tag(), "wevent[", x.pid(), "]: wevent.ubnt_custom_event(): EVENT_STA_LEAVE ", vap, ": ",
                           x.mac("unifi_wevent", "colon_lc", sta), " / %d" % x.n(1, 9)))
    return L(F, out)


@family("openwrt_wifi", 5, "more")
def f_openwrt(x):
    """OpenWrt logread (hostapd, dnsmasq), iw station dump / link, iwinfo assoclist,
    ubus hostapd get_clients, /proc/net/arp, uci show."""
    x.tick()
    F = "openwrt_wifi"
    sta, ap = macs(x, 2)
    ifn = x.c(("phy0-ap0", "phy1-ap0", "wlan0", "wlan1"))
    r = x.g.random()
    out = []
    if r < 0.3:
        pre = lambda lvl: "%s %s hostapd: %s: " % (x.f_ctime(), lvl, ifn)
        m = lambda: x.mac("openwrt_logread", "colon_lc", sta)
        out.append(cat(pre("daemon.info"), "STA ", m(), " IEEE 802.11: authenticated"))
        out.append(cat(pre("daemon.info"), "STA ", m(), " IEEE 802.11: associated (aid %d)" % x.n(1, 20)))
        out.append(cat(pre("daemon.notice"), "AP-STA-CONNECTED ", m(), " auth_alg=%s" % x.c(("sae", "open", "ft"))))
        out.append(cat(pre("daemon.info"), "STA ", m(), " RADIUS: starting accounting session ", D("hash", x.hexid(16, True))))
        if x.p(0.7):
            ip = x.ip4("private")
            host = x.device("dhcp_host", "openwrt_dnsmasq") if x.p(0.5) else T(x.c(("iPhone", "Redmi-Note-12", "DESKTOP-8F3K2L")))
            out.append(cat(x.f_ctime(), " daemon.info dnsmasq-dhcp[%s]: DHCPACK(br-lan) " % x.pid(),
                           V("IPV4", "IPV4.plain.openwrt_dnsmasq", ip), " ", x.mac("openwrt_dnsmasq", "colon_lc", sta), " ", host))
    elif r < 0.5:
        out.append(cat("Station ", x.mac("iw_station_dump", "colon_lc", sta), " (on ", ifn, ")"))
        out.append(T("\tinactive time:\t%d ms" % x.n(0, 9000)))
        out.append(cat("\trx bytes:\t", phone_counter(x) if x.p(0.4) else T(str(x.n(1000, 9 * 10 ** 8)))))
        out.append(T("\trx packets:\t%d" % x.n(100, 900000)))
        out.append(cat("\ttx bytes:\t", str(x.n(1000, 9 * 10 ** 8))))
        out.append(T("\tsignal:  \t-%d [-%d, -%d] dBm" % (x.n(40, 80), x.n(40, 80), x.n(40, 80))))
        out.append(T("\ttx bitrate:\t866.7 MBit/s VHT-MCS 9 80MHz short GI VHT-NSS 2"))
        out.append(T("\tconnected time:\t%d seconds" % x.n(10, 90000)))
        out.append(cat("\tassociated at:\t", D("epoch_ms", x.epoch_ms()), " ms"))
    elif r < 0.62:
        out.append(cat("Connected to ", x.mac("iw_link", "colon_lc", ap), " (on wlan0)"))
        out.append(cat("\tSSID: ", x.c(SSIDS)))
        out.append(T("\tfreq: %d" % x.c((2412, 2437, 5180, 5745))))
        out.append(T("\tRX: %d bytes (%d packets)" % (x.n(1000, 99999999), x.n(10, 99999))))
        out.append(T("\tsignal: -%d dBm" % x.n(40, 80)))
    elif r < 0.67:
        out.append(cat("bssid=", x.mac("wpa_cli_status", "colon_lc", ap)))
        out.append(T("freq=%d" % x.c((2412, 5180, 5745))))
        out.append(cat("ssid=", x.c(SSIDS)))
        out.append(T("id=0"))
        out.append(T("mode=station"))
        out.append(T("key_mgmt=WPA2-PSK"))
        out.append(T("wpa_state=COMPLETED"))
        out.append(cat("ip_address=", x.ipv4("wpa_cli_status", "private")))
        out.append(cat("p2p_device_address=", x.mac("wpa_cli_status", "colon_lc", vv.mac_octets(x.g, local=True))))
        out.append(cat("address=", x.mac("wpa_cli_status", "colon_lc", sta)))
        out.append(cat("uuid=", D("uuid", x.uuid())))
    elif r < 0.72:
        ev = x.c(("new station", "del station"))
        out.append(cat(D("epoch_s", "%s.%06d" % (x.epoch_s(), x.now.microsecond)), ": ", ifn, " (phy #%d): %s " % (x.n(0, 1), ev),
                       x.mac("iw_event", "colon_lc", sta)))
        out.append(cat(x.mac("iwinfo_assoclist", "colon_uc", sta), "  -%d dBm / -95 dBm (SNR %d)  %d ms ago" % (
            x.n(40, 80), x.n(10, 50), x.n(0, 9000))))
        out.append(T("\tRX: 866.7 MBit/s, VHT-MCS 9, 80MHz, VHT-NSS 2    %d Pkts." % x.n(10, 999999)))
        out.append(T("\tTX: 866.7 MBit/s, VHT-MCS 9, 80MHz, VHT-NSS 2    %d Pkts." % x.n(10, 999999)))
        out.append(T("\texpected throughput: %d.%d MBit/s" % (x.n(50, 900), x.n(0, 9))))
    elif r < 0.82:
        out.append(cat('{"freq":%d,"clients":{"' % x.c((2412, 5180)), x.mac("ubus_json_member_name", "colon_lc", sta),
                       '":{"auth":true,"assoc":true,"authorized":true,"preauth":false,"wds":false,"wmm":true,"ht":true,',
                       '"vht":true,"wps":false,"mfp":true,"rrm":[0,0,0,0,0],"aid":%d,"bytes":{"rx":%d,"tx":%d},' % (
                           x.n(1, 30), x.n(1000, 99999999), x.n(1000, 99999999)),
                       '"signal":-%d}}}' % x.n(40, 80)))
    elif r < 0.87:
        if x.p(0.4):
            out.append(T("IN-USE  BSSID              SSID              MODE   CHAN  RATE        SIGNAL  BARS  SECURITY"))
        out.append(cat("*       ", x.mac("nmcli_wifi_list", "colon_uc", ap), "  %-16s  Infra  %-4d  540 Mbit/s  %d      ▂▄▆_  WPA2" % (
            x.c(SSIDS), x.c((1, 6, 11, 36, 149)), x.n(30, 99))))
    elif r < 0.92:
        if x.p(0.4):
            out.append(T("IP address       HW type     Flags       HW address            Mask     Device"))
        out.append(cat(x.ipv4("proc_net_arp", "private"), "    0x1         0x2         ",
                       x.mac("proc_net_arp", "colon_lc", sta), "     *        br-lan"))
        if x.p(0.5):
            out.append(cat(x.ipv4("proc_net_arp", "private"), "    0x1         0x0         ",
                           D("mac_placeholder", "00:00:00:00:00:00"), "     *        br-lan"))
    else:
        out.append(cat("network.wan.macaddr='", x.mac("uci_show", "colon_uc", ap), "'"))
        out.append(cat("wireless.default_radio0.ssid='", x.c(SSIDS), "'"))
        out.append(cat("wireless.default_radio0.key='", V("SECRET", "SECRET.password.beyond_uci_wifi_key", vv.password(x.g)), "'"))
        if x.p(0.5):
            out.append(cat("wpa_passphrase=", V("SECRET", "SECRET.password.beyond_hostapd_conf_passphrase", vv.password(x.g))))
    return L(F, out)


def dhcpd_uid(mac_bytes):
    """dhcpd.leases writes a uid option as a quoted string, non-printables as \\ooo."""
    out = []
    for b in [1] + mac_bytes:
        if 0x20 <= b < 0x7F and chr(b) not in '"\\':
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return "".join(out)


@family("dhcp_leases", 4, "more")
def f_leases(x):
    """ISC dhcpd.leases(5), dnsmasq lease file, Kea memfile CSV, Windows DHCP server audit log."""
    x.tick()
    F = "dhcp_leases"
    o = vv.mac_octets(x.g)
    ip = x.ip4("private")
    r = x.g.random()
    if r < 0.35:
        t0 = x.now.astimezone(__import__("datetime").timezone.utc)
        t1 = t0 + __import__("datetime").timedelta(hours=12)
        day = lambda t: "%d %s" % ((t.weekday() + 1) % 7, t.strftime("%Y/%m/%d %H:%M:%S"))
        out = [cat("lease ", V("IPV4", "IPV4.plain.dhcpd_leases", ip), " {"),
               T("  starts %s;" % day(t0)), T("  ends %s;" % day(t1)), T("  cltt %s;" % day(t0)),
               T("  binding state active;"), T("  next binding state free;"), T("  rewind binding state free;"),
               cat("  hardware ethernet ", x.mac("dhcpd_leases", "colon_lc", o), ";"),
               T('  uid "%s";' % dhcpd_uid([int(h, 16) for h in o]))]
        if x.p(0.5):
            out.append(T('  set vendor-class-identifier = "android-dhcp-%d";' % x.n(10, 14)))
            out.append(cat('  client-hostname "', x.device("dhcp_host", "dhcpd_leases"), '";'))
        else:
            out.append(T('  client-hostname "%s";' % x.c(("iPhone", "DESKTOP-8F3K2L", "MacBook-Pro", "Redmi-Note-12"))))
        out.append(T("}"))
        return L(F, out)
    if r < 0.6:
        exp = str(int(x.epoch_s()) + 43200)
        host = x.device("dhcp_host", "dnsmasq_leases") if x.p(0.5) else T(x.c(("*", "iPhone", "MacBook-Pro")))
        out = [cat(D("epoch_s", exp), " ", x.mac("dnsmasq_leases", "colon_lc", o), " ", V("IPV4", "IPV4.plain.dnsmasq_leases", ip),
                   " ", host, " 01:", x.mac("dnsmasq_leases_clientid01", "colon_lc", o))]
        if x.p(0.5):
            duid = "00:01:00:01:" + ":".join("%02x" % x.n(0, 255) for _ in range(4)) + ":" + ":".join(o)
            out.insert(0, cat("duid ", D("duid", duid)))
            out.append(cat(D("epoch_s", exp), " %d " % x.n(10 ** 8, 10 ** 9 - 1), x.ipv6("dnsmasq_leases", "global"),
                           " * ", D("duid", duid)))
        return L(F, out)
    if r < 0.8:
        out = []
        if x.p(0.3):
            out.append(T("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context,pool_id"))
        host = x.device("dhcp_host", "kea_csv") if x.p(0.5) else T("")
        out.append(cat(V("IPV4", "IPV4.plain.kea_csv", ip), ",", x.mac("kea_csv", "colon_lc", o), ",01:",
                       x.mac("kea_csv_clientid01", "colon_lc", o), ",4000,", D("epoch_s", str(int(x.epoch_s()) + 4000)),
                       ",1,0,0,", host, ",0,,0"))
        return L(F, out)
    out = []
    if x.p(0.3):
        out.append(T("ID,Date,Time,Description,IP Address,Host Name,MAC Address,User Name, TransactionID, QResult,"
                     "Probationtime, CorrelationID,Dhcid,VendorClass(Hex),VendorClass(ASCII),UserClass(Hex),"
                     "UserClass(ASCII),RelayAgentInformation,DnsRegError."))
    t = x.now
    out.append(cat("10,", t.strftime("%m/%d/%y"), ",", t.strftime("%H:%M:%S"), ",Assign,", V("IPV4", "IPV4.plain.windows_dhcp_csv", ip),
                   ",", D("host_name", x.c(HOSTNAMES)), ".corp.example.com,",
                   V("MAC", "MAC.bare12.beyond_windows_dhcp_csv", "".join(o).upper()),
                   ",,%d,0,,,,0x4D53465420352E30,MSFT 5.0,,,,0" % x.n(10 ** 8, 2 * 10 ** 9)))
    return crlf(F, out)


# ================================================================== Android, Bluetooth

def dumpsys_header(name):
    return T("DUMP OF SERVICE %s:" % name)


@family("android_dumpsys", 6, "more")
def f_dumpsys(x):
    """adb shell dumpsys wifi / iphonesubinfo / telephony.registry / isub / location /
    connectivity, and GnssLocationProvider in logcat."""
    x.tick()
    F = "android_dumpsys"
    r = x.g.random()
    out = []
    if r < 0.15:
        out.append(T("Latest scan results:"))
        out.append(T("    BSSID              Frequency      RSSI           Age(sec)     SSID                                 Flags"))
        for _ in range(x.n(1, 3)):
            out.append(cat("  ", x.mac("dumpsys_wifi_scan", "colon_lc"), "       %d        -%d       %d.%03d  %-36s %s" % (
                x.c((2412, 2437, 5180, 5745)), x.n(40, 90), x.n(0, 99), x.n(0, 999), x.c(SSIDS),
                x.c(("[WPA2-PSK-CCMP][RSN-PSK-CCMP][ESS]", "[RSN-SAE-CCMP][ESS][MFPR][MFPC]", "[ESS]")))))
    elif r < 0.2:
        # WifiNetworkSelector localLog in dumpsys wifi: "<SSID>:<BSSID>(<band>)<level> / ..."
        items = []
        for _ in range(x.n(1, 3)):
            ssid = x.c(SSIDS)
            ctx = "wifi_selector_ssid_hex_tail" if ssid[-1] in "0123456789abcdefABCDEF" else "wifi_selector_ssid_glued"
            items.append(cat(ssid, ":", x.mac(ctx, "colon_lc"), "(%s)-%d / " % (x.c(("2.4GHz", "5GHz")), x.n(80, 95))))
        out.append(cat(x.now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (x.now.microsecond // 1000),
                       " - Networks filtered out due to low signal strength: ", *items))
    elif r < 0.27:
        out.append(T(' ID: %d SSID: "%s" PROVIDER-NAME: null BSSID: null FQDN: null HOME-PROVIDER-NETWORK: false PRIO: 0 '
                     'HIDDEN: false PMF: false CarrierId: -1 SubscriptionId: -1' % (x.n(0, 20), x.c(SSIDS))))
        out.append(cat(" mRandomizedMacAddress: ", x.mac("dumpsys_wificonfig", "colon_lc", vv.mac_octets(x.g, local=True))))
        out.append(T(" macRandomizationSetting: %d" % x.n(0, 2)))
        out.append(cat(" randomizedMacExpirationTimeMs: ", D("epoch_ms", str(int(x.epoch_ms()) + 86400000))))
    elif r < 0.4:
        out.append(dumpsys_header("iphonesubinfo"))
        out.append(T("Phone Subscriber Info:"))
        if x.p(0.7):
            out.append(T("  Phone Type = GSM"))
            out.append(cat("  Device ID = ", x.imei("dumpsys_device_id_key", "plain")))
        else:
            out.append(T("  Phone Type = CDMA"))
            out.append(cat("  Device ID = ", x.meid("dumpsys_device_id_key")))
    elif r < 0.55:
        out.append(T("  Phone Id=0"))
        out.append(T("  mCallState=1"))
        out.append(cat("  mCallIncomingNumber=", x.phone("telephony_registry", ("plain", "p86", "plain"))))
        out.append(cat("  mServiceState={mVoiceRegState=0(IN_SERVICE), mDataRegState=0(IN_SERVICE), mChannelNumber=1300, ",
                       "mOperatorAlphaLong=CHINA MOBILE, mOperatorAlphaShort=CMCC, isManualNetworkSelection=false(automatic), ",
                       "mCellIdentity=CellIdentityLte:{ mCi=%d mPci=%d mTac=%d mEarfcn=1300 mBands=[3] mBandwidth=20000 " % (
                           x.n(10 ** 7, 2 ** 28 - 1), x.n(0, 503), x.n(1, 65535)),
                       "mMcc=460 mMnc=00 mAlphaLong=CHINA MOBILE mAlphaShort=CMCC mAdditionalPlmns={} mCsgInfo=null}}"))
    elif r < 0.68:
        ic = x.iccid("dumpsys_isub")
        icv = ic[0][1]
        out.append(cat(" {id=1 iccId=", ic, " simSlotIndex=0 carrierId=1435 displayName=", D("org_name", x.c(CARRIERS)),
                       " carrierName=", D("org_name", x.c(CARRIERS)), " nameSource=4 iconTint=-13408298 number=",
                       x.phone("dumpsys_isub", ("p86", "plain")), " dataRoaming=0 iconBitmap=android.graphics.Bitmap@%x " % x.n(0x100000, 0xffffff),
                       "mcc=460 mnc=00 countryIso=cn isEmbedded=false nativeAccessRules=null cardString=",
                       V("ICCID", ic[0][3], icv), " cardId=0 isOpportunistic=false groupUUID=null profileClass=-1 subscriptionType=0}"))
    elif r < 0.8:
        out.append(T("  Last Known Locations:"))
        lat, lng = vv.geo_china(x.g, 6)
        out.append(cat("    fused: Location[fused ", V("GEO", "GEO.pair_latlng.dumpsys_location", lat + "," + lng),
                       " hAcc=%.1f et=+%dd%dh%dm%ds%dms alt=%.1f vel=0.0 {Bundle[{}]}]" % (
                           x.g.random() * 30, x.n(0, 9), x.n(0, 23), x.n(0, 59), x.n(0, 59), x.n(0, 999), x.g.random() * 90)))
        if x.p(0.6):
            lat, lng = vv.geo_china(x.g, 6)
            out.append(cat("    gps: Location[gps ", V("GEO", "GEO.pair_latlng.dumpsys_location", lat + "," + lng),
                           " hAcc=%.1f et=+%dd%dh%dm%ds%dms alt=%.1f vel=0.3 bear=%.1f vAcc=3.0 sAcc=0.5 bAcc=10.0]" % (
                               x.g.random() * 10, x.n(0, 9), x.n(0, 23), x.n(0, 59), x.n(0, 59), x.n(0, 999),
                               x.g.random() * 90, x.g.random() * 360)))
    elif r < 0.9:
        gw = x.ip4("private")
        out.append(cat("  NetworkAgentInfo{network{%d} ni{WIFI CONNECTED extra: } lp{{InterfaceName: wlan0 LinkAddresses: [ " % x.n(100, 999),
                       x.ipv6("dumpsys_connectivity_lp", "linklocal"), "/64,", x.ipv4("dumpsys_connectivity_lp", "private"), "/24,",
                       x.ipv6("dumpsys_connectivity_lp", "global"), "/64 ] DnsAddresses: [ /", V("IPV4", "IPV4.plain.dumpsys_connectivity_lp", gw),
                       " ] Domains: null MTU: 0 Routes: [ ", D("cidr_network", "fe80::/64"), " -> :: wlan0 mtu 0,::/0 -> ",
                       x.ipv6("dumpsys_connectivity_route", "linklocal"), " wlan0 mtu 0,", cidr_net(x), " -> ",
                       D("loopback_ip", "0.0.0.0"), " wlan0 mtu 0,0.0.0.0/0 -> ", V("IPV4", "IPV4.plain.dumpsys_connectivity_lp", gw),
                       " wlan0 mtu 0 ]}}}"))
    else:
        out.append(cat(logcat_prefix(x, "V", "GnssLocationProvider"), "reportLocation lat: ",
                       x.geo1("lat", "gnss_reportlocation", 6), " long: ",
                       V("GEO", "GEO.lng.gnss_long_key", vv.geo_china(x.g, 6)[1]), " timestamp: ", D("epoch_ms", x.epoch_ms())))
    return L(F, out)


@family("bluetooth", 5, "more")
def f_bt(x):
    """bluetoothd (BlueZ) syslog, bluetoothctl, btmon, hcitool/hciconfig; Android
    Bluetooth logcat and dumpsys bluetooth_manager."""
    x.tick()
    F = "bluetooth"
    o = vv.mac_octets(x.g)
    r = x.g.random()
    out = []
    pre = "%s laptop bluetoothd[%s]: " % (x.f_syslog(), x.pid())
    if r < 0.16:
        out.append(cat(pre, "/org/bluez/hci0/dev_", mac_dbus(x, "bluez_path", o), "/fd%d: fd(%d) ready" % (x.n(0, 9), x.n(20, 60))))
        out.append(cat(pre, "profiles/input/device.c:control_connect_cb() connect to ", x.mac("bluetoothd", "colon_uc", o),
                       ": Connection refused (111)"))
        if x.p(0.5):
            out.append(cat(pre, "src/profile.c:ext_connect() Hands-Free Voice gateway failed connect to ",
                           x.mac("bluetoothd", "colon_uc", o), ": Connection refused (111)"))
    elif r < 0.3:
        ctrl = vv.mac_octets(x.g)
        out.append(cat("Controller ", x.mac("bluetoothctl", "colon_uc", ctrl), " laptop [default]"))
        out.append(cat("[NEW] Device ", x.mac("bluetoothctl", "colon_uc", o), " ", devname(x)))
        out.append(cat("[CHG] Device ", x.mac("bluetoothctl", "colon_uc", o), " RSSI: -%d" % x.n(40, 90)))
        if x.p(0.6):
            ro = vv.mac_octets(x.g, local=True)
            out.append(cat("[NEW] Device ", x.mac("bluetoothctl", "colon_uc", ro), " ", x.mac("bluetoothctl_alias", "hyph_uc", ro)))
    elif r < 0.45:
        ts = D("clock_time", x.now.strftime("%H:%M:%S.") + "%06d" % x.now.microsecond)
        out.append(cat("> HCI Event: LE Meta Event (0x3e) plen %d                                  #%d [hci0] " % (x.n(20, 43), x.n(1, 999)), ts))
        out.append(T("      LE Advertising Report (0x02)"))
        out.append(T("        Num reports: 1"))
        out.append(T("        Event type: Connectable undirected - ADV_IND (0x00)"))
        if x.p(0.5):
            out.append(T("        Address type: Public (0x00)"))
            out.append(cat("        Address: ", x.mac("btmon", "colon_uc", o), " (OUI ", D("mac_oui", "-".join(o[:3]).upper()), ")"))
        else:
            ro = vv.mac_octets(x.g, local=True)
            out.append(T("        Address type: Random (0x01)"))
            out.append(cat("        Address: ", x.mac("btmon", "colon_uc", ro), " (Resolvable)"))
        out.append(T("        Data length: %d" % x.n(3, 31)))
        out.append(cat("        Name (complete): ", devname(x)))
        out.append(T("        RSSI: -%d dBm (0x%02x)" % (x.n(40, 90), x.n(0xa0, 0xd0))))
    elif r < 0.55:
        ts = D("clock_time", x.now.strftime("%H:%M:%S.") + "%06d" % x.now.microsecond)
        out.append(cat("> HCI Event: LE Meta Event (0x3e) plen 19                                  #%d [hci0] " % x.n(1, 999), ts))
        out.append(T("      LE Connection Complete (0x01)"))
        out.append(T("        Status: Success (0x00)"))
        out.append(T("        Handle: %d" % x.n(1, 3000)))
        out.append(T("        Role: Master (0x00)"))
        out.append(T("        Peer address type: Public (0x00)"))
        out.append(cat("        Peer address: ", x.mac("btmon_peer", "colon_uc", o), " (Texas Instruments)"))
        out.append(T("        Connection interval: 70.00 msec (0x0038)"))
    elif r < 0.78:
        k = x.g.random()
        if k < 0.3:
            out.append(cat(logcat_prefix(x, "I", "BluetoothBondStateMachine"), "Bond State Change Intent:",
                           x.mac("android_bt_glued_key", "colon_uc", o), " OldState: 10 NewState: %d" % x.c((11, 12))))
        elif k < 0.55:
            out.append(cat(logcat_prefix(x, "D", "BtGatt.GattService"), "onConnected() - clientIf=%d, connId=%d, address=" % (
                x.n(1, 20), x.n(1, 20)), x.mac("android_bt_kv", "colon_uc", o)))
        elif k < 0.8:
            out.append(cat(logcat_prefix(x, "I", "A2dpStateMachine"), "Disconnected process message(",
                           x.mac("android_bt_paren", "colon_uc", o), "): CONNECT"))
        else:
            tail = o[4:]
            out.append(cat(logcat_prefix(x, "I", "BluetoothAdapter"), "getRemoteDevice: ",
                           D("mac_anonymized", "XX:XX:XX:XX:" + ":".join(tail).upper())))
            out.append(cat(logcat_prefix(x, "I", "bluetooth"), "packages/modules/Bluetooth/system/gd/hci/acl_manager.cc:%d "
                                                                "on_connection_complete: address:" % x.n(100, 900),
                           D("mac_anonymized", "xx:xx:xx:xx:" + ":".join(tail))))
    elif r < 0.9:
        out.append(dumpsys_header("bluetooth_manager"))
        out.append(T("Bluetooth Status"))
        out.append(T("  enabled: true"))
        out.append(T("  state: ON"))
        out.append(cat("  address: ", x.mac("dumpsys_bt_manager", "colon_uc")))
        out.append(cat("  name: ", devname(x)))
        out.append(T("Bonded devices:"))
        out.append(cat("  ", x.mac("dumpsys_bt_bonded", "colon_uc", o), " [ DUAL ] ", devname(x)))
    else:
        if x.p(0.5):
            out.append(T("Scanning ..."))
            out.append(cat("\t", x.mac("hcitool_scan", "colon_uc", o), "\t", devname(x)))
        else:
            out.append(T("hci0:\tType: Primary  Bus: USB"))
            out.append(cat("\tBD Address: ", x.mac("hciconfig", "colon_uc", o), "  ACL MTU: 310:10  SCO MTU: 64:8"))
            out.append(T("\tUP RUNNING "))
            out.append(T("\tRX bytes:%d acl:0 sco:0 events:%d errors:0" % (x.n(100, 99999), x.n(10, 9999))))
    return L(F, out)


# ================================================================== Windows, journald

WIN_4624 = ("An account was successfully logged on.", "4624", "Audit Success")
WIN_4625 = ("An account failed to log on.", "4625", "Audit Failure")


def win_src_ip(x, ctx):
    r = x.g.random()
    if r < 0.6:
        return x.ipv4(ctx)
    if r < 0.72:
        return x.ipv6(ctx, variant="v4mapped")
    if r < 0.82:
        return x.ipv6(ctx, "global")
    if r < 0.92:
        return D("loopback_ip", "127.0.0.1")
    return D("loopback_ip", "::1")


@family("windows_security", 5, "more")
def f_winsec(x):
    """Windows Security log 4624/4625/4648: Event Viewer text (CRLF), XML (wevtutil),
    NXLog JSON (Message with \\r\\n\\t escapes), Chinese text in GBK."""
    x.tick()
    F = "windows_security"
    fail = x.p(0.35)
    what, eid, kw = WIN_4625 if fail else WIN_4624
    computer = "DC01.corp.example.com"
    ws = hostd(x)
    r = x.g.random()
    t = x.now
    user = acct(x) if fail and x.p(0.6) else login(x, "win_account_name")
    if r < 0.35:
        src = win_src_ip(x, "win_text_source_address")
        out = [cat("Log Name:      ", D("software_name", "Security")), T("Source:        Microsoft-Windows-Security-Auditing"),
               T("Date:          %d/%d/%d %d:%02d:%02d" % (t.year, t.month, t.day, t.hour, t.minute, t.second)),
               T("Event ID:      %s" % eid), T("Task Category: Logon"), T("Level:         Information"),
               T("Keywords:      %s" % kw), T("User:          N/A"), T("Computer:      %s" % computer), T("Description:"),
               T(what), T(""), T("Subject:"), cat("\tSecurity ID:\t\t", D("sid", "S-1-0-0")), T("\tAccount Name:\t\t-"),
               T("\tAccount Domain:\t\t-"), T("\tLogon ID:\t\t0x0"), T(""), T("Logon Type:\t\t\t3"), T(""),
               T("Account For Which Logon Failed:" if fail else "New Logon:"), cat("\tSecurity ID:\t\t", sid(x)),
               cat("\tAccount Name:\t\t", user), T("\tAccount Domain:\t\tCORP")]
        if fail:
            out += [T(""), T("Failure Information:"), T("\tFailure Reason:\t\tUnknown user name or bad password."),
                    T("\tStatus:\t\t\t0xC000006D"), T("\tSub Status:\t\t0xC000006A")]
        else:
            out += [T("\tLogon ID:\t\t0x%X" % x.n(0x100000, 0xfffffffff)),
                    cat("\tLogon GUID:\t\t{", D("uuid", x.uuid()), "}")]
        out += [T(""), T("Network Information:"), cat("\tWorkstation Name:\t", ws), cat("\tSource Network Address:\t", src),
                T("\tSource Port:\t\t%s" % x.port()), T(""), T("Detailed Authentication Information:"),
                T("\tLogon Process:\t\tNtLmSsp "), T("\tAuthentication Package:\tNTLM"), T("\tKey Length:\t\t128"), T("")]
        return crlf(F, out)
    if r < 0.6:
        def d(name, val):
            return cat("<Data Name='", D("xml_name_attr", name), "'>", val, "</Data>")
        src = win_src_ip(x, "win_xml_ipaddress")
        line = cat("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='",
                   D("software_name", "Microsoft-Windows-Security-Auditing"),
                   "' Guid='{", D("uuid", "54849625-5478-4994-a5ba-3e3b0328c30d"), "}'/><EventID>", eid, "</EventID><Version>2</Version>",
                   "<Level>0</Level><Task>12544</Task><Opcode>0</Opcode><Keywords>0x80%s000000000000</Keywords>" % ("1" if fail else "2"),
                   "<TimeCreated SystemTime='", x.f_isoz(6), "'/><EventRecordID>", x.safe_digits(9),
                   "</EventRecordID><Execution ProcessID='%d' ThreadID='%d'/><Channel>Security</Channel><Computer>" % (
                       x.n(400, 900), x.n(1000, 9000)), computer, "</Computer><Security/></System><EventData>",
                   d("SubjectUserSid", D("sid", "S-1-5-18")), d("SubjectUserName", D("account_name", "WIN-R9H529RIO4Y$")),
                   d("TargetUserSid", sid(x)), d("TargetUserName", user), d("TargetDomainName", T("CORP")),
                   d("LogonType", T("3")), d("LogonProcessName", T("NtLmSsp ")), d("AuthenticationPackageName", T("NTLM")),
                   d("WorkstationName", ws), d("IpAddress", src), d("IpPort", T(x.port())), "</EventData></Event>")
        return L(F, [line])
    if r < 0.82:
        src = win_src_ip(x, "nxlog_json")
        msg = cat(what, "\\r\\n\\r\\nSubject:\\r\\n\\tSecurity ID:\\t\\tS-1-0-0\\r\\n\\tAccount Name:\\t\\t-\\r\\n\\r\\n",
                  "New Logon:\\r\\n\\tSecurity ID:\\t\\t", sid(x), "\\r\\n\\tAccount Name:\\t\\t", user,
                  "\\r\\n\\tAccount Domain:\\t\\tCORP\\r\\n\\r\\nNetwork Information:\\r\\n\\tWorkstation Name:\\t", ws,
                  "\\r\\n\\tSource Network Address:\\t", src, "\\r\\n\\tSource Port:\\t\\t", x.port(), "\\r\\n")
        if user[0][0] == "v":
            user2 = V("NAME", "NAME.login.nxlog_json_member", user[0][1])
        else:
            user2 = D("account_name", user[0][1])
        line = cat('{"EventTime":"', t.strftime("%Y-%m-%d %H:%M:%S"), '","Hostname":"', D("host_name", computer),
                   '","Keywords":-92143648376000348%02d,"EventType":"AUDIT_%s","SeverityValue":2,"Severity":"INFO","EventID":%s,' % (
                       16 if not fail else 15, "FAILURE" if fail else "SUCCESS", eid),
                   '"SourceName":"', D("software_name", "Microsoft-Windows-Security-Auditing"), '","RecordNumber":', x.safe_digits(9),
                   ',"Channel":"Security","Message":"', msg, '","TargetUserName":"', user2,
                   '","WorkstationName":"', hostd(x), '","IpAddress":"', win_src_ip(x, "nxlog_json_member"),
                   '","IpPort":"', x.port(), '","SourceModuleName":"eventlog","SourceModuleType":"im_msvistalog"}')
        return L(F, [line])
    src = x.ipv4("win_gbk_text")
    out = [T("日志名称:      Security"), T("来源:          Microsoft-Windows-Security-Auditing"),
           T("日期:          %d/%d/%d %d:%02d:%02d" % (t.year, t.month, t.day, t.hour, t.minute, t.second)),
           T("事件 ID:       %s" % eid), T("描述:"), T("帐户登录失败。" if fail else "已成功登录帐户。"), T(""),
           T("登录失败的帐户:" if fail else "新登录:"), cat("\t安全 ID:\t\t", sid(x)),
           T("\t帐户名称:\t\t%s" % x.c(ACCOUNTS[:5])), T("\t帐户域:\t\tCORP"), T(""), T("网络信息:"),
           cat("\t工作站名称:\t", hostd(x)), cat("\t源网络地址:\t", src), T("\t源端口:\t\t%s" % x.port()), T("")]
    return crlf(F, out, enc="gbk")


@family("journald_json", 5, "more")
def f_journald(x):
    """journalctl -o json (one object per line) and -o export (KEY=value records)."""
    x.tick()
    F = "journald_json"
    r = x.g.random()
    boot, machine = x.hexid(32), x.hexid(32)
    if r < 0.2 and x.p(0.3):
        ident, comm, unit = "sshd", "sshd", "ssh.service"
        ip = x.ip4("public")
        msg = cat("reverse mapping checking getaddrinfo for ec2-", V("IPV4", "IPV4.cloud_host.sshd_ec2_public_dns", ip.replace(".", "-")),
                  ".", x.c(("compute-1", "ap-northeast-1.compute")), ".amazonaws.com [", V("IPV4", "IPV4.plain.sshd_bracket", ip),
                  "] failed - POSSIBLE BREAK-IN ATTEMPT!")
    elif r < 0.2:
        ident, comm, unit = "sshd", "sshd", "ssh.service"
        msg = cat("Accepted ", x.c(("password", "publickey")), " for ", x.c(("ops", "deploy", "root")), " from ",
                  x.ipv4("journald_message") if x.p(0.8) else x.ipv6("journald_message"), " port ", x.port(), " ssh2")
    elif r < 0.38:
        ident, comm, unit = "NetworkManager", "NetworkManager", "NetworkManager.service"
        msg = cat("<info>  [", D("epoch_s", x.epoch_s()), ".%04d] dhcp4 (wlp2s0): state changed new lease, address=" % x.n(0, 9999),
                  x.ipv4("journald_nm_glued", "private"))
    elif r < 0.5:
        ident, comm, unit = "kernel", "kernel", None
        msg = cat("wlp2s0: ", x.c(("authenticate with ", "send auth to ", "RX AssocResp from ")),
                  x.mac("journald_kernel_mac80211", "colon_lc"),
                  x.c(("", " (try 1/3)", " (capab=0x1411 status=0 aid=3)")))
    elif r < 0.62:
        ident, comm, unit = "sudo", "sudo", None
        msg = cat("     ops : TTY=pts/0 ; PWD=/home/ops ; USER=root ; COMMAND=/usr/bin/mysql -uroot -p",
                  V("SECRET", "SECRET.password.beyond_cli_short_p_glued", vv.password(x.g)), " -h",
                  x.ipv4("journald_cli_flag_glued", "private"), " userdb")
    elif r < 0.82:
        ident, comm, unit = x.c(SERVICES[:5]), "java", x.c(SERVICES[:5]) + ".service"
        inner = cat('{"level":"info","msg":"bind phone","', x.key(["mobile"], ("snake", "camel")), '":"',
                    x.phone("journald_json_in_message", ("plain", "p86")), '","email":"', x.email("journald_json_in_message"),
                    '","client_ip":"', x.ipv4("journald_json_in_message"), '","', x.key(["id", "card"]), '":"',
                    x.cnid("journald_json_in_message"), '"}')
        msg = inner
    else:
        ident, comm, unit = "dhclient", "dhclient", None
        ip = x.ip4("private")
        msg = cat("DHCPACK of ", V("IPV4", "IPV4.plain.journald_dhclient", ip), " from ", x.ipv4("journald_dhclient", "private"),
                  " (xid=0x%08x)" % x.n(0, 2 ** 32 - 1))
    host = cat("ip-", dashed_ip(x, "journald_hostname")) if x.p(0.5) else T(x.c(("web-01", "laptop", "node-3")))
    if x.p(0.7):
        cursor = "s=%s;i=%x;b=%s;m=%x;t=%x;x=%s" % (x.hexid(32), x.n(1, 99999), boot, x.n(1, 2 ** 40), x.n(2 ** 48, 2 ** 52), x.hexid(16))
        fields = [cat('"__CURSOR":"', D("hash", cursor), '"'), cat('"__REALTIME_TIMESTAMP":"', epoch_us(x), '"'),
                  cat('"__MONOTONIC_TIMESTAMP":"', x.safe_digits(10), '"'), cat('"_BOOT_ID":"', D("hash", boot), '"'),
                  T('"_TRANSPORT":"%s"' % ("kernel" if comm == "kernel" else "syslog")), T('"PRIORITY":"6"'),
                  T('"SYSLOG_IDENTIFIER":"%s"' % ident), cat('"_MACHINE_ID":"', D("hash", machine), '"'),
                  cat('"_HOSTNAME":"', host, '"')]
        if comm != "kernel":
            fields += [T('"_PID":"%s"' % x.pid()), T('"_COMM":"%s"' % comm)]
        if unit:
            fields.append(T('"_SYSTEMD_UNIT":"%s"' % unit))
        fields.append(cat('"MESSAGE":"', jesc(msg), '"'))
        return L(F, [cat("{", join(",", fields), "}")])
    out = [cat("__CURSOR=", D("hash", "s=%s;i=%x;b=%s" % (x.hexid(32), x.n(1, 99999), boot))),
           cat("__REALTIME_TIMESTAMP=", epoch_us(x)), cat("_BOOT_ID=", D("hash", boot)),
           T("SYSLOG_IDENTIFIER=%s" % ident), cat("_HOSTNAME=", host), cat("MESSAGE=", msg), T("")]
    return L(F, out)


# ================================================================== Kubernetes and cloud audit trails

K8S_UA = ("kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819", "kube-controller-manager/v1.28.6 (linux/amd64) kubernetes/be3af46/system:serviceaccount:kube-system:generic-garbage-collector",
          "Go-http-client/2.0", "argocd-application-controller/v2.10.1")


@family("k8s_audit", 4, "more")
def f_k8s_audit(x):
    """Kubernetes audit.k8s.io/v1 Event lines (log backend, one JSON object per line)."""
    x.tick()
    F = "k8s_audit"
    r = x.g.random()
    pod = x.c(SERVICES[:6]) + "-" + x.hexid(10) + "-" + x.hexid(5)
    oidc = x.p(0.6)
    user = x.email("k8s_audit_username") if oidc else T("kubernetes-admin")
    srcs = [x.ipv4("k8s_audit_sourceips")] + ([x.ipv4("k8s_audit_sourceips", "private")] if x.p(0.4) else [])
    if x.p(0.15):
        srcs = [x.ipv6("k8s_audit_sourceips", "global")]
    head = cat('{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"', "%s", '","auditID":"', D("uuid", x.uuid()),
               '","stage":"ResponseComplete",')
    common = cat('"user":{"username":"', user, '","groups":["system:authenticated"]},"sourceIPs":[',
                 join(",", [cat('"', s, '"') for s in srcs]), '],"userAgent":"', x.c(K8S_UA), '",')
    tail = cat(',"requestReceivedTimestamp":"', x.f_isoz(6), '","stageTimestamp":"', x.f_isoz(6), '"')
    if r < 0.3:
        level = "Metadata"
        body = cat('"requestURI":"/api/v1/namespaces/default/pods/', D("software_name", pod),
                   '/exec?command=env&container=app&stderr=true&stdout=true","verb":"create",', common,
                   '"objectRef":{"resource":"pods","namespace":"default","name":"', D("software_name", pod),
                   '","apiVersion":"v1","subresource":"exec"},"responseStatus":{"metadata":{},"code":101}', tail)
        if oidc:
            body += cat(',"annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":',
                        '"RBAC: allowed by ClusterRoleBinding \\"admins\\" of ClusterRole \\"cluster-admin\\" to User \\"',
                        x.email("k8s_audit_reason_escaped_quotes"), '\\""}')
    elif r < 0.55:
        level = "RequestResponse"
        pw = vv.password(x.g)
        import base64
        b64 = base64.b64encode(pw.encode()).decode()
        body = cat('"requestURI":"/api/v1/namespaces/default/secrets","verb":"create",', common,
                   '"objectRef":{"resource":"secrets","namespace":"default","name":"', D("software_name", "db-cred"),
                   '","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},"requestObject":{"kind":"Secret",',
                   '"apiVersion":"v1","metadata":{"name":"', D("software_name", "db-cred"), '","namespace":"default"},',
                   '"data":{"', x.c(("password", "db-password", "DB_PASSWORD")), '":"',
                   V("SECRET", "SECRET.password_b64.k8s_secret_data", b64), '"},"stringData":{"DB_HOST":"',
                   x.ipv4("k8s_secret_stringdata", "private"), '","', x.c(("DB_PASSWORD", "password")), '":"',
                   x.secret("k8s_secret_stringdata"), '"},"type":"Opaque"}', tail)
    elif r < 0.78:
        level = "Request"
        props = cat("spring.datasource.url=jdbc:mysql://", x.ipv4("k8s_configmap_props", "private"),
                    ":3306/user\\nspring.datasource.username=app\\nspring.datasource.password=",
                    x.secret("k8s_configmap_props_before_escape_n"), "\\nsms.notify.mobile=",
                    x.phone("k8s_configmap_props_before_escape_n", ("plain",)), "\\n")
        body = cat('"requestURI":"/api/v1/namespaces/default/configmaps/user-api-config","verb":"update",', common,
                   '"objectRef":{"resource":"configmaps","namespace":"default","name":"',
                   D("software_name", "user-api-config"), '","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},',
                   '"requestObject":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"',
                   D("software_name", "user-api-config"), '"},"data":{"application.properties":"', props, '"}}', tail)
    else:
        level = "Request"
        envk = x.c(("MYSQL_ROOT_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET"))
        body = cat('"requestURI":"/apis/apps/v1/namespaces/default/deployments","verb":"create",', common,
                   '"objectRef":{"resource":"deployments","namespace":"default","name":"', D("software_name", pod[:-17]),
                   '","apiGroup":"apps","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":201},',
                   '"requestObject":{"kind":"Deployment","spec":{"template":{"spec":{"containers":[{"name":"',
                   D("software_name", "app"), '","image":"registry.example.com/user-api:1.4.2","env":[{"name":"',
                   D("software_name", envk), '","value":"', V("SECRET", "SECRET.password.beyond_k8s_env_name_value",
                                                               vv.password(x.g)),
                   '"},{"name":"', D("software_name", "TZ"), '","value":"Asia/Shanghai"}]}]}}}}', tail)
    head = [(f[0], f[1].replace("%s", level)) + tuple(f[2:]) if f[0] == "t" and "%s" in f[1] else f for f in head]
    return L(F, [cat(head, body, "}")])


@family("cloud_audit", 5, "more")
def f_cloud_audit(x):
    """AWS CloudTrail records, GCP Cloud Audit Logs (protoPayload), Azure Activity Log
    events, VPC Flow Logs v5 with custom fields."""
    x.tick()
    F = "cloud_audit"
    r = x.g.random()
    acct_id = "%012d" % x.n(10 ** 11, 10 ** 12 - 1)
    if r < 0.35:
        uname = login(x, "cloudtrail_username")
        console = x.p(0.5)
        src = x.ipv4("cloudtrail_source_ip") if x.p(0.85) else x.ipv6("cloudtrail_source_ip", "global")
        ident = cat('"userIdentity":{"type":"IAMUser","principalId":"AIDA', x.hexid(17, True),
                    '","arn":"arn:aws:iam::', acct_id, ':user/', uname[0][1], '","accountId":"', acct_id,
                    '","userName":"', uname, '"}')
        if x.p(0.4):
            em = x.email("cloudtrail_arn_session")
            ident = cat('"userIdentity":{"type":"AssumedRole","principalId":"AROA', x.hexid(17, True), ':',
                        V("EMAIL", em[0][3].replace("arn_session", "principalid"), em[0][1]),
                        '","arn":"arn:aws:sts::', acct_id, ':assumed-role/AdminSSO/', em,
                        '","accountId":"', acct_id, '","sessionContext":{"attributes":{"creationDate":"', x.f_isoz(0)[:19] + "Z",
                        '","mfaAuthenticated":"true"}}}')
        if console:
            body = cat('"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"us-east-1",',
                       '"sourceIPAddress":"', src, '","userAgent":"', jesc(x.ua()), '","requestParameters":null,',
                       '"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":',
                       '"https://console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"Yes"}')
        else:
            body = cat('"eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress","awsRegion":"ap-northeast-1",',
                       '"sourceIPAddress":"', src, '","userAgent":"aws-cli/2.15.30 Python/3.11.8 Linux/5.15.0-97-generic ',
                       'exe/x86_64.ubuntu.22 prompt/off command/ec2.authorize-security-group-ingress","requestParameters":',
                       '{"groupId":"sg-', x.hexid(17), '","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,',
                       '"toPort":22,"ipRanges":{"items":[{"cidrIp":"', x.ipv4("cloudtrail_cidrip_32"), '/32"}]}}]}},',
                       '"responseElements":{"_return":true}')
        line = cat('{"eventVersion":"1.09",', ident, ',"eventTime":"', x.f_isoz(0)[:19] + "Z", '",', body,
                   ',"requestID":"', D("uuid", x.uuid()), '","eventID":"', D("uuid", x.uuid()),
                   '","readOnly":false,"eventType":"AwsConsoleSignIn' if console else '","readOnly":false,"eventType":"AwsApiCall',
                   '","managementEvent":true,"recipientAccountId":"', acct_id, '"}')
        return L(F, [line])
    if r < 0.6:
        src = x.ipv4("gcp_audit_callerip") if x.p(0.8) else x.ipv6("gcp_audit_callerip", "global")
        line = cat('{"protoPayload":{"@type":"type.googleapis.com/google.cloud.audit.AuditLog","status":{},',
                   '"authenticationInfo":{"principalEmail":"', x.email("gcp_audit_principal"), '"},"requestMetadata":{',
                   '"callerIp":"', src, '","callerSuppliedUserAgent":"google-cloud-sdk gcloud/467.0.0 command/',
                   'gcloud.compute.instances.list invocation-id/', x.hexid(32), ' environment/None environment-version/None ',
                   'interactive/True from-script/False python/3.11.8 term/xterm-256color (Linux 5.15.0-97-generic),gzip(gfe)"},',
                   '"serviceName":"compute.googleapis.com","methodName":"v1.compute.instances.list","resourceName":',
                   '"projects/example-prod-', x.safe_digits(6), '/zones/asia-east1-b/instances"},"insertId":"', x.hexid(12),
                   '","resource":{"type":"gce_instance","labels":{"zone":"asia-east1-b","project_id":"example-prod"}},',
                   '"timestamp":"', x.f_isoz(9), '","severity":"NOTICE","logName":"projects/example-prod/logs/',
                   'cloudaudit.googleapis.com%2Factivity"}')
        return L(F, [line])
    if r < 0.85:
        ip = x.ip4("public")
        nm = x.name("azure_claims_name", "latin")
        line = cat('{"time":"', x.f_isoz(7), '","resourceId":"/SUBSCRIPTIONS/', D("uuid", x.uuid(True)),
                   '/RESOURCEGROUPS/PROD-RG/PROVIDERS/MICROSOFT.COMPUTE/VIRTUALMACHINES/VM-WEB-01","operationName":',
                   '"MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE","category":"Administrative","resultType":"Success",',
                   '"callerIpAddress":"', V("IPV4", "IPV4.plain.azure_activity", ip), '","correlationId":"', D("uuid", x.uuid()),
                   '","identity":{"authorization":{"scope":"/subscriptions/x/resourceGroups/PROD-RG","action":',
                   '"Microsoft.Compute/virtualMachines/write"},"claims":{"aud":"https://management.core.windows.net/",',
                   '"ipaddr":"', V("IPV4", "IPV4.plain.azure_activity", ip), '","name":"', nm,
                   '","http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn":"', x.email("azure_claims_upn"),
                   '","http://schemas.microsoft.com/identity/claims/objectidentifier":"', D("uuid", x.uuid()),
                   '"}},"level":"Information","properties":{"caller":"', x.email("azure_caller"), '"}}')
        return L(F, [line])
    out = []
    if x.p(0.3):
        out.append(T("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                     "action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr flow-direction"))
    src = x.ip4("private")
    out.append(cat("5 ", acct_id, " eni-", x.hexid(17), " ", V("IPV4", "IPV4.plain.vpc_flow_v5", src), " ",
                   x.ipv4("vpc_flow_v5", "public"), " ", x.port(), " 443 6 %d %d " % (x.n(1, 90), x.n(40, 90000)),
                   D("epoch_s", x.epoch_s()), " ", str(int(x.epoch_s()) + 60), " ACCEPT OK vpc-", x.hexid(17),
                   " subnet-", x.hexid(17), " i-", x.hexid(17), " 19 IPv4 ", V("IPV4", "IPV4.plain.vpc_flow_v5", src),
                   " ", x.ipv4("vpc_flow_v5", "public"), " egress"))
    return L(F, out)


# ================================================================== IDS, flow and firewall logs

@family("suricata_eve", 5, "more")
def f_suricata(x):
    """Suricata EVE JSON: alert (with payload_printable), http, dns, dhcp, smtp, flow, tls."""
    x.tick()
    F = "suricata_eve"
    ts = x.now.strftime("%Y-%m-%dT%H:%M:%S.") + "%06d+0800" % x.now.microsecond
    v6 = x.p(0.15)
    client = x.ipv6("eve_src_ip", "global") if v6 else x.ipv4("eve_src_ip", "private")
    server = x.ipv6("eve_dest_ip", "global") if v6 else x.ipv4("eve_dest_ip", "public")
    head = lambda et, proto="TCP", dport="443": cat(
        '{"timestamp":"', ts, '","flow_id":', x.safe_digits(16), ',"in_iface":"eth0","event_type":"', et,
        '","src_ip":"', client, '","src_port":', x.port(), ',"dest_ip":"', server, '","dest_port":', dport,
        ',"proto":"', proto, '"')
    r = x.g.random()
    if r < 0.22:
        body = cat("POST ", x.c(PATHS), " HTTP/1.1\\r\\nHost: ", x.c(HOSTS), "\\r\\nCookie: JSESSIONID=",
                   x.secret("eve_payload_printable_before_escape_r", "hex32"), "\\r\\nContent-Type: ",
                   "application/x-www-form-urlencoded\\r\\n\\r\\n", x.key(["mobile"], ("snake",)), "=",
                   x.phone("eve_payload_printable", ("plain",)), "&password=", V("SECRET", "SECRET.password.eve_payload_after_escape_n",
                                                                                  vv.rand_alnum(x.g, x.n(8, 12))))
        line = cat(head("alert", dport="80"), ',"tx_id":0,"alert":{"action":"allowed","gid":1,"signature_id":2012887,"rev":3,',
                   '"signature":"', D("message_text", "ET POLICY Http Client Body contains password= in cleartext"), '","category":"Potential Corporate ',
                   'Privacy Violation","severity":1},"app_proto":"http","payload_printable":"', body, '"}')
    elif r < 0.42:
        q = cat("?", x.key(["mobile"], ("snake", "lower")), "=", x.phone("eve_http_url", ("plain",)), "&",
                x.c(("idfa", "oaid")), "=", x.device(x.c(("idfa", "oaid")), "eve_http_url"))
        line = cat(head("http", dport="80"), ',"tx_id":0,"http":{"hostname":"', x.c(HOSTS), '","url":"', x.c(PATHS), q,
                   '","http_user_agent":"', jesc(x.ua()), '","xff":"', x.ipv4("eve_http_xff"),
                   '","http_content_type":"application/json","http_method":"GET","protocol":"HTTP/1.1","status":200,"length":',
                   str(x.n(10, 9000)), '}}')
    elif r < 0.57:
        ans = x.ipv4("eve_dns_rdata", "public")
        line = cat(head("dns", "UDP", "53"), ',"dns":{"version":2,"type":"answer","id":%d,"flags":"8180","qr":true,' % x.n(1, 65535),
                   '"rd":true,"ra":true,"rrname":"', x.c(HOSTS), '","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":"',
                   x.c(HOSTS), '","rrtype":"A","ttl":300,"rdata":"', ans, '"}],"grouped":{"A":["', x.ipv4("eve_dns_rdata", "public"), '"]}}}')
    elif r < 0.72:
        cip = x.ip4("private")
        line = cat('{"timestamp":"', ts, '","flow_id":', x.safe_digits(15), ',"in_iface":"eth0","event_type":"dhcp","src_ip":"',
                   x.ipv4("eve_dhcp", "private"), '","src_port":67,"dest_ip":"', V("IPV4", "IPV4.plain.eve_dhcp", cip),
                   '","dest_port":68,"proto":"UDP","dhcp":{"type":"reply","id":%d,"client_mac":"' % x.n(10 ** 6, 2 ** 31),
                   x.mac("eve_dhcp_client_mac", "colon_lc"), '","assigned_ip":"', V("IPV4", "IPV4.plain.eve_dhcp", cip),
                   '","client_ip":"', D("loopback_ip", "0.0.0.0"), '","relay_ip":"', D("loopback_ip", "0.0.0.0"),
                   '","next_server_ip":"', D("loopback_ip", "0.0.0.0"), '","dhcp_type":"ack","lease_time":86400,',
                   '"subnet_mask":"', D("netmask", "255.255.255.0"), '","hostname":"',
                   x.device("dhcp_host", "eve_dhcp_hostname") if x.p(0.5) else T("iPhone"), '"}}')
    elif r < 0.82:
        nm = V("NAME", "NAME.cn.beyond_email_display_name", vv.cn_name(x.g))
        line = cat(head("smtp", dport="25"), ',"smtp":{"helo":"mail.example.net","mail_from":"<', x.email("eve_smtp_angle"),
                   '>","rcpt_to":["<', x.email("eve_smtp_angle"), '>"]},"email":{"status":"PARSE_DONE","from":"\\"', nm,
                   '\\" <', x.email("eve_email_from"), '>","to":["', x.email("eve_email_to"), '"],"subject":"order ',
                   x.safe_digits(8), '"}}')
    elif r < 0.92:
        line = cat(head("flow"), ',"app_proto":"tls","flow":{"pkts_toserver":%d,"pkts_toclient":%d,"bytes_toserver":' % (
            x.n(1, 900), x.n(1, 900)), phone_counter(x) if x.p(0.3) else T(str(x.n(100, 99999))),
                   ',"bytes_toclient":', str(x.n(100, 999999)), ',"start":"', ts, '","end":"', ts,
                   '","age":%d,"state":"closed","reason":"timeout","alerted":false},"ether":{"src_mac":"' % x.n(0, 300),
                   x.mac("eve_ether", "colon_lc"), '","dest_mac":"', x.mac("eve_ether", "colon_lc"),
                   '"},"community_id":"1:', x.sign_b64(26)[:27], '="}')
    else:
        line = cat(head("tls"), ',"tls":{"subject":"CN=', x.c(HOSTS), '","issuerdn":"C=US, O=Let\'s Encrypt, CN=R3","serial":"',
                   D("hash", ":".join(x.hexid(2, True) for _ in range(8))), '","fingerprint":"',
                   D("hash", ":".join(x.hexid(2) for _ in range(20))), '","sni":"', x.c(HOSTS),
                   '","version":"TLS 1.3","ja3":{"hash":"', D("hash", x.hexid(32)), '"}}}')
    return L(F, [line])


ZEEK_HEAD = ("#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-")


@family("zeek_tsv", 4, "more")
def f_zeek(x):
    """Zeek ASCII logs (TSV with #fields/#types): conn.log with mac-logging, dhcp.log, dns.log."""
    x.tick()
    F = "zeek_tsv"
    ts = D("epoch_s", "%s.%06d" % (x.epoch_s(), x.now.microsecond))
    uid = lambda: "C" + x.sign_b64(17)[:17].replace("+", "x").replace("/", "Y")
    r = x.g.random()
    out = []

    def header(path, fields, types):
        out.extend(T(h) for h in ZEEK_HEAD)
        out.append(T("#path\t%s" % path))
        out.append(T("#open\t%s" % x.now.strftime("%Y-%m-%d-%H-%M-%S")))
        out.append(T("#fields\t" + "\t".join(fields)))
        out.append(T("#types\t" + "\t".join(types)))
    if r < 0.45:
        if x.p(0.2):
            header("conn", ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration",
                            "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp", "missed_bytes", "history",
                            "orig_pkts", "orig_ip_bytes", "resp_pkts", "resp_ip_bytes", "tunnel_parents", "orig_l2_addr",
                            "resp_l2_addr"],
                   ["time", "string", "addr", "port", "addr", "port", "enum", "string", "interval", "count", "count",
                    "string", "bool", "bool", "count", "string", "count", "count", "count", "count", "set[string]",
                    "string", "string"])
        v6 = x.p(0.2)
        o = x.ipv6("zeek_conn", "global") if v6 else x.ipv4("zeek_conn", "private")
        rr = x.ipv6("zeek_conn", "global") if v6 else x.ipv4("zeek_conn", "public")
        out.append(cat(ts, "\t", uid(), "\t", o, "\t", x.port(), "\t", rr, "\t443\ttcp\tssl\t%d.%06d\t" % (x.n(0, 99), x.n(0, 999999)),
                       str(x.n(100, 99999)), "\t", str(x.n(100, 999999)), "\tSF\tT\tF\t0\tShADadFf\t%d\t%d\t%d\t%d\t(empty)\t" % (
                           x.n(5, 90), x.n(500, 99999), x.n(5, 90), x.n(500, 99999)),
                       x.mac("zeek_conn_l2", "colon_lc"), "\t", x.mac("zeek_conn_l2", "colon_lc")))
    elif r < 0.75:
        if x.p(0.2):
            header("dhcp", ["ts", "uids", "client_addr", "server_addr", "mac", "host_name", "client_fqdn", "domain",
                            "requested_addr", "assigned_addr", "lease_time", "client_message", "server_message",
                            "msg_types", "duration"],
                   ["time", "set[string]", "addr", "addr", "string", "string", "string", "string", "addr", "addr",
                    "interval", "string", "string", "vector[string]", "interval"])
        ip = x.ip4("private")
        host = x.device("dhcp_host", "zeek_dhcp") if x.p(0.5) else T(x.c(("DESKTOP-8F3K2L", "iPhone", "MacBook-Pro")))
        out.append(cat(ts, "\t", uid(), ",", uid(), "\t", V("IPV4", "IPV4.plain.zeek_dhcp", ip), "\t",
                       x.ipv4("zeek_dhcp", "private"), "\t", x.mac("zeek_dhcp", "colon_lc"), "\t", host, "\t-\thome.arpa\t",
                       V("IPV4", "IPV4.plain.zeek_dhcp", ip), "\t", V("IPV4", "IPV4.plain.zeek_dhcp", ip),
                       "\t86400.000000\t-\t-\tREQUEST,ACK\t0.%06d" % x.n(0, 999999)))
    else:
        if x.p(0.2):
            header("dns", ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "trans_id", "rtt",
                           "query", "qclass", "qclass_name", "qtype", "qtype_name", "rcode", "rcode_name", "AA", "TC",
                           "RD", "RA", "Z", "answers", "TTLs", "rejected"],
                   ["time", "string", "addr", "port", "addr", "port", "enum", "count", "interval", "string", "count",
                    "string", "count", "string", "count", "string", "bool", "bool", "bool", "bool", "count",
                    "vector[string]", "vector[interval]", "bool"])
        if x.p(0.35):
            rip = x.ip4("public")
            while not vv.ipv4_ok(".".join(reversed(rip.split(".")))):
                rip = x.ip4("public")
            q = cat(V("IPV4", "IPV4.beyond_reversed.zeek_dns_ptr", ".".join(reversed(rip.split(".")))), ".in-addr.arpa")
            qt, ans = "12\tPTR", T("static.example.net")
        else:
            q = T(x.c(HOSTS))
            qt = "1\tA"
            ans = join(",", [x.ipv4("zeek_dns_answers", "public") for _ in range(x.n(1, 3))])
        out.append(cat(ts, "\t", uid(), "\t", x.ipv4("zeek_dns", "private"), "\t", x.port(), "\t",
                       x.ipv4("zeek_dns", "private"), "\t53\tudp\t%d\t0.0%05d\t" % (x.n(1, 65535), x.n(0, 99999)), q,
                       "\t1\tC_INTERNET\t", qt, "\t0\tNOERROR\tF\tF\tT\tT\t0\t", ans, "\t300.000000\tF"))
    return L(F, out)


@family("pfsense_filterlog", 4, "more")
def f_pfsense(x):
    """pfSense / OPNsense filterlog raw CSV (docs.netgate.com "Raw Filter Log Format")."""
    x.tick()
    F = "pfsense_filterlog"
    r = x.g.random()
    rule = "%d,,,%d,%s,match,%s,%s," % (x.n(1, 120), x.n(10 ** 9, 10 ** 9 + 999), x.c(("igb0", "igb1", "em0", "vtnet0")),
                                       x.c(("block", "pass")), x.c(("in", "out")))
    if x.p(0.3):
        pre = cat("<134>1 ", x.f_iso(6), " pfSense.home.arpa filterlog %s - [meta sequenceId=\"%d\"] " % (x.pid(), x.n(1, 99999)))
    else:
        pre = cat(x.f_syslog(), " pfSense filterlog[%s]: " % x.pid())
    if r < 0.5:
        line = cat(pre, rule, "4,0x0,,%d,%d,0,DF,6,tcp,60," % (x.n(30, 128), x.n(1, 65535)), x.ipv4("filterlog_csv", "public"), ",",
                   x.ipv4("filterlog_csv", "private"), ",", x.port(), ",", x.c(("22", "443", "3389")),
                   ",0,S,%d,,64240,,mss;sackOK;TS;nop;wscale" % x.n(10 ** 8, 2 ** 32 - 1))
    elif r < 0.7:
        line = cat(pre, rule, "4,0x0,,%d,%d,0,none,17,udp,%d," % (x.n(30, 128), x.n(1, 65535), x.n(40, 500)),
                   x.ipv4("filterlog_csv", "private"), ",", x.ipv4("filterlog_csv", "public"), ",", x.port(), ",53,%d" % x.n(20, 400))
    elif r < 0.85:
        line = cat(pre, rule, "4,0x0,,%d,%d,0,none,1,icmp,84," % (x.n(30, 128), x.n(1, 65535)), x.ipv4("filterlog_csv", "private"),
                   ",", x.ipv4("filterlog_csv", "public"), ",request,%d,%d" % (x.n(1, 65535), x.n(1, 999)))
    else:
        line = cat(pre, rule, "6,0x00,0x00000,64,tcp,6,40,", x.ipv6("filterlog_csv_v6", "global"), ",",
                   x.ipv6("filterlog_csv_v6", "global"), ",", x.port(), ",443,0,S,%d,,64800,,mss" % x.n(10 ** 8, 2 ** 32 - 1))
    return L(F, [line])


@family("fortigate_sophos_kv", 5, "more")
def f_forti(x):
    """FortiGate (FortiOS log reference: traffic 0000000013, DHCP 26001, SSL VPN) and
    Sophos Firewall key=value syslog."""
    x.tick()
    F = "fortigate_sophos_kv"
    r = x.g.random()
    t = x.now
    dev = x.c(("FG100F-HQ", "FGT60F-BJ"))
    head = cat("date=", t.strftime("%Y-%m-%d"), " time=", t.strftime("%H:%M:%S"), ' devname="', D("host_name", dev),
               '" devid="FG100FTK%08d" eventtime=' % x.n(10 ** 7, 10 ** 8 - 1), epoch_ns(x), ' tz="+0800" ')
    o = vv.mac_octets(x.g)
    if r < 0.4:
        line = cat(head, 'logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=',
                   x.ipv4("fortigate_kv", "private"), ' srcname="', hostd(x), '" srcport=', x.port(),
                   ' srcintf="port2" srcintfrole="lan" dstip=', x.ipv4("fortigate_kv", "public"),
                   ' dstport=443 dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="China" sessionid=',
                   x.safe_digits(9), ' proto=6 action="close" policyid=%d policytype="policy" poluuid="' % x.n(1, 99),
                   D("uuid", x.uuid()), '" policyname="LAN-to-WAN" service="HTTPS" trandisp="snat" transip=',
                   x.ipv4("fortigate_kv", "public"), " transport=", x.port(), ' duration=%d sentbyte=' % x.n(1, 3000),
                   phone_counter(x) if x.p(0.3) else T(str(x.n(100, 99999))), " rcvdbyte=", str(x.n(100, 999999)),
                   ' sentpkt=%d rcvdpkt=%d srcmac="' % (x.n(1, 999), x.n(1, 999)), x.mac("fortigate_kv_quoted", "colon_lc", o),
                   '" mastersrcmac="', x.mac("fortigate_kv_quoted", "colon_lc", o),
                   '" srcserver=0 devtype="Android Phone" osname="Android" osversion="',
                   D("win_version", "10.0.%d.%d" % (x.n(19041, 22631), x.n(100, 4000))) if x.p(0.3) else T("13"),
                   '" unauthuser="', T(x.c(LOGINS)), '" unauthusersource="kerberos"')
    elif r < 0.6:
        line = cat(head, 'logid="0100026001" type="event" subtype="system" level="information" vd="root" logdesc="DHCP Ack log" ',
                   'interface="internal" dhcp_msg="Ack" mac="', x.mac("fortigate_kv_quoted", "colon_uc", o), '" ip=',
                   x.ipv4("fortigate_kv", "private"), ' lease=86400 hostname="',
                   x.device("dhcp_host", "fortigate_hostname") if x.p(0.5) else hostd(x), '" msg="DHCP server sends a DHCPACK"')
    elif r < 0.78:
        line = cat(head, 'logid="0101039947" type="event" subtype="vpn" level="information" vd="root" logdesc="SSL VPN tunnel up" ',
                   'action="tunnel-up" tunneltype="ssl-tunnel" tunnelid=%d remip=' % x.n(100, 99999), x.ipv4("fortigate_vpn", "public"),
                   " tunnelip=", x.ipv4("fortigate_vpn", "private"), ' user="', x.email("fortigate_vpn_user"),
                   '" group="vpn-users" dst_host="N/A" reason="N/A" msg="SSL tunnel established"')
    else:
        line = cat('device="SFW" date=', t.strftime("%Y-%m-%d"), " time=", t.strftime("%H:%M:%S"),
                   ' timezone="CST" device_name="', D("host_name", "XG230"), '" log_id=010101600001 log_type="Firewall" ',
                   'log_component="Firewall Rule" log_subtype="Allowed" status="Allow" priority=Information duration=0 ',
                   'fw_rule_id=%d user_name="' % x.n(1, 99), login(x, "sophos_user_name"), '" user_gp="staff" iap=0 ',
                   'application="" in_interface="Port1" out_interface="Port2" src_mac=', x.mac("sophos_kv", "colon_lc", o),
                   " src_ip=", x.ipv4("sophos_kv", "private"), " src_country_code= dst_ip=", x.ipv4("sophos_kv", "public"),
                   ' dst_country_code=CHN protocol="TCP" src_port=', x.port(), " dst_port=443 sent_pkts=%d recv_pkts=%d sent_bytes=" % (
                       x.n(1, 999), x.n(1, 999)), str(x.n(100, 99999)), " recv_bytes=", str(x.n(100, 99999)),
                   " tran_src_ip=", x.ipv4("sophos_kv", "public"), " tran_src_port=", x.port())
    return L(F, [line])


# ================================================================== L2 switches, VPN

@family("switch_l2", 5, "more")
def f_switch(x):
    """Huawei display mac-address / display arp, Juniper show ethernet-switching table /
    show arp, Cisco show ip arp / show interfaces, Linux arp -n; Huawei and Juniper
    syslog (MAC flapping, ARP, OIDs)."""
    x.tick()
    F = "switch_l2"
    o = vv.mac_octets(x.g)
    r = x.g.random()
    out = []
    if r < 0.14:
        if x.p(0.3):
            out.append(T("MAC Address    VLAN/VSI/BD   Learned-From        Type"))
            out.append(T("-------------------------------------------------------------------------------"))
        out.append(cat(x.mac("huawei_display_mac", "huawei", o), " %d/-/-          %-19s dynamic" % (
            x.n(1, 400), "GE0/0/%d" % x.n(1, 48))))
        if x.p(0.4):
            out.append(T("Total items displayed = %d" % x.n(1, 99)))
    elif r < 0.26:
        out.append(cat(x.ipv4("huawei_display_arp", "private"), "   ", x.mac("huawei_display_arp", "huawei", o),
                       "  %-9d D-0         GE0/0/%d" % (x.n(1, 20), x.n(1, 48))))
        if x.p(0.4):
            out.append(cat(x.ipv4("huawei_display_arp", "private"), "   Incomplete      1         D-0         GE0/0/%d" % x.n(1, 48)))
    elif r < 0.38:
        out.append(cat("   default             ", x.mac("junos_eth_switching", "colon_lc", o), "   D             -   ge-0/0/%d.0" % x.n(0, 47)))
        if x.p(0.5):
            out.append(cat(x.mac("junos_show_arp", "colon_lc", o), " ", x.ipv4("junos_show_arp", "private"),
                           "   ge-0/0/%d.0  none" % x.n(0, 47)))
    elif r < 0.52:
        out.append(cat("Internet  ", x.ipv4("cisco_show_ip_arp", "private"), "          %-3d  " % x.n(0, 240),
                       x.mac("cisco_show_ip_arp", "cisco", o), "  ARPA   Vlan%d" % x.n(1, 400)))
        if x.p(0.4):
            out.append(cat("Internet  ", x.ipv4("cisco_show_ip_arp", "private"), "           0   ",
                           D("arp_incomplete", "Incomplete"), "      ARPA"))
    elif r < 0.64:
        ifn = "GigabitEthernet1/0/%d" % x.n(1, 48)
        out.append(T("%s is up, line protocol is up (connected)" % ifn))
        out.append(cat("  Hardware is Gigabit Ethernet, address is ", x.mac("cisco_show_interfaces", "cisco", o), " (bia ",
                       x.mac("cisco_show_interfaces", "cisco", o), ")"))
        out.append(cat("  Internet address is ", x.ipv4("cisco_show_interfaces", "private"), "/24"))
        out.append(T("  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec,"))
        out.append(T("  5 minute input rate %d bits/sec, %d packets/sec" % (x.n(0, 99999), x.n(0, 999))))
        out.append(T("     %d packets input, %d bytes, 0 no buffer" % (x.n(1000, 9999999), x.n(10 ** 5, 10 ** 9))))
    elif r < 0.74:
        if x.p(0.3):
            out.append(T("Address                  HWtype  HWaddress           Flags Mask            Iface"))
        out.append(cat(x.ipv4("linux_arp_n", "private"), "            ether   ", x.mac("linux_arp_n", "colon_lc", o),
                       "   C                     wlan0"))
        if x.p(0.4):
            out.append(cat(x.ipv4("linux_arp_n", "private"), "                    ", D("arp_incomplete", "(incomplete)"),
                           "                              wlan0"))
    elif r < 0.86:
        out.append(cat(x.f_syslog()[:6], " 2024 ", x.f_syslog()[7:], " SW-CORE %%01L2IFPPI/4/MFLPVLANALARM(l)[3]:",
                       "MAC move detected, VLANID = %d, MacAddress = " % x.n(1, 400), x.mac("huawei_syslog_kv", "huawei", o),
                       ", Original-Port = GE0/0/%d, Flapping port = GE0/0/%d. Please check the network accessed to flapping port." % (
                           x.n(1, 48), x.n(1, 48))))
        if x.p(0.5):
            out.append(cat(x.f_syslog()[:6], " 2024 ", x.f_syslog()[7:], " SW-CORE %%01SECE/4/ARPMISS(l)[4]:Attack occurred. ",
                           "(AttackType=Arp Miss Attack, SourceInterface=GigabitEthernet0/0/%d, SourceIP=" % x.n(1, 48),
                           x.ipv4("huawei_syslog_kv", "private"), ", SourceMAC=", x.mac("huawei_syslog_kv", "huawei", o),
                           ", VLAN=%d, AttackPackets=%d packets per second) OID " % (x.n(1, 400), x.n(10, 999)),
                           D("oid", "1.3.6.1.4.1.2011.5.25.165.2.2.2.%d" % x.n(1, 20))))
    else:
        out.append(cat(x.f_syslog(), " ex4300-01 l2ald[%s]: L2ALD_MAC_LIMIT_EXCEEDED: MAC limit (5) exceeded at ge-0/0/%d.0; "
                       "dropping " % (x.pid(), x.n(0, 47)), x.mac("junos_syslog", "colon_lc", o), " in vlan default"))
    return L(F, out)


@family("vpn_status", 4, "more")
def f_vpn(x):
    """OpenVPN --status (version 2 CSV), strongSwan charon log, WireGuard wg show."""
    x.tick()
    F = "vpn_status"
    r = x.g.random()
    out = []
    if r < 0.4:
        if x.p(0.3):
            out.append(T("TITLE,OpenVPN 2.6.9 x86_64-pc-linux-gnu [SSL (OpenSSL)] [LZO] [LZ4] [EPOLL] [PKCS11] [MH/PKTINFO] [AEAD]"))
            out.append(cat("TIME,", x.now.strftime("%Y-%m-%d %H:%M:%S"), ",", D("epoch_s", x.epoch_s())))
            out.append(T("HEADER,CLIENT_LIST,Common Name,Real Address,Virtual Address,Virtual IPv6 Address,Bytes Received,"
                         "Bytes Sent,Connected Since,Connected Since (time_t),Username,Client ID,Peer ID,Data Channel Cipher"))
        cn = x.email("openvpn_status_common_name") if x.p(0.5) else T(x.c(("laptop-ops", "client01")))
        real = x.ip4("public")
        virt = x.ip4("private")
        out.append(cat("CLIENT_LIST,", cn, ",", V("IPV4", "IPV4.plain.openvpn_status_csv", real), ":", x.port(), ",",
                       V("IPV4", "IPV4.plain.openvpn_status_csv", virt), ",,%d,%d," % (x.n(1000, 9 * 10 ** 8), x.n(1000, 9 * 10 ** 8)),
                       x.now.strftime("%Y-%m-%d %H:%M:%S"), ",", D("epoch_s", x.epoch_s()), ",UNDEF,%d,%d,AES-256-GCM" % (
                           x.n(0, 99), x.n(0, 99))))
        if x.p(0.5):
            out.append(cat("ROUTING_TABLE,", V("IPV4", "IPV4.plain.openvpn_status_csv", virt), ",",
                           T(cn[0][1]) if cn[0][0] == "t" else V("EMAIL", cn[0][3], cn[0][1]), ",", V("IPV4", "IPV4.plain.openvpn_status_csv", real), ":",
                           x.port(), ",", x.now.strftime("%Y-%m-%d %H:%M:%S"), ",", D("epoch_s", x.epoch_s())))
        if x.p(0.3):
            out.append(T("GLOBAL_STATS,Max bcast/mcast queue length,0"))
            out.append(T("END"))
    elif r < 0.75:
        peer = x.ip4("public")
        me = x.ip4("public")
        pre = lambda: cat(x.f_syslog(), " vpn charon: ", "%02d[%s] " % (x.n(1, 16), x.c(("IKE", "NET", "CFG"))))
        out.append(cat(pre(), "received packet: from ", V("IPV4", "IPV4.plain.strongswan_bracket_port", peer), "[4500] to ",
                       V("IPV4", "IPV4.plain.strongswan_bracket_port", me), "[4500] (%d bytes)" % x.n(200, 1500)))
        ident = x.email("strongswan_identity_bracket")
        out.append(cat(pre(), "IKE_SA rw[%d] established between " % x.n(1, 99), V("IPV4", "IPV4.plain.strongswan_bracket_port", me),
                       "[vpn.example.com]...", V("IPV4", "IPV4.plain.strongswan_bracket_port", peer), "[", ident, "]"))
        out.append(cat(pre(), "assigning virtual IP ", x.ipv4("strongswan", "private"), " to peer '",
                       x.email("strongswan_identity_quoted"), "'"))
        if x.p(0.4):
            out.append(cat(pre(), "looking for peer configs matching ", V("IPV4", "IPV4.plain.strongswan_bracket_port", me),
                           "[%any]...", V("IPV4", "IPV4.plain.strongswan_bracket_port", peer), "[",
                           V("IPV4", "IPV4.plain.strongswan_bracket_port", peer), "]"))
    else:
        out.append(T("interface: wg0"))
        out.append(cat("  public key: ", D("public_key", x.sign_b64(42)[:43] + "=")))
        out.append(T("  private key: (hidden)"))
        out.append(T("  listening port: 51820"))
        out.append(T(""))
        out.append(cat("peer: ", D("public_key", x.sign_b64(42)[:43] + "=")))
        if x.p(0.2):
            out.append(cat("  endpoint: [", x.ipv6("wg_endpoint_bracket", "global"), "]:", x.port()))
        else:
            out.append(cat("  endpoint: ", x.ipv4("wg_endpoint", "public"), ":", x.port()))
        out.append(cat("  allowed ips: ", x.ipv4("wg_allowed_ips", "private"), "/32"))
        out.append(T("  latest handshake: %d minute, %d seconds ago" % (x.n(1, 9), x.n(1, 59))))
        out.append(T("  transfer: %d.%02d MiB received, %d.%02d MiB sent" % (x.n(0, 999), x.n(0, 99), x.n(0, 999), x.n(0, 99))))
    return L(F, out)


# ================================================================== databases

@family("rdbms_logs", 5, "more")
def f_rdbms(x):
    """MySQL general query log (Connect/Query/Access denied), error log, mysqlbinlog -v
    row events, audit plugin XML; PostgreSQL with log_line_prefix '%m [%p] %r %u@%d ' and csvlog."""
    x.tick()
    F = "rdbms_logs"
    r = x.g.random()
    out = []
    tid = str(x.n(10, 9999))
    if r < 0.2:
        ts = x.f_isoz(6)
        out.append(cat(ts, "\t%6s Connect\t" % tid, "app@", x.ipv4("mysql_general_connect_at", "private"), " on userdb using TCP/IP"))
        out.append(cat(ts, "\t%6s Query\tSELECT id, real_name FROM t_user WHERE mobile = '" % tid,
                       x.phone("mysql_general_where", ("plain",)), "' AND id_card = '", x.cnid("mysql_general_where"), "'"))
        if x.p(0.5):
            out.append(cat(ts, "\t%6s Connect\tAccess denied for user 'root'@'" % str(x.n(10, 9999)),
                           x.ipv4("mysql_access_denied_quoted"), "' (using password: ", D("message_text", "YES"), ")"))
    elif r < 0.3:
        out.append(cat(x.f_isoz(6), " %d [Note] [MY-010914] [Server] Aborted connection %d to db: 'userdb' user: 'app' host: '" % (
            x.n(10, 9999), x.n(10, 9999)), x.ipv4("mysql_error_log_host", "private"), "' (Got an error reading communication packets)."))
    elif r < 0.45:
        out.append(T("### INSERT INTO `userdb`.`t_user`"))
        out.append(T("### SET"))
        out.append(T("###   @1=%s" % x.safe_digits(5)))
        out.append(cat("###   @2='", T(vv.cn_name(x.g)), "'"))
        out.append(cat("###   @3='", x.phone("mysqlbinlog_rows", ("plain",)), "'"))
        out.append(cat("###   @4='", x.cnid("mysqlbinlog_rows"), "'"))
        out.append(cat("###   @5='", x.email("mysqlbinlog_rows"), "'"))
        out.append(cat("###   @6=", D("epoch_s", x.epoch_s())))
    elif r < 0.55:
        ip = x.ip4("private")
        out.append(cat('<AUDIT_RECORD NAME="', D("xml_name_attr", "Query"), '" RECORD="%d_' % x.n(1, 99999), x.f_isoz(0)[:19],
                       '" TIMESTAMP="', x.f_isoz(0)[:19] + "Z", '" COMMAND_CLASS="select" CONNECTION_ID="', tid,
                       '" STATUS="0" SQLTEXT="select * from t_user where email=\'', x.email("mysql_audit_xml_sqltext"),
                       '\'" USER="app[app] @  [', V("IPV4", "IPV4.plain.mysql_audit_xml", ip), ']" HOST="" OS_USER="" IP="',
                       V("IPV4", "IPV4.plain.mysql_audit_xml", ip), '" DB="userdb"/>'))
    elif r < 0.88:
        pid = x.pid()
        v6 = x.p(0.15)
        pre = lambda: cat(x.f_spring(), " CST [", pid, "] ",
                          x.ipv6("pg_prefix_r", "global") if v6 else x.ipv4("pg_prefix_r", "private"), "(", x.port(), ") app@userdb ")
        k = x.g.random()
        if k < 0.5:
            out.append(cat(pre(), "LOG:  duration: %d.%03d ms  execute <unnamed>: SELECT * FROM t_user WHERE phone = $1 AND email = $2" % (
                x.n(0, 99), x.n(0, 999))))
            out.append(cat(pre(), "DETAIL:  parameters: $1 = '", x.phone("pg_bind_parameters", ("plain",)), "', $2 = '",
                           x.email("pg_bind_parameters"), "'"))
        elif k < 0.75:
            out.append(cat(pre(), "LOG:  statement: UPDATE t_user SET address = '", x.address("pg_statement_set"), "', mobile = '",
                           x.phone("pg_statement", ("plain", "g344hy")), "' WHERE id = ", x.safe_digits(5)))
        else:
            out.append(cat(pre(), 'FATAL:  password authentication failed for user "app"'))
            out.append(cat(pre(), 'DETAIL:  Connection matched pg_hba.conf line 99: "host all all ', D("loopback_ip", "0.0.0.0"),
                           '/0 md5"'))
    else:
        ip = x.ip4("private")
        out.append(cat(x.f_spring(), ' CST,"app","userdb",', x.pid(), ',"', V("IPV4", "IPV4.plain.pg_csvlog", ip), ":", x.port(),
                       '",%x.%x,%d,"SELECT",' % (x.n(0x65000000, 0x66000000), x.n(0x100, 0xffff), x.n(1, 99)), x.f_spring()[:19],
                       ' CST,%d/%d,0,LOG,00000,"duration: 0.%03d ms  statement: SELECT * FROM t_user WHERE id_card = \'' % (
                           x.n(1, 20), x.n(1, 9999), x.n(0, 999)), x.cnid("pg_csvlog_statement"),
                       '\'",,,,,,,,,"psql","client backend",,0'))
    return L(F, out)


@family("nosql_logs", 5, "more")
def f_nosql(x):
    """MongoDB structured JSON log (4.4+), Redis MONITOR / CLIENT LIST / server log,
    Elasticsearch search slow log (text and ECS JSON)."""
    x.tick()
    F = "nosql_logs"
    r = x.g.random()
    t = '{"t":{"$date":"%s"},"s":"I", ' % (x.now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d+08:00" % (x.now.microsecond // 1000))
    cid = x.n(1, 9999)
    remote = lambda ctx: (cat("[", x.ipv6(ctx, "global"), "]:", x.port()) if x.p(0.15)
                          else cat(x.ipv4(ctx, "private"), ":", x.port()))
    if r < 0.15:
        line = cat(t, '"c":"NETWORK",  "id":22943,   "ctx":"listener","msg":"Connection accepted","attr":{"remote":"',
                   remote("mongo_remote"), '","uuid":{"uuid":{"$uuid":"', D("uuid", x.uuid()), '"}},"connectionId":%d,' % cid,
                   '"connectionCount":%d}}' % x.n(1, 900))
    elif r < 0.27:
        line = cat(t, '"c":"NETWORK",  "id":51800,   "ctx":"conn%d","msg":"client metadata","attr":{"remote":"' % cid,
                   remote("mongo_remote"), '","client":"conn%d","doc":{"driver":{"name":"' % cid,
                   D("software_name", x.c(("PyMongo", "mongo-java-driver|sync", "nodejs|Mongoose"))),
                   '","version":"4.6.1"},"os":{"type":"Linux","name":"', D("software_name", "Linux"),
                   '","architecture":"x86_64","version":"5.15.0-97-generic"},"platform":"CPython 3.11.8.final.0"}}}')
    elif r < 0.45:
        filt = x.c((lambda: cat('{"phone":"', x.phone("mongo_slow_query_filter", ("plain", "p86")), '"}'),
                    lambda: cat('{"email":"', x.email("mongo_slow_query_filter"), '","status":1}'),
                    lambda: cat('{"name":"', x.name("mongo_slow_query_filter", "cn"), '","id_card":"',
                                x.cnid("mongo_slow_query_filter"), '"}')))()
        line = cat(t, '"c":"COMMAND",  "id":51803,   "ctx":"conn%d","msg":"Slow query","attr":{"type":"command","ns":"app.users",' % cid,
                   '"command":{"find":"users","filter":', filt, ',"limit":1,"lsid":{"id":{"$uuid":"', D("uuid", x.uuid()),
                   '"},"$db":"app"},"planSummary":"COLLSCAN","keysExamined":0,"docsExamined":%d,"nreturned":1,' % x.n(1000, 999999),
                   '"remote":"', remote("mongo_remote"), '","durationMillis":%d}}' % x.n(100, 9000))
    elif r < 0.55:
        line = cat(t, '"c":"ACCESS",   "id":5286306, "ctx":"conn%d","msg":"Successfully authenticated","attr":{"client":"' % cid,
                   remote("mongo_remote"), '","isSpeculative":true,"isClusterMember":false,"mechanism":"SCRAM-SHA-256",',
                   '"user":"appUser","db":"admin","result":0,"metrics":{"conversation_duration":{"micros":%d}},' % x.n(100, 9999),
                   '"extraInfo":{},"principalName":"', D("account_name", "appUser"), '"}}')
    elif r < 0.75:
        ip = x.ipv4("redis_monitor", "private")
        k = x.g.random()
        if k < 0.4:
            cmd = cat('"HSET" "user:', x.safe_digits(4), '" "mobile" "', x.phone("redis_monitor_args", ("plain",)),
                      '" "id_card" "', x.cnid("redis_monitor_args"), '" "email" "', x.email("redis_monitor_args"), '"')
        elif k < 0.75:
            cmd = cat('"SET" "sms:code:', x.phone("redis_key_between_colons", ("plain",)), '" "%06d" "EX" "300"' % x.n(0, 999999))
        else:
            cmd = cat('"SETEX" "session:', x.secret("redis_key_session_colon", "hex32"), '" "1800" "{\\"uid\\":', x.safe_digits(5),
                      ',\\"ip\\":\\"', x.ipv4("redis_monitor_json_value"), '\\"}"')
        line = cat(D("epoch_s", "%s.%06d" % (x.epoch_s(), x.now.microsecond)), " [0 ", ip, ":", x.port(), "] ", cmd)
    elif r < 0.85:
        line = cat("id=%d addr=" % x.n(3, 9999), x.ipv4("redis_client_list", "private"), ":", x.port(), " laddr=",
                   x.ipv4("redis_client_list", "private"), ":6379 fd=%d name= age=%d idle=0 flags=N db=0 sub=0 psub=0 " % (
                       x.n(5, 900), x.n(0, 99999)),
                   "multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 obl=0 oll=0 omem=0 tot-mem=22298 events=r cmd=client|list ",
                   "user=default redir=-1 resp=2 lib-name=", D("software_name", x.c(("redis-py", "jedis", "go-redis"))), " lib-ver=5.0.1")
    else:
        src = cat('{"query":{"bool":{"must":[{"term":{"', x.c(("mobile", "phone")), '":{"value":"',
                  x.phone("es_slowlog_source", ("plain",)), '"}}},{"match":{"email":"', x.email("es_slowlog_source"), '"}}]}}}')
        if x.p(0.5):
            line = cat("[", x.now.strftime("%Y-%m-%dT%H:%M:%S,") + "%03d" % (x.now.microsecond // 1000),
                       "][WARN ][index.search.slowlog.query] [node-1] [users][%d] took[%d.%dms], took_millis[%d], " % (
                           x.n(0, 4), x.n(500, 9000), x.n(0, 9), x.n(500, 9000)),
                       "total_hits[1 hits], types[], stats[], search_type[QUERY_THEN_FETCH], total_shards[5], source[",
                       src, "], id[],")
        else:
            line = cat('{"@timestamp":"', x.f_isoz(3), '","log.level":"WARN","elasticsearch.slowlog.source":"', jesc(src),
                       '","elasticsearch.slowlog.took":"1.2s","elasticsearch.slowlog.took_millis":"1200",',
                       '"elasticsearch.slowlog.search_type":"QUERY_THEN_FETCH","elasticsearch.slowlog.total_shards":"5",',
                       '"ecs.version":"1.2.0","service.name":"', D("software_name", "ES_ECS"), '","event.dataset":',
                       '"elasticsearch.index_search_slowlog","elasticsearch.node.name":"', D("software_name", "node-1"),
                       '","elasticsearch.cluster.name":"', D("software_name", "es-prod"), '"}')
    return L(F, [line])


# ================================================================== application frameworks

@family("java_mdc_exceptions", 6, "more")
def f_java(x):
    """Logback %X (whole MDC map), Log4j2 JsonTemplateLayout contextMap, and exceptions
    that carry values: Spring validation, NumberFormatException, duplicate keys,
    Redisson/Dubbo/HttpClient connection errors, JavaMail, Jackson."""
    x.tick()
    F = "java_mdc_exceptions"
    r = x.g.random()
    out = []
    if r < 0.2:
        mdc = cat("{traceId=", x.hexid(16), ", spanId=", x.hexid(16), ", userId=", x.safe_digits(6), ", clientIp=",
                  x.ipv4("logback_mdc_map"), ", ", x.c(("mobile", "phone")), "=", x.phone("logback_mdc_map", ("plain", "p86")), "}")
        out.append(cat(x.f_spring(), " [", x.c(THREADS), "] INFO  ", x.c(LOGGERS), " ", mdc, " - order created"))
    elif r < 0.3:
        out.append(cat('{"@timestamp":"', x.f_iso(), '","level":"INFO","loggerName":"', D("software_name", x.c(LOGGERS)),
                       '","message":"login ok","thread":"', D("software_name", x.c(THREADS)), '","contextMap":{"clientIp":"',
                       x.ipv4("log4j2_json_contextmap"), '","deviceId":"', x.device("device_id", "log4j2_json_contextmap"),
                       '","userMobile":"', x.phone("log4j2_json_contextmap", ("plain",)), '"}}'))
    elif r < 0.44:
        out.append(cat(spring_prefix(x, "WARN", "o.s.w.s.m.s.DefaultHandlerExceptionResolver"),
                       "Resolved [org.springframework.web.bind.MethodArgumentNotValidException: Validation failed for argument [0] in ",
                       "public com.example.common.Result com.example.user.UserController.register(com.example.user.RegisterRequest) ",
                       "with 2 errors: [Field error in object 'registerRequest' on field 'mobile': rejected value [",
                       x.phone("spring_rejected_value", ("plain", "g344sp")), "]; codes [Pattern.registerRequest.mobile,Pattern.mobile,",
                       "Pattern]; default message [手机号格式不正确]] [Field error in object 'registerRequest' on field 'idCard': ",
                       "rejected value [", x.cnid("spring_rejected_value"), "]; codes [IdCard.registerRequest.idCard]; ",
                       "default message [身份证号不合法]] ]"))
    elif r < 0.54:
        out.append(cat(spring_prefix(x, "ERROR", "c.e.common.GlobalExceptionHandler"), "bad request"))
        out.append(cat('java.lang.NumberFormatException: For input string: "', x.phone("java_numberformat", ("plain",)), '"'))
        out.append(T("\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)"))
        out.append(T("\tat java.base/java.lang.Integer.parseInt(Integer.java:662)"))
    elif r < 0.64:
        out.append(cat("org.springframework.dao.DuplicateKeyException: ### Error updating database.  Cause: ",
                       "java.sql.SQLIntegrityConstraintViolationException: Duplicate entry '",
                       x.phone("java_duplicate_composite", ("plain",)), "-", str(x.n(1, 9)), "' for key 't_user.uk_mobile_tenant'"))
        if x.p(0.5):
            out.append(cat("Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint ",
                           '"uk_email"  Detail: Key (email, tenant_id)=(', x.email("pg_detail_composite"), ", %d) already exists." % x.n(1, 9)))
    elif r < 0.74:
        ip = x.ip4("private")
        k = x.g.random()
        if k < 0.35:
            out.append(cat("org.redisson.client.RedisConnectionException: Unable to connect to Redis server: ",
                           V("IPV4", "IPV4.plain.redisson_host_slash_ip", ip), "/", V("IPV4", "IPV4.plain.redisson_host_slash_ip", ip),
                           ":6379"))
        elif k < 0.7:
            out.append(cat("org.apache.dubbo.rpc.RpcException: Failed to invoke the method register in the service ",
                           "com.example.UserService. Tried 3 times of the providers [", x.ipv4("dubbo_providers", "private"),
                           ":20880] (1/1) from the registry ", x.ipv4("dubbo_registry", "private"), ":2181 on the consumer ",
                           x.ipv4("dubbo_consumer", "private"), " using the dubbo version 2.7.8. Last error is: Invoke remote ",
                           "method timeout."))
        elif k < 0.85:
            out.append(cat("feign.RetryableException: Read timed out executing POST http://", V("IPV4", "IPV4.plain.feign_url", ip),
                           ":8080/api/v1/user/bind?mobile=", x.phone("feign_url_query", ("plain",))))
        else:
            out.append(cat("org.apache.http.conn.HttpHostConnectException: Connect to ", V("IPV4", "IPV4.plain.httpclient_connect", ip),
                           ":8080 [/", V("IPV4", "IPV4.plain.httpclient_connect", ip), "] failed: Connection refused (Connection refused)"))
    elif r < 0.84:
        out.append(cat("javax.mail.SendFailedException: Invalid Addresses;"))
        out.append(cat("  nested exception is:"))
        out.append(cat("\tcom.sun.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <", x.email("javamail_angle"),
                       ">: Recipient address rejected: User unknown in virtual mailbox table"))
    else:
        out.append(cat("com.fasterxml.jackson.databind.exc.InvalidFormatException: Cannot deserialize value of type ",
                       '`java.lang.Long` from String "', x.phone("jackson_invalid_format", ("g344sp", "g344hy", "p86sp")),
                       '": not a valid `java.lang.Long` value'))
        out.append(T(' at [Source: (PushbackInputStream); line: 1, column: %d] (through reference chain: '
                     'com.example.user.RegisterRequest["mobile"])' % x.n(10, 90)))
    return L(F, out)


@family("python_logging", 5, "more")
def f_python(x):
    """Python logging default format with dict/tuple reprs, Django QueryDict repr,
    werkzeug access log, structlog console and JSON (json.dumps ensure_ascii: CJK as
    \\uXXXX), Celery, urllib3 debug, tracebacks."""
    x.tick()
    F = "python_logging"
    r = x.g.random()
    out = []
    if r < 0.16:
        items = [cat("'", x.c(("mobile", "phone")), "': '", x.phone("py_repr_dict", ("plain", "p86")), "'"),
                 cat("'name': '", x.name("py_repr_dict", "cn"), "'"),
                 cat("'id_card': '", x.cnid("py_repr_dict"), "'"),
                 cat("'email': '", x.email("py_repr_dict"), "'")]
        x.g.shuffle(items)
        out.append(cat("INFO:", x.c(("user.service", "app.views", "api.register")), ":register payload={", join(", ", items), "}"))
    elif r < 0.28:
        out.append(T("Internal Server Error: /api/v1/register"))
        out.append(T("Traceback (most recent call last):"))
        out.append(T('  File "/app/venv/lib/python3.11/site-packages/django/core/handlers/exception.py", line 55, in inner'))
        out.append(T("django.db.utils.IntegrityError: duplicate key value violates unique constraint \"users_mobile_key\""))
        out.append(cat("POST: <QueryDict: {'mobile': ['", x.phone("django_querydict_list", ("plain",)), "'], 'password': ['",
                       V("SECRET", "SECRET.password.django_querydict_list", vv.password(x.g)), "'], 'csrfmiddlewaretoken': ['",
                       vv.rand_alnum(x.g, 32), "']}>"))
    elif r < 0.4:
        out.append(cat(x.ipv4("werkzeug_access"), " - - [", x.now.strftime("%d/%b/%Y %H:%M:%S"), '] "GET /api/user?',
                       x.c(("mobile", "phone")), "=", x.phone("query", ("plain",)), "&email=", x.email("query", "pct40"),
                       ' HTTP/1.1" 200 -'))
    elif r < 0.55:
        pad = " " * x.n(2, 20)
        out.append(cat(x.f_spring()[:19], " [info     ] user_login", pad, " client_ip=", x.ipv4("structlog_console"),
                       " phone=", x.phone("structlog_console", ("plain",)), " user_name='", x.name("structlog_console_repr", "cn"),
                       "' request_id=", D("uuid", x.uuid())))
    elif r < 0.75:
        glue = x.g.random()
        if glue < 0.4:
            msg = cat(u_escape("用户验证码"), x.phone("py_json_ascii_after_u7801", ("plain",)), u_escape("已发送"))
        elif glue < 0.7:
            msg = cat(u_escape("身份证"), x.cnid("py_json_ascii_after_u8bc1"), u_escape("校验失败"))
        else:
            msg = cat(u_escape("绑定邮箱"), x.email("py_json_ascii_after_u7bb1"), u_escape("成功"))
        items = [cat('"event": "', msg, '"'), cat('"user_name": "', name_u(x, "py_json_ensure_ascii"), '"'),
                 cat('"address": "', addr_u(x, "py_json_ensure_ascii"), '"'),
                 cat('"phone": "', x.phone("py_json_ensure_ascii", ("plain", "p86")), '"'),
                 T('"level": "info"'), cat('"timestamp": "', x.f_isoz(6), '"')]
        out.append(cat("{", join(", ", items), "}"))
    elif r < 0.85:
        tid = x.uuid()
        out.append(cat("[", x.f_spring().replace(".", ","), ": INFO/MainProcess] Task app.tasks.send_sms[", D("uuid", tid), "] received"))
        out.append(cat("[", x.f_spring().replace(".", ","), ": INFO/ForkPoolWorker-%d] Task app.tasks.send_sms[" % x.n(1, 8),
                       D("uuid", tid), "] succeeded in %d.%03ds: {'phone': '" % (x.n(0, 3), x.n(0, 999)),
                       x.phone("celery_result_repr", ("plain", "p86")), "', 'status': 'sent', 'args': ('",
                       x.phone("celery_args_tuple", ("plain",)), "', 'SMS_%d')}" % x.n(10 ** 8, 10 ** 9 - 1)))
    elif r < 0.93:
        out.append(cat("DEBUG:urllib3.connectionpool:https://", x.c(HOSTS), ':443 "POST /v1/sms/send?phone=',
                       x.phone("urllib3_debug", ("plain",)), "&sign=", pct_str(x.sign_b64(24)), ' HTTP/1.1" 200 %d' % x.n(10, 900)))
    else:
        out.append(T("Traceback (most recent call last):"))
        out.append(T('  File "/app/user/forms.py", line %d, in clean_mobile' % x.n(20, 300)))
        out.append(T("    return int(value.replace(' ', ''))"))
        out.append(cat("ValueError: invalid literal for int() with base 10: '", x.phone("py_valueerror", ("g344hy", "g38hy", "p86hy")), "'"))
    return L(F, out)


@family("go_node_logging", 5, "more")
def f_gonode(x):
    """Go: zap JSON and console encoders, logrus text, net/http server errors, gin;
    Node.js: morgan combined, util.inspect objects, winston, NestJS, mysql driver errors."""
    x.tick()
    F = "go_node_logging"
    r = x.g.random()
    out = []
    if r < 0.14:
        out.append(cat('{"level":"info","ts":', D("epoch_s", "%s.%06d" % (x.epoch_s(), x.now.microsecond)),
                       ',"caller":"handler/user.go:%d","msg":"login","' % x.n(20, 400), x.key(["mobile"], ("snake", "camel")), '":"',
                       x.phone("zap_json", ("plain", "p86")), '","client_ip":"', x.ipv4("zap_json"), '","user_agent":"',
                       jesc(x.ua(), "go"), '"}'))
    elif r < 0.26:
        out.append(cat(x.f_iso(3).replace("+08:00", "+0800"), "\tINFO\thandler/user.go:%d\tlogin\t{" % x.n(20, 400),
                       '"mobile": "', x.phone("zap_console_fields", ("plain",)), '", "client_ip": "', x.ipv4("zap_console_fields"),
                       '", "name": "', x.name("zap_console_fields", "cn"), '"}'))
    elif r < 0.38:
        out.append(cat('time="', x.f_iso(0)[:19], '+08:00" level=info msg="user login" client_ip=', x.ipv4("logrus_text"),
                       " mobile=", x.phone("logrus_text", ("plain",)), ' name="', x.name("logrus_text_quoted", "cn"), '" email=',
                       x.email("logrus_text")))
    elif r < 0.48:
        if x.p(0.5):
            out.append(cat(x.now.strftime("%Y/%m/%d %H:%M:%S"), " http: TLS handshake error from ", x.ipv4("go_net_http_from"), ":",
                           x.port(), ": EOF"))
        else:
            out.append(cat(x.now.strftime("%Y/%m/%d %H:%M:%S"), " http: panic serving [", x.ipv6("go_net_http_from", "global"), "]:",
                           x.port(), ": runtime error: invalid memory address or nil pointer dereference"))
    elif r < 0.6:
        cl = x.ipv4("gin_logger") if x.p(0.8) else x.ipv6("gin_logger", "global")
        out.append(cat("[GIN] ", x.now.strftime("%Y/%m/%d - %H:%M:%S"), " | 200 | %10s |" % ("%d.%06dms" % (x.n(0, 99), x.n(0, 999999))),
                       "    ", cl, ' | POST     "/api/v1/user/login?', x.c(("mobile", "phone")), "=",
                       x.phone("query", ("plain",)), '"'))
    elif r < 0.7:
        out.append(cat(x.ipv6("morgan_combined", variant="v4mapped"), " - - [", x.utc().strftime("%d/%b/%Y:%H:%M:%S +0000"),
                       '] "POST /api/register HTTP/1.1" 200 %d "-" "' % x.n(10, 900), x.c(UAS_PLAIN[:2]), '"'))
    elif r < 0.82:
        out.append(cat("{ mobile: '", x.phone("node_util_inspect", ("plain",)), "', name: '", x.name("node_util_inspect", "cn"),
                       "', address: '", x.address("node_util_inspect"), "', ip: '", x.ipv6("node_util_inspect", variant="v4mapped"),
                       "' }"))
    elif r < 0.9:
        out.append(cat("info: user registered {\"", x.key(["mobile"], ("camel", "snake")), '":"', x.phone("winston_meta", ("plain",)),
                       '","email":"', x.email("winston_meta"), '","service":"', D("software_name", x.c(SERVICES)), '"}'))
    elif r < 0.96:
        out.append(cat("[Nest] %s  - %s, %d:%s     LOG [UserService] register {" % (
            x.pid(), x.now.strftime("%m/%d/%Y"), (x.now.hour - 1) % 12 + 1, x.now.strftime("%M:%S %p")),
                       '"mobile":"', x.phone("nestjs_logger", ("plain",)), '","idCard":"', x.cnid("nestjs_logger"), '"}'))
    else:
        out.append(cat("Error: ER_DUP_ENTRY: Duplicate entry '", x.email("node_mysql_dup_entry"), "' for key 'users.email'"))
        out.append(T("    at Query.Sequence._packetToError (/app/node_modules/mysql/lib/protocol/sequences/Sequence.js:47:14)"))
    return L(F, out)


# ================================================================== voice and telecom

def cell_id(x):
    """E-UTRAN cell global id as P-Access-Network-Info writes it: MCC MNC TAC(4 hex) ECI(7 hex)."""
    return D("cell_id", "460" + x.c(("00", "01", "11")) + x.hexid(4, True) + x.hexid(7, True))


@family("sip_voip", 4, "more")
def f_sip(x):
    """SIP requests as PJSIP/Kamailio loggers print them (RFC 3261 headers, 3GPP P- headers),
    Asterisk full log and Master.csv CDR, Kamailio xlog and acc module lines."""
    x.tick()
    F = "sip_voip"
    r = x.g.random()
    out = []
    caller = vv.mobile(x.g)
    callee = vv.mobile(x.g)
    ua_ip = x.ip4("public")
    pbx = x.ip4("private")
    if r < 0.35:
        port = x.c(("5060", "5062", "5080"))
        out.append(cat("<--- Received SIP request (%d bytes) from UDP:" % x.n(600, 1400), V("IPV4", "IPV4.plain.pjsip_logger", ua_ip),
                       ":", port, " --->"))
        out.append(cat("INVITE sip:", V("PHONE", "PHONE.plain.sip_request_uri_user", callee), "@", V("IPV4", "IPV4.plain.sip_uri_host", pbx),
                       ":5060 SIP/2.0"))
        out.append(cat("Via: SIP/2.0/UDP ", V("IPV4", "IPV4.plain.sip_via", ua_ip), ":", port, ";rport;branch=z9hG4bKPj", x.hexid(24)))
        out.append(cat('From: "', V("NAME", "NAME.cn.beyond_sip_display_name", vv.cn_name(x.g)), '" <sip:',
                       V("PHONE", "PHONE.p86.sip_uri_user", "+86" + caller), "@ims.example.cn>;tag=", x.hexid(10)))
        out.append(cat("To: <sip:", V("PHONE", "PHONE.plain.sip_uri_user", callee), "@", V("IPV4", "IPV4.plain.sip_uri_host", pbx), ">"))
        if x.p(0.4):
            out.append(cat("Contact: <sip:", T(x.c(("ext100", "1001", "sipuser"))), "@[",
                           x.ipv6("sip_contact_bracket", "global"), "]:", port, ";transport=udp>"))
        else:
            out.append(cat("Contact: <sip:", V("PHONE", "PHONE.p86.sip_uri_user", "+86" + caller), "@",
                           V("IPV4", "IPV4.plain.sip_uri_host", ua_ip), ":", port, ";transport=udp>"))
        out.append(cat("Call-ID: ", x.hexid(8), "-", x.hexid(8), "@", V("IPV4", "IPV4.plain.sip_call_id_host", ua_ip)))
        out.append(T("CSeq: %d INVITE" % x.n(1, 99999)))
        out.append(cat("P-Asserted-Identity: <tel:", V("PHONE", "PHONE.p86.tel_uri", "+86" + caller), ">"))
        out.append(cat("P-Access-Network-Info: 3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=", cell_id(x)))
        out.append(T("User-Agent: %s" % x.c(("Linphone/5.2.0 (belle-sip/5.2.0)", "MicroSIP/3.21.3", "Asterisk PBX 18.20.0"))))
        out.append(cat("Authorization: ", V("SECRET", "SECRET.digest.sip_authorization",
                                            'Digest username="%s", realm="ims.example.cn", nonce="%s", uri="sip:ims.example.cn", '
                                            'response="%s", algorithm=MD5' % (x.c(("1001", "ext100", "sipuser")), x.hexid(32), x.hexid(32)))))
        out.append(T("Content-Length: 0"))
        out.append(T(""))
    elif r < 0.6:
        t = x.now
        pre = "[%s %2d %s] " % (MONTHS[t.month - 1], t.day, t.strftime("%H:%M:%S"))
        chan = "C-%08x" % x.n(1, 0xffff)
        k = x.g.random()
        if k < 0.4:
            out.append(cat(pre, "NOTICE[%s] res_pjsip/pjsip_distributor.c: Request 'REGISTER' from '\"100\" <sip:100@" % x.pid(),
                           V("IPV4", "IPV4.plain.asterisk_sip_uri_host", pbx), ">' failed for '", V("IPV4", "IPV4.plain.asterisk_failed_for", ua_ip),
                           ":%d' (callid: %s) - Failed to authenticate" % (x.n(1025, 65000), x.hexid(20))))
        else:
            out.append(cat(pre, "VERBOSE[%s][%s] pbx.c: Executing [" % (x.pid(), chan),
                           V("PHONE", "PHONE.plain.asterisk_exten_at_context", callee), '@from-trunk:1] Set("PJSIP/trunk-%08x", "CALLERID(num)=' % x.n(1, 0xffff),
                           V("PHONE", "PHONE.plain.asterisk_callerid_num", caller), '") in new stack'))
            out.append(cat(pre, "VERBOSE[%s][%s] app_dial.c: Called PJSIP/100" % (x.pid(), chan)))
    elif r < 0.78:
        uniq = "%s.%d" % (x.epoch_s(), x.n(1, 999))
        st = x.now.strftime("%Y-%m-%d %H:%M:%S")
        nm = vv.cn_name(x.g)
        out.append(cat('"","', V("PHONE", "PHONE.plain.asterisk_master_csv", caller), '","100","from-trunk","""', T(nm), '"" <',
                       V("PHONE", "PHONE.plain.asterisk_master_csv_clid", caller), '>","PJSIP/trunk-%08x","PJSIP/100-%08x","Dial",' % (
                           x.n(1, 0xffff), x.n(1, 0xffff)), '"PJSIP/100,30","', st, '","', st, '","', st, '",%d,%d,"ANSWERED",' % (
                           x.n(5, 900), x.n(1, 800)), '"DOCUMENTATION","', D("epoch_s", uniq), '",""'))
    else:
        if x.p(0.5):
            out.append(cat(x.f_syslog(), " sbc kamailio[%s]: INFO: <script>: REGISTER from sip:" % x.pid(),
                           V("PHONE", "PHONE.plain.kamailio_xlog_uri_user", caller), "@ims.example.cn (",
                           V("IPV4", "IPV4.plain.kamailio_xlog_paren", ua_ip), ":%d) ua=Linphone/5.2.0" % x.n(1025, 65000)))
        else:
            out.append(cat(x.f_syslog(), " sbc kamailio[%s]: ACC: transaction answered: timestamp=" % x.pid(), D("epoch_s", x.epoch_s()),
                           ";method=INVITE;from_tag=", x.hexid(10), ";to_tag=", x.hexid(10), ";call_id=", x.hexid(16),
                           ";code=200;reason=OK;src_user=", V("PHONE", "PHONE.plain.kamailio_acc_kv", caller),
                           ";src_domain=ims.example.cn;src_ip=", V("IPV4", "IPV4.plain.kamailio_acc_kv", ua_ip),
                           ";dst_ouser=", V("PHONE", "PHONE.plain.kamailio_acc_kv", callee), ";dst_user=",
                           V("PHONE", "PHONE.plain.kamailio_acc_kv", callee), ";dst_domain=", V("IPV4", "IPV4.plain.kamailio_acc_kv", pbx)))
    return L(F, out)


@family("telecom_cdr_smpp", 4, "more")
def f_cdr(x):
    """Circuit-switched CDR CSV export, PGW-CDR decoded text (3GPP TS 32.298 field names),
    SMPP PDUs as Cloudhopper prints them, delivery receipts, Kannel access log."""
    x.tick()
    F = "telecom_cdr_smpp"
    r = x.g.random()
    out = []
    if r < 0.3:
        if x.p(0.25):
            out.append(T("RecordType,ServedIMSI,ServedIMEI,ServedMSISDN,CallingNumber,CalledNumber,LAC,CellID,"
                         "SeizureTime,AnswerTime,ReleaseTime,CallDuration,CauseForTerm"))
        msisdn = vv.mobile(x.g)
        st = x.now.strftime("%Y%m%d%H%M%S")
        out.append(cat(x.c(("MOC", "MTC")), ",", x.imsi("cs_cdr_csv"), ",", x.imei("cs_cdr_csv", "plain"), ",",
                       V("PHONE", "PHONE.c86.cs_cdr_csv", "86" + msisdn), ",", V("PHONE", "PHONE.c86.cs_cdr_csv", "86" + msisdn), ",",
                       x.phone("cs_cdr_csv", ("c86", "plain")), ",0x%04X,0x%04X," % (x.n(1, 0xffff), x.n(1, 0xffff)),
                       st, "+0800,", st, "+0800,", st, "+0800,%d,normalRelease" % x.n(1, 3600)))
    elif r < 0.55:
        out.append(T("PGWRecord"))
        out.append(T("  recordType: 85"))
        out.append(cat("  servedIMSI: ", x.imsi("pgw_cdr_text", x.p(0.3))))
        out.append(cat("  p-GWAddress: ", x.ipv4("pgw_cdr_text", "private")))
        out.append(T("  chargingID: %s" % x.safe_digits(9)))
        out.append(cat("  servedPDPPDNAddress: ", x.ipv4("pgw_cdr_text", "cgnat")))
        out.append(T("  accessPointNameNI: cmnet"))
        out.append(cat("  servedMSISDN: ", x.phone("pgw_cdr_text", ("c86",))))
        out.append(cat("  servedIMEISV: ", x.imei("pgw_cdr_text", "sv16")))
        out.append(cat("  userLocationInformation: TAI=460-00-0x%04x ECGI=460-00-0x%07x" % (x.n(1, 0xffff), x.n(1, 0xfffffff))))
        out.append(cat("  recordOpeningTime: ", x.now.strftime("%Y-%m-%d %H:%M:%S"), " +0800"))
        out.append(T("  duration: %d" % x.n(1, 3600)))
        out.append(T("  listOfServiceData: ratingGroup=10 datavolumeFBCUplink=%d datavolumeFBCDownlink=%d" % (
            x.n(100, 99999999), x.n(100, 99999999))))
    elif r < 0.75:
        seq = x.n(1, 99999)
        out.append(cat(x.f_spring(), " [smpp-session-1] DEBUG c.c.smpp.impl.DefaultSmppSession - send PDU: (submit_sm: 0x%08X 0x00000004 "
                       "0x00000000 0x%08X) (body: src [0x05 0x00 SMSINFO] dest [0x01 0x01 " % (x.n(60, 200), seq),
                       x.phone("cloudhopper_pdu_dest", ("c86", "plain")), "] esm [0x00] regd [0x01] dcs [0x08] message [",
                       "%d bytes]) (opts: )" % x.n(10, 140)))
        if x.p(0.6):
            out.append(cat(x.f_spring(), " [smpp-session-1] INFO  c.e.sms.DlrHandler - deliver_sm from ",
                           x.phone("smpp_deliver_source", ("c86",)), ": id:", x.safe_digits(10),
                           " sub:001 dlvrd:001 submit date:%s done date:%s stat:DELIVRD err:000 text:" % (
                               x.now.strftime("%y%m%d%H%M"), x.now.strftime("%y%m%d%H%M"))))
    else:
        out.append(cat(x.now.strftime("%Y-%m-%d %H:%M:%S"), " Sent SMS [SMSC:cmpp] [SVC:sms] [ACT:] [BINF:] [FID:", x.safe_digits(7),
                       "] [META:] [from:10690000] [to:", x.phone("kannel_access_to", ("p86",)),
                       "] [flags:-1:2:-1:0:19] [msg:24:", "0x" + x.hexid(24), "] [udh:0:]"))
    return L(F, out)


# ================================================================== Chinese payment, order and HR exports

@family("cn_payment_sdk", 5, "more")
def f_cnpay(x):
    """WeChat Pay APIv3 notify (decrypted resource), Alipay trade query response and fund
    transfer request (biz_content), UnionPay ACP customerInfo before encoding."""
    x.tick()
    F = "cn_payment_sdk"
    r = x.g.random()
    if r < 0.3:
        attach = cat('{\\"mobile\\":\\"', x.phone("wxpay_v3_attach_escaped_json", ("plain",)), '\\",\\"uid\\":', x.safe_digits(6), '}')
        line = cat(spring_prefix(x, "INFO", "c.e.pay.wx.WxPayV3NotifyController"), 'decrypted resource: {"mchid":"1%09d",' % x.n(0, 10 ** 9 - 1),
                   '"appid":"wx', x.hexid(16), '","out_trade_no":"', x.safe_digits(20), '","transaction_id":"4200002',
                   x.safe_digits(21), '","trade_type":"JSAPI","trade_state":"SUCCESS","trade_state_desc":"支付成功","bank_type":',
                   '"CMB_DEBIT","attach":"', attach, '","success_time":"', x.f_iso(0)[:19], '+08:00","payer":{"openid":"oUpF8',
                   vv.rand_alnum(x.g, 23), '"},"amount":{"total":%d,"payer_total":%d,"currency":"CNY","payer_currency":"CNY"},' % (
                       x.n(1, 99999), x.n(1, 99999)), '"scene_info":{"device_id":"', x.device("device_id", "wxpay_v3_scene_info"), '"}}')
    elif r < 0.5:
        masked = "%s****%s" % (vv.mobile(x.g)[:3], vv.digits(x.g, 4))
        line = cat(spring_prefix(x, "INFO", "c.e.pay.ali.AlipayClient"), 'alipay.trade.query response: {"alipay_trade_query_response":',
                   '{"code":"10000","msg":"Success","buyer_logon_id":"', D("masked", masked), '","buyer_pay_amount":"%d.%02d",' % (
                       x.n(1, 999), x.n(0, 99)), '"buyer_user_id":"2088', x.safe_digits(12), '","out_trade_no":"', x.safe_digits(18),
                   '","trade_no":"2024030522001', x.safe_digits(15), '","trade_status":"TRADE_SUCCESS","buyer_user_name":"',
                   D("masked", x.c(vv.SURNAMES) + "*"), '"},"sign":"', x.sign_b64(40), '"}')
    elif r < 0.75:
        ident = x.c(("phone", "email"))
        payee = x.phone("alipay_payee_identity", ("plain",)) if ident == "phone" else x.email("alipay_payee_identity")
        line = cat(spring_prefix(x, "INFO", "c.e.pay.ali.FundTransfer"), 'alipay.fund.trans.uni.transfer biz_content={"out_biz_no":"',
                   x.safe_digits(12), '","trans_amount":"%d.%02d","product_code":"TRANS_ACCOUNT_NO_PWD","biz_scene":"DIRECT_TRANSFER",' % (
                       x.n(1, 9999), x.n(0, 99)), '"order_title":"佣金提现","payee_info":{"identity":"', payee,
                   '","identity_type":"ALIPAY_LOGON_ID","name":"', x.name("alipay_payee_name", "cn"), '","cert_no":"',
                   x.cnid("alipay_payee_cert_no"), '","cert_type":"IDENTITY_CARD"},"remark":"提现"}')
    else:
        line = cat(spring_prefix(x, "DEBUG", "c.e.pay.unionpay.AcpService"), "before encode: customerInfo={phoneNo=",
                   x.phone("unionpay_customerinfo", ("plain",)), "&certifTp=01&certifId=", x.cnid("unionpay_customerinfo"),
                   "&customerNm=", V("NAME", "NAME.cn.beyond_unionpay_customerNm", vv.cn_name(x.g)), "&smsCode=%06d}, accNo=" % x.n(0, 999999),
                   x.bank("unionpay_accno", "up", False), "&txnAmt=%d" % x.n(1, 99999))
    return L(F, [line])


@family("cn_order_export", 4, "more")
def f_orders(x):
    """E-commerce seller-center order exports (Taobao/Tmall-style and JD-style CSV):
    UTF-8 with a BOM on the header, ="…" and '… text markers, masked phones, CRLF."""
    x.tick()
    F = "cn_order_export"
    out = []
    if x.p(0.5):
        if x.p(0.25):
            out.append(T("\ufeff订单编号,买家会员名,支付宝账号,买家应付货款,收货人姓名,收货地址 ,联系电话 ,联系手机,订单创建时间,宝贝标题 ,物流单号 ,物流公司"))
        acct = x.phone("taobao_export_alipay_acct", ("plain",)) if x.p(0.5) else x.email("taobao_export_alipay_acct")
        tel = cat("'", x.phone("taobao_export_apostrophe", ("fixed_hy",))) if x.p(0.4) else T("")
        out.append(cat('="', x.safe_digits(19), '",tb_', vv.rand_alnum(x.g, 8).lower(), ",", acct, ",%d.%02d," % (x.n(1, 999), x.n(0, 99)),
                       T(vv.cn_name(x.g)), ',"', T(vv.cn_address(x.g)), '(100022)",', tel, ",'",
                       x.phone("taobao_export_apostrophe", ("plain",)), ",", x.f_spring()[:19], ',"', x.c(("夏季新款T恤 男", "蓝牙耳机 降噪",
                                                                                                                "儿童绘本 全套")),
                       '",', D("waybill_no", "SF" + x.safe_digits(13)), ",", D("org_name", "顺丰速运")))
    else:
        if x.p(0.25):
            out.append(T("\ufeff订单号,下单时间,客户姓名,客户地址,联系电话,订单金额,商品名称,收件人手机号"))
        masked = "%s****%s" % (vv.mobile(x.g)[:3], vv.digits(x.g, 4))
        out.append(cat('"', x.safe_digits(12), '","', x.f_spring()[:19], '","', T(vv.cn_name(x.g)), '","', T(vv.cn_address(x.g)),
                       '","', D("masked", masked), '","%d.%02d","' % (x.n(1, 9999), x.n(0, 99)), x.c(("小米手环7", "京东超市 大米5kg")),
                       '","', x.phone("jd_export_quoted", ("plain", "p86")), '"'))
    return crlf(F, out)


GBK_NOTE_BEFORE = ("客户要求改手机号为", "新号码", "联系方式改为")
GBK_NOTE_AFTER = ("再联系", "已核实", "勿扰")


def _gbk_ok(words):
    return tuple(w for w in words if all(b >= 0x80 for b in w.encode("gbk")))


@family("hr_crm_gbk", 3, "more")
def f_hr(x):
    """HR roster and CRM customer exports as Excel saves them for Chinese Windows
    (GBK, CRLF): CSV and tab-separated, free-text remarks with glued numbers."""
    x.tick()
    F = "hr_crm_gbk"
    out = []
    if x.p(0.55):
        if x.p(0.25):
            out.append(T("工号,姓名,性别,出生日期,身份证号,手机号码,电子邮箱,开户银行,银行卡号,家庭住址,紧急联系人,紧急联系人电话,入职日期"))
        out.append(cat("E%05d," % x.n(1, 99999), T(vv.cn_name(x.g)), ",", x.c(("男", "女")), ",%d-%02d-%02d," % (
            x.n(1970, 2002), x.n(1, 12), x.n(1, 28)), x.cnid("hr_csv_gbk"), ",", x.phone("hr_csv_gbk", ("plain", "g344hy")), ",",
                       x.email("hr_csv_gbk"), ",", D("org_name", x.c(("招商银行", "中国工商银行", "中国建设银行"))), ",",
                       x.bank("hr_csv_gbk", "up"), ",", T(vv.cn_address(x.g)), ",", T(vv.cn_name(x.g)), ",",
                       x.phone("hr_csv_gbk", ("plain", "p86sp")), ",%d-%02d-01" % (x.n(2010, 2024), x.n(1, 12))))
    else:
        if x.p(0.25):
            out.append(T("客户编号\t客户名称\t联系人\t手机\t固定电话\t邮箱\t备注"))
        before = _gbk_ok(GBK_NOTE_BEFORE)
        after = _gbk_ok(GBK_NOTE_AFTER)
        note = cat(x.c(before), x.phone("crm_tsv_gbk_glued", ("plain",)), x.c(after)) if before and after else T("无")
        out.append(cat("C%06d\t" % x.n(1, 999999), D("org_name", x.c(BRANDS)), "\t", T(vv.cn_name(x.g)), "\t",
                       x.phone("crm_tsv_gbk", ("plain",)), "\t", x.phone("crm_tsv_gbk", ("fixed_hy",)), "\t",
                       x.email("crm_tsv_gbk"), "\t", note))
    return crlf(F, out, enc="gbk")


# ================================================================== Apple

@family("ios_sysdiagnose", 4, "more")
def f_apple(x):
    """macOS/iOS diagnostics: arp -a (ether_ntoa, no leading zeros), networksetup,
    system_profiler, ioreg IOMACAddress, unified log lines of wifid, bluetoothd and apps
    (Swift CLLocationCoordinate2D, CLLocation description with signs)."""
    x.tick()
    F = "ios_sysdiagnose"
    r = x.g.random()
    out = []
    t = x.now
    ts = t.strftime("%Y-%m-%d %H:%M:%S.") + "%06d+0800" % t.microsecond
    ulog = lambda proc: "%s 0x%x     Default     0x0                  %s    0    %s: " % (ts, x.n(0x1000, 0xfffff), x.pid(), proc)
    if r < 0.2:
        out.append(cat("? (", x.ipv4("macos_arp_a_paren", "private"), ") at ", mac_nolz(x, "macos_arp_a"),
                       " on en0 ifscope [ethernet]"))
        if x.p(0.4):
            net = x.ip4("private").rsplit(".", 1)[0]
            out.append(cat("? (", D("broadcast_ip", net + ".255"), ") at ", D("mac_broadcast", "ff:ff:ff:ff:ff:ff"),
                           " on en0 ifscope [ethernet]"))
        if x.p(0.3):
            out.append(cat("? (", x.ipv4("macos_arp_a_paren", "private"), ") at ", D("arp_incomplete", "(incomplete)"),
                           " on en0 ifscope [ethernet]"))
    elif r < 0.32:
        out.append(cat("Ethernet Address: ", x.mac("networksetup", "colon_lc"), " (Device: en0)"))
    elif r < 0.45:
        out.append(T("    Wi-Fi:"))
        out.append(T("      Type: AirPort"))
        out.append(cat("      IPv4 Addresses: ", x.ipv4("system_profiler", "private")))
        out.append(cat("      Ethernet:"))
        out.append(cat("          MAC Address: ", x.mac("system_profiler", "colon_lc")))
    elif r < 0.55:
        out.append(cat('    | |   |   "IOMACAddress" = <', V("MAC", "MAC.bare12.ioreg_angle", "".join(vv.mac_octets(x.g))), ">"))
    elif r < 0.7:
        out.append(cat(ulog("wifid"), 'WiFiDeviceManagerAttemptAutoJoin: network "', x.c(SSIDS), '" bssid=', mac_nolz(x, "wifid_bssid"),
                       " rssi=-%d channel=%d" % (x.n(40, 90), x.c((1, 6, 11, 36, 149)))))
        if x.p(0.5):
            out.append(cat(ulog("wifid"), "[corewifi] END REQ [GET SSID] took %d.%07ds (pid=%s proc=MyApp bundleID=com.example.app "
                           "codesign=<private> service=com.apple.private.corewifi-xpc qos=25 intf=en0 uuid=<private> info=<private>)" % (
                               x.n(0, 1), x.n(0, 9999999), x.pid())))
    elif r < 0.82:
        out.append(cat(ulog("MyApp"), "[Location] didUpdateLocations CLLocationCoordinate2D(latitude: ", x.geo1("lat", "swift_struct_label", 6),
                       ", longitude: ", x.geo1("lng", "swift_struct_label", 6), ")"))
    elif r < 0.92:
        lat, lng = vv.geo_world(x.g, 8)
        s = ("%s,%s" % (lat if lat.startswith("-") else "+" + lat, lng if lng.startswith("-") else "+" + lng))
        out.append(cat(ulog("MyApp"), "location: <", V("GEO", "GEO.clpair_signed.cllocation_world", s), "> +/- %.2fm (speed %.2f mps / course -1.00) @ " % (
            x.g.random() * 60, x.g.random() * 3), "%d/%d/%d, " % (t.month, t.day, t.year % 100),
                       D("clock_time", "%d:%02d:%02d" % ((t.hour - 1) % 12 + 1, t.minute, t.second)), " %s China Standard Time" % (
                           "AM" if t.hour < 12 else "PM")))
    else:
        out.append(cat(ulog("bluetoothd"), "[com.apple.bluetooth:Server.LE.Connection] Connection to device ",
                       x.mac("macos_bluetoothd", "colon_uc"), " complete"))
    return L(F, out)
