/* reload.c — SIGHUP: read the config files and the key files again and
 * build a new engine aside, while the old one goes on working. The
 * caller switches at a line boundary: what was given to the old engine
 * is finished by it (scrub_ctx_flush), the next byte goes to the new one,
 * so no byte is lost or scrubbed twice. A config or key that does not
 * load leaves the old engine in place, with one line on stderr. */
#include <stdio.h>

#include "cli.h"

scrub_engine *reload_poll(runtime *rt)
{
    if (!ops_take_hup())
        return NULL;
    char err[700];
    scrub_engine *neu = NULL;
    if (engine_build(rt, true, &neu, err, sizeof err)) {
        die_msg("reload failed, the running configuration stays: %s", err);
        metrics_reload(rt->m, false);
        return NULL;
    }
    metrics_reload(rt->m, true);
    notice_msg("reloaded config and key (%zu types), in effect from the "
               "next line", scrub_engine_type_count(neu));
    return neu;
}

void reload_switch(runtime *rt, scrub_engine *neu)
{
    scrub_engine_free(rt->eng);
    rt->eng = neu;
}
