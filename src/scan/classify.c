/* scan/classify.c — the classification kernels (classify.h). */
#include <string.h>

#include "scan/classify.h"

static void classify_scalar(const char *p, size_t n, nat_masks *m)
{
    memset(m, 0, sizeof *m);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        uint64_t bit = (uint64_t)1 << i;
        bool dig = c >= '0' && c <= '9';
        bool alpha = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        m->digit |= dig ? bit : 0;
        m->word |= dig || alpha || c == '_' ? bit : 0;
        m->sep |= c == ':' || c == '=' || c == '>' || c == '%' || c == 0xEF
                      ? bit
                      : 0;
        m->colon |= c == ':' ? bit : 0;
        m->hex |= dig || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') ? bit : 0;
        m->upper |= c >= 'A' && c <= 'Z' ? bit : 0;
        m->mac |= c == ':' || c == '-' || c == '.' ? bit : 0;
        m->space |= c == ' ' ? bit : 0;
        m->at |= c == '@' || c == '\\' ? bit : 0;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

__attribute__((target("avx2"))) static uint64_t
eq2(__m256i lo, __m256i hi, char c)
{
    __m256i k = _mm256_set1_epi8(c);
    uint32_t a = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, k));
    uint32_t b = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, k));
    return (uint64_t)b << 32 | a;
}

/* Bytes in [a, b] (signed compare after a bias: unsigned ranges). */
__attribute__((target("avx2"))) static uint64_t
range2(__m256i lo, __m256i hi, unsigned char a, unsigned char b)
{
    __m256i bias = _mm256_set1_epi8((char)0x80);
    __m256i ka = _mm256_set1_epi8((char)(a ^ 0x80));
    __m256i kb = _mm256_set1_epi8((char)(b ^ 0x80));
    __m256i l = _mm256_xor_si256(lo, bias), h = _mm256_xor_si256(hi, bias);
    __m256i ol = _mm256_or_si256(_mm256_cmpgt_epi8(ka, l),
                                 _mm256_cmpgt_epi8(l, kb));
    __m256i oh = _mm256_or_si256(_mm256_cmpgt_epi8(ka, h),
                                 _mm256_cmpgt_epi8(h, kb));
    uint32_t x = (uint32_t)_mm256_movemask_epi8(ol);
    uint32_t y = (uint32_t)_mm256_movemask_epi8(oh);
    return ~((uint64_t)y << 32 | x);
}

__attribute__((target("avx2"))) static void
classify_avx2(const char *p, size_t n, nat_masks *m)
{
    char tmp[64];
    if (n < 64) {
        memset(tmp, 0, sizeof tmp);
        memcpy(tmp, p, n);
        p = tmp;
    }
    __m256i lo = _mm256_loadu_si256((const __m256i *)p);
    __m256i hi = _mm256_loadu_si256((const __m256i *)(p + 32));
    __m256i fold = _mm256_set1_epi8(0x20);
    __m256i flo = _mm256_or_si256(lo, fold), fhi = _mm256_or_si256(hi, fold);
    m->digit = range2(lo, hi, '0', '9');
    m->word = m->digit | range2(flo, fhi, 'a', 'z') | eq2(lo, hi, '_');
    m->colon = eq2(lo, hi, ':');
    m->sep = m->colon | eq2(lo, hi, '=') | eq2(lo, hi, '>') |
             eq2(lo, hi, '%') | eq2(lo, hi, (char)0xEF);
    m->hex = m->digit | range2(flo, fhi, 'a', 'f');
    m->upper = range2(lo, hi, 'A', 'Z');
    m->mac = m->colon | eq2(lo, hi, '-') | eq2(lo, hi, '.');
    m->space = eq2(lo, hi, ' ');
    m->at = eq2(lo, hi, '@') | eq2(lo, hi, '\\');
    uint64_t keep = n < 64 ? ((uint64_t)1 << n) - 1 : ~(uint64_t)0;
    m->digit &= keep, m->word &= keep, m->sep &= keep, m->colon &= keep;
    m->hex &= keep, m->upper &= keep, m->mac &= keep, m->space &= keep;
    m->at &= keep;
}

__attribute__((target("avx512f,avx512bw"))) static void
classify_avx512(const char *p, size_t n, nat_masks *m)
{
    __mmask64 keep = n < 64 ? ((uint64_t)1 << n) - 1 : ~(uint64_t)0;
    __m512i v = _mm512_maskz_loadu_epi8(keep, p);
    __m512i f = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
    __mmask64 dig = _mm512_cmpge_epu8_mask(v, _mm512_set1_epi8('0')) &
                    _mm512_cmple_epu8_mask(v, _mm512_set1_epi8('9'));
    __mmask64 alpha = _mm512_cmpge_epu8_mask(f, _mm512_set1_epi8('a')) &
                      _mm512_cmple_epu8_mask(f, _mm512_set1_epi8('z'));
    __mmask64 colon = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(':'));
    m->digit = dig & keep;
    m->word = (dig | alpha | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('_'))) &
              keep;
    m->colon = colon & keep;
    m->hex = (dig | (_mm512_cmpge_epu8_mask(f, _mm512_set1_epi8('a')) &
                     _mm512_cmple_epu8_mask(f, _mm512_set1_epi8('f')))) &
             keep;
    m->upper = _mm512_cmpge_epu8_mask(v, _mm512_set1_epi8('A')) &
               _mm512_cmple_epu8_mask(v, _mm512_set1_epi8('Z')) & keep;
    m->mac = (colon | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('-')) |
              _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('.'))) &
             keep;
    m->space = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(' ')) & keep;
    m->at = (_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('@')) |
             _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'))) &
            keep;
    m->sep = (colon | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('=')) |
              _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('>')) |
              _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('%')) |
              _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8((char)0xEF))) &
             keep;
}
#endif

typedef void (*classify_fn)(const char *, size_t, nat_masks *);

static const struct kernel {
    const char *name;
    classify_fn fn;
} kernels[] = {
#if defined(__x86_64__) && defined(__GNUC__)
    {"avx512", classify_avx512},
    {"avx2", classify_avx2},
#endif
    {"scalar", classify_scalar},
};

static bool cpu_has(const char *name)
{
#if defined(__x86_64__) && defined(__GNUC__)
    __builtin_cpu_init();
    if (!strcmp(name, "avx512"))
        return __builtin_cpu_supports("avx512bw");
    if (!strcmp(name, "avx2"))
        return __builtin_cpu_supports("avx2");
#endif
    return !strcmp(name, "scalar");
}

/* The best kernel this CPU runs, chosen on first use (any thread may
 * race to it: every one chooses the same). */
static const struct kernel *chosen(void)
{
    static const struct kernel *k;
    const struct kernel *c = __atomic_load_n(&k, __ATOMIC_ACQUIRE);
    if (c)
        return c;
    for (c = kernels; !cpu_has(c->name); c++)
        ;
    __atomic_store_n(&k, c, __ATOMIC_RELEASE);
    return c;
}

void nat_classify(const char *p, size_t n, nat_masks *m)
{
    chosen()->fn(p, n, m);
}

const char *nat_kernel_name(void) { return chosen()->name; }

bool nat_classify_with(const char *kernel, const char *p, size_t n,
                       nat_masks *m)
{
    for (size_t i = 0; i < sizeof kernels / sizeof *kernels; i++)
        if (!strcmp(kernels[i].name, kernel) && cpu_has(kernel)) {
            kernels[i].fn(p, n, m);
            return true;
        }
    return false;
}
