#!/usr/bin/perl
# Reference de-identification filter in plain Perl: the throughput baseline.
#
# Implements the eight core scrub types the way a careful Perl redactor would:
# one regex per rule (the shapes and boundaries of patterns/*.yml), validators
# in Perl (ISO 7064 MOD 11-2 with province and birth date, IIN ranges + Luhn,
# IMEI Luhn + reporting body, MAC not all-zero/all-ff, IPv4 octets, IPv6
# through inet_pton), overlaps resolved leftmost, longest, then by priority,
# and every finding replaced by a keyed token TYPE_<keyid>_<digest>
# (HMAC-SHA256 over a canonical form of the value, Digest::SHA).
#
# A benchmark baseline, not a product: no context keys, no exclusion keys, no
# extended types, no actions other than hash.
#
#   baseline.pl -k KEYFILE < in > out          scrub the text
#   baseline.pl -k KEYFILE --findings < in     one JSON object per finding
#                                              {"type","offset","length","line"}
#
# Core Perl modules only. Reads stdin in blocks of about 1 MiB cut at a line
# end (no value spans a newline).
use strict;
use warnings;
use Digest::SHA qw(hmac_sha256);
use Socket qw(inet_pton AF_INET6);

my $BLOCK = 1 << 20;

my $NUM_LEFT = qr/(?:(?<![0-9])|(?<=%[0-9A-Fa-f][0-9]))(?<![A-Za-z0-9]_)(?<![A-Za-z0-9]_-)/;

# [type, priority, regex (left boundary, value, right boundary), validators]
my @RULES = (
    ['PHONE', 50,
     qr/(?:(?<![0-9])|(?<=%[0-9A-Fa-f][0-9]))
        (?:(?:\+|%2[Bb]|00)?86(?:[ -]|%20)?)?1[3-9][0-9]
        (?:[0-9]{8}|-[0-9]{4}-[0-9]{4}|\ [0-9]{4}\ [0-9]{4}|%20[0-9]{4}%20[0-9]{4})
        (?![0-9])/x, ['hexword']],
    ['CN_ID', 60,
     qr/$NUM_LEFT[1-8][0-9]{5}(?:19|20)[0-9]{9}[0-9Xx](?![0-9Xx])/, ['cn_id', 'hexword']],
    ['BANK_CARD', 40,
     qr/$NUM_LEFT(?:[2-6][0-9]{12,18}|81[0-9]{12,17})(?![0-9])/, ['luhn', 'iin', 'hexword']],
    ['BANK_CARD', 40,
     qr/$NUM_LEFT(?:[2-8][0-9]{3}\ [0-9]{4}\ [0-9]{4}\ [0-9]{1,4}(?:\ [0-9]{1,3})?
        |[2-8][0-9]{3}-[0-9]{4}-[0-9]{4}-[0-9]{1,4}(?:-[0-9]{1,3})?
        |3[47][0-9]{2}\ [0-9]{6}\ [0-9]{5}|3[47][0-9]{2}-[0-9]{6}-[0-9]{5})(?![0-9])/x,
     ['luhn', 'iin']],
    ['IMEI', 30,
     qr/$NUM_LEFT[0-9]{15}(?![0-9])/, ['luhn', 'tac', 'hexword']],
    ['IMEI', 30,
     qr/(?<![0-9])(?<![0-9][ -])
        (?:[0-9]{2}[ -][0-9]{6}[ -][0-9]{6}[ -][0-9]|[0-9]{6}[ -][0-9]{2}[ -][0-9]{6}[ -][0-9]
        |[0-9]{8}[ -][0-9]{6}[ -][0-9])(?![0-9])(?![ -][0-9])/x, ['luhn', 'tac']],
    ['MAC', 50,
     qr/(?<![0-9A-Fa-f:])(?<![0-9A-Fa-f][-.])
        (?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}
        |[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})
        (?![0-9A-Fa-f:])(?![-.][0-9A-Fa-f])/x, ['mac']],
    ['EMAIL', 70,
     qr/(?:(?<![A-Za-z0-9._+%-])|(?<=%[0-9A-Fa-f]{2}))
        [A-Za-z0-9._+-]+(?:@|%40)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?
        (?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]
        (?![A-Za-z0-9-])(?!\.[A-Za-z0-9])/x, ['maxlen320']],
    ['IPV4', 40,
     qr/(?<![0-9A-Za-z.~])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9])(?!\.[0-9])/,
     ['ipv4']],
    ['IPV6', 45,
     qr/(?<![0-9A-Za-z_:.*])
        (?:[0-9A-Fa-f]{1,4}:|:)(?:[0-9A-Fa-f]{0,4}:){1,7}
        (?:[0-9A-Fa-f]{1,4}|[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?:%[0-9A-Za-z._~-]+)?
        (?![0-9A-Za-z_:*])(?!\.[0-9])/x, ['ipv6']],
);

# --- validators --------------------------------------------------------------

sub luhn {
    my ($d) = @_;
    my ($sum, $odd) = (0, 0);
    for my $c (reverse split //, $d) {
        if ($odd) { $c *= 2; $c -= 9 if $c > 9 }
        $sum += $c;
        $odd = !$odd;
    }
    return $sum % 10 == 0;
}

sub iin {
    my ($d) = @_;
    my $n = length $d;
    return 0 if $n < 13 || $n > 19;
    my ($p2, $p3, $p4) = (substr($d, 0, 2), substr($d, 0, 3), substr($d, 0, 4));
    return $n >= 14 if $p2 == 62 || $p2 == 81;                     # UnionPay
    return ($n == 13 || $n == 16 || $n == 19) if substr($d, 0, 1) eq '4';   # Visa
    return $n == 16 if ($p2 >= 51 && $p2 <= 55) || ($p4 >= 2221 && $p4 <= 2720);
    return $n == 15 if $p2 == 34 || $p2 == 37;                     # Amex
    return $n >= 16 if $p4 >= 3528 && $p4 <= 3589;                 # JCB
    return $n >= 16 if $p4 == 6011 || ($p3 >= 644 && $p3 <= 649) || $p2 == 65;
    return ($n == 14 || $n == 16 || $n == 19)                      # Diners Club
        if ($p3 >= 300 && $p3 <= 305) || $p4 == 3095 || $p2 == 36 || $p2 == 38 || $p2 == 39;
    return 0;
}

my %TAC_RBI = map { $_ => 1 } (1, 10, 30, 33, 35, 44, 45, 49, 50, 51, 52, 53, 54, 86, 91, 98, 99);

sub tac { my ($d) = @_; return length($d) >= 14 && $TAC_RBI{0 + substr($d, 0, 2)} }

my %PROVINCES = map { $_ => 1 } (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
    41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83);
my @W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2);
my @MDAYS = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31);

sub cn_id {
    my ($v) = @_;
    return 0 unless $PROVINCES{substr($v, 0, 2)};
    my ($y, $m, $d) = (substr($v, 6, 4), substr($v, 10, 2), substr($v, 12, 2));
    return 0 if $y < 1900 || $m < 1 || $m > 12 || $d < 1 || $d > $MDAYS[$m];
    return 0 if $m == 2 && $d == 29 && !($y % 4 == 0 && ($y % 100 != 0 || $y % 400 == 0));
    my $s = 0;
    $s += substr($v, $_, 1) * $W[$_] for 0 .. 16;
    return substr('10X98765432', $s % 11, 1) eq uc substr($v, 17, 1);
}

# False when the value sits inside a longer all-hex word (trace id, digest).
sub not_in_hex_word {
    my ($buf, $s, $e) = @_;
    my ($l, $r) = ($s, $e);
    my $n = length $$buf;
    $l-- while $l > 0 && substr($$buf, $l - 1, 1) =~ /[A-Za-z0-9]/;
    $r++ while $r < $n && substr($$buf, $r, 1) =~ /[A-Za-z0-9]/;
    return 1 if $l == $s && $r == $e;
    my $w = substr($$buf, $l, $r - $l);
    $w =~ s/^0[xX]// if length $w > 2;
    return $w =~ /[^0-9A-Fa-f]/ ? 1 : 0;
}

sub mac {
    (my $h = lc $_[0]) =~ tr/0-9a-f//cd;
    return $h ne '0' x 12 && $h ne 'f' x 12;
}

sub ipv4 {
    for (split /\./, $_[0]) { return 0 if $_ > 255 }
    return 1;
}

sub ipv6 {
    my ($addr) = split /%/, $_[0], 2;
    my $n = length $addr;
    return 0 if $n < 2 || $n >= 64;
    return 0 unless $addr =~ /[0-9A-Fa-f]/;            # bare '::' is C++ scope
    my $colons = ($addr =~ tr/://);
    return 0 if index($addr, '::') < 0 && $colons != 7
        && !($colons == 6 && index($addr, '.') >= 0);  # clock time 10:23:45
    return defined inet_pton(AF_INET6, $addr) ? 1 : 0;
}

sub valid {
    my ($vals, $buf, $s, $e) = @_;
    my $v = substr($$buf, $s, $e - $s);
    my $d;
    for my $name (@$vals) {
        my $ok;
        if ($name eq 'luhn' || $name eq 'iin' || $name eq 'tac') {
            ($d = $v) =~ tr/0-9//cd unless defined $d;
            $ok = $name eq 'luhn' ? luhn($d) : $name eq 'iin' ? iin($d) : tac($d);
        }
        elsif ($name eq 'hexword')   { $ok = not_in_hex_word($buf, $s, $e) }
        elsif ($name eq 'cn_id')     { $ok = cn_id($v) }
        elsif ($name eq 'mac')       { $ok = mac($v) }
        elsif ($name eq 'ipv4')      { $ok = ipv4($v) }
        elsif ($name eq 'ipv6')      { $ok = ipv6($v) }
        elsif ($name eq 'maxlen320') { $ok = $e - $s <= 320 }
        else                         { die "validator $name" }
        return 0 unless $ok;
    }
    return 1;
}

# --- replacement -------------------------------------------------------------

sub b32 {    # RFC 4648 base32, lower case, no padding
    my $bits = unpack 'B*', $_[0];
    $bits .= '0' x ((5 - length($bits) % 5) % 5);
    return join '', map { ('a' .. 'z', '2' .. '7')[oct "0b$_"] } $bits =~ /(.{5})/g;
}

sub canonical {
    my ($t, $v) = @_;
    if ($t eq 'PHONE') {
        $v =~ s/%2[0Bb]//g;
        $v =~ tr/0-9//cd;
        return substr($v, -11);
    }
    if ($t eq 'BANK_CARD' || $t eq 'IMEI') { $v =~ tr/0-9//cd; return $v }
    return uc $v if $t eq 'CN_ID';
    if ($t eq 'MAC') { $v = lc $v; $v =~ tr/0-9a-f//cd; return $v }
    if ($t eq 'EMAIL') { $v =~ s/%40/@/; return lc $v }
    return lc $v if $t eq 'IPV6';
    return $v;
}

my ($keyfile, $findings);
while (@ARGV) {
    my $arg = shift @ARGV;
    if ($arg eq '-k' || $arg eq '--key-file') { $keyfile = shift @ARGV }
    elsif ($arg =~ /^--key-file=(.*)/)        { $keyfile = $1 }
    elsif ($arg eq '--findings')              { $findings = 1 }
    else { print STDERR "usage: baseline.pl -k KEYFILE [--findings] < in > out\n"; exit 2 }
}
defined $keyfile or do { print STDERR "baseline.pl: -k KEYFILE is required\n"; exit 2 };
open my $kf, '<:raw', $keyfile or do { print STDERR "baseline.pl: cannot read key file\n"; exit 2 };
my $key = do { local $/; <$kf> };
close $kf;
if (length $key < 32) { print STDERR "baseline.pl: key file too short\n"; exit 2 }
my $kid = substr(b32(substr(hmac_sha256('scrub-baseline key id', $key), 0, 5)), 0, 8);

sub token {
    my ($t, $v) = @_;
    my $dig = b32(substr(hmac_sha256("$t\0" . canonical($t, $v), $key), 0, 10));
    return "${t}_${kid}_" . substr($dig, 0, 16);
}

# Validated, non-overlapping findings: list of [start, end, type].
sub find {
    my ($buf) = @_;
    my @c;
    for my $i (0 .. $#RULES) {
        my ($t, $prio, $rx, $vals) = @{ $RULES[$i] };
        while ($$buf =~ /$rx/g) {
            my ($s, $e) = ($-[0], $+[0]);
            push @c, [$s, $e, $prio, $i, $t] if valid($vals, $buf, $s, $e);
        }
    }
    @c = sort { $a->[0] <=> $b->[0] || $b->[1] <=> $a->[1] || $b->[2] <=> $a->[2]
                || $a->[3] <=> $b->[3] } @c;
    my @out;
    my $last = 0;
    for (@c) {
        next if @out && $_->[0] < $last;
        push @out, $_;
        $last = $_->[1];
    }
    return \@out;
}

binmode STDIN;
binmode STDOUT;
my ($rest, $base, $line) = ('', 0, 1);

sub process {
    my ($buf) = @_;
    my $found = find(\$buf);
    if ($findings) {
        my $pos = 0;
        my $o = '';
        for (@$found) {
            my ($s, $e, undef, undef, $t) = @$_;
            $line += (substr($buf, $pos, $s - $pos) =~ tr/\n//);
            $pos = $s;
            $o .= sprintf qq({"type":"%s","offset":%d,"length":%d,"line":%d}\n),
                $t, $base + $s, $e - $s, $line;
        }
        $line += (substr($buf, $pos) =~ tr/\n//);
        print $o;
    }
    else {
        my $o = '';
        my $pos = 0;
        for (@$found) {
            my ($s, $e, undef, undef, $t) = @$_;
            $o .= substr($buf, $pos, $s - $pos) . token($t, substr($buf, $s, $e - $s));
            $pos = $e;
        }
        $o .= substr($buf, $pos);
        print $o;
    }
    $base += length $buf;
}

while (1) {
    my $got = read(STDIN, $rest, $BLOCK, length $rest);
    die "baseline.pl: read error\n" unless defined $got;
    if ($got == 0) {
        process($rest) if length $rest;
        last;
    }
    my $cut = rindex($rest, "\n") + 1;
    next if $cut == 0;
    my $buf = substr($rest, 0, $cut);
    $rest = substr($rest, $cut);
    process($buf);
}
close STDOUT or die "baseline.pl: write error\n";
exit 0;
