/* stream/buffer.c — scrub_buffer(): one buffer in, its scrubbed copy out,
 * through a context of its own. */
#include <stdlib.h>

#include "stream/ctx.h"

static int to_sbuf(void *opaque, const char *data, size_t len)
{
    return sbuf_put(opaque, data, len);
}

int scrub_buffer(const scrub_engine *eng, const void *in, size_t len,
                 char **out, size_t *out_len, scrub_finding_fn fn,
                 void *opaque)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!eng || !out || (!in && len))
        return SCRUB_E_ARG;
    scrub_ctx *c = scrub_ctx_new(eng);
    if (!c)
        return SCRUB_E_NOMEM;
    sbuf b = {0};
    scrub_ctx_set_output(c, to_sbuf, &b);
    scrub_ctx_set_findings(c, fn, opaque);
    int rc = scrub_ctx_write(c, in, len);
    if (!rc)
        rc = scrub_ctx_finish(c);
    scrub_ctx_free(c);
    if (!rc)
        rc = sbuf_putc(&b, '\0'); /* a C string too; not counted */
    if (rc) {
        sbuf_wipe(&b); /* what was written may be a part only */
        return rc;
    }
    *out = b.p;
    if (out_len)
        *out_len = b.len - 1;
    return SCRUB_OK;
}
