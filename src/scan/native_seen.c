/* scan/native_seen.c — small sets of the native matcher: the (rule, end)
 * pairs a block has confirmed (an open-addressing hash set), the ends of
 * one walk of a typed value, and the exclusions' ends put aside. */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

static uint64_t key_of(unsigned ri, size_t end)
{
    return ((uint64_t)ri + 1) << 40 | (uint64_t)end; /* never 0 */
}

static size_t slot_of(uint64_t k, size_t cap)
{
    k *= 0x9E3779B97F4A7C15ull; /* Fibonacci hashing */
    return (size_t)(k >> 32) & (cap - 1);
}

static int grow(scan_state *st)
{
    size_t cap = st->capseen ? 2 * st->capseen : 1024;
    uint64_t *v = calloc(cap, sizeof *v), *old = st->seen;
    if (!v)
        return -1;
    for (size_t i = 0; i < st->capseen; i++) {
        if (!old[i])
            continue;
        size_t j = slot_of(old[i], cap);
        while (v[j])
            j = (j + 1) & (cap - 1);
        v[j] = old[i];
    }
    free(old);
    st->seen = v, st->capseen = cap;
    return 0;
}

int nat_seen_add(scan_state *st, unsigned ri, size_t end)
{
    if (2 * (st->nseen + 1) > st->capseen && grow(st))
        return -1;
    uint64_t k = key_of(ri, end);
    size_t j = slot_of(k, st->capseen);
    for (; st->seen[j]; j = (j + 1) & (st->capseen - 1))
        if (st->seen[j] == k)
            return 0;
    st->seen[j] = k;
    st->nseen++;
    return 1;
}

void nat_seen_clear(scan_state *st)
{
    if (st->nseen)
        memset(st->seen, 0, st->capseen * sizeof *st->seen);
    st->nseen = 0;
}

int nat_ends_push(scan_state *st, unsigned ri, size_t end)
{
    if (st->nnends == st->capnends) {
        size_t cap = st->capnends ? 2 * st->capnends : 64;
        nat_end *v = realloc(st->nends, cap * sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        st->nends = v, st->capnends = cap;
    }
    st->nends[st->nnends++] = (nat_end){ri, end, 0};
    return SCRUB_OK;
}

int nat_defer(scan_state *st, unsigned ri, size_t end, size_t floor)
{
    if (st->ndefer == st->capdefer) {
        size_t cap = st->capdefer ? 2 * st->capdefer : 256;
        nat_end *v = realloc(st->defer, cap * sizeof *v);
        if (!v)
            return SCRUB_E_NOMEM;
        st->defer = v, st->capdefer = cap;
    }
    st->defer[st->ndefer++] = (nat_end){ri, end, floor};
    return SCRUB_OK;
}
